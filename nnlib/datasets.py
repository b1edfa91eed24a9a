"""Small 2-D toy data sets (numpy only), the kind TensorFlow Playground offers.

Every function returns ``(X, y)``: X float64 of shape (N, 2) and y int
labels of shape (N,), except ``regression_1d`` (X (N, 1), y float (N,)).
``rng`` is a Generator, an int seed or None; ``noise`` is the standard
deviation of Gaussian noise added to the points.
"""

from __future__ import annotations

import numpy as np

from .validation import non_negative, rng_from

__all__ = ["moons", "circles", "xor", "spirals", "blobs", "regression_1d", "NAMES", "load"]


def _n(n, minimum=2):
    if isinstance(n, bool) or not isinstance(n, (int, np.integer)) or n < minimum:
        raise ValueError(f"n must be an int >= {minimum}, got {n!r}")
    return int(n)


def _split(n, k):
    """Sizes of k classes adding up to n (as equal as possible)."""
    return [n // k + (i < n % k) for i in range(k)]


def moons(n=200, noise=0.1, rng=None):
    """Two interleaving half circles (class 0 on top, class 1 below)."""
    n, noise, rng = _n(n), non_negative(noise, "noise"), rng_from(rng)
    n0, n1 = _split(n, 2)
    t0, t1 = np.linspace(0, np.pi, n0), np.linspace(0, np.pi, n1)
    X = np.concatenate([np.c_[np.cos(t0), np.sin(t0)],
                        np.c_[1 - np.cos(t1), 0.5 - np.sin(t1)]])
    y = np.repeat([0, 1], [n0, n1])
    return X + rng.normal(0, noise, X.shape), y


def circles(n=200, noise=0.05, factor=0.5, rng=None):
    """A disc of class 1 inside a ring of class 0 (radius ratio ``factor``)."""
    n, noise, rng = _n(n), non_negative(noise, "noise"), rng_from(rng)
    n0, n1 = _split(n, 2)
    t = rng.uniform(0, 2 * np.pi, n)
    r = np.r_[np.ones(n0), np.full(n1, factor)]
    X = np.c_[r * np.cos(t), r * np.sin(t)]
    return X + rng.normal(0, noise, X.shape), np.repeat([0, 1], [n0, n1])


def xor(n=200, noise=0.0, rng=None):
    """Points uniform in [-1, 1]^2; class 1 where x1 * x2 < 0 (XOR of the signs)."""
    n, noise, rng = _n(n), non_negative(noise, "noise"), rng_from(rng)
    X = rng.uniform(-1, 1, (n, 2))
    X += np.sign(X) * 0.05              # keep a small margin around the axes
    y = (X[:, 0] * X[:, 1] < 0).astype(int)
    return X + rng.normal(0, noise, X.shape), y


def spirals(n=300, classes=3, noise=0.1, rng=None):
    """``classes`` interleaved spiral arms (the CS231n set), radius up to 1."""
    n, noise, rng = _n(n), non_negative(noise, "noise"), rng_from(rng)
    classes = _n(classes, 2)
    Xs, ys = [], []
    for k, m in enumerate(_split(n, classes)):
        r = np.linspace(0.05, 1, m)
        t = np.linspace(k * 2 * np.pi / classes, (k + 2) * 2 * np.pi / classes, m)
        t = t + rng.normal(0, noise, m) * 2
        Xs.append(np.c_[r * np.sin(t), r * np.cos(t)])
        ys.append(np.full(m, k))
    return np.concatenate(Xs), np.concatenate(ys)


def blobs(n=200, classes=2, noise=0.5, rng=None):
    """Gaussian blobs (std ``noise``) around centres spread on a circle of radius 2."""
    n, noise, rng = _n(n), non_negative(noise, "noise"), rng_from(rng)
    classes = _n(classes, 2)
    angles = 2 * np.pi * np.arange(classes) / classes + np.pi / 4
    centres = 2 * np.c_[np.cos(angles), np.sin(angles)]
    y = np.repeat(np.arange(classes), _split(n, classes))
    return centres[y] + rng.normal(0, noise, (n, 2)), y


def regression_1d(n=100, noise=0.1, rng=None):
    """y = sin(3x) + noise for x uniform in [-1, 1]; X (N, 1), y float (N,)."""
    n, noise, rng = _n(n), non_negative(noise, "noise"), rng_from(rng)
    x = np.sort(rng.uniform(-1, 1, n))
    return x[:, None], np.sin(3 * x) + rng.normal(0, noise, n)


NAMES = {"moons": moons, "circles": circles, "xor": xor, "spirals": spirals,
         "blobs": blobs, "regression_1d": regression_1d}


def load(name, **kwargs):
    """A data set by name (see ``NAMES``)."""
    if name not in NAMES:
        raise ValueError(f"unknown data set {name!r}; expected one of {list(NAMES)}")
    return NAMES[name](**kwargs)
