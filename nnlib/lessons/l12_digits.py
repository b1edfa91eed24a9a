"""Lesson 12: real data: digits: its computations and exercise checks.

A 64-H-10 network classifies 8x8 images (rows X (N, 64), pixels in [0, 1]):
P = softmax(relu(X W1 + b1) W2 + b2), predicted class argmax_k P[n, k].
The images are split into train / validation / test; the validation set
makes every choice (here: when to stop), the test set gives one final number.
"""

from __future__ import annotations

import numpy as np

from ..activations import softmax
from ._engine import compare, exercise_check

LESSON = 12
__all__ = ['one_hot', 'accuracy_from_probabilities', 'confusion_matrix']


# === computations behind the lesson's figures and the digit browser =========

def split(n, n_val, n_test, rng=0):
    """Indices (train, val, test) of a seeded shuffle of range(n)."""
    if not (0 < n_val and 0 < n_test and n_val + n_test < n):
        raise ValueError(f"need 0 < n_val, 0 < n_test and n_val + n_test < n = {n}, "
                         f"got n_val={n_val}, n_test={n_test}")
    order = np.random.default_rng(rng).permutation(n)
    return order[n_val + n_test:], order[:n_val], order[n_val:n_val + n_test]


def fit_keep_best(net, X, y, X_val, y_val, **fit_kwargs):
    """Train with ``net.fit(..., validation_data=(X_val, y_val))`` and put back
    the weights of the epoch with the lowest validation loss (early stopping
    chosen on the validation set).  Returns (history, best_epoch), epochs
    counted from 1."""
    best = {"loss": np.inf, "epoch": 0, "params": None}

    def keep(epoch, history):
        if history.val_loss[-1] < best["loss"]:
            best.update(loss=history.val_loss[-1], epoch=len(history.val_loss),
                        params=[p.copy() for p in net.parameters()])

    history = net.fit(X, y, validation_data=(X_val, y_val), callback=keep, **fit_kwargs)
    for p, saved in zip(net.parameters(), best["params"]):
        p[...] = saved
    return history, best["epoch"]


def probabilities(net, X):
    """P (N, K): the network's class probabilities, without touching its caches."""
    return net.forward(X, cache=False)


def shown_indices(P, labels, only_mistakes=False):
    """The images a browser walks through: all, or those with argmax P != label
    (all again when there is no mistake)."""
    if only_mistakes:
        wrong = np.flatnonzero(P.argmax(axis=1) != labels)
        if wrong.size:
            return wrong
    return np.arange(len(labels))


def browser_frame(P, labels, n):
    """What the digit browser shows for image n: its probabilities (K,), the
    true and predicted class, and each bar's role: 'true', 'wrong' (the
    prediction when it is wrong) or 'other'."""
    p, true = P[n], int(labels[n])
    pred = int(p.argmax())
    roles = np.full(len(p), "other", dtype=object)
    roles[pred] = "wrong"
    roles[true] = "true"
    return {"p": p, "true": true, "pred": pred, "roles": roles}


def confident_mistakes(P, labels, k=6):
    """Indices of the k wrong predictions with the highest max probability."""
    wrong = np.flatnonzero(P.argmax(axis=1) != labels)
    return wrong[np.argsort(-P[wrong].max(axis=1), kind="stable")][:k]


def hidden_unit_images(net, X, k=4):
    """Layer 1 as pictures: W1's columns as (H, 8, 8) images, and for every
    hidden unit j the indices (H, k) of the images of X that excite it most
    (largest activation a_j = f(x W1[:, j] + b1[j]), ties in image order)."""
    layer = net.layers[0]
    A = layer.forward(X, cache=False)
    return layer.W.T.reshape(-1, 8, 8), np.argsort(-A, axis=0, kind="stable")[:k].T


# === exercise checks ========================================================

@exercise_check
def one_hot(fn, strict=False):
    """Lesson 12: fn(y, K) must return Y (N, K) with Y[n, y_n] = 1, else 0."""
    # the first batch has no label K - 1, so a Y sized by y.max() + 1 shows
    cases = [(np.array([0, 2, 1, 2]), 5), (np.array([3, 0, 9, 1, 1]), 10),
             (np.array([0, 2]), 3)]
    return compare(fn, lambda y, K: np.eye(K)[y], cases, "one-hot", hints=[
        (lambda y, K: np.eye(y.max() + 1)[y], "your Y has y.max() + 1 columns; it must have "
         "K columns, also when a batch holds no sample of the last class."),
        (lambda y, K: np.eye(K)[y].T, "one ROW per sample: shape (N, K)."),
        (lambda y, K: np.eye(K)[np.clip(y - 1, 0, K - 1)],
         "labels start at 0: class 0 sets column 0.")], strict=strict)


@exercise_check
def accuracy_from_probabilities(fn, strict=False):
    """Lesson 12: fn(P, y) must return the fraction of rows whose argmax is y."""
    rng = np.random.default_rng(120)
    P = softmax(rng.normal(size=(12, 10)) * 3)
    y = P.argmax(axis=1).copy()
    y[:4] = (y[:4] + 1) % 10                      # 8 of 12 right
    return compare(fn, lambda P, y: np.mean(P.argmax(axis=1) == y), [(P, y)], "accuracy",
                   hints=[
                       (lambda P, y: np.sum(P.argmax(axis=1) == y), "that is the NUMBER of "
                        "correct rows; divide by N for a fraction."),
                       (lambda P, y: np.mean(P.max(axis=1)), "that is the mean confidence, not "
                        "how often the most probable class is right."),
                       (lambda P, y: np.mean(P.argmax(axis=1) == y) * 100,
                        "return a fraction in [0, 1], not a percentage."),
                       (lambda P, y: np.mean(P.argmax(axis=1) != y), "that is the error rate "
                        "(1 - accuracy).")], strict=strict)


def _counts(t, p, K):
    C = np.zeros((K, K))
    np.add.at(C, (t, p), 1)
    return C


def _fancy_once(t, p, K):
    C = np.zeros((K, K))
    C[t, p] += 1
    return C


@exercise_check
def confusion_matrix(fn, strict=False):
    """Lesson 12: fn(y_true, y_pred, K) must return C (K, K) with C[i, j] the
    number of samples of true class i predicted as j."""
    y_true = np.array([0, 1, 2, 2, 1, 0, 2, 1])   # (0, 0) and (2, 2) occur twice
    y_pred = np.array([0, 2, 2, 1, 1, 0, 2, 0])
    return compare(fn, _counts, [(y_true, y_pred, 3), (y_true, y_pred, 4)],
                   "confusion matrix", hints=[
                       (_fancy_once, "`C[y_true, y_pred] += 1` with arrays adds 1 only ONCE per "
                        "repeated (true, predicted) pair. Loop over the samples, or use "
                        "np.add.at(C, (y_true, y_pred), 1)."),
                       (lambda t, p, K: _counts(t, p, K).T, "transposed: rows are the TRUE "
                        "class, columns the prediction."),
                       (lambda t, p, K: _counts(t, p, K) / len(t), "counts, not fractions.")],
                   strict=strict)
