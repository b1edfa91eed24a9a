"""Losses: values against direct formulas, gradients against finite
differences, and clear errors on bad input."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from numgrad import numeric_gradient

import nnlib
from nnlib import losses


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
