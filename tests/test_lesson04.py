"""Lesson 04: the forward-pass computations, its explorer, and its checks
against the solution, typical mistakes and wrong kinds of answer."""

import matplotlib

matplotlib.use("Agg")

import numpy as np  # noqa: E402
import pytest  # noqa: E402
from wrongtypes import check_case_tests  # noqa: E402

import nnlib  # noqa: E402
from nnlib import checks  # noqa: E402
from nnlib.lessons.l04_forward_pass import forward_arrays  # noqa: E402
from nnlib.widgets import forward_pass  # noqa: E402

pytestmark = pytest.mark.lesson04


def small_net():
    return nnlib.Network([nnlib.Dense(2, 3, "tanh", rng=0), nnlib.Dense(3, 2, "softmax", rng=1)])


def test_forward_arrays_are_the_composed_function_and_leave_caches_alone():
    net = small_net()
    X = np.random.default_rng(0).normal(size=(4, 2))
    names = [n for n, _ in forward_arrays(net, X)]
    assert names == ["X", "Z1", "A1", "Z2", "A2"]
    arrays = dict(forward_arrays(net, X))
    L1, L2 = net.layers
    np.testing.assert_allclose(arrays["Z1"], X @ L1.W + L1.b)
    np.testing.assert_allclose(arrays["A2"], nnlib.softmax(np.tanh(X @ L1.W + L1.b) @ L2.W + L2.b))
    assert all(layer.Z is None for layer in net.layers)      # evaluating is not training


def test_forward_pass_explorer_shows_every_array_and_reacts():
    net = small_net()
    X = np.random.default_rng(0).normal(size=(4, 2))
    e = forward_pass.forward_pass_explorer(net, X)
    assert [im.get_array().shape for im in e.images] == [(4, 2), (4, 3), (4, 3), (4, 2), (4, 2)]
    np.testing.assert_allclose(e.images[-1].get_array(), net(X))
    e.controls["sample"].value = 3
    assert e.frames[0].get_y() == pytest.approx(2.5)
    assert e.controls["x1"].value == pytest.approx(X[3, 0])
    e.controls["x1"].value = 2.0
    X2 = X.copy()
    X2[3, 0] = 2.0
    np.testing.assert_allclose(e.images[-1].get_array(), net(X2))
    assert "sample 3" in e.table.value
    # the selected row's values are written on the heatmap of the output
    assert [t.get_text() for t in e.texts[-1]] == [f"{v:.2f}" for v in net(X2)[3]]
    assert all(t.get_position()[1] == 3 for t in e.texts[-1])
    with pytest.raises(ValueError, match="2 inputs"):
        forward_pass.forward_pass_explorer(net, np.zeros((3, 5)))


def test_selecting_a_sample_keeps_its_inputs_when_the_page_snaps_the_sliders():
    """The page shows a sample's inputs on the sliders' 0.1 grid and sends the
    snapped values back; that echo must not round the data or redraw again.
    A real move to another value still edits the sample."""
    net = small_net()
    X = np.random.default_rng(0).normal(size=(4, 2))
    e = forward_pass.forward_pass_explorer(net, X)
    e.controls["sample"].value = 2
    frames = e.view.frames
    x1, x2 = e.controls["x1"], e.controls["x2"]
    x1.value, x2.value = round(X[2, 0], 1), round(X[2, 1], 1)     # as the page sends back
    np.testing.assert_array_equal(e.X, X)
    assert e.view.frames == frames
    x1.value = round(X[2, 0], 1) + 0.3
    assert e.X[2, 0] == pytest.approx(round(X[2, 0], 1) + 0.3) and e.view.frames == frames + 1


def good_dense(X, W, b, f):
    return f(X @ W + b)


def good_count(s):
    return sum(a * b + b for a, b in zip(s, s[1:]))


CASES = {
    "dense_forward": (good_dense,
                      [lambda X, W, b, f: f(X @ W), lambda X, W, b, f: X @ W + b,
                       lambda X, W, b, f: f(W.T @ X.T + b), lambda X, W, b, f: np.zeros(1)]),
    "n_parameters": (good_count,
                     [lambda s: sum(a * b for a, b in zip(s, s[1:])),
                      lambda s: sum(a * b + a for a, b in zip(s, s[1:])), lambda s: 0]),
}


(test_check_accepts_solution_and_rejects_wrong_answers,
 test_check_names_each_wrong_kind_of_answer) = check_case_tests(CASES)


@pytest.mark.parametrize("name, wrong, words", [
    ("dense_forward", lambda X, W, b, f: f(X @ W), "bias b is missing"),
    ("dense_forward", lambda X, W, b, f: X @ W + b, "that is Z"),
    ("n_parameters", lambda s: sum(a * b for a, b in zip(s, s[1:])), "biases too")])
def test_hints(name, wrong, words):
    assert words in getattr(checks, name)(wrong).message
