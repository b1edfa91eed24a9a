"""Lesson 02 (activations): its computations, its checks and its explorer."""

import warnings

import matplotlib

matplotlib.use("Agg")

import numpy as np  # noqa: E402
import pytest  # noqa: E402
from badanswers import kind_cases  # noqa: E402
from checkcases import assert_rejects, verify_check  # noqa: E402

import nnlib  # noqa: E402
from nnlib import activations, checks  # noqa: E402
from nnlib.lessons import l02_activations as L02  # noqa: E402

pytestmark = pytest.mark.lesson02
sig = activations.sigmoid


def split_sigmoid(z):                       # the lesson's worked solution
    e = np.exp(-np.abs(z))
    return np.where(z >= 0, 1.0 / (1.0 + e), e / (1.0 + e))


def silenced_errstate(z):
    with np.errstate(all="ignore"):
        return 1 / (1 + np.exp(-z))


def silenced_warnings(z):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return 1 / (1 + np.exp(-z))


SOLUTIONS = {
    "sigmoid_derivative": lambda z: sig(z) * (1 - sig(z)),
    "relu_derivative": lambda z: (z > 0).astype(float),
    "stable_sigmoid": split_sigmoid,
}

WRONG = {
    "sigmoid_derivative": [
        (sig, "sigma(z) itself"),
        (lambda z: z * (1 - z), "z * (1 - z)"),
        (lambda z: sig(sig(z)) * (1 - sig(sig(z))), "applied twice"),
        (lambda z: sig(z) * (1 + sig(z)), "sign inside the bracket"),
        (np.zeros_like, "wrong at input"),
    ],
    "relu_derivative": [
        (lambda z: (z >= 0).astype(float), "relu'(0) = 0"),
        (activations.relu, "relu(z) itself"),
        (np.sign, "not -1"),
        (np.zeros_like, "wrong at input"),
    ],
    "stable_sigmoid": [
        (lambda z: 1 / (1 + np.exp(-z)), "overflows"),             # warns, and 0 below -709.8
        (silenced_errstate, "hides this"),
        (silenced_warnings, "hides this"),
        (lambda z: 0.5 * (1 + np.tanh(z / 2)), "tanh(z/2)"),
        (lambda z: silenced_errstate(np.clip(z, -500, 500)), "clipping z"),
        (lambda z: silenced_errstate(np.clip(z, -600, 600)), "relative error"),
        (lambda z: np.where(z >= 0, 1 / (1 + np.exp(-np.abs(z))), np.exp(-np.abs(z))),
         "wrong at input"),                                        # e instead of e / (1 + e)
        (np.zeros_like, "expected"),
    ],
}


@pytest.mark.parametrize("name", list(SOLUTIONS))
def test_check_accepts_the_solution_and_rejects_each_wrong_answer(name):
    verify_check(name, SOLUTIONS[name], [wrong for wrong, _ in WRONG[name]])
    for wrong, words in WRONG[name]:
        with np.errstate(all="ignore"):
            assert words in getattr(checks, name)(wrong).message, words


@pytest.mark.parametrize("name, kind, answer, words", kind_cases(SOLUTIONS))
def test_check_rejects_answers_of_the_wrong_kind_with_a_friendly_message(name, kind, answer,
                                                                         words):
    assert_rejects(name, answer, words)


def test_stable_sigmoid_also_accepts_the_logaddexp_form_and_rejects_a_warning_one():
    assert checks.stable_sigmoid(lambda z: np.exp(-np.logaddexp(0.0, -z)), strict=True)

    def right_but_warns(z):                 # correct values, but exp(-z) overflows first
        with np.errstate(over="ignore"):
            np.exp(-z)
        warnings.warn("overflow encountered in exp", RuntimeWarning, stacklevel=1)
        return split_sigmoid(z)

    assert "numpy warned" in checks.stable_sigmoid(right_but_warns).message


def test_the_two_unsafe_sigmoid_formulas_fail_where_the_lesson_says():
    z = np.array([-36.0, -38.0, -40.0, -700.0, -720.0])
    exact = np.exp(z)                       # sigma(z) = e^z / (1 + e^z) = e^z (1 - ...) here
    np.testing.assert_allclose(sig(z), exact, rtol=1e-14)
    assert sig(np.array(-40.0)) == pytest.approx(4.248354255291589e-18, rel=1e-12)
    assert sig(np.array(-700.0)) == pytest.approx(9.85967654375977e-305, rel=1e-12)
    t = L02.tanh_sigmoid(z)
    assert np.all(t[1:] == 0) and L02.relative_error(t[0], exact[0]) > 0.01
    with np.errstate(over="ignore"):
        n = L02.naive_sigmoid(z)
    np.testing.assert_allclose(n[:4], exact[:4], rtol=1e-12)       # accurate down to -700
    assert n[4] == 0 and exact[4] > 0
    with pytest.warns(RuntimeWarning, match="overflow"):
        L02.naive_sigmoid(np.array([-800.0]))


def test_activation_costs_times_every_registered_activation():
    costs = L02.activation_costs(np.linspace(-3, 3, 1000), repeats=3, number=1)
    assert list(costs) == activations.names()
    assert all(t_f > 0 and t_d > 0 for t_f, t_d in costs.values())
    assert L02.timed(lambda: None, number=2) >= 0


def test_dead_units_and_kill_units():
    layer = nnlib.Dense(2, 4, "relu", rng=0)
    X = np.random.default_rng(1).normal(size=(50, 2))
    L02.kill_units(layer, X, np.array([0, 2]), margin=0.05)
    Z = X @ layer.W + layer.b
    np.testing.assert_allclose(Z[:, [0, 2]].max(axis=0), -0.05)
    assert list(L02.dead_units(layer, X)) == list(np.all(Z <= 0, axis=0))
    assert L02.dead_units(layer, X)[[0, 2]].all()


def test_a_dead_first_layer_unit_stays_dead_and_a_deeper_one_can_recover():
    X, y = nnlib.datasets.moons(300, rng=0)
    for seed in (0, 1):
        result = L02.revival(X, y, rng=seed)
        before, after, change = result[1]
        assert before == after == 6 and change == 0.0           # first layer: frozen
        before, after, change = result[2]
        assert before == 6 and after < before and change > 0    # second layer: some revive


def test_saturation_mask():
    z = np.linspace(-6, 6, 601)
    s = L02.saturated("sigmoid", z)
    assert s[0] and s[-1] and not s[300]
    assert not L02.saturated("linear", z).any()
    assert L02.saturated("sign", z).all()
    assert L02.saturated("relu", z)[:300].all() and not L02.saturated("relu", z)[301:].any()


@pytest.mark.parametrize("name", activations.names())
def test_activation_explorer_curves_point_and_tangent(name):
    from nnlib.widgets.explorers import activation_explorer

    e = activation_explorer(activation="linear")
    assert list(e.controls["activation"].options) == activations.names()
    e.controls["activation"].value = name
    act = activations.get(name)
    np.testing.assert_allclose(e.f_line.get_ydata(), act(e.Z))
    np.testing.assert_allclose(e.df_line.get_ydata(), act.derivative(e.Z))
    e.controls["z"].value = 1.3
    (px,), (py,) = e.point.get_data()
    assert px == pytest.approx(1.3) and py == pytest.approx(float(act(np.array(1.3))))
    tx, ty = (np.asarray(v) for v in e.tangent.get_data())
    assert (ty[1] - ty[0]) / (tx[1] - tx[0]) == pytest.approx(float(act.derivative(
        np.array(1.3))))


def test_activation_explorer_reports_saturation_and_colours_the_point_by_sign():
    from nnlib.colors import NEGATIVE, POSITIVE
    from nnlib.widgets.explorers import activation_explorer

    e = activation_explorer(activation="sigmoid", z=5.0)
    assert "saturated" in e.readout.value
    e.controls["z"].value = 0.0
    assert "saturated" not in e.readout.value
    assert e.point.get_markerfacecolor() == POSITIVE             # sigma(0) = 0.5 > 0
    e.controls["activation"].value = "tanh"
    e.controls["z"].value = -1.0
    assert e.point.get_markerfacecolor() == NEGATIVE


def test_a_newly_registered_activation_appears_in_the_explorers(monkeypatch):
    from nnlib.widgets.explorers import activation_explorer, neuron_explorer

    cube = activations.Activation("cube", "f(z) = z^3", lambda z: z ** 3, lambda z: 3 * z ** 2)
    monkeypatch.setitem(activations.TABLE, "cube", cube)
    e = activation_explorer(activation="cube", z=2.0)
    assert "cube" in e.controls["activation"].options
    np.testing.assert_allclose(e.f_line.get_ydata(), e.Z ** 3)
    assert "f(z) = <b>+8.0000</b>" in e.readout.value
    assert "cube" in neuron_explorer(activation="cube").controls["activation"].options
