"""Lesson 06: gradient descent: its computations and exercise checks."""

from __future__ import annotations

import numpy as np

from ._engine import compare, exercise_check

LESSON = 6
__all__ = ['gd_step', 'momentum_step']


@exercise_check
def gd_step(fn, strict=False):
    """Lesson 06: fn(w, grad, lr) must return w - lr grad."""
    w, g = np.array([1.0, -2.0, 0.5]), np.array([0.3, -1.0, 2.0])
    return compare(fn, lambda w, g, lr: w - lr * g, [(w, g, 0.1), (w, g, 0.7)], "new w",
                   hints=[(lambda w, g, lr: w + lr * g, "that climbs the hill: subtract the "
                           "gradient."),
                          (lambda w, g, lr: w - g, "scale the step by the learning rate."),
                          (lambda w, g, lr: -lr * g, "return the new weights, not only the "
                           "step.")], strict=strict)


@exercise_check
def momentum_step(fn, strict=False):
    """Lesson 06: fn(w, v, grad, lr, beta) must return (w_new, v_new) with
    v_new = beta v + grad and w_new = w - lr v_new."""
    w, v, g = np.array([1.0, -2.0]), np.array([0.5, 0.1]), np.array([0.3, -1.0])

    def pair(f):
        return lambda *a: np.concatenate([np.asarray(x, dtype=float) for x in f(*a)])

    def ref(w, v, g, lr, beta):
        v_new = beta * v + g
        return w - lr * v_new, v_new

    return compare(pair(fn), pair(ref), [(w, v, g, 0.1, 0.9), (w, v, g, 0.5, 0.5)],
                   "(w_new, v_new)", hints=[
                       (pair(lambda w, v, g, lr, b: (w - lr * v, b * v + g)),
                        "update v first, then move w with the NEW velocity."),
                       (pair(lambda w, v, g, lr, b: (w - lr * (b * v - g), b * v - g)),
                        "the velocity accumulates +grad; the minus sign belongs to the w step."),
                       (pair(lambda w, v, g, lr, b: (w - lr * g, b * v + g)),
                        "w must move by the velocity, not by the raw gradient.")],
                   strict=strict)
