"""Activations: every derivative against central differences, edge values,
stability, the registry, and softmax with its Jacobian."""

import warnings

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays
from numgrad import elementwise_derivative, numeric_gradient

import nnlib
from nnlib import activations

pytestmark = pytest.mark.lesson02
lesson03 = pytest.mark.lesson03          # the softmax parts back lesson 03

ALL = [activations.get(n) for n in activations.names()]
SMOOTH_AWAY_FROM_0 = {"relu", "leaky_relu", "elu", "sign"}   # kink or jump at z = 0

finite = st.floats(-30, 30, allow_nan=False, allow_infinity=False)


def test_registry_lists_the_course_activations_and_extras():
    assert activations.names() == ["linear", "sign", "relu", "tanh", "sigmoid",
                                   "leaky_relu", "elu", "softplus"]
    for name in activations.names():
        act = activations.get(name)
        assert act.name == name and act is getattr(activations, name)
        assert act.formula.startswith("f(z)")
    assert activations.get(activations.relu) is activations.relu


def test_unknown_activation_lists_the_valid_names():
    with pytest.raises(ValueError, match="expected one of .*'relu'.*'sigmoid'"):
        activations.get("rellu")
    with pytest.raises(TypeError, match="name"):
        activations.get(3)


@pytest.mark.parametrize("act", ALL, ids=lambda a: a.name)
@settings(max_examples=60, deadline=None)
@given(z=arrays(float, st.integers(1, 20), elements=finite))
def test_derivative_matches_finite_differences(act, z):
    if act.name in SMOOTH_AWAY_FROM_0:
        z = z[np.abs(z) > 1e-3]          # away from the kink, where f' is defined
    expected = elementwise_derivative(act, z)
    np.testing.assert_allclose(act.derivative(z), expected, rtol=1e-5, atol=1e-7)


@pytest.mark.parametrize("act", ALL, ids=lambda a: a.name)
def test_backward_from_output_equals_da_times_derivative(act):
    z = np.linspace(-4, 4, 33)
    da = np.cos(z)
    np.testing.assert_allclose(act.backward(z, act(z), da), da * act.derivative(z),
                               rtol=1e-12, atol=1e-15)


def test_course_conventions_at_zero():
    z = np.array([0.0])
    assert activations.sign(z)[0] == -1.0
    assert activations.sign.derivative(np.array([-2.0, 0.0, 3.0])).tolist() == [0, 0, 0]
    assert activations.relu.derivative(z)[0] == 0.0
    assert activations.relu(z)[0] == 0.0


@pytest.mark.parametrize("name", ["sigmoid", "tanh", "softplus", "elu"])
def test_huge_inputs_give_no_warnings_and_finite_values(name):
    act = activations.get(name)
    z = np.array([-800.0, -710.0, 0.0, 710.0, 800.0])
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        out, d = act(z), act.derivative(z)
    assert np.all(np.isfinite(out)) and np.all(np.isfinite(d))


def test_sigmoid_limits_and_formula():
    z = np.linspace(-20, 20, 81)
    # the tanh form is exact to ~1e-16 absolute (not relative) far in the tail
    np.testing.assert_allclose(activations.sigmoid(z), 1 / (1 + np.exp(-z)), rtol=1e-12,
                               atol=1e-16)
    assert activations.sigmoid(np.array([800.0]))[0] == 1.0
    assert activations.sigmoid(np.array([-800.0]))[0] == 0.0
    np.testing.assert_allclose(activations.tanh(z), np.tanh(z))


def test_activation_does_not_modify_its_input():
    z = np.linspace(-2, 2, 5)
    before = z.copy()
    for act in ALL:
        out = act(z)
        out[...] = 99
        assert np.array_equal(z, before), act.name


# --- softmax -----------------------------------------------------------------

logits = arrays(float, st.tuples(st.integers(1, 5), st.integers(2, 6)),
                elements=st.floats(-50, 50))


@lesson03
@settings(max_examples=80, deadline=None)
@given(z=logits, shift=st.floats(-100, 100))
def test_softmax_rows_sum_to_one_and_ignore_a_shift(z, shift):
    s = nnlib.softmax(z)
    assert s.shape == z.shape and np.all(s >= 0)
    np.testing.assert_allclose(s.sum(axis=1), 1.0, rtol=1e-12)
    np.testing.assert_allclose(nnlib.softmax(z + shift), s, rtol=1e-9, atol=1e-12)


@lesson03
def test_softmax_is_stable_for_huge_logits():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        s = nnlib.softmax(np.array([1000.0, 999.0, -1000.0]))
    np.testing.assert_allclose(s, [1 / (1 + np.exp(-1)), 1 / (1 + np.e), 0.0], rtol=1e-12)


@lesson03
def test_softmax_axis():
    z = np.arange(6.0).reshape(2, 3)
    np.testing.assert_allclose(nnlib.softmax(z, axis=0).sum(axis=0), 1.0)


@lesson03
@settings(max_examples=50, deadline=None)
@given(z=arrays(float, st.integers(2, 6), elements=st.floats(-10, 10)))
def test_softmax_jacobian_matches_finite_differences(z):
    J = nnlib.softmax_jacobian(z)
    for i in range(len(z)):
        np.testing.assert_allclose(J[i], numeric_gradient(lambda v, i=i: nnlib.softmax(v)[i], z),
                                   atol=1e-7)


@lesson03
def test_softmax_jacobian_wants_a_vector():
    with pytest.raises(ValueError, match=r"shape \(K,\).*\(2, 2\)"):
        nnlib.softmax_jacobian(np.zeros((2, 2)))


@lesson03
def test_softmax_layer_backward_matches_jacobian():
    rng = np.random.default_rng(0)
    Z, dA = rng.normal(size=(4, 3)), rng.normal(size=(4, 3))
    act = activations.get_layer_activation("softmax")
    dZ = act.backward(Z, act(Z), dA)
    for n in range(4):
        np.testing.assert_allclose(dZ[n], nnlib.softmax_jacobian(Z[n]).T @ dA[n], atol=1e-12)
    assert "softmax" not in activations.names()
