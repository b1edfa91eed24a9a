"""Lesson 08: forward vs reverse mode: its computations and exercise checks."""

from __future__ import annotations

import numpy as np

from ._engine import compare, exercise_check

LESSON = 8
__all__ = ['dual_multiply', 'passes_needed']


@exercise_check
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


@exercise_check
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
