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
    "perceptron_rule": lambda x, y, w, b, lr: (w + lr * (y - (1 if x @ w + b > 0 else -1)) * x,
                                               b + lr * (y - (1 if x @ w + b > 0 else -1))),
}


def _in_place(x, y, w, b, lr):
    """The rule with `w +=`: the caller's weights change."""
    err = y - (1.0 if x @ w + b > 0 else -1.0)
    w += lr * err * x
    return w, b + lr * err

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
    "perceptron_rule": [(L01.RULE_BUGS[k][0], words) for k, words in (
        ("wrong sign", "wrong sign"), ("no bias", "bias must learn"), ("np.sign", "np.sign(0)"),
        ("z for y_hat", "not z itself"), ("no lr", "learning rate"))] + [
        (_in_place, "changed its argument number 3 in place"),
        (lambda x, y, w, b, lr: None, "returned None"),
        (lambda x, y, w, b, lr: (w, b), "expected"),                 # the stub: never learns
        (lambda x, y, w, b, lr: w + lr * (y - np.sign(x @ w + b)) * x, "return 2 values"),
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


# ---------------------------------------------------------- the perceptron rule


def _by_hand(X, y, epochs, lr=1.0):
    """The rule written out independently: a plain loop over Python floats."""
    w, b, updates = [0.0] * X.shape[1], 0.0, []
    for _ in range(epochs):
        n = 0
        for x, t in zip(X.tolist(), y.tolist()):
            z = sum(wi * xi for wi, xi in zip(w, x)) + b
            guess = 1 if z > 0 else -1
            if guess != t:
                w = [wi + lr * (t - guess) * xi for wi, xi in zip(w, x)]
                b += lr * (t - guess)
                n += 1
        updates.append(n)
    return w, b, updates


@pytest.mark.parametrize("target", [np.array([-1, -1, -1, 1]), np.array([-1, 1, 1, 1]),
                                    L01.XOR_Y])
def test_train_perceptron_matches_a_loop_written_by_hand(target):
    run = L01.train_perceptron(L01.XOR_X, target, lr=0.5, epochs=12)
    w, b, updates = _by_hand(L01.XOR_X, target, 12, lr=0.5)
    np.testing.assert_allclose(run["w"], w)
    assert run["b"] == pytest.approx(b) and run["updates"].tolist() == updates


def test_separable_data_converge_and_xor_cycles():
    AND = np.array([-1, -1, -1, 1])
    run = L01.train_perceptron(L01.XOR_X, AND, epochs=15)
    stop = int(np.argmax(run["updates"] == 0))
    assert run["updates"][stop:].sum() == 0 and run["mistakes"][-1] == 0 and stop > 0
    xor = L01.train_perceptron(L01.XOR_X, L01.XOR_Y, epochs=50)
    assert xor["updates"].min() > 0 and xor["mistakes"].min() > 0
    earlier, later = L01.first_repeat(xor["history"])
    assert later > earlier
    # the epoch map is deterministic: from a repeat on, every epoch repeats with that period
    period = later - earlier
    for e in range(later, 50):
        np.testing.assert_array_equal(xor["history"][e][0], xor["history"][e - period][0])
    assert L01.first_repeat(run["history"][:stop]) is None      # still learning: no repeat


def test_train_perceptron_uses_the_given_step_and_names_bad_input():
    calls = []

    def spy(x, y, w, b, lr):
        calls.append(y)
        return L01.perceptron_step(x, y, w, b, lr)

    L01.train_perceptron(L01.XOR_X, L01.XOR_Y, epochs=2, step=spy)
    assert calls == L01.XOR_Y.tolist() * 2
    with pytest.raises(ValueError, match="labels in"):
        L01.train_perceptron(L01.XOR_X, np.array([0, 1, 1, 0]))
    with pytest.raises(ValueError, match="lr must be a positive"):
        L01.train_perceptron(L01.XOR_X, L01.XOR_Y, lr=0)
    with pytest.raises(ValueError, match="epochs"):
        L01.train_perceptron(L01.XOR_X, L01.XOR_Y, epochs=-1)


def test_perceptron_step_moves_z_towards_the_label():
    x, w, b = np.array([1.0, 2.0]), np.array([-1.0, 0.5]), -0.5
    z_before = x @ w + b                                     # -0.5: says -1
    w2, b2 = L01.perceptron_step(x, 1.0, w, b, lr=0.1)
    assert x @ w2 + b2 == pytest.approx(z_before + 0.1 * 2 * (x @ x + 1))
    assert L01.perceptron_step(x, -1.0, w, b, 0.1) == (pytest.approx(w), b)   # right: no change
