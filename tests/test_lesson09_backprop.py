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
    assert e.verdict == "exploding" and "exploding" in e.readout.value
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


def test_backward_order_is_last_layer_first_and_leaves_the_network_intact():
    import nnlib
    from nnlib.widgets.backprop import backward_order

    rng = np.random.default_rng(0)
    net = deep_network(4, "tanh", "xavier", rng=0)
    X, y = rng.normal(size=(3, 2)), rng.normal(size=3)
    assert backward_order(net, X, y) == [5, 4, 3, 2, 1]
    assert all("_backward_z" not in layer.__dict__ for layer in net.layers)
    assert isinstance(net.layers[0], nnlib.Dense)


@pytest.mark.parametrize("hidden", ["tanh", "sigmoid", "relu", "linear"])
def test_scalar_graph_equals_matrix_backprop(hidden):
    import nnlib
    from nnlib.widgets.backprop import scalar_graph_gradients

    rng = np.random.default_rng(1)
    net = nnlib.Network([nnlib.Dense(2, 3, hidden, rng=0), nnlib.Dense(3, 2, "linear", rng=1)])
    X, y = rng.normal(size=(4, 2)), rng.normal(size=(4, 2))
    loss, grads, nodes = scalar_graph_gradients(net, X, y)
    assert loss == pytest.approx(net.backprop(X, y, loss="mse"), rel=1e-12)
    for g, h in zip(grads, net.gradients()):
        np.testing.assert_allclose(g, h, rtol=1e-10, atol=1e-14)
    assert nodes > 4 * (2 * 3 + 3 * 2)


def test_check_sigmoid_layer_dZ():
    assert checks.sigmoid_layer_dZ(lambda dA, A: dA * A * (1 - A), strict=True)
    for wrong in (lambda dA, A: A * (1 - A), lambda dA, A: dA * A,
                  lambda dA, A: dA @ (A * (1 - A)).T, lambda dA, A: np.zeros_like(dA)):
        assert not checks.sigmoid_layer_dZ(wrong)
