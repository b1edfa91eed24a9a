"""Lesson 02: activation functions: its computations and exercise checks.

Computations (the numbers behind the lesson's tables and its explorer):

    saturated(f, z)          |f'(z)| <= 5 % of max |f'| (where almost no gradient passes)
    naive_sigmoid(z)         1 / (1 + e^-z)           overflows for z < -709.8
    tanh_sigmoid(z)          (1 + tanh(z / 2)) / 2    exactly 0 for z <= -38
    activation_costs(z)      median seconds of f(z) and f'(z) per registered activation
    dead_units(layer, X)     relu units with z <= 0 on every row of X
    revival(...)             dead units per layer before and after training
"""

from __future__ import annotations

import timeit
import warnings

import numpy as np

from .. import activations as _act
from ._engine import call, compare, exercise_check, verdict

LESSON = 2
__all__ = ['sigmoid_derivative', 'relu_derivative', 'stable_sigmoid']


def saturated(activation, z, fraction=0.05):
    """Boolean mask of z where |f'(z)| <= fraction * max |f'(z)| (flat regions);
    an activation whose f' is 0 everywhere (sign) is flat everywhere."""
    d = np.abs(_act.get(activation).derivative(z))
    return d <= fraction * d.max()


def naive_sigmoid(z):
    """sigma(z) = 1 / (1 + e^-z) as written: e^-z overflows to inf for z < -709.8
    (numpy warns; the result is then 0). Warnings are left on purpose."""
    return 1.0 / (1.0 + np.exp(-np.asarray(z, dtype=float)))


def tanh_sigmoid(z):
    """sigma(z) = (1 + tanh(z / 2)) / 2: no warning, but 1 + tanh(z/2) cancels to
    exactly 0 for z <= -38, so the left tail is lost (sigma(-40) ~ 4.25e-18)."""
    return 0.5 * (1.0 + np.tanh(0.5 * np.asarray(z, dtype=float)))


def relative_error(got, want):
    """|got - want| / |want| elementwise (want nonzero)."""
    return np.abs(np.asarray(got) - want) / np.abs(want)


def timed(fn, number=3):
    """Seconds per call of fn(), over ``number`` calls (one timing)."""
    return timeit.timeit(fn, number=number) / number


def activation_costs(z, repeats=5, number=3):
    """{name: (seconds of f(z), seconds of f'(z))} for every registered activation:
    the median over ``repeats`` timings of ``number`` calls each, per call."""
    def median_time(fn):
        return float(np.median(timeit.repeat(fn, number=number, repeat=repeats))) / number

    return {name: (median_time(lambda f=f: f(z)), median_time(lambda f=f: f.derivative(z)))
            for name, f in ((n, _act.get(n)) for n in _act.names())}


def dead_units(layer, X):
    """Boolean (n_out,): units of a relu layer whose z = X W + b is <= 0 for every
    row of X; they output 0 and pass no gradient to their own W and b."""
    return np.all(layer.forward(np.asarray(X, dtype=float), cache=False) <= 0, axis=0)


def kill_units(layer, X, units, margin=0.05):
    """Shift the biases of ``units`` so that their largest z over X is -margin:
    just dead on X (in place; returns the layer)."""
    Z = np.asarray(X, dtype=float) @ layer.W + layer.b
    layer.b[units] -= Z[:, units].max(axis=0) + margin
    return layer


def revival(X, y, hidden=16, n_dead=6, epochs=200, lr=0.5, rng=0):
    """A relu 2-h-h-2 net with ``n_dead`` units of each hidden layer made just dead
    on X, then trained (SGD, full batch). Returns {layer: (dead before, dead after,
    max |change| of the dead units' incoming weights)} for layers 1 and 2."""
    from ..layers import Dense
    from ..network import Network
    from ..optim import SGD

    net = Network([Dense(2, hidden, "relu", rng=rng), Dense(hidden, hidden, "relu", rng=rng + 1),
                   Dense(hidden, 2, "softmax", rng=rng + 2)])
    units = np.arange(n_dead)
    kill_units(net.layers[0], X, units)
    kill_units(net.layers[1], net.layers[0].forward(X, cache=False), units)
    inputs = [X, net.layers[0].forward(X, cache=False)]
    before = [dead_units(layer, a) for layer, a in zip(net.layers[:2], inputs)]
    W0 = [layer.W[:, units].copy() for layer in net.layers[:2]]
    net.fit(X, y, optimizer=SGD(lr=lr), epochs=epochs)
    inputs = [X, net.layers[0].forward(X, cache=False)]
    after = [dead_units(layer, a) for layer, a in zip(net.layers[:2], inputs)]
    return {k + 1: (int(before[k][units].sum()), int(after[k][units].sum()),
                    float(np.abs(net.layers[k].W[:, units] - W0[k]).max())) for k in range(2)}


# === exercise checks =========================================================

@exercise_check
def sigmoid_derivative(fn, strict=False):
    """Lesson 02: fn(z) must return sigma'(z) = sigma(z)(1 - sigma(z))."""
    s = _act.sigmoid
    z = np.linspace(-6, 6, 25)
    return compare(fn, s.derivative, [(z,), (np.array([0.0]),)], "sigmoid'(z)", hints=[
        (s, "you returned sigma(z) itself; the derivative is sigma(z) * (1 - sigma(z))."),
        (lambda z: z * (1 - z), "z * (1 - z) is the formula applied to z; it needs the "
         "OUTPUT s = sigma(z): s * (1 - s)."),
        (lambda z: s(s(z)) * (1 - s(s(z))), "sigma was applied twice: if you kept the output "
         "a = sigma(z), use a * (1 - a) directly, without calling sigma on it again."),
        (lambda z: s(z) * (1 + s(z)), "check the sign inside the bracket: (1 - sigma(z)).")],
        strict=strict)


@exercise_check
def relu_derivative(fn, strict=False):
    """Lesson 02: fn(z) must return relu'(z): 1 for z > 0, 0 for z <= 0."""
    z = np.array([-3.0, -0.5, 0.0, 0.5, 2.0])
    return compare(fn, _act.relu.derivative, [(z,), (np.linspace(-2, 2, 9),)], "relu'(z)",
                   hints=[(lambda z: (z >= 0).astype(float), "at z = 0 the course uses "
                           "relu'(0) = 0 (z > 0, not z >= 0)."),
                          (_act.relu, "you returned relu(z) itself, not its slope."),
                          (np.sign, "the slope is 0 (not -1) for negative z.")], strict=strict)


#: inputs of the stable-sigmoid check: both tails, down to subnormal values
_TAILS = np.array([-745.0, -720.0, -700.0, -40.0, -36.0, -1.0, 0.0, 1.0, 36.0, 40.0, 700.0,
                   800.0])


def _clipped(bound):
    return lambda z: naive_sigmoid(np.clip(z, -bound, bound))


def _tail_message(fn, message, tail):
    """The engine's message, or the worst relative error when it lies in the left tail."""
    if "sigma(z) ~ e^z" in message:
        return message
    with np.errstate(all="ignore"):
        got, error = call(fn, (_TAILS,), "sigmoid(z)")
        if error or not isinstance(got, np.ndarray) or got.dtype.kind not in "biuf" \
                or got.shape != _TAILS.shape:
            return message
        want = _act.sigmoid(_TAILS)
        rel = relative_error(got.astype(float), want)
    worst = int(np.nanargmax(np.where(np.isfinite(rel), rel, np.inf)))
    if _TAILS[worst] < -30 and rel[worst] > 1e-9:
        return (f"sigmoid(z) at z = {_TAILS[worst]:g}: expected {want[worst]:.3g}, got "
                f"{got[worst]:.3g} (relative error {rel[worst]:.2g}); " + tail)
    return message


@exercise_check
def stable_sigmoid(fn, strict=False):
    """Lesson 02: fn(z) must equal sigma(z) to a relative error of 1e-9 over the
    whole range (sigma(-40) ~ 4.25e-18, sigma(-720) ~ 2.0e-313) and raise no
    warning: silencing the naive formula, clipping z or (1 + tanh(z/2))/2 fail."""
    tail = ("sigma(z) ~ e^z is tiny but not 0 there; the relative error counts. Split by "
            "sign: with e = exp(-|z|), sigma = 1/(1+e) for z >= 0 and e/(1+e) for z < 0.")
    hints = [(tanh_sigmoid, "(1 + tanh(z/2)) / 2 returns exactly 0 for z <= -38, where "
              "sigma(-40) = 4.25e-18: " + tail),
             (naive_sigmoid, "1 / (1 + exp(-z)) overflows for z < -709.8 and then returns 0 "
              "(silencing the warning hides this, it does not fix it): " + tail)]
    hints += [(_clipped(c), f"clipping z to [-{c}, {c}] changes the answer in the tails: "
               + tail) for c in (30, 40, 100, 500, 700, 709)]
    with warnings.catch_warnings(record=True) as caught, np.errstate(all="warn", under="ignore"):
        warnings.simplefilter("always")
        result = compare(fn, _act.sigmoid, [(_TAILS,)], "sigmoid(z)", rtol=1e-9, atol=0.0,
                         hints=hints, quiet=True)
    if not result:
        return verdict(False, _tail_message(fn, result.message, tail), strict)
    warned = [str(w.message) for w in caught if issubclass(w.category, RuntimeWarning)]
    if warned:
        return verdict(False, f"the values are right but numpy warned: {warned[0]}. "
                       "Compute exp only of -|z| (never of a large positive number).", strict)
    return verdict(True, "accurate in relative terms in both tails (down to z = -745), "
                   "no warnings.", strict)
