"""Lesson 01: the perceptron and layers: its computations and exercise checks."""

from __future__ import annotations

import numpy as np

from ._engine import compare, exercise_check, verdict

LESSON = 1
__all__ = ['perceptron_output', 'bias_as_weight', 'xor_weights']


_XOR_X = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], dtype=float)


@exercise_check
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


@exercise_check
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


@exercise_check
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
