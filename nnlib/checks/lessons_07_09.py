"""Checks for lessons 07-09: chain rule, forward vs reverse mode,
backprop in matrix form."""

from __future__ import annotations

import numpy as np

from ._engine import compare, verdict

_XY = [(np.array([2.0, -1.0, 0.5, 3.0, -2.5]), np.array([-1.0, 2.0, 0.0, 1.5, -0.5]))]


def local_dh_dk(fn, strict=False):
    """Lesson 07: fn(k) must return dh/dk for h = k^2, i.e. 2k."""
    k = np.linspace(-4, 4, 17)
    return compare(fn, lambda k: 2 * k, [(k,)], "∂h/∂k",
                   hints=[(lambda k: k ** 2, "that is h itself; differentiate k² with "
                           "respect to k."),
                          (lambda k: k, "the power rule brings down the exponent: d(k²)/dk = 2k."),
                          (lambda k: np.full_like(k, 2.0), "the derivative of k² still "
                           "depends on k.")], strict=strict)


def df_dy(fn, strict=False):
    """Lesson 07: fn(x, y) must return df/dy = 2x^2 y + 6x for f = (xy + 3)^2 + 1."""
    return compare(fn, lambda x, y: 2 * x ** 2 * y + 6 * x, _XY, "∂f/∂y",
                   hints=[(lambda x, y: 2 * x * y ** 2 + 6 * y, "that is ∂f/∂x; for ∂f/∂y the "
                           "last local derivative is ∂m/∂y = x."),
                          (lambda x, y: (x * y + 3) * x, "you dropped the 2 of ∂h/∂k = 2k."),
                          (lambda x, y: 2 * (x * y + 3), "multiply by the last link, "
                           "∂m/∂y = x.")], strict=strict)


def dual_multiply(fn, strict=False):
    """Lesson 08: fn(a, da, b, db) must return (a b, da b + a db)."""
    cases = [(2.0, 1.0, -3.0, 0.0), (0.5, 0.0, 4.0, 1.0), (1.5, -2.0, 2.5, 3.0)]

    def pair(f):
        return lambda a, da, b, db: np.array(f(a, da, b, db), dtype=float)

    return compare(pair(fn), pair(lambda a, da, b, db: (a * b, da * b + a * db)), cases,
                   "dual multiply", hints=[
                       (pair(lambda a, da, b, db: (a * b, da * db)),
                        "the tangent of a product is not the product of the tangents: use "
                        "the product rule a'b + ab'."),
                       (pair(lambda a, da, b, db: (a * b, da + db)),
                        "adding tangents is the rule for a sum, not a product."),
                       (pair(lambda a, da, b, db: (a * b, da * a + b * db)),
                        "each tangent is multiplied by the OTHER factor: a'b + ab'.")],
                   strict=strict)


def passes_needed(fn, strict=False):
    """Lesson 08: fn(n, m) must return (forward passes, reverse backward passes)
    for the full Jacobian of f: R^n -> R^m, i.e. (n, m)."""
    cases = [(1000, 1), (1, 50), (3, 7), (10, 10)]
    return compare(lambda n, m: np.array(fn(n, m), dtype=float),
                   lambda n, m: np.array([n, m], dtype=float), cases, "passes (forward, reverse)",
                   hints=[(lambda n, m: np.array([m, n], dtype=float),
                           "swapped: forward mode pushes one INPUT direction per pass, reverse "
                           "mode pulls back one OUTPUT per pass."),
                          (lambda n, m: np.array([1, 1], dtype=float),
                           "one pass gives only one column (forward) or one row (reverse) of "
                           "the Jacobian.")], strict=strict)


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
