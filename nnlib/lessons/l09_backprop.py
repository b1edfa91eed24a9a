"""Lesson 09: backprop in matrix form: its computations and exercise checks."""

from __future__ import annotations

import numpy as np

from ._engine import compare, exercise_check, verdict

LESSON = 9
__all__ = ['sigmoid_layer_dZ', 'dense_backward']


@exercise_check
def sigmoid_layer_dZ(fn, strict=False):
    """Lesson 09: fn(dA, A) must return dZ = dA * A (1 - A) for a sigmoid layer
    (A = sigmoid(Z), so f'(Z) is computed from the cached output)."""
    rng = np.random.default_rng(4)
    dA, A = rng.normal(size=(4, 3)), rng.uniform(0.05, 0.95, size=(4, 3))
    return compare(fn, lambda dA, A: dA * A * (1 - A), [(dA, A)], "dZ",
                   hints=[(lambda dA, A: A * (1 - A), "multiply by the incoming gradient dA: "
                           "dZ = dA ⊙ f'(Z)."),
                          (lambda dA, A: dA * A, "f'(Z) of a sigmoid is A (1 - A), not A."),
                          (lambda dA, A: dA @ (A * (1 - A)).T, "the product is elementwise "
                           "(⊙), not a matrix product.")], strict=strict)


@exercise_check
def dense_backward(fn, strict=False):
    """Lesson 09: fn(X, W, dZ) must return (dW, db, dX) = (X^T dZ, sum_n dZ, dZ W^T)."""
    rng = np.random.default_rng(9)
    X, W, dZ = rng.normal(size=(5, 3)), rng.normal(size=(3, 4)), rng.normal(size=(5, 4))
    names = ("dW", "db", "dX")
    right = (X.T @ dZ, dZ.sum(axis=0), dZ @ W.T)
    try:
        got = tuple(np.asarray(g, dtype=float) for g in fn(X.copy(), W.copy(), dZ.copy()))
    except Exception as err:  # noqa: BLE001 — any error is feedback for the student
        return verdict(False, f"dense backward: calling it raised {type(err).__name__}: {err}"
                       " (check the shapes: dW like W, db like b, dX like X)", strict)
    if len(got) != 3:
        return verdict(False, f"return three arrays (dW, db, dX), got {len(got)}.", strict)
    hints = {"dW": [((dZ.T @ X), "dW is transposed: it must have W's shape (n_in, n_out), "
                     "so dW = Xᵀ dZ."), (X.T @ dZ / len(X), "no 1/N here: the loss's "
                                         "gradient dZ already carries it.")],
             "db": [(dZ.sum(axis=1), "sum over the samples (axis 0), not over the neurons."),
                    (dZ.mean(axis=0), "sum, do not average: dZ already holds the 1/N.")],
             "dX": [(dZ @ W.T @ W @ W.T, "dX goes through W once: dX = dZ Wᵀ.")]}
    for name, g, want in zip(names, got, right):
        if g.shape == want.shape and np.allclose(g, want):
            continue
        for wrong, text in hints[name]:
            if g.shape == wrong.shape and np.allclose(g, wrong):
                return verdict(False, f"{name}: {text}", strict)
        if g.shape != want.shape:
            return verdict(False, f"{name} has shape {g.shape}, expected {want.shape}.", strict)
        return verdict(False, f"{name} has the right shape but wrong values.", strict)
    return verdict(True, "dW, db and dX all match (shapes and values).", strict)
