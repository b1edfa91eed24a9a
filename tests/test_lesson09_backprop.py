"""Lesson 09: gradient norms for deep nets, the explorer widget, and the
dense-backward check."""

import matplotlib

matplotlib.use("Agg")

import numpy as np  # noqa: E402
import pytest  # noqa: E402

from nnlib import checks  # noqa: E402
from nnlib.widgets.backprop import (  # noqa: E402
    deep_network,
    gradient_norms,
    gradient_norms_explorer,
)

pytestmark = pytest.mark.lesson09


def test_gradient_norms_are_the_norms_of_backprop_gradients():
    norms = gradient_norms(5, "tanh", "xavier", rng=3)
    assert norms.shape == (6,)
    rng = np.random.default_rng(3)
    net = deep_network(5, "tanh", "xavier", rng=rng)
    X, y = rng.normal(size=(64, 2)), rng.normal(size=64)
    net.backprop(X, y, loss="mse")
    np.testing.assert_allclose(norms, [np.linalg.norm(la.dW) for la in net.layers])


def test_sigmoid_vanishes_and_relu_with_unit_weights_explodes():
    sig = gradient_norms(8, "sigmoid", "xavier")
    assert sig[0] / sig[-1] < 1e-3 and np.all(np.diff(sig) > 0)
    assert gradient_norms(8, "relu", "normal").max() > 1e6
    he = gradient_norms(8, "relu", "he")
    assert 1e-1 < he[0] / he[-1] < 10


def test_explorer_redraws_on_every_control():
    e = gradient_norms_explorer()
    bars = [p.get_height() for p in e.ax.patches]
    np.testing.assert_allclose(bars, e.norms)
    assert e.verdict == "vanishing"
    e.controls["activation"].value = "relu"
    e.controls["init"].value = "normal"
    assert e.verdict == "exploding" and "exploding" in e.message.value
    e.controls["depth"].value = 4
    assert len(e.ax.patches) == 5
    np.testing.assert_allclose([p.get_height() for p in e.ax.patches], e.norms)


def test_check_dense_backward():
    good = lambda X, W, dZ: (X.T @ dZ, dZ.sum(axis=0), dZ @ W.T)  # noqa: E731
    assert checks.dense_backward(good, strict=True)
    wrongs = {"transposed": lambda X, W, dZ: (dZ.T @ X, dZ.sum(axis=0), dZ @ W.T),
              "axis": lambda X, W, dZ: (X.T @ dZ, dZ.sum(axis=1), dZ @ W.T),
              "mean": lambda X, W, dZ: (X.T @ dZ, dZ.mean(axis=0), dZ @ W.T),
              "no W^T": lambda X, W, dZ: (X.T @ dZ, dZ.sum(axis=0), dZ @ W),
              "stub": lambda X, W, dZ: (np.zeros_like(W), np.zeros(W.shape[1]), np.zeros_like(X))}
    for name, wrong in wrongs.items():
        v = checks.dense_backward(wrong)
        assert not v, name
    assert "transposed" in checks.dense_backward(wrongs["transposed"]).message
    assert "axis 0" in checks.dense_backward(wrongs["axis"]).message
