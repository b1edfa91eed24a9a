"""Data sets: shapes, dtypes, labels, seeds, and bad arguments."""

import numpy as np
import pytest

from nnlib import datasets

CLASSIFIERS = {"moons": 2, "circles": 2, "xor": 2, "spirals": 3, "blobs": 2}


@pytest.mark.parametrize("name, k", CLASSIFIERS.items())
@pytest.mark.parametrize("n", [7, 200])
def test_shapes_labels_and_seeds(name, k, n):
    X, y = datasets.load(name, n=n, rng=1)
    assert X.shape == (n, 2) and X.dtype == np.float64
    assert y.shape == (n,) and y.dtype.kind == "i"
    assert set(np.unique(y)) == set(range(k))
    X2, y2 = datasets.load(name, n=n, rng=1)
    assert np.array_equal(X, X2) and np.array_equal(y, y2)
    X3, _ = datasets.load(name, n=n, rng=2)
    assert not np.array_equal(X, X3)


def test_regression_1d():
    X, y = datasets.regression_1d(50, noise=0.0, rng=0)
    assert X.shape == (50, 1) and y.shape == (50,) and y.dtype == np.float64
    np.testing.assert_allclose(y, np.sin(3 * X[:, 0]))


def test_geometry():
    X, y = datasets.xor(400, rng=0)
    assert np.all((X[:, 0] * X[:, 1] < 0) == (y == 1))
    X, y = datasets.circles(400, noise=0.0, rng=0)
    r = np.hypot(*X.T)
    assert np.allclose(r[y == 0], 1.0) and np.allclose(r[y == 1], 0.5)
    X, y = datasets.spirals(300, classes=4, rng=0)
    assert set(np.unique(y)) == {0, 1, 2, 3}


@pytest.mark.parametrize("call, match", [
    (lambda: datasets.moons(n=1), "n must be an int >= 2, got 1"),
    (lambda: datasets.moons(noise=-1), "noise must be a number >= 0"),
    (lambda: datasets.spirals(classes=1), "int >= 2"),
    (lambda: datasets.load("iris"), "expected one of"),
])
def test_bad_arguments(call, match):
    with pytest.raises(ValueError, match=match):
        call()
