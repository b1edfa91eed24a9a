"""Lesson 10: each challenge check accepts a real solution and rejects every
typical wrong answer with a message naming it, never a traceback: the wrong
network (too big, too shallow, untrained, no penalty, wrong activation) and
the wrong kind of answer (None, a function, the Playground itself, a network
of the wrong size or kind, NaN weights, a bad X).  The saturation study that
backs the lesson's sentences is checked against its own definitions."""

import types

import numpy as np
import pytest
from checkcases import verify_check

from nnlib import Dense, Network, checks, datasets, optim
from nnlib.lessons import l10_playground

pytestmark = pytest.mark.lesson10


def trained(data, hidden, epochs, activation="tanh", l1=0.0, seed=0):
    X, y = data
    sizes = [2, *hidden]
    rng = np.random.default_rng(seed)
    layers = [Dense(a, b, activation, rng=rng) for a, b in zip(sizes, sizes[1:])]
    net = Network(layers + [Dense(sizes[-1], 2, "softmax", rng=rng)])
    net.fit(X, y, "cross_entropy", optim.Adam(lr=0.03), epochs=epochs, batch_size=32, l1=l1,
            rng=seed)
    return net


@pytest.fixture(scope="module")
def solutions():
    return {
        "xor_challenge": trained(datasets.xor(300, rng=0), (3,), 150),
        "spirals_challenge": trained(datasets.spirals(300, classes=2, noise=0.1, rng=0),
                                     (8, 8), 300),
        "l1_pruning": trained(datasets.moons(300, noise=0.1, rng=0), (8, 8), 200, l1=0.01),
    }


def nan_copy(net):
    bad = Network([Dense(la.n_in, la.n_out, la.activation, rng=0) for la in net.layers])
    bad.layers[0].W[0, 0] = np.nan
    return bad


def wrong_kinds(good):
    """One answer of each wrong kind, with the words its message must hold."""
    return [
        (None, "got None"),
        (lambda X: X, "got a function"),
        (types.SimpleNamespace(net=good), "pass its network: `pg.net`"),
        (good.layers[0], "expected an nnlib.Network"),
        (3.0, "expected an nnlib.Network"),
        (Network([Dense(1, 4, "tanh", rng=0), Dense(4, 2, "softmax", rng=0)]), "1 input"),
        (Network([Dense(2, 4, "tanh", rng=0), Dense(4, 1, "linear", rng=0)]),
         "1 linear unit"),                                     # a regression network
        (nan_copy(good), "NaN or inf"),
    ]


@pytest.mark.parametrize("name", ["xor_challenge", "spirals_challenge", "l1_pruning"])
def test_each_check_accepts_a_solution_and_names_each_wrong_kind(solutions, name, capsys):
    good = solutions[name]
    kinds = wrong_kinds(good)
    verify_check(name, good, [wrong for wrong, _ in kinds])
    check = getattr(checks, name)
    for wrong, words in kinds:
        verdict = check(wrong)
        assert not verdict and words in verdict.message, (wrong, verdict.message)
        assert "could not use your answer" not in verdict.message    # foreseen, not caught


def test_a_real_playground_instead_of_its_network(solutions):
    pytest.importorskip("ipywidgets")
    from nnlib.widgets import Playground

    pg = Playground("xor", hidden=(3,), n=20, rng=0)
    assert "pass its network: `pg.net`" in checks.xor_challenge(pg).message


def test_xor_challenge_rejects_big_and_untrained(solutions):
    big = trained(datasets.xor(300, rng=0), (8, 8), 30)
    assert "16 hidden neurons" in checks.xor_challenge(big).message
    untrained = trained(datasets.xor(300, rng=0), (3,), 0)
    assert "test accuracy" in checks.xor_challenge(untrained).message


def test_spirals_challenge_rejects_one_layer_and_untrained():
    one_layer = trained(datasets.spirals(300, classes=2, rng=0), (16,), 20)
    assert "1 hidden layer" in checks.spirals_challenge(one_layer).message
    untrained = trained(datasets.spirals(300, classes=2, rng=0), (8, 8), 0)
    assert "reach 0.90" in checks.spirals_challenge(untrained).message


def test_l1_pruning_rejects_no_penalty_and_a_crushed_network():
    plain = trained(datasets.moons(300, noise=0.1, rng=0), (8, 8), 100)
    assert "raise the L1 strength" in checks.l1_pruning(plain).message
    crushed = trained(datasets.moons(300, noise=0.1, rng=0), (8, 8), 0)
    for layer in crushed.layers:          # everything pruned: one class everywhere
        layer.W[...] = 0.0
    assert "too strong" in checks.l1_pruning(crushed).message


def sigmoid_net(scale, activation="sigmoid"):
    net = Network([Dense(2, 8, activation, rng=0), Dense(8, 2, "softmax", rng=0)])
    net.layers[0].W *= scale
    return net


def test_saturation_challenge_accepts_a_solution_and_rejects_each_wrong_answer(capsys):
    X, _ = datasets.moons(300, noise=0.1, rng=0)
    good = sigmoid_net(30)
    assert checks.saturation_challenge(good, X, strict=True)
    wrongs = [(sigmoid_net(1), X, "push the weights up"),
              (sigmoid_net(30, "tanh"), X, "uses tanh"),
              (X, good, "expected an nnlib.Network"),            # arguments swapped
              (good, None, "an array of shape (N, 2)"),
              (good, X[:, :1], "an array of shape (N, 2)"),
              (good, X.tolist(), "got list"),
              (good, np.full_like(X, np.nan), "NaN or inf"),
              (Network([Dense(2, 2, "softmax", rng=0)]), X, "no hidden layer")]
    wrongs += [(wrong, X, words) for wrong, words in wrong_kinds(good)]
    for net, data, words in wrongs:
        verdict = checks.saturation_challenge(net, data)
        assert not verdict and words in verdict.message, (words, verdict.message)
        assert "could not use your answer" not in verdict.message
        with pytest.raises(AssertionError):
            checks.saturation_challenge(net, data, strict=True)


def test_saturated_fraction_counts_large_z_and_refuses_bad_input():
    X = np.array([[1.0, 0.0], [0.0, 1.0]])
    net = Network([Dense(2, 2, "sigmoid", rng=0), Dense(2, 2, "softmax", rng=0)])
    net.layers[0].W[...] = [[5.0, 1.0], [0.0, -6.0]]
    net.layers[0].b[...] = 0.0
    assert checks.saturated_fraction(net, X) == 0.5        # z = [[5, 1], [0, -6]]
    with pytest.raises(TypeError, match="got None"):
        checks.saturated_fraction(None, X)
    with pytest.raises(ValueError, match="2 feature column"):
        checks.saturated_fraction(net, np.zeros((3, 5)))


def test_saturation_study_measures_what_it_says():
    r = l10_playground.saturation_study(seeds=(0,), epochs=3)
    X, y = datasets.moons(300, noise=0.1, rng=0)
    rng = np.random.default_rng(0)
    net = Network([Dense(2, 8, "sigmoid", rng=rng), Dense(8, 2, "softmax", rng=rng)])
    net.layers[0].W *= 30
    assert r["saturated"][True] == checks.saturated_fraction(net, X)
    net.backprop(X, y, "cross_entropy")
    assert r["grad"][True] == pytest.approx(np.linalg.norm(net.layers[0].dW))
    W0 = net.layers[0].W.copy()
    h = net.fit(X, y, "cross_entropy", optim.SGD(lr=0.03), epochs=3, batch_size=32, rng=0)
    assert r["loss"]["sgd", True] == pytest.approx(h.loss[-1])
    assert r["moved"]["sgd", True] == pytest.approx(
        np.linalg.norm(net.layers[0].W - W0) / np.linalg.norm(W0))
    assert set(r["moved"]) == {("sgd", False), ("sgd", True), ("adam", False), ("adam", True)}
