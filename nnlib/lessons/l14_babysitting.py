"""Lesson 14: babysitting a hand-written two-layer network (l14_network).

What the lesson measures while it trains, and when a gradient check can be trusted:

    relative error   r = |a - n| / max(|a|, |n|)   per entry, a analytic, n numeric
                     (0 where both are below ``floor``: nothing to compare)
    kinks            pre-activations with |Z1| < eps: relu's corner at 0 lies
                     inside the finite-difference step, so n is the slope of a chord
                     that bends, and r is large although the code is right
    dead units       hidden units with f(Z1) = 0 for every sample: no gradient
                     reaches their weights again
    update ratio     ||lr dW|| / ||W|| per layer (``train_two_layer``'s ``ratio``)

Shapes: X (N, D), params (W1 (D, H), b1 (H,), W2 (H, K), b2 (K,)).
"""

from __future__ import annotations

import numpy as np

from .. import activations, numerical_gradient
from .l14_network import backward, forward, loss, softmax

LESSON = 14
__all__ = []        # the lesson's checks live in l14_two_layer_by_hand


def relative_error(analytic, numeric, floor=1e-12):
    """Largest |a - n| / max(|a|, |n|) over the entries (0 where both are ~0)."""
    return float(np.max(entry_errors(analytic, numeric, floor), initial=0.0))


def entry_errors(analytic, numeric, floor=1e-12):
    """|a - n| / max(|a|, |n|, floor) entry by entry, shaped like a."""
    a, n = np.asarray(analytic, float), np.asarray(numeric, float)
    return np.abs(a - n) / np.maximum(np.maximum(np.abs(a), np.abs(n)), floor)


def gradient_entries(X, y, params, f=activations.relu, back=backward, eps=1e-5):
    """Per-entry relative errors of ``back``'s gradients against
    numerical_gradient (central differences, step eps): a list of four arrays
    shaped like W1, b1, W2, b2."""
    params = tuple(np.array(p, dtype=float) for p in params)
    Z1, A1, scores = forward(X, *params, f)
    grads = back(X, y, Z1, A1, softmax(scores), params[2], f)

    def loss_of(_):
        return loss(softmax(forward(X, *params, f)[2]), y)

    return [entry_errors(g, numerical_gradient(loss_of, p, eps)) for g, p in zip(grads, params)]


def gradient_errors(X, y, params, f=activations.relu, back=backward, eps=1e-5):
    """Relative error of ``back``'s gradients against numerical_gradient, one
    float per parameter (W1, b1, W2, b2): the largest entry's."""
    return [float(e.max(initial=0.0)) for e in gradient_entries(X, y, params, f, back, eps)]


def kinks(X, params, eps=1e-5):
    """How many pre-activations Z1[n, j] lie within eps of relu's kink at 0."""
    W1, b1 = params[0], params[1]
    return int(np.sum(np.abs(np.asarray(X) @ W1 + b1) < eps))


def dead_units(X, params, f=activations.relu):
    """How many hidden units output 0 for every row of X (a dead relu)."""
    return int(np.sum(np.all(f(np.asarray(X) @ params[0] + params[1]) == 0, axis=0)))


def near_kink(X, params, unit=0, sample=0, offset=3e-6):
    """params with b1[unit] moved so that Z1[sample, unit] = offset, a point
    closer to relu's kink at 0 than a finite-difference step of 1e-5."""
    W1, b1, W2, b2 = (np.array(p, dtype=float) for p in params)
    b1[unit] += offset - (X[sample] @ W1 + b1)[unit]
    return W1, b1, W2, b2
