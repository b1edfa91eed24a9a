"""Lesson 09: the per-layer backward trace (public API only) against
net.backprop and finite differences, the mechanism of vanishing/exploding
with depth, the depth explorer for every activation, and the checks."""

import matplotlib

matplotlib.use("Agg")

import numpy as np  # noqa: E402
import pytest  # noqa: E402

import nnlib  # noqa: E402
from nnlib import activations, checks, numerical_gradient  # noqa: E402
from nnlib.lessons.l09_backprop import (  # noqa: E402
    backward_trace,
    deep_network,
    depth_ratio,
    gradient_norms,
    layer_profile,
    scalar_graph_gradients,
)
from nnlib.widgets.backprop import describe, gradient_norms_explorer  # noqa: E402

pytestmark = pytest.mark.lesson09


@pytest.mark.parametrize("act", activations.names())
def test_trace_visits_last_layer_first_and_equals_backprop(act):
    rng = np.random.default_rng(3)
    net = deep_network(3, act, "xavier", width=5, rng=0)
    X, y = rng.normal(size=(7, 2)), rng.normal(size=7)
    trace = backward_trace(net, X, y)
    assert [t["layer"] for t in trace] == [4, 3, 2, 1]
    net.backprop(X, y, loss="mse")
    for t in trace:
        layer = net.layers[t["layer"] - 1]
        np.testing.assert_allclose(t["grad_W"], layer.dW, rtol=1e-12, atol=1e-15)
        np.testing.assert_allclose(t["grad_b"], layer.db, rtol=1e-12, atol=1e-15)
        assert t["dW"] == pytest.approx(np.linalg.norm(layer.dW))


def test_trace_gradients_equal_finite_differences():
    rng = np.random.default_rng(5)
    net = deep_network(2, "tanh", "xavier", width=4, rng=1)
    X, y = rng.normal(size=(6, 2)), rng.normal(size=6)
    trace = {t["layer"]: t for t in backward_trace(net, X, y)}
    for l, layer in enumerate(net.layers, start=1):
        num = numerical_gradient(lambda W: nnlib.losses.mse(net.forward(X, cache=False),
                                                          y[:, None]), layer.W)
        np.testing.assert_allclose(trace[l]["grad_W"], num, rtol=1e-6, atol=1e-9)


def test_gradient_norms_are_the_dW_of_the_profile():
    p = layer_profile(5, "tanh", "xavier", rng=3)
    np.testing.assert_allclose(gradient_norms(5, "tanh", "xavier", rng=3), p["dW"])
    assert p["dW"].shape == p["dZ"].shape == p["spread"].shape == (6,)


@pytest.mark.parametrize("act, init, backward, forward", [
    ("relu", "normal", "grows", "grows"), ("tanh", "small", "shrinks", "shrinks")])
def test_flat_dW_hides_what_dZ_and_the_spread_show(act, init, backward, forward):
    p = layer_profile(8, act, init)
    hidden = slice(0, -1)
    assert p["dW"][hidden].max() / p["dW"][hidden].min() < 5          # flat across depth
    dz = p["dZ"][0] / p["dZ"][-2]                                     # layer 1 vs layer L-1
    spread = p["spread"][-2] / p["spread"][0]
    assert (dz > 1e3) if backward == "grows" else (dz < 1e-3)
    assert (spread > 1e3) if forward == "grows" else (spread < 1e-3)
    words = describe(p)
    assert backward in words[0] and forward in words[1]


def test_sigmoid_backward_factor_per_layer_is_measured_with_W():
    p = layer_profile(8, "sigmoid", "xavier")
    shrink = depth_ratio(p["dZ"])
    assert shrink > 1.5 and "vanishing" in describe(p)[0]
    assert depth_ratio(p["dZ"]) == pytest.approx((p["dZ"][-2] / p["dZ"][0]) ** (1 / 7))


def test_describe_calls_a_stable_profile_stable():
    assert "stable" in describe(layer_profile(8, "tanh", "xavier"))[0]
    assert "no gradient" in describe(layer_profile(8, "sign", "xavier"))[0]


@pytest.mark.parametrize("act", activations.names())
def test_explorer_works_for_every_activation(act):
    e = gradient_norms_explorer(depth=4)
    e.controls["activation"].value = act
    assert e.profile["dZ"].shape == (5,)
    assert e.verdict in e.readout.value
    left = e.axes[0].lines[0]
    ok = np.isfinite(e.profile["dZ"]) & (e.profile["dZ"] > 0)
    np.testing.assert_allclose(left.get_ydata(), e.profile["dZ"][ok])


def test_explorer_redraws_on_every_control():
    e = gradient_norms_explorer()
    assert "vanishing" in e.verdict
    e.controls["activation"].value = "relu"
    e.controls["init"].value = "normal"
    assert "exploding" in e.verdict and "blow up" in e.readout.value
    e.controls["depth"].value = 4
    assert len(e.axes[1].lines[0].get_xdata()) == 5


def test_scalar_graph_refuses_activations_value_lacks():
    net = nnlib.Network([nnlib.Dense(2, 2, "elu", rng=0), nnlib.Dense(2, 1, "linear", rng=1)])
    with pytest.raises(ValueError, match="supports"):
        scalar_graph_gradients(net, np.zeros((1, 2)), np.zeros(1))


def test_check_dense_backward():
    good = lambda X, W, dZ: (X.T @ dZ, dZ.sum(axis=0), dZ @ W.T)  # noqa: E731
    assert checks.dense_backward(good, strict=True)
    wrongs = {"transposed": lambda X, W, dZ: (dZ.T @ X, dZ.sum(axis=0), dZ @ W.T),
              "axis 0": lambda X, W, dZ: (X.T @ dZ, dZ.sum(axis=1), dZ @ W.T),
              "do not average": lambda X, W, dZ: (X.T @ dZ, dZ.mean(axis=0), dZ @ W.T),
              "no 1/N": lambda X, W, dZ: (X.T @ dZ / len(X), dZ.sum(axis=0), dZ @ W.T),
              "shape": lambda X, W, dZ: (X.T @ dZ, dZ.sum(axis=0), dZ @ W),
              "wrong values": lambda X, W, dZ: (np.zeros_like(W), np.zeros(W.shape[1]),
                                                np.zeros_like(X))}
    for words, wrong in wrongs.items():
        v = checks.dense_backward(wrong)
        assert not v and words in v.message, (words, v.message)
        with pytest.raises(AssertionError):
            checks.dense_backward(wrong, strict=True)


def test_check_sigmoid_layer_dZ():
    sig = nnlib.activations.sigmoid
    assert checks.sigmoid_layer_dZ(lambda dA, A: dA * A * (1 - A), strict=True)
    wrongs = {"incoming gradient": lambda dA, A: A * (1 - A),
              "not A.": lambda dA, A: dA * A,
              "applying σ again": lambda dA, A: dA * sig(A) * (1 - sig(A)),
              "no 1/N": lambda dA, A: dA * A * (1 - A) / len(A),
              "elementwise": lambda dA, A: dA @ (A * (1 - A)).T,
              "wrong": lambda dA, A: np.zeros_like(dA)}
    for words, wrong in wrongs.items():
        v = checks.sigmoid_layer_dZ(wrong)
        assert not v and words in v.message, (words, v.message)


def _mutating_dZ(dA, A):
    dA *= A * (1 - A)
    return dA


def _mutating_dense(X, W, dZ):
    dX = dZ @ W.T
    W *= 0
    return X.T @ dZ, dZ.sum(axis=0), dX


WRONG_TYPES = {
    "sigmoid_layer_dZ": [(lambda dA, A: None, "returned None"), (_mutating_dZ, "in place"),
                         (lambda dA, A: (dA * A * (1 - A)).tolist(), "Python list"),
                         (lambda dA, A: dA * A * (1 - A) + 0j, "complex"),
                         (lambda dA, A: nnlib.Network([nnlib.Dense(3, 3)]),
                          "must hold numbers")],
    "dense_backward": [(lambda X, W, dZ: None, "returned None"), (_mutating_dense, "in place"),
                       (lambda X, W, dZ: ((X.T @ dZ).tolist(), dZ.sum(0), dZ @ W.T),
                        "Python list"),
                       (lambda X, W, dZ: (X.T @ dZ + 0j, dZ.sum(0), dZ @ W.T), "complex"),
                       (lambda X, W, dZ: (X.T @ dZ, len, dZ @ W.T), "must hold numbers"),
                       (lambda X, W, dZ: X.T @ dZ, "three arrays")],
}


@pytest.mark.parametrize("name, wrong, words",
                         [(n, w, t) for n, cases in WRONG_TYPES.items() for w, t in cases])
def test_checks_name_wrong_types_without_raising(name, wrong, words):
    v = getattr(checks, name)(wrong)
    assert not v and words in v.message, v.message


def test_explorer_reports_a_failing_network_in_its_readout(monkeypatch):
    import nnlib.widgets.backprop as view

    e = gradient_norms_explorer(depth=3)

    def overflow(*args):
        raise ValueError("Dense input X has NaN or inf")

    monkeypatch.setattr(view, "layer_profile", overflow)
    e.controls["depth"].value = 4
    assert e.verdict == "not measurable" and "NaN or inf" in e.readout.value
