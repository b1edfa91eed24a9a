"""Lesson 14: the exercise checks of the two-layer network by hand.

Students write the five parts of l14_network (forward, softmax, loss, backward,
update; formulas there).  Each check compares the student's part with nnlib's
own ``Network`` on the same weights (Dense layers with W, b copied in,
``net.backprop``), the backward pass also with finite differences
(``nnlib.numerical_gradient`` through l14_babysitting), and names the typical
bug when the answer equals a known wrong version: no bias, no activation,
softmax without the max trick or along the wrong axis, the sum instead of the
mean, a missing minus sign, 1/N forgotten, 1 subtracted in whole columns,
f' taken at A1, dW transposed, the wrong axis for db, the step uphill.
"""

from __future__ import annotations

import numpy as np

from .. import activations
from ..activations import softmax as _softmax
from ..losses import cross_entropy
from ._engine import as_real_array, call, exercise_check, fresh, verdict
from .l14_babysitting import gradient_errors
from .l14_network import as_network, forward, softmax, update

LESSON = 14
__all__ = ["two_layer_forward", "two_layer_softmax", "two_layer_loss", "two_layer_backward",
           "two_layer_update"]


# ---------------------------------------------------------------- checks


def _case(act, rng=14, N=6, D=2, H=5, K=3):
    rng = np.random.default_rng(rng)
    X, y = rng.normal(size=(N, D)), rng.integers(0, K, N)
    params = (rng.normal(size=(D, H)), rng.normal(size=H) * 0.5, rng.normal(size=(H, K)),
              rng.normal(size=K) * 0.5)
    return X, y, params, activations.get(act)


def _parts(fn, args, label, names, wants, hints, strict):
    """Compare fn(*args) part by part with wants; a wrong part that equals the
    same part of a hint function's output gets that hint's text."""
    with np.errstate(all="ignore"):
        got, error = call(fn, args, label)
    if error:
        return verdict(False, error, strict)
    single = len(names) == 1
    if single:
        got = (got,)
    elif not isinstance(got, (tuple, list)) or len(got) != len(names):
        return verdict(False, f"{label}: return {len(names)} values ({', '.join(names)}), "
                       f"got {type(got).__name__} {got!r:.60}.", strict)
    arrays = []
    for name, g, w in zip(names, got, wants):
        arr, error = as_real_array(g, name, w)
        if error:
            return verdict(False, f"{label}: {error}", strict)
        arrays.append(arr)
    for i, (name, g, w) in enumerate(zip(names, arrays, wants)):
        w = np.asarray(w, dtype=float)
        if g.shape == w.shape and np.allclose(g, w, rtol=1e-6, atol=1e-9):
            continue
        for wrong_fn, text in hints:
            with np.errstate(all="ignore"):
                try:
                    wrong = wrong_fn(*fresh(args))
                except Exception:  # noqa: BLE001 — a hint that does not apply here
                    continue
            wi = np.asarray(wrong if single else wrong[i], dtype=float)
            if wi.shape == g.shape and np.allclose(g, wi, rtol=1e-6, atol=1e-9,
                                                   equal_nan=True):
                where = label if single else f"{label}: {name}"
                return verdict(False, f"{where}: {text}", strict)
        if g.shape != w.shape:
            return verdict(False, f"{label}: {name} has shape {g.shape}, expected {w.shape}.",
                           strict)
        if not np.all(np.isfinite(g)):
            return verdict(False, f"{label}: {name} holds NaN or inf.", strict)
        return verdict(False, f"{label}: {name} has the right shape but wrong values (largest "
                       f"difference {np.abs(g - w).max():.3g}).", strict)
    return None


@exercise_check
def two_layer_forward(fn, strict=False):
    """Lesson 14: fn(X, W1, b1, W2, b2, f) must return (Z1, A1, scores)."""
    hints = [(lambda X, W1, b1, W2, b2, f: (X @ W1, f(X @ W1), f(X @ W1) @ W2),
              "the biases are missing: Z1 = X W1 + b1 and scores = A1 W2 + b2."),
             (lambda X, W1, b1, W2, b2, f: (X @ W1 + b1, X @ W1 + b1, (X @ W1 + b1) @ W2 + b2),
              "A1 must be f(Z1): the hidden activation is missing."),
             (lambda X, W1, b1, W2, b2, f: forward(X, W1, b1, W2, b2, f)[:2]
              + (f(forward(X, W1, b1, W2, b2, f)[2]),),
              "the scores are the raw A1 W2 + b2: no activation on the output layer."),
             (lambda X, W1, b1, W2, b2, f: forward(X, W1, b1, W2, b2, f)[:2]
              + (softmax(forward(X, W1, b1, W2, b2, f)[2]),),
              "return the raw scores here; softmax is the next step.")]
    for act in ("relu", "tanh"):
        X, y, params, f = _case(act)
        net = as_network(params, f)
        net.forward(X)
        top = net.layers[1]
        want = (net.layers[0].Z, net.layers[0].A, top.Z)
        bad = _parts(fn, (X, *params, f), "forward", ("Z1", "A1", "scores"), want, hints,
                     strict)
        if bad is not None:
            return bad
    return verdict(True, "forward: Z1, A1 and the scores match nnlib's Network on the same "
                   "weights (relu and tanh).", strict)


def _naive(S):
    e = np.exp(S)
    return e / e.sum(axis=1, keepdims=True)


@exercise_check
def two_layer_softmax(fn, strict=False):
    """Lesson 14: fn(scores) must return the row-wise softmax, stable for large scores."""
    rng = np.random.default_rng(3)
    S = rng.normal(size=(4, 3))
    big = np.array([[1000.0, 999.0, 990.0], [-1000.0, -1001.0, -1010.0], [5.0, 0.0, -5.0],
                    [800.0, 0.0, -800.0]])
    hints = [(_naive, "exp overflows for large scores: subtract each row's maximum first "
              "(it cancels in the ratio)."),
             (lambda S: np.exp(S - S.max()) / np.exp(S - S.max()).sum(axis=1, keepdims=True),
              "subtract each row's own maximum (S.max(axis=1, keepdims=True)), not the "
              "maximum of the whole array."),
             (lambda S: np.exp(S) / np.exp(S).sum(axis=0, keepdims=True),
              "normalise each row (axis=1): the probabilities of one sample sum to 1."),
             (lambda S: np.exp(S - S.max(axis=1, keepdims=True))
              / np.exp(S - S.max(axis=1, keepdims=True)).sum(axis=0, keepdims=True),
              "normalise each row (axis=1): the probabilities of one sample sum to 1.")]
    for scores in (S, big):
        bad = _parts(fn, (scores,), "softmax", ("probs",), (_softmax(scores, axis=1),), hints,
                     strict)
        if bad is not None:
            return bad
    return verdict(True, "softmax matches nnlib.softmax, also for scores of ±1000.", strict)


@exercise_check
def two_layer_loss(fn, strict=False):
    """Lesson 14: fn(probs, y) must return the mean cross-entropy (a float)."""
    rng = np.random.default_rng(5)
    probs, y = _softmax(rng.normal(size=(6, 3)), axis=1), rng.integers(0, 3, 6)
    pick = lambda P, y: P[np.arange(len(y)), y]  # noqa: E731
    hints = [(lambda P, y: -np.sum(np.log(pick(P, y))), "that is the sum; divide by N "
              "(the mean over the samples)."),
             (lambda P, y: np.mean(np.log(pick(P, y))), "the minus sign is missing: "
              "L = -mean(log p of the true class)."),
             (lambda P, y: -np.mean(np.log(P)), "take only the true class's probability of "
              "each row, P[np.arange(N), y]."),
             (lambda P, y: -np.mean(np.log(P[:, y])), "P[:, y] picks a whole (N, N) block; "
              "the true class of row n is P[np.arange(N), y]."),
             (lambda P, y: -np.log(pick(P, y)), "return one number, the mean over the samples.")]
    bad = _parts(fn, (probs, y), "loss", ("loss",), (cross_entropy(probs, y),), hints, strict)
    return bad if bad is not None else verdict(True, "loss matches nnlib's cross_entropy.", strict)


def _wrong_backward(kind):
    def wrong(X, y, Z1, A1, probs, W2, f):
        N = len(y)
        dS = probs.copy()
        if kind == "column":
            dS[:, y] -= 1
        elif kind == "argmax":
            dS[np.arange(N), probs.argmax(axis=1)] -= 1
        else:
            dS[np.arange(N), y] -= 1
        if kind != "no 1/N":
            dS = dS / N
        dA1 = dS @ W2.T
        dZ1 = {"output": dA1 * f.derivative(A1), "no f'": dA1}.get(kind, dA1 * f.derivative(Z1))
        dW1, dW2 = X.T @ dZ1, A1.T @ dS
        if kind == "transposed":
            dW1, dW2 = dW1.T, dW2.T
        axis = 1 if kind == "axis" else 0
        return dW1, dZ1.sum(axis=axis), dW2, dS.sum(axis=axis)
    return wrong


_BACKWARD_HINTS = [
    ("no 1/N", "you forgot the 1/N: the loss is a mean, so dscores = (P - onehot(y)) / N."),
    ("column", "subtract 1 only at each row's true class, dscores[np.arange(N), y] -= 1 "
     "(dscores[:, y] hits whole columns)."),
    ("argmax", "subtract 1 at the true class y, not at the predicted class."),
    ("output", "f' must be taken at the pre-activation Z1, not at the output A1 (for relu "
     "this happens to agree; for tanh it does not)."),
    ("no f'", "the hidden activation's derivative is missing: dZ1 = dA1 * f'(Z1)."),
    ("transposed", "dW is transposed: it has W's shape, dW1 = Xᵀ dZ1 and dW2 = A1ᵀ dscores."),
    ("axis", "sum the bias gradients over the samples (axis=0), not over the units."),
]


@exercise_check
def two_layer_backward(fn, strict=False):
    """Lesson 14: fn(X, y, Z1, A1, probs, W2, f) must return (dW1, db1, dW2, db2)."""
    names = ("dW1", "db1", "dW2", "db2")
    hints = [(_wrong_backward(k), text) for k, text in _BACKWARD_HINTS]
    worst = 0.0
    for act in ("relu", "tanh"):
        X, y, params, f = _case(act)
        net = as_network(params, f)
        net.backprop(X, y, loss="cross_entropy")
        Z1, A1, scores = forward(X, *params, f)
        args = (X, y, Z1, A1, softmax(scores), params[2], f)
        bad = _parts(fn, args, "backward", names, net.gradients(), hints, strict)
        if bad is not None:
            if "raised" in bad.message:
                print(f"  (shapes: X {X.shape}, Z1 {Z1.shape}, probs {scores.shape}, W2 "
                      f"{params[2].shape}; each gradient has its parameter's shape)")
            return bad
        worst = max(worst, max(gradient_errors(X, y, params, f, fn)))
    if worst > 1e-6:
        return verdict(False, f"backward: finite differences disagree (relative error "
                       f"{worst:.1e}).", strict)
    return verdict(True, "backward matches nnlib's Network.backprop on the same weights (relu "
                   f"and tanh) and finite differences (relative error {worst:.1e}).", strict)


@exercise_check
def two_layer_update(fn, strict=False):
    """Lesson 14: fn(params, grads, lr) must return the new (W1, b1, W2, b2)."""
    _, _, params, _ = _case("relu")
    grads = _case("tanh", rng=2)[2]
    hints = [(lambda p, g, lr: tuple(a + lr * b for a, b in zip(p, g)),
              "the step goes against the gradient: p - lr * dp, not +."),
             (lambda p, g, lr: tuple(a - b for a, b in zip(p, g)),
              "multiply the gradient by the learning rate lr.")]
    bad = _parts(fn, (params, grads, 0.3), "update", ("W1", "b1", "W2", "b2"),
                 update(params, grads, 0.3), hints, strict)
    if bad is not None:
        return bad
    return verdict(True, "update: every parameter moved by -lr * its gradient, and the inputs "
                   "are unchanged.", strict)
