"""Checks for lessons 01-03: perceptron, activations, softmax."""

from __future__ import annotations

import numpy as np

from .. import activations as _act
from ._engine import compare, verdict


def sigmoid_derivative(fn, strict=False):
    """Lesson 02: fn(z) must return sigma'(z) = sigma(z)(1 - sigma(z))."""
    z = np.linspace(-6, 6, 25)
    return compare(fn, _act.sigmoid.derivative, [(z,), (np.array([0.0]),)], "sigmoid'(z)",
                   hints=[(_act.sigmoid, "you returned sigma(z) itself; the derivative is "
                           "sigma(z) * (1 - sigma(z))."),
                          (lambda z: _act.sigmoid(z) * (1 + _act.sigmoid(z)),
                           "check the sign inside the bracket: (1 - sigma(z)).")],
                   strict=strict)


_XOR_X = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], dtype=float)


def perceptron_output(fn, strict=False):
    """Lesson 01: fn(X, w, b) must return sign(X w + b) with sign(0) = -1, shape (N,)."""
    X = np.array([[1.0, 2.0], [-1.0, 0.5], [1.0, 0.5], [3.0, -1.0]])
    w, b = np.array([0.5, -1.0]), 0.0      # the third row lies exactly on the boundary
    ref = lambda X, w, b: np.where(X @ w + b > 0, 1.0, -1.0)  # noqa: E731
    return compare(fn, ref, [(X, w, b), (X, w, 0.75)], "perceptron output", hints=[
        (lambda X, w, b: np.sign(X @ w + b), "np.sign(0) is 0; the course's sign gives -1 "
         "at 0 (use np.where(z > 0, 1, -1))."),
        (lambda X, w, b: np.where(X @ w > 0, 1.0, -1.0), "the bias b is missing."),
        (lambda X, w, b: X @ w + b, "that is z; apply the sign activation to it.")],
        strict=strict)


def bias_as_weight(fn, strict=False):
    """Lesson 01: fn(X, W, b) must return (X1, W1) with X1 = [X, 1] (N, D+1) and
    W1 = [W; b] (D+1, K), so that X1 @ W1 == X @ W + b."""
    rng = np.random.default_rng(1)
    X, W, b = rng.normal(size=(5, 3)), rng.normal(size=(3, 2)), rng.normal(size=2)
    try:
        X1, W1 = (np.asarray(a, dtype=float) for a in fn(X.copy(), W.copy(), b.copy()))
    except Exception as err:  # noqa: BLE001 — any error is feedback for the student
        return verdict(False, f"bias as weight: calling it raised {type(err).__name__}: {err}",
                       strict)
    if X1.shape != (5, 4) or W1.shape != (4, 2):
        return verdict(False, f"expected X1 of shape (5, 4) and W1 of shape (4, 2), got "
                       f"{X1.shape} and {W1.shape}: one extra column of X, one extra row of W.",
                       strict)
    if not np.allclose(X1[:, :3], X) or not np.allclose(X1[:, 3], 1.0):
        return verdict(False, "X1 must be X with a column of ones appended (the constant "
                       "input the bias multiplies).", strict)
    if not np.allclose(X1 @ W1, X @ W + b):
        return verdict(False, "X1 @ W1 differs from X @ W + b: the extra row of W1 must be b.",
                       strict)
    return verdict(True, "X1 @ W1 equals X @ W + b: the bias is just one more weight.", strict)


def xor_weights(fn, strict=False):
    """Lesson 01: fn() returns (W1 (2, 2), b1 (2,), W2 (2, 1), b2 (1,)) of a sign
    network 2-2-1 that outputs +1 exactly for the XOR-true inputs."""
    from ..layers import Dense
    from ..network import Network

    try:
        W1, b1, W2, b2 = (np.asarray(a, dtype=float) for a in fn())
        net = Network([Dense(2, 2, "sign"), Dense(2, 1, "sign")])
        for layer, W, b in zip(net.layers, (W1, W2), (b1, b2)):
            if W.shape != layer.W.shape or b.shape != layer.b.shape:
                return verdict(False, f"shapes: W1 (2, 2), b1 (2,), W2 (2, 1), b2 (1,); got "
                               f"{W1.shape}, {b1.shape}, {W2.shape}, {b2.shape}.", strict)
            layer.W[...], layer.b[...] = W, b
    except Exception as err:  # noqa: BLE001
        return verdict(False, f"xor weights: {type(err).__name__}: {err}", strict)
    got = net.predict(_XOR_X)
    want = np.array([-1, 1, 1, -1])
    if np.array_equal(got, want):
        return verdict(True, "your hidden layer solves XOR: all four points correct.", strict)
    return verdict(False, f"outputs {got.tolist()} for inputs (0,0), (0,1), (1,0), (1,1); "
                   f"expected {want.tolist()}. Hint: one hidden neuron for 'x1 OR x2', one for "
                   "'x1 AND x2', and an output for 'OR and not AND'.", strict)


def relu_derivative(fn, strict=False):
    """Lesson 02: fn(z) must return relu'(z): 1 for z > 0, 0 for z <= 0."""
    z = np.array([-3.0, -0.5, 0.0, 0.5, 2.0])
    return compare(fn, _act.relu.derivative, [(z,), (np.linspace(-2, 2, 9),)], "relu'(z)",
                   hints=[(lambda z: (z >= 0).astype(float), "at z = 0 the course uses "
                           "relu'(0) = 0 (z > 0, not z >= 0)."),
                          (_act.relu, "you returned relu(z) itself, not its slope."),
                          (np.sign, "the slope is 0 (not -1) for negative z.")], strict=strict)


def stable_sigmoid(fn, strict=False):
    """Lesson 02: fn(z) must equal sigma(z) and stay finite without any overflow
    warning for |z| up to 800."""
    import warnings

    z = np.array([-800.0, -40.0, -1.0, 0.0, 1.0, 40.0, 800.0])
    with warnings.catch_warnings(record=True) as caught, np.errstate(all="warn"):
        warnings.simplefilter("always")
        result = compare(fn, _act.sigmoid, [(z,)], "sigmoid(z)", atol=1e-12, quiet=True)
    if not result:
        return verdict(False, result.message, strict)
    overflow = [str(w.message) for w in caught if issubclass(w.category, RuntimeWarning)]
    if overflow:
        return verdict(False, f"the values are right but numpy warned: {overflow[0]}. "
                       "exp(-z) overflows for z = -800; use np.tanh or split by sign.", strict)
    return verdict(True, "stable for |z| up to 800, no warnings.", strict)


def stable_softmax(fn, strict=False):
    """Lesson 03: fn(Z) must return row-wise softmax, stable for huge logits."""
    from ..activations import softmax

    big = np.array([[1000.0, 999.0, 998.0], [-5.0, 0.0, 5.0]])
    small = np.array([[0.1, 0.2, 0.7], [2.0, 1.0, 0.0], [1.0, 1.0, 1.0]])

    def naive(Z):
        with np.errstate(all="ignore"):
            e = np.exp(Z)
            return e / e.sum(axis=-1, keepdims=True)

    return compare(fn, softmax, [(small,), (big,)], "softmax(Z)", hints=[
        (lambda Z: np.exp(Z - Z.max()) / np.exp(Z - Z.max()).sum(axis=0, keepdims=True),
         "each ROW is one sample: normalise along axis=-1 (or axis=1), not axis=0."),
        (lambda Z: np.exp(Z - Z.max()) / np.exp(Z - Z.max()).sum(),
         "normalise each row on its own (sum with axis=-1, keepdims=True), not the whole batch."),
        (naive, "exp(1000) overflows: subtract each row's max before exponentiating.")],
        strict=strict)


def softmax_ce_gradient(fn, strict=False):
    """Lesson 03: fn(z, y) with logits z (N, K) and one-hot y must return
    dL/dz = softmax(z) - y (for the per-sample loss, no 1/N)."""
    from ..activations import softmax

    rng = np.random.default_rng(3)
    z = rng.normal(size=(4, 3))
    y = np.eye(3)[[0, 2, 1, 2]]
    return compare(fn, lambda z, y: softmax(z) - y, [(z, y)], "dL/dz", hints=[
        (lambda z, y: y - softmax(z), "the sign is flipped: it is p - y (the loss grows with "
         "wrong probability)."),
        (lambda z, y: softmax(z), "subtract the one-hot target y from the probabilities."),
        (lambda z, y: z - y, "use the probabilities p = softmax(z), not the raw logits.")],
        strict=strict)
