"""Lesson 01 (perceptron to layers): its computations, its checks and its
neuron explorer."""

import matplotlib

matplotlib.use("Agg")

import numpy as np  # noqa: E402
import pytest  # noqa: E402
from badanswers import kind_cases  # noqa: E402
from checkcases import verify_check  # noqa: E402

from nnlib import activations, checks  # noqa: E402
from nnlib.colors import NEGATIVE, POSITIVE  # noqa: E402
from nnlib.lessons import l01_perceptron as L01  # noqa: E402

pytestmark = pytest.mark.lesson01

SOLUTIONS = {
    "perceptron_output": lambda X, w, b: np.where(X @ w + b > 0, 1.0, -1.0),
    "bias_as_weight": lambda X, W, b: (np.c_[X, np.ones(len(X))], np.r_[W, b[None]]),
    "xor_weights": lambda: (np.array([[1.0, 1.0], [1.0, 1.0]]), np.array([-0.5, -1.5]),
                            np.array([[1.0], [-1.0]]), np.array([-1.0])),
}

WRONG = {   # check -> [(wrong answer, words its verdict must contain)]
    "perceptron_output": [
        (lambda X, w, b: np.sign(X @ w + b), "np.sign(0) is 0"),
        (lambda X, w, b: np.where(X @ w + b >= 0, 1.0, -1.0), "`>= 0`"),
        (lambda X, w, b: np.where(X @ w > 0, 1.0, -1.0), "bias b is missing"),
        (lambda X, w, b: X @ w + b, "that is z"),
        (lambda X, w, b: np.zeros(len(X)), "expected"),
    ],
    "bias_as_weight": [
        (lambda X, W, b: (X, W), "shape"),
        (lambda X, W, b: (np.c_[X, np.zeros(len(X))], np.r_[W, b[None]]), "hold ones"),
        (lambda X, W, b: (np.c_[X, np.ones(len(X))], np.r_[W, 0 * b[None]]), "must be b"),
        (lambda X, W, b: (np.c_[np.ones(len(X)), X], np.r_[b[None], W]), "LAST"),
        (lambda X, W, b: np.c_[X, np.ones(len(X))], "return 2 values"),
    ],
    "xor_weights": [
        (lambda: (np.zeros((2, 2)), np.zeros(2), np.zeros((2, 1)), np.zeros(1)), "expected"),
        (lambda: (np.ones((2, 2)), np.array([-0.5, -1.5]), np.array([[1.0], [1.0]]),
                  np.array([-1.0])), "OR and not AND"),
        (lambda: (np.ones((2, 1)), np.zeros(1), np.ones((1, 1)), np.zeros(1)), "shape"),
        (lambda: (np.ones((2, 2)), np.zeros(2)), "return 4 arrays"),
    ],
}


@pytest.mark.parametrize("name", list(SOLUTIONS))
def test_check_accepts_the_solution_and_rejects_each_wrong_answer(name):
    verify_check(name, SOLUTIONS[name], [wrong for wrong, _ in WRONG[name]])
    for wrong, words in WRONG[name]:
        assert words in getattr(checks, name)(wrong).message, words


@pytest.mark.parametrize("name, kind, answer, words",
                         kind_cases(SOLUTIONS, no_inputs=("xor_weights",)))
def test_check_rejects_answers_of_the_wrong_kind_with_a_friendly_message(name, kind, answer,
                                                                         words):
    verdict = getattr(checks, name)(answer)              # never raises when not strict
    assert not verdict and words in verdict.message
    with pytest.raises(AssertionError):
        getattr(checks, name)(answer, strict=True)


def test_xor_cannot_be_solved_by_one_neuron_and_the_search_finds_three():
    assert L01.best_random_neuron(5000, rng=0) == 3
    # an exhaustive grid over (w1, w2, b) agrees: never 4
    g = np.linspace(-2, 2, 21)
    scores = [L01.xor_correct((w1, w2), b) for w1 in g for w2 in g for b in g]
    assert max(scores) == 3 and min(scores) == 1


def test_neuron_output_and_boundary_line():
    X = np.array([[0.2, -1.0], [1.0, 1.0]])
    np.testing.assert_allclose(L01.neuron_output(X, [1.0, -2.0], 0.3, "tanh"),
                               np.tanh(X @ [1.0, -2.0] + 0.3))
    xs, ys = L01.boundary_line([1.0, -2.0], 0.3, (-1.0, 2.0))
    np.testing.assert_allclose(xs - 2 * ys + 0.3, 0, atol=1e-12)
    xs, ys = L01.boundary_line([2.0, 0.0], 1.0, (-1.0, 2.0))
    np.testing.assert_allclose(xs, -0.5)
    assert L01.boundary_line([0.0, 0.0], 1.0, (0, 1))[0].size == 0
    # sign(0) = -1: a point on the line counts as -1
    assert L01.xor_correct([1.0, 1.0], 0.0) == 3         # (0, 0) gives z = 0 -> -1, right


def test_neuron_explorer_draws_the_neuron_the_line_and_the_labels_in_sign_colours():
    from matplotlib.colors import to_hex

    from nnlib.widgets.explorers import neuron_explorer

    n = neuron_explorer(w1=1.0, w2=-2.0, b=0.3, activation="tanh")
    grid = np.c_[n.gx.ravel(), n.gy.ravel()]
    np.testing.assert_allclose(n.image.get_array(),
                               np.tanh(grid @ [1.0, -2.0] + 0.3).reshape(n.gx.shape))
    before = n.image.get_array().copy()
    n.controls["b"].value = -1.0
    assert not np.allclose(n.image.get_array(), before)
    x, y = n.line.get_data()
    np.testing.assert_allclose(1.0 * np.asarray(x) - 2.0 * np.asarray(y) - 1.0, 0, atol=1e-12)
    n.controls["w2"].value = 0.0                      # vertical boundary x1 = -b / w1
    np.testing.assert_allclose(n.line.get_data()[0], 1.0)
    assert f"{L01.xor_correct([1.0, 0.0], -1.0)} of 4" in n.readout.value
    # +1 points purple (POSITIVE), -1 points orange (NEGATIVE): never the colour of the other
    labelled = {c.get_label(): to_hex(c.get_facecolor()[0]) for c in n.ax.collections
                if c.get_label().startswith("label")}
    assert labelled == {"label -1": NEGATIVE.lower(), "label +1": POSITIVE.lower()}
    assert n.image.get_cmap()(1.0)[:3] == pytest.approx(matplotlib.colors.to_rgb(POSITIVE))


@pytest.mark.parametrize("name", activations.names())
def test_neuron_explorer_offers_every_activation_of_the_table(name):
    from nnlib.widgets.explorers import neuron_explorer

    n = neuron_explorer()
    assert list(n.controls["activation"].options) == activations.names()
    n.controls["activation"].value = name
    grid = np.c_[n.gx.ravel(), n.gy.ravel()]
    np.testing.assert_allclose(n.image.get_array().ravel(),
                               activations.get(name)(grid @ [1.0, 1.0] - 0.5))
