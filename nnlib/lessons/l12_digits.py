"""Lesson 12: real data: digits: its computations and exercise checks."""

from __future__ import annotations

import numpy as np

from ._engine import compare, exercise_check

LESSON = 12
__all__ = ['one_hot', 'accuracy_from_probabilities', 'confusion_matrix']


@exercise_check
def one_hot(fn, strict=False):
    """Lesson 12: fn(y, K) must return Y (N, K) with Y[n, y_n] = 1, else 0."""
    y = np.array([3, 0, 9, 1, 1])
    return compare(fn, lambda y, K: np.eye(K)[y], [(y, 10), (np.array([0, 2]), 3)], "one-hot",
                   hints=[(lambda y, K: np.eye(K)[y].T, "one ROW per sample: shape (N, K)."),
                          (lambda y, K: np.eye(K)[np.clip(y - 1, 0, K - 1)],
                           "labels start at 0: class 0 sets column 0.")], strict=strict)


@exercise_check
def accuracy_from_probabilities(fn, strict=False):
    """Lesson 12: fn(P, y) must return the fraction of rows whose argmax is y."""
    rng = np.random.default_rng(120)
    from ..activations import softmax
    P = softmax(rng.normal(size=(12, 10)) * 3)
    y = P.argmax(axis=1).copy()
    y[:4] = (y[:4] + 1) % 10                      # 8 of 12 right
    return compare(lambda P, y: np.array(fn(P, y), dtype=float),
                   lambda P, y: np.mean(P.argmax(axis=1) == y), [(P, y)], "accuracy", hints=[
                       (lambda P, y: np.mean(P.max(axis=1)), "that is the mean confidence, not "
                        "how often the most probable class is right."),
                       (lambda P, y: np.mean(P.argmax(axis=1) == y) * 100,
                        "return a fraction in [0, 1], not a percentage.")], strict=strict)


@exercise_check
def confusion_matrix(fn, strict=False):
    """Lesson 12: fn(y_true, y_pred, K) must return C (K, K) with C[i, j] the
    number of samples of true class i predicted as j."""
    y_true = np.array([0, 1, 2, 2, 1, 0, 2, 1])
    y_pred = np.array([0, 2, 2, 1, 1, 0, 2, 0])

    def ref(t, p, K):
        C = np.zeros((K, K))
        np.add.at(C, (t, p), 1)
        return C

    return compare(lambda t, p, K: np.asarray(fn(t, p, K), dtype=float), ref,
                   [(y_true, y_pred, 3), (y_true, y_pred, 4)], "confusion matrix", hints=[
                       (lambda t, p, K: ref(t, p, K).T, "transposed: rows are the TRUE class, "
                        "columns the prediction."),
                       (lambda t, p, K: ref(t, p, K) / len(t), "counts, not fractions.")],
                   strict=strict)
