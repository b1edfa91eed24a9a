"""Network: backprop gradients for every activation and loss (with L1/L2)
against finite differences computed here, independently of nnlib's own
gradient_check; the fused output gradients; predict; and layer sizes."""

import numpy as np
import pytest
from numgrad import numeric_gradient

import nnlib
from nnlib import activations, losses

# backprop; the forward-pass tests (marked lesson04) also back lesson 04
pytestmark = pytest.mark.lesson09
lesson04 = pytest.mark.lesson04


def make_net(hidden, output, n_out, seed=0, n_in=3):
    return nnlib.Network([nnlib.Dense(n_in, 4, hidden, rng=seed),
                          nnlib.Dense(4, 5, hidden, rng=seed + 1),
                          nnlib.Dense(5, n_out, output, rng=seed + 2)])


def targets(loss, n, n_out, rng):
    if loss == "cross_entropy":
        return rng.integers(0, n_out, n)
    if loss == "binary_cross_entropy":    # 0/1 labels; one column per sigmoid output
        return rng.integers(0, 2, n) if n_out == 1 else rng.integers(0, 2, (n, n_out))
    return rng.normal(size=(n, n_out))


def loss_of(net, X, y, loss, l1, l2):
    """The loss recomputed from scratch with numpy (independent of backprop)."""
    A = X
    for layer in net.layers:
        A = layer.activation(A @ layer.W + layer.b)
    value = losses.get(loss)(A, y)
    return value + sum(l1 * np.abs(la.W).sum() + l2 * (la.W ** 2).sum() for la in net.layers)


CASES = ([(h, "linear", 2, "mse") for h in activations.names() if h != "sign"]
         + [("tanh", out, 2, "mse") for out in ("sigmoid", "relu", "softplus", "tanh")]
         + [("tanh", "linear", 2, "mae"), ("relu", "softmax", 3, "cross_entropy"),
            ("sigmoid", "softmax", 4, "cross_entropy"), ("tanh", "softmax", 3, "mse"),
            ("elu", "sigmoid", 1, "binary_cross_entropy"),
            ("tanh", "sigmoid", 2, "binary_cross_entropy")])


@pytest.mark.parametrize("l1, l2", [(0.0, 0.0), (0.01, 0.0), (0.0, 0.05), (0.02, 0.03)])
@pytest.mark.parametrize("hidden, output, n_out, loss", CASES, ids=str)
def test_backprop_matches_finite_differences(hidden, output, n_out, loss, l1, l2):
    rng = np.random.default_rng(42)
    net = make_net(hidden, output, n_out)
    X, y = rng.normal(size=(6, 3)), targets(loss, 6, n_out, rng)
    value = net.backprop(X, y, loss=loss, l1=l1, l2=l2)
    assert value == pytest.approx(loss_of(net, X, y, loss, l1, l2), rel=1e-12)
    for param, grad in zip(net.parameters(), net.gradients()):
        numeric = numeric_gradient(lambda _: loss_of(net, X, y, loss, l1, l2), param)
        np.testing.assert_allclose(grad, numeric, rtol=1e-4, atol=1e-6)


def test_sign_network_has_zero_hidden_gradients():
    rng = np.random.default_rng(0)
    net = make_net("sign", "linear", 1)
    net.backprop(rng.normal(size=(5, 3)), rng.normal(size=(5, 1)), loss="mse")
    for layer in net.layers[:-1]:
        assert not layer.dW.any() and not layer.db.any()
    assert net.layers[-1].dW.any()


@pytest.mark.parametrize("output, loss, n_out", [("softmax", "cross_entropy", 3),
                                                 ("sigmoid", "binary_cross_entropy", 1)])
def test_fused_output_gradient_is_a_minus_y_over_n(output, loss, n_out, monkeypatch):
    rng = np.random.default_rng(1)
    net = make_net("tanh", output, n_out)
    X, y = rng.normal(size=(7, 3)), targets(loss, 7, n_out, rng)
    net.backprop(X, y, loss=loss)
    top = net.layers[-1]
    Y = np.eye(n_out)[y] if n_out > 1 else y[:, None].astype(float)
    np.testing.assert_allclose(top.db, ((top.A - Y) / 7).sum(axis=0), atol=1e-14)


def test_gradient_check_reports_agreement_and_catches_a_wrong_gradient(monkeypatch):
    rng = np.random.default_rng(3)
    net = make_net("tanh", "softmax", 3)
    X, y = rng.normal(size=(5, 3)), rng.integers(0, 3, 5)
    report = nnlib.gradient_check(net, X, y, loss="cross_entropy", l2=0.01)
    assert report.ok and report.max_relative_error < 1e-6
    assert [r["name"] for r in report.rows] == ["W1", "b1", "W2", "b2", "W3", "b3"]
    assert "gradients agree" in str(report)
    before = [p.copy() for p in net.parameters()]
    # a classic bug: forgetting f'(Z) in the hidden layers
    monkeypatch.setattr(nnlib.activations.tanh, "backward", lambda z, a, da: da)
    bad = nnlib.gradient_check(net, X, y, loss="cross_entropy")
    assert not bad.ok and "DISAGREE" in str(bad)
    assert all(np.array_equal(a, b) for a, b in zip(before, net.parameters()))


@lesson04
def test_forward_call_and_predict():
    rng = np.random.default_rng(0)
    X = rng.normal(size=(8, 3))
    net = make_net("relu", "softmax", 3)
    out = net(X)
    assert out.shape == (8, 3) and np.array_equal(out, net.forward(X))
    assert np.array_equal(net.predict(X), out.argmax(axis=1))
    sig = make_net("relu", "sigmoid", 1)
    assert set(np.unique(sig.predict(X))) <= {0, 1} and sig.predict(X).shape == (8,)
    sign = make_net("relu", "sign", 1)
    assert set(np.unique(sign.predict(X))) <= {-1, 1}
    reg = make_net("relu", "linear", 2)
    assert reg.predict(X).shape == (8, 2)


@lesson04
def test_parameters_and_gradients_are_the_live_arrays():
    net = make_net("tanh", "linear", 2)
    assert [p.shape for p in net.parameters()] == [(3, 4), (4,), (4, 5), (5,), (5, 2), (2,)]
    assert net.parameters()[0] is net.layers[0].W
    assert [g.shape for g in net.gradients()] == [p.shape for p in net.parameters()]


@lesson04
def test_layer_sizes_must_agree():
    with pytest.raises(ValueError, match="layer 0 has 4 outputs but layer 1 expects 5"):
        nnlib.Network([nnlib.Dense(2, 4), nnlib.Dense(5, 1)])
    with pytest.raises(ValueError, match="at least one layer"):
        nnlib.Network([])
    with pytest.raises(TypeError, match="Dense"):
        nnlib.Network(["relu"])


def test_dense_layer_alone_backward_matches_finite_differences():
    rng = np.random.default_rng(5)
    layer = nnlib.Dense(3, 2, "sigmoid", rng=0)
    X, G = rng.normal(size=(4, 3)), rng.normal(size=(4, 2))
    layer.forward(X)
    dX = layer.backward(G)

    def f_of_x(x):
        return np.sum(G * layer.activation(x @ layer.W + layer.b))

    np.testing.assert_allclose(dX, numeric_gradient(f_of_x, X.copy()), rtol=1e-5, atol=1e-8)
    np.testing.assert_allclose(
        layer.dW, numeric_gradient(lambda w: np.sum(G * layer.activation(X @ w + layer.b)),
                                   layer.W.copy()), rtol=1e-5, atol=1e-8)
    with pytest.raises(ValueError, match=r"shape of A \(4, 2\)"):
        layer.backward(np.zeros((4, 3)))


@lesson04
@pytest.mark.parametrize("init", ["auto", "xavier", "he", "small", "normal", "zeros", 0.3])
def test_dense_inits(init):
    W = nnlib.Dense(200, 100, "relu", init=init, rng=0).W
    std = {"he": np.sqrt(2 / 200), "auto": np.sqrt(2 / 200), "xavier": np.sqrt(2 / 300),
           "small": 0.01, "normal": 1.0, "zeros": 0.0, 0.3: 0.3}[init]
    assert W.std() == pytest.approx(std, rel=0.05, abs=1e-12)


@lesson04
def test_dense_rejects_bad_arguments():
    with pytest.raises(ValueError, match="n_in must be a positive int, got 0"):
        nnlib.Dense(0, 3)
    with pytest.raises(ValueError, match="unknown activation 'sigmoidd'.*softmax"):
        nnlib.Dense(2, 3, "sigmoidd")
    with pytest.raises(ValueError, match="unknown init 'glorot'"):
        nnlib.Dense(2, 3, init="glorot")


@lesson04
def test_same_seed_same_weights_and_generator_accepted():
    a, b = nnlib.Dense(3, 4, rng=7), nnlib.Dense(3, 4, rng=7)
    assert np.array_equal(a.W, b.W)
    gen = np.random.default_rng(7)
    assert np.array_equal(nnlib.Dense(3, 4, rng=gen).W, a.W)
    with pytest.raises(TypeError, match="rng must be"):
        nnlib.Dense(3, 4, rng="seed")


@pytest.mark.lesson04
def test_pre_activation_is_the_step_forward_applies_f_to_and_caches_nothing():
    rng = np.random.default_rng(4)
    layer = nnlib.Dense(3, 2, "tanh", rng=0)
    X = rng.normal(size=(5, 3))
    Z = layer.pre_activation(X)
    np.testing.assert_allclose(Z, X @ layer.W + layer.b)
    np.testing.assert_allclose(layer.forward(X, cache=False), np.tanh(Z))
    assert layer.Z is None
    with pytest.raises(ValueError, match="Dense input X"):
        layer.pre_activation(X[:, :2])
