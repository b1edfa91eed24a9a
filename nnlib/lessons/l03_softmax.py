"""Lesson 03: softmax: its computations and exercise checks.

Computations (the numbers behind the lesson's cells and its explorer):

    tempered_softmax(z, T) = softmax(z / T)                 z (K,) or (N, K), T > 0
    jacobian_sums(z)       = row sums, column sums and asymmetry of J = diag(s) - s s^T
"""

from __future__ import annotations

import numpy as np

from ..activations import softmax, softmax_jacobian
from ._engine import call, compare, exercise_check, verdict

LESSON = 3
__all__ = ['stable_softmax', 'softmax_ce_gradient']


def tempered_softmax(z, T=1.0):
    """softmax(z / T) along the last axis; T > 0 (small T sharpens, large T flattens)."""
    if not (isinstance(T, (int, float, np.floating)) and T > 0):
        raise ValueError(f"temperature T must be a positive number, got {T!r}")
    return softmax(np.asarray(z, dtype=float) / T)


def jacobian_sums(z):
    """For one logit vector z (K,): (max |row sum|, max |column sum|, max |J - J^T|)
    of the softmax Jacobian J_ij = s_i (delta_ij - s_j)."""
    J = softmax_jacobian(np.asarray(z, dtype=float))
    return (float(np.abs(J.sum(axis=1)).max()), float(np.abs(J.sum(axis=0)).max()),
            float(np.abs(J - J.T).max()))


def _shifted(shift):
    """Softmax stabilised by a (wrong) shift of Z; warnings off, like a student's."""
    def wrong(Z):
        with np.errstate(all="ignore"):
            E = np.exp(Z - shift(Z))
            return E / E.sum(axis=-1, keepdims=True)
    return wrong


#: the usual wrong shifts and what to say about each
_WRONG_SHIFTS = [
    (lambda Z: 0.0, "exp(1000) overflows: subtract each row's max before exponentiating."),
    (lambda Z: Z.min(axis=-1, keepdims=True), "you subtracted the row MIN: the other "
     "exponents are then >= 0 and overflow for a row like [1000, 0, -1000]; use the row max."),
    (lambda Z: Z.mean(axis=-1, keepdims=True), "you subtracted the row MEAN: exponents "
     "above the mean still overflow for a wide row like [1000, 0, -1000]; use the row max."),
    (lambda Z: Z[..., :1], "you subtracted the FIRST column: it is not the largest in every "
     "row, so exp overflows for [-1000, 0, 1000]; use Z.max(axis=-1, keepdims=True)."),
    (lambda Z: Z.max(), "you subtracted the max of the whole batch: a row far below it "
     "underflows to 0/0; subtract each row's own max (axis=-1, keepdims=True)."),
]


@exercise_check
def stable_softmax(fn, strict=False):
    """Lesson 03: fn(Z) must return row-wise softmax, stable for huge logits:
    wide rows like [1000, 0, -1000] and rows at very different offsets."""
    small = np.array([[0.1, 0.2, 0.7], [2.0, 1.0, 0.0], [1.0, 1.0, 1.0]])
    wide = np.array([[1000.0, 0.0, -1000.0], [-1000.0, 0.0, 1000.0], [0.0, 1000.0, -1000.0]])
    offsets = np.array([[1000.0, 999.0, 998.0], [-5.0, 0.0, 5.0], [-1000.0, -1001.0, -999.0]])
    tests = (small, wide, offsets)
    answers = [call(fn, (Z,), "softmax(Z)") for Z in tests]
    if all(error is None and isinstance(got, np.ndarray) and got.shape == Z.shape
           and got.dtype.kind == "f" for (got, error), Z in zip(answers, tests)):
        wrong = not all(np.allclose(got, softmax(Z)) for (got, _), Z in zip(answers, tests))
        for shift, text in _WRONG_SHIFTS:
            if wrong and all(np.allclose(got, _shifted(shift)(Z), equal_nan=True)
                             for (got, _), Z in zip(answers, tests)):
                return verdict(False, f"softmax(Z): {text}", strict)
    return compare(fn, softmax, [(small,), (wide,), (offsets,)], "softmax(Z)", hints=[
        (lambda Z: softmax(Z, axis=0),
         "each ROW is one sample: normalise along axis=-1 (or axis=1), not axis=0."),
        (lambda Z: np.exp(Z - Z.max(axis=-1, keepdims=True))
         / np.exp(Z - Z.max(axis=-1, keepdims=True)).sum(),
         "normalise each row on its own (sum with axis=-1, keepdims=True), not the whole "
         "batch.")], strict=strict)


@exercise_check
def softmax_ce_gradient(fn, strict=False):
    """Lesson 03: fn(z, y) with logits z (N, K) and one-hot y must return
    dL/dz = softmax(z) - y (for the per-sample loss, no 1/N)."""
    rng = np.random.default_rng(3)
    z = rng.normal(size=(4, 3))
    y = np.eye(3)[[0, 2, 1, 2]]
    return compare(fn, lambda z, y: softmax(z) - y, [(z, y)], "dL/dz", hints=[
        (lambda z, y: y - softmax(z), "the sign is flipped: it is p - y (the loss grows with "
         "wrong probability)."),
        (lambda z, y: (softmax(z) - y) / len(z), "you divided by N: that is the gradient of "
         "the batch MEAN; this exercise asks for one sample's loss, p - y, without 1/N."),
        (lambda z, y: softmax(z), "subtract the one-hot target y from the probabilities."),
        (lambda z, y: z - y, "use the probabilities p = softmax(z), not the raw logits.")],
        strict=strict)
