"""Lesson 05: losses and regularisation: its computations and exercise checks."""

from __future__ import annotations

import numpy as np

from ._engine import compare, exercise_check

LESSON = 5
__all__ = ['mse_gradient', 'l2_step']


@exercise_check
def mse_gradient(fn, strict=False):
    """Lesson 05: fn(y_pred, y) must return dL/dy_pred = 2 (y_pred - y) / N for
    L = mean((y_pred - y)^2), vectors of shape (N,)."""
    rng = np.random.default_rng(50)
    p, y = rng.normal(size=6), rng.normal(size=6)
    return compare(fn, lambda p, y: 2 * (p - y) / len(p), [(p, y)], "dL/dy_pred", hints=[
        (lambda p, y: (p - y) / len(p), "the factor 2 from the square is missing."),
        (lambda p, y: 2 * (y - p) / len(p), "the sign is flipped: d/dp (p - y)^2 = 2 (p - y)."),
        (lambda p, y: 2 * (p - y), "L is a mean: divide by N."),
        (lambda p, y: np.sign(p - y) / len(p), "that is the MAE gradient.")], strict=strict)


@exercise_check
def l2_step(fn, strict=False):
    """Lesson 05: fn(W, dW, lr, lam) must return the weights after one gradient
    step on L + lam * sum(W^2):  W - lr (dW + 2 lam W)."""
    rng = np.random.default_rng(51)
    W, dW = rng.normal(size=(3, 2)), rng.normal(size=(3, 2))
    ref = lambda W, dW, lr, lam: W - lr * (dW + 2 * lam * W)  # noqa: E731
    return compare(fn, ref, [(W, dW, 0.1, 0.05), (W, dW, 0.5, 0.2)], "W after the step", hints=[
        (lambda W, dW, lr, lam: W - lr * (dW + lam * W), "the derivative of lam W^2 is "
         "2 lam W: the 2 is missing."),
        (lambda W, dW, lr, lam: W - lr * dW, "the penalty's gradient 2 lam W is missing."),
        (lambda W, dW, lr, lam: W + lr * (dW + 2 * lam * W), "step against the gradient: "
         "subtract it."),
        (lambda W, dW, lr, lam: W - lr * dW - 2 * lam * W, "multiply the penalty's gradient "
         "by lr too.")], strict=strict)
