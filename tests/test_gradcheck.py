"""gradient_check: it only evaluates (one backprop, no cache rewritten),
restores every weight even when interrupted, resolves what finite
differences can resolve (a saturated softmax network agrees) and still
catches a small wrong gradient."""

import numpy as np
import pytest

import nnlib
from nnlib import losses

pytestmark = pytest.mark.lesson09


def softmax_net(scale=0.1, seed=0):
    return nnlib.Network([nnlib.Dense(3, 5, "tanh", init=scale, rng=seed),
                          nnlib.Dense(5, 4, "softmax", init=10 * scale, rng=seed + 1)])


def test_a_correct_saturated_softmax_network_agrees():
    rng = np.random.default_rng(0)
    net = softmax_net(scale=3.0)
    X = rng.normal(size=(8, 3)) * 3
    y = net.predict(X)                                    # confident and right: saturated
    p = net.forward(X, cache=False)[np.arange(8), y]
    assert p.min() > 1 - 1e-3                             # really saturated ...
    net.backprop(X, y, "cross_entropy")
    assert max(np.abs(g).max() for g in net.gradients()) < 1e-4   # ... small gradients
    report = nnlib.gradient_check(net, X, y, loss="cross_entropy")
    assert report.ok, str(report)
    # the old floor (1e-8) turned round-off noise of the differences into DISAGREE
    old = max(float((np.abs(r["analytic"] - r["numeric"]) /
                     np.maximum(np.maximum(np.abs(r["analytic"]), np.abs(r["numeric"])),
                                1e-8)).max()) for r in report.rows)
    assert old > report.tol


class ScaledMSE(losses.MSE):
    """mse whose gradient is wrong by a factor (1 + error): a subtle bug."""

    def __init__(self, error):
        self.error = error

    def grad(self, p, Y):
        return (1 + self.error) * super().grad(p, Y)


@pytest.mark.parametrize("size", [1.0, 1e-3, 1e-5])
def test_a_one_percent_error_is_caught_also_on_small_gradients(size):
    rng = np.random.default_rng(1)
    net = nnlib.Network([nnlib.Dense(2, 4, "tanh", rng=0), nnlib.Dense(4, 1, "linear", rng=1)])
    X = rng.normal(size=(6, 2))
    y = net.forward(X, cache=False)[:, 0] + size * rng.normal(size=6)   # gradients ~ size
    assert nnlib.gradient_check(net, X, y, loss=ScaledMSE(0.0)).ok
    report = nnlib.gradient_check(net, X, y, loss=ScaledMSE(0.01))
    assert not report.ok and "DISAGREE" in str(report)


def test_it_evaluates_without_backprop_or_caches_beyond_the_one_backprop(monkeypatch):
    rng = np.random.default_rng(2)
    net = softmax_net()
    X, y = rng.normal(size=(5, 3)), rng.integers(0, 4, 5)
    calls = []
    original = nnlib.Network.backprop
    monkeypatch.setattr(nnlib.Network, "backprop",
                        lambda self, *a, **k: calls.append(1) or original(self, *a, **k))
    nnlib.gradient_check(net, X, y, loss="cross_entropy")
    assert len(calls) == 1
    for layer, A in zip(net.layers, [X, *[la.A for la in net.layers[:-1]]]):
        assert layer.X is A                  # the caches of that one backprop, untouched
    np.testing.assert_array_equal(net.layers[-1].A, net.forward(X, cache=False))


class InterruptingMSE(losses.MSE):
    """mse that raises KeyboardInterrupt (Ctrl-C) at its n-th evaluation."""

    def __init__(self, n):
        self.n = n

    def value(self, p, Y):
        self.n -= 1
        if self.n == 0:
            raise KeyboardInterrupt
        return super().value(p, Y)


@pytest.mark.parametrize("n", [2, 3, 10, 25])
def test_ctrl_c_leaves_no_weight_off_by_eps(n):
    rng = np.random.default_rng(3)
    net = nnlib.Network([nnlib.Dense(2, 3, "tanh", rng=0), nnlib.Dense(3, 1, "linear", rng=1)])
    X, y = rng.normal(size=(4, 2)), rng.normal(size=4)
    before = [p.copy() for p in net.parameters()]
    with pytest.raises(KeyboardInterrupt):
        nnlib.gradient_check(net, X, y, loss=InterruptingMSE(n))
    assert all(np.array_equal(a, b) for a, b in zip(before, net.parameters()))


def test_bad_arguments_are_refused_before_anything_runs():
    net = softmax_net()
    X, y = np.zeros((2, 3)), np.array([0, 1])
    with pytest.raises(ValueError, match="eps must be a positive number"):
        nnlib.gradient_check(net, X, y, "cross_entropy", eps=0)
    with pytest.raises(ValueError, match="tol must be a positive number"):
        nnlib.gradient_check(net, X, y, "cross_entropy", tol=-1)


def test_a_confidently_wrong_saturated_network_agrees_too():
    """p < PROB_FLOOR for a target: the clipped loss is flat there, the exact
    loss of the logits is not; backprop's fused gradient is that of the latter."""
    rng = np.random.default_rng(0)
    net = softmax_net(scale=3.0, seed=3)
    X = rng.normal(size=(6, 3)) * 3
    y = (net.predict(X) + 1) % 4                          # confidently wrong everywhere
    p = net.forward(X, cache=False)[np.arange(6), y]
    assert p.min() < losses.PROB_FLOOR
    report = nnlib.gradient_check(net, X, y, loss="cross_entropy")
    assert report.ok, str(report)
    sig = nnlib.Network([nnlib.Dense(3, 4, "tanh", rng=0), nnlib.Dense(4, 1, "sigmoid", init=40.0,
                                                                      rng=1)])
    yb = 1 - sig.predict(X)
    assert nnlib.gradient_check(sig, X, yb, loss="binary_cross_entropy").ok


def test_fused_values_of_the_logits_equal_the_losses_where_nothing_is_clipped():
    rng = np.random.default_rng(4)
    Z = rng.normal(size=(5, 3))
    Y = np.eye(3)[rng.integers(0, 3, 5)]
    softmax = nnlib.activations.get_layer_activation("softmax")
    assert softmax.fused_value(Z, Y) == pytest.approx(
        losses.cross_entropy(nnlib.softmax(Z), Y), rel=1e-13)
    z, yb = rng.normal(size=(5, 1)), rng.integers(0, 2, (5, 1)).astype(float)
    sigmoid = nnlib.activations.sigmoid
    assert sigmoid.fused_value(z, yb) == pytest.approx(
        losses.binary_cross_entropy(sigmoid(z), yb), rel=1e-13)
