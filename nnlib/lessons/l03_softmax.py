"""Lesson 03: softmax: its computations and exercise checks."""

from __future__ import annotations

import numpy as np

from ._engine import compare, exercise_check

LESSON = 3
__all__ = ['stable_softmax', 'softmax_ce_gradient']


@exercise_check
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


@exercise_check
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
