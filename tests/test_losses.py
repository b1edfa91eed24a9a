"""Losses: values against direct formulas, gradients against finite
differences, and clear errors on bad input."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from numgrad import numeric_gradient

import nnlib
from nnlib import losses

pytestmark = [pytest.mark.lesson05, pytest.mark.lesson03]


@settings(max_examples=40, deadline=None)
@given(seed=st.integers(0, 10_000), n=st.integers(1, 6), k=st.integers(1, 4))
def test_regression_losses_match_formula_and_finite_differences(seed, n, k):
    rng = np.random.default_rng(seed)
    p, y = rng.normal(size=(n, k)), rng.normal(size=(n, k))
    assert losses.mse(p, y) == pytest.approx(np.mean((p - y) ** 2))
    assert losses.mae(p, y) == pytest.approx(np.mean(np.abs(p - y)))
    for loss in (losses.mse, losses.mae):
        np.testing.assert_allclose(loss.gradient(p, y),
                                   numeric_gradient(lambda q, loss=loss: loss(q, y), p.copy()),
                                   rtol=1e-5, atol=1e-8)


@settings(max_examples=40, deadline=None)
@given(seed=st.integers(0, 10_000), n=st.integers(1, 6), k=st.integers(2, 5))
def test_cross_entropy_formula_and_gradient(seed, n, k):
    rng = np.random.default_rng(seed)
    p = nnlib.softmax(rng.normal(size=(n, k)))
    y = rng.integers(0, k, n)
    assert losses.cross_entropy(p, y) == pytest.approx(-np.mean(np.log(p[np.arange(n), y])))
    onehot = np.eye(k)[y]
    assert losses.cross_entropy(p, onehot) == pytest.approx(losses.cross_entropy(p, y))
    np.testing.assert_allclose(losses.cross_entropy.gradient(p, y),
                               numeric_gradient(lambda q: losses.cross_entropy(q, y), p.copy(),
                                                eps=1e-7), rtol=1e-4, atol=1e-6)


@settings(max_examples=40, deadline=None)
@given(seed=st.integers(0, 10_000), n=st.integers(1, 8))
def test_binary_cross_entropy_formula_and_gradient(seed, n):
    rng = np.random.default_rng(seed)
    p, y = rng.uniform(0.05, 0.95, n), rng.integers(0, 2, n)
    want = -np.mean(y * np.log(p) + (1 - y) * np.log(1 - p))
    assert losses.binary_cross_entropy(p, y) == pytest.approx(want)
    assert losses.binary_cross_entropy(p[:, None], y) == pytest.approx(want)
    np.testing.assert_allclose(losses.binary_cross_entropy.gradient(p, y),
                               numeric_gradient(lambda q: losses.binary_cross_entropy(q, y),
                                                p.copy()), rtol=1e-5)
    assert losses.binary_cross_entropy.gradient(p[:, None], y).shape == (n, 1)


def test_confident_wrong_answer_is_finite():
    p = np.array([[1.0, 0.0]])
    assert np.isfinite(losses.cross_entropy(p, np.array([1])))
    assert np.isfinite(losses.binary_cross_entropy(np.array([0.0]), np.array([1])))


def test_registry():
    assert losses.names() == ["mse", "mae", "cross_entropy", "binary_cross_entropy"]
    assert losses.get("mse") is losses.mse
    with pytest.raises(ValueError, match="expected one of.*cross_entropy"):
        losses.get("crossentropy")


@pytest.mark.parametrize("call, match", [
    (lambda: losses.mse(np.zeros((3, 2)), np.zeros((3, 3))), r"shape of y_pred \(3, 2\)"),
    (lambda: losses.mse(np.array([np.nan, 1.0]), np.zeros(2)), "NaN or inf"),
    (lambda: losses.cross_entropy(np.full((2, 3), 1 / 3), np.array([0, 3])),
     r"labels must lie in 0\.\.2.*from 0 to 3"),
    (lambda: losses.cross_entropy(np.full((2, 3), 1 / 3), np.array([0.5, 1])), "whole-number"),
    (lambda: losses.cross_entropy(np.full((2, 3), 1 / 3), np.array([0, 1, 2])),
     r"shape \(2,\)"),
    (lambda: losses.binary_cross_entropy(np.full(2, 0.5), np.array([0, 2])), r"\[0, 1\]"),
])
def test_bad_input_is_a_clear_value_error(call, match):
    with pytest.raises(ValueError, match=match):
        call()


@pytest.mark.parametrize("loss, p, y, match", [
    (losses.cross_entropy, [[5.0, 3.0]], [1], r"from 3 to 5; did you pass scores instead"),
    (losses.cross_entropy, [[-1.0, 2.0]], [1], r"from -1 to 2; did you pass scores"),
    (losses.cross_entropy, [[0.7, 0.7]], [0], r"row 0 sums to 1\.4; did you pass scores"),
    (losses.cross_entropy, [[0.5, 0.5], [0.2, 0.3]], [0, 1], r"row 1 sums to 0\.5"),
    (losses.binary_cross_entropy, [2.0, 0.5], [1, 0], r"from 0\.5 to 2; did you pass scores"),
    (losses.binary_cross_entropy, [[-0.3]], [0], r"from -0\.3 to .*did you pass scores"),
])
def test_scores_passed_as_probabilities_are_refused(loss, p, y, match):
    """Before: cross_entropy([[5, 3]], [1]) returned -0.0."""
    for call in (loss, loss.gradient):
        with pytest.raises(ValueError, match=match):
            call(np.array(p), np.array(y))


@pytest.mark.parametrize("Y, match", [
    ([[1.0, 1.0], [0.0, 1.0]], r"row 0 sums to 2"),
    ([[0.5, 0.2], [0.0, 1.0]], r"row 0 sums to 0\.7"),
    ([[1.5, -0.5], [0.0, 1.0]], r"must not be negative, got a minimum of -0\.5"),
])
def test_one_hot_and_soft_targets_must_be_distributions(Y, match):
    """Rows that are not distributions made the fused gradient (A - Y) / N
    wrong: the true dL/dZ is A * sum_k Y_k - Y.  Refused in the loss and in
    the network, which then changes nothing."""
    p = np.full((2, 2), 0.5)
    with pytest.raises(ValueError, match=match):
        losses.cross_entropy(p, np.array(Y))
    net = nnlib.Network([nnlib.Dense(2, 2, "softmax", rng=0)])
    before = [g.copy() for g in net.gradients()] + [w.copy() for w in net.parameters()]
    with pytest.raises(ValueError, match=match):
        net.backprop(np.ones((2, 2)), np.array(Y), loss="cross_entropy")
    after = net.gradients() + net.parameters()
    assert all(np.array_equal(a, b) for a, b in zip(before, after))


@settings(max_examples=40, deadline=None)
@given(seed=st.integers(0, 10_000), n=st.integers(1, 6), k=st.integers(2, 5),
       scale=st.floats(0.1, 5))
def test_real_distributions_are_accepted_and_the_fused_gradient_holds(seed, n, k, scale):
    """Softmax outputs (also in float32, also saturated) and soft targets pass;
    for them the network's fused (A - Y) / N equals the finite-difference dL/dZ
    (away from saturation, where PROB_FLOOR flattens the loss)."""
    rng = np.random.default_rng(seed)
    Z = scale * rng.normal(size=(n, k))
    Y = nnlib.softmax(rng.normal(size=(n, k)))
    for p in (nnlib.softmax(Z).astype(np.float32), nnlib.softmax(100 * Z)):
        assert np.isfinite(losses.cross_entropy(p, Y))
    fused = (nnlib.softmax(Z) - Y) / n
    np.testing.assert_allclose(
        fused, numeric_gradient(lambda z: losses.cross_entropy(nnlib.softmax(z), Y), Z.copy(),
                                eps=1e-6), rtol=1e-4, atol=1e-7)


def test_the_tolerance_is_the_named_constant():
    tol = losses.PROB_TOLERANCE
    ok = np.array([[0.5, 0.5 + tol / 2]])
    assert np.isfinite(losses.cross_entropy(ok, [0]))
    assert np.isfinite(losses.cross_entropy(np.array([[0.5, 0.5]]), ok))
    with pytest.raises(ValueError, match=f"within {tol:g}"):
        losses.cross_entropy(np.array([[0.5, 0.5 + 2 * tol]]), [0])
    with pytest.raises(ValueError, match=f"within {tol:g}"):
        losses.cross_entropy(np.array([[0.5, 0.5]]), np.array([[0.5, 0.5 + 2 * tol]]))
    assert np.isfinite(losses.binary_cross_entropy(np.array([1 + tol / 2]), [1]))
    with pytest.raises(ValueError, match="did you pass scores"):
        losses.binary_cross_entropy(np.array([1 + 2 * tol]), [1])


@pytest.mark.parametrize("loss, y", [(losses.mse, [[0.3, 0.1]]), (losses.mae, [[0.3, 0.1]]),
                                     (losses.cross_entropy, [1]),
                                     (losses.binary_cross_entropy, [[1.0, 0.0]])])
def test_validated_path_skips_every_check_and_agrees(loss, y, monkeypatch):
    p = np.array([[0.2, 0.8]])
    Y = loss.target(np.array(y), p.shape)
    want, want_grad = loss(p, np.array(y)), loss.gradient(p, np.array(y))

    def refuse(*args):
        raise AssertionError("validated=True must not validate again")

    monkeypatch.setattr(loss, "target", refuse)
    monkeypatch.setattr(loss, "checked", refuse)
    assert loss(p, Y, validated=True) == want
    np.testing.assert_array_equal(loss.gradient(p, Y, validated=True), want_grad)
