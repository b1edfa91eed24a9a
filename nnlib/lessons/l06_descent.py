"""Lesson 06: gradient descent and momentum: its computations and exercise checks.

The valley is the quadratic L(w) = (c1 w1^2 + c2 w2^2) / 2 with curvatures
c = (c1, c2); its condition number is kappa = max(c) / min(c).  Heavy-ball
momentum (the rule of nnlib.Momentum), with beta = 0 plain gradient descent:

    v <- beta v + grad L(w),     w <- w - lr v.

Along a direction of curvature c one step maps (w, v) linearly:

    [w']   [1 - lr c   -lr beta] [w]
    [v'] = [   c         beta  ] [v]

so the eigenvalues of that 2x2 matrix decide everything: the largest modulus
rho is the factor by which the error shrinks per step (rho >= 1: divergent),
complex eigenvalues mean the path rings (under-damped), two equal real ones
critically damped, two distinct positive real ones over-damped, a negative
dominant one a zigzag that overshoots the minimum every step.
"""

from __future__ import annotations

import numpy as np

from ..optim import Optimizer
from ._engine import compare, exercise_check

LESSON = 6
__all__ = ['gd_step', 'momentum_step']

#: curvatures of the lesson's valley (condition number 25) and its start
VALLEY = (1.0, 25.0)
START = (-4.0, 1.0)
#: |w| beyond this counts as diverged; the path stops there
BLOW_UP = 1e6
#: |beta - beta_critical| below this counts as critically damped
CRITICAL_TOL = 0.01


def valley_loss(w, curv=VALLEY):
    """L(w) = sum_i c_i w_i^2 / 2 for w of shape (..., 2); returns shape (...)."""
    w = np.asarray(w, dtype=float)
    return 0.5 * np.sum(np.asarray(curv) * w ** 2, axis=-1)


def valley_gradient(w, curv=VALLEY):
    """grad L(w) = c * w (elementwise), shape (2,)."""
    return np.asarray(curv) * np.asarray(w, dtype=float)


def condition_number(curv=VALLEY):
    """kappa = largest curvature / smallest curvature."""
    return float(max(curv) / min(curv))


def descent_run(lr, beta=0.0, steps=60, curv=VALLEY, start=START):
    """Heavy-ball momentum (beta = 0: plain gradient descent) on the valley.

    Returns (path (n + 1, 2), losses (n + 1,)); n = steps, or fewer when |w|
    passes BLOW_UP (the run diverged and stops there)."""
    w, v = np.array(start, dtype=float), np.zeros(2)
    path = [w.copy()]
    for _ in range(steps):
        v = beta * v + valley_gradient(w, curv)
        w = w - lr * v
        path.append(w.copy())
        if np.abs(w).max() > BLOW_UP:
            break
    path = np.array(path)
    return path, valley_loss(path, curv)


def step_matrix(lr, beta, c):
    """The 2x2 matrix that maps (w, v) to (w', v') along curvature c."""
    return np.array([[1 - lr * c, -lr * beta], [c, beta]])


def critical_beta(lr, c):
    """The beta at which the two eigenvalues meet: (1 - sqrt(lr c))^2 (for lr c <= 4)."""
    return (1 - np.sqrt(lr * c)) ** 2


def regime(lr, beta, c):
    """(name, rho) for one direction of curvature c, named from the eigenvalues
    of ``step_matrix``: divergent, under-damped, critically damped,
    over-damped or zigzag; rho = their largest modulus (error factor per step)."""
    eig = np.linalg.eigvals(step_matrix(lr, beta, c))
    rho = float(np.max(np.abs(eig)))
    lead = eig[np.argmax(np.abs(eig))]
    if rho >= 1:
        name = "divergent"
    elif beta > 0 and lr * c < 4 and abs(beta - critical_beta(lr, c)) < CRITICAL_TOL:
        name = "critically damped"
    elif np.max(np.abs(eig.imag)) > 1e-12:
        name = "under-damped"
    elif lead.real < 0:
        name = "zigzag"
    else:
        name = "over-damped"
    return name, rho


def valley_report(lr, beta, steps=60, curv=VALLEY):
    """Everything the momentum explorer shows, for one (lr, beta).

    Returns a dict: kappa, the paths and loss curves of plain GD and of
    momentum, the regime and rho of each direction for both, their final
    losses and which one ends lower."""
    out = {"kappa": condition_number(curv), "steps": steps}
    for key, b in (("gd", 0.0), ("momentum", beta)):
        path, losses = descent_run(lr, b, steps, curv)
        out[key] = {"path": path, "loss": losses, "final": float(losses[-1]),
                    "diverged": len(path) <= steps or not np.isfinite(losses[-1])
                    or losses[-1] > losses[0],
                    "regimes": [regime(lr, b, c) for c in curv]}
    out["momentum_ahead"] = (not out["momentum"]["diverged"]
                             and out["momentum"]["final"] < out["gd"]["final"])
    return out


class Tracked(Optimizer):
    """Wraps an optimizer and records all parameters (flat) after every step,
    so ``Network.fit`` itself draws the path: ``Tracked(SGD(lr=0.1))``."""

    def __init__(self, optimizer):
        self.optimizer, self.trace, self.name = optimizer, [], optimizer.name

    @property
    def lr(self):
        return self.optimizer.lr

    def reset(self):
        self.optimizer.reset()
        self.trace = []

    def step(self, net):
        self.optimizer.step(net)
        self.trace.append(np.concatenate([p.ravel() for p in net.parameters()]))


def regression_paths(batch_size=8, epochs=15, lr=0.1, beta=0.9, rng=0):
    """(w, b) after every step of a one-neuron linear regression on
    y = 2x + 1 + noise (64 points), trained by ``Network.fit`` three ways, all
    at the same lr: full-batch SGD, mini-batch SGD, full-batch Momentum(beta).
    Returns {name: array (steps + 1, 2)}."""
    from ..layers import Dense
    from ..network import Network
    from ..optim import SGD, Momentum

    gen = np.random.default_rng(rng)
    x = gen.uniform(-1, 1, 64)
    y = 2 * x + 1 + gen.normal(0, 0.3, 64)
    runs = {"full batch": (SGD(lr=lr), None), "mini-batch": (SGD(lr=lr), batch_size),
            "momentum": (Momentum(lr=lr, beta=beta), None)}
    paths = {}
    for name, (opt, bs) in runs.items():
        net = Network([Dense(1, 1, "linear", init="zeros")])
        tracked = Tracked(opt)
        net.fit(x[:, None], y, loss="mse", optimizer=tracked, epochs=epochs, batch_size=bs,
                rng=gen)
        paths[name] = np.array([(0.0, 0.0)] + [tuple(t) for t in tracked.trace])
    return paths


@exercise_check
def gd_step(fn, strict=False):
    """Lesson 06: fn(w, grad, lr) must return w - lr grad."""
    w, g = np.array([1.0, -2.0, 0.5]), np.array([0.3, -1.0, 2.0])
    return compare(fn, lambda w, g, lr: w - lr * g, [(w, g, 0.1), (w, g, 0.7)], "new w",
                   hints=[(lambda w, g, lr: w + lr * g, "that climbs the hill: subtract the "
                           "gradient."),
                          (lambda w, g, lr: w - g, "scale the step by the learning rate."),
                          (lambda w, g, lr: -lr * g, "return the new weights, not only the "
                           "step.")], strict=strict)


def _momentum(w, v, g, lr, beta):
    v_new = beta * v + g
    return w - lr * v_new, v_new


@exercise_check
def momentum_step(fn, strict=False):
    """Lesson 06: fn(w, v, grad, lr, beta) must return (w_new, v_new) with
    v_new = beta v + grad and w_new = w - lr v_new (nnlib.Momentum's form)."""
    w, v, g = np.array([1.0, -2.0]), np.array([0.5, 0.1]), np.array([0.3, -1.0])
    return compare(fn, _momentum, [(w, v, g, 0.1, 0.9), (w, v, g, 0.5, 0.5)],
                   "momentum_step", parts=("w_new", "v_new"), hints=[
                       (lambda w, v, g, lr, b: (w - lr * v, b * v + g),
                        "update v first, then move w with the NEW velocity."),
                       (lambda w, v, g, lr, b: (w - lr * (b * v + (1 - b) * g),
                                                b * v + (1 - b) * g),
                        "that is the EMA form v = beta v + (1 - beta) grad. It is the same "
                        "method with lr scaled by 1/(1 - beta); this lesson (and "
                        "nnlib.Momentum) accumulates v = beta v + grad."),
                       (lambda w, v, g, lr, b: (w + (b * v - lr * g), b * v - lr * g),
                        "that is the CS231n form v = beta v - lr grad; w = w + v, where v is "
                        "the step itself. Here v accumulates gradients: v = beta v + grad, "
                        "w = w - lr v."),
                       (lambda w, v, g, lr, b: (w - lr * (b * v - g), b * v - g),
                        "the velocity accumulates +grad; the minus sign belongs to the w step."),
                       (lambda w, v, g, lr, b: (w - lr * g, b * v + g),
                        "w must move by the velocity, not by the raw gradient.")],
                   strict=strict)
