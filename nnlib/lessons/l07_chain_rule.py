"""Lesson 07: the chain rule: its computations and exercise checks."""

from __future__ import annotations

import numpy as np

from ._engine import compare, exercise_check

LESSON = 7
__all__ = ['local_dh_dk', 'df_dy']


_XY = [(np.array([2.0, -1.0, 0.5, 3.0, -2.5]), np.array([-1.0, 2.0, 0.0, 1.5, -0.5]))]


@exercise_check
def local_dh_dk(fn, strict=False):
    """Lesson 07: fn(k) must return dh/dk for h = k^2, i.e. 2k."""
    k = np.linspace(-4, 4, 17)
    return compare(fn, lambda k: 2 * k, [(k,)], "∂h/∂k",
                   hints=[(lambda k: k ** 2, "that is h itself; differentiate k² with "
                           "respect to k."),
                          (lambda k: k, "the power rule brings down the exponent: d(k²)/dk = 2k."),
                          (lambda k: np.full_like(k, 2.0), "the derivative of k² still "
                           "depends on k.")], strict=strict)


@exercise_check
def df_dy(fn, strict=False):
    """Lesson 07: fn(x, y) must return df/dy = 2x^2 y + 6x for f = (xy + 3)^2 + 1."""
    return compare(fn, lambda x, y: 2 * x ** 2 * y + 6 * x, _XY, "∂f/∂y",
                   hints=[(lambda x, y: 2 * x * y ** 2 + 6 * y, "that is ∂f/∂x; for ∂f/∂y the "
                           "last local derivative is ∂m/∂y = x."),
                          (lambda x, y: (x * y + 3) * x, "you dropped the 2 of ∂h/∂k = 2k."),
                          (lambda x, y: 2 * (x * y + 3), "multiply by the last link, "
                           "∂m/∂y = x.")], strict=strict)
