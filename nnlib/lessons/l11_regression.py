"""Lesson 11: regression: its computations and exercise checks."""

from __future__ import annotations

import numpy as np

from ._engine import compare, exercise_check, verdict

LESSON = 11
__all__ = ['rmse', 'mae_gradient', 'best_size']


@exercise_check
def rmse(fn, strict=False):
    """Lesson 11: fn(y_pred, y) must return sqrt(mean((y_pred - y)^2))."""
    rng = np.random.default_rng(110)
    p, y = rng.normal(size=8), rng.normal(size=8)
    return compare(fn, lambda p, y: np.sqrt(np.mean((p - y) ** 2)), [(p, y)], "RMSE", hints=[
        (lambda p, y: np.mean((p - y) ** 2), "that is the MSE: take its square root."),
        (lambda p, y: np.mean(np.abs(p - y)), "that is the MAE."),
        (lambda p, y: np.sqrt(np.sum((p - y) ** 2)), "average the squares before the root.")],
        strict=strict)


@exercise_check
def mae_gradient(fn, strict=False):
    """Lesson 11: fn(y_pred, y) must return dMAE/dy_pred = sign(y_pred - y) / N."""
    rng = np.random.default_rng(111)
    p, y = rng.normal(size=7), rng.normal(size=7)
    return compare(fn, lambda p, y: np.sign(p - y) / len(p), [(p, y)], "dMAE/dy_pred", hints=[
        (lambda p, y: 2 * (p - y) / len(p), "that is the MSE gradient; MAE's is sign(p - y) / N."),
        (lambda p, y: np.sign(y - p) / len(p), "the sign is flipped."),
        (lambda p, y: np.sign(p - y), "MAE is a mean: divide by N.")], strict=strict)


@exercise_check
def best_size(fn, strict=False):
    """Lesson 11: fn(sizes, train_errors, test_errors) must return the size
    with the smallest TEST error."""
    sizes = [1, 2, 4, 8, 16, 32]
    train = [0.50, 0.30, 0.12, 0.08, 0.05, 0.02]
    test = [0.52, 0.33, 0.15, 0.11, 0.14, 0.25]
    want = sizes[int(np.argmin(test))]
    try:
        got = fn(list(sizes), list(train), list(test))
    except Exception as err:  # noqa: BLE001
        return verdict(False, f"best size: calling it raised {type(err).__name__}: {err}", strict)
    if got == want:
        return verdict(True, f"{want} hidden neurons: the smallest test error.", strict)
    if got == sizes[int(np.argmin(train))]:
        return verdict(False, "that size has the smallest TRAIN error; the largest network "
                       "always wins there. Choose by the test error.", strict)
    if got == int(np.argmin(test)):
        return verdict(False, "that is the position in the list; return the size itself.",
                       strict)
    return verdict(False, f"expected the size with the smallest test error, got {got!r}.",
                   strict)
