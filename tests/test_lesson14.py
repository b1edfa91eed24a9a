"""Lesson 14: the hand-written two-layer network (reference parts) against
nnlib's Network and finite differences, training on spirals, and the checks
accepting the worked parts and naming each typical bug."""

import numpy as np
import pytest

from nnlib import activations, checks, datasets
from nnlib.lessons import l14_babysitting as sit
from nnlib.lessons import l14_network as net14
from nnlib.lessons import l14_two_layer_by_hand as l14

pytestmark = pytest.mark.lesson14

REF = net14.REFERENCE


def test_checks_accept_the_worked_parts():
    assert checks.two_layer_forward(REF["forward"], strict=True)
    assert checks.two_layer_softmax(REF["softmax"], strict=True)
    assert checks.two_layer_loss(REF["loss"], strict=True)
    assert checks.two_layer_backward(REF["backward"], strict=True)
    assert checks.two_layer_update(REF["update"], strict=True)


@pytest.mark.parametrize("act", ["relu", "tanh"])
def test_reference_backward_equals_finite_differences(act):
    X, y, params, f = l14._case(act, rng=7)
    assert max(sit.gradient_errors(X, y, params, f)) < 1e-6


def test_spirals_two_layer_beats_linear():
    X, y = datasets.spirals(300, rng=0)
    run = net14.train_two_layer(X, y, hidden=100, lr=1.0, steps=1500)
    linear = net14.train_linear(X, y, lr=1.0, steps=1500)["accuracy"]
    assert run["accuracy"] >= 0.95 and linear < 0.7, (run["accuracy"], linear)


def test_a_point_near_a_relu_kink_gives_a_large_relative_error():
    X, y, params, f = l14._case("relu", rng=7)
    away = max(sit.gradient_errors(X, y, params, f))
    near = max(sit.gradient_errors(X, y, sit.near_kink(X, params), f))
    assert away < 1e-6 < 1e-3 < near, (away, near)


BUGS = {
    "two_layer_backward": {k: l14._wrong_backward(k) for k, _ in l14._BACKWARD_HINTS},
    "two_layer_softmax": {"subtract each row's maximum first": l14._naive,
                          "axis=1": lambda S: np.exp(S) / np.exp(S).sum(0, keepdims=True)},
    "two_layer_loss": {"divide by N": lambda P, y: -np.sum(np.log(P[np.arange(len(y)), y])),
                       "minus sign": lambda P, y: np.mean(np.log(P[np.arange(len(y)), y]))},
    "two_layer_update": {"not +": lambda p, g, lr: tuple(a + lr * b for a, b in zip(p, g)),
                         "learning rate": lambda p, g, lr: tuple(a - b for a, b in zip(p, g))},
    "two_layer_forward": {"biases are missing":
                          lambda X, W1, b1, W2, b2, f: (X @ W1, f(X @ W1), f(X @ W1) @ W2)},
}
WORDS = {"no 1/N": "1/N", "column": "true class", "argmax": "not at the predicted",
         "output": "pre-activation", "no f'": "derivative is missing",
         "transposed": "transposed", "axis": "axis=0"}


@pytest.mark.parametrize("name, key", [(n, k) for n, d in BUGS.items() for k in d])
def test_checks_name_each_bug(name, key):
    v = getattr(checks, name)(BUGS[name][key])
    assert not v and WORDS.get(key, key) in v.message, v.message
    with pytest.raises(AssertionError):
        getattr(checks, name)(BUGS[name][key], strict=True)


def _mutating_backward(X, y, Z1, A1, probs, W2, f):
    probs[np.arange(len(y)), y] -= 1
    probs /= len(y)
    dZ1 = probs @ W2.T * f.derivative(Z1)
    return X.T @ dZ1, dZ1.sum(0), A1.T @ probs, probs.sum(0)


def _mutating_update(params, grads, lr):
    for p, g in zip(params, grads):
        p -= lr * g
    return params


WRONG_TYPES = [("two_layer_backward", lambda *a: None, "returned None"),
               ("two_layer_backward", _mutating_backward, "in place"),
               ("two_layer_update", _mutating_update, "in place"),
               ("two_layer_update", lambda p, g, lr: [x.tolist() for x in p], "Python list"),
               ("two_layer_softmax", lambda S: S.tolist(), "Python list"),
               ("two_layer_loss", lambda P, y: "0.5", "must be a number"),
               ("two_layer_forward", lambda *a: 3.0, "return 3 values"),
               ("two_layer_forward", 42, "expected a function")]


@pytest.mark.parametrize("name, wrong, words", WRONG_TYPES)
def test_checks_name_wrong_types_without_raising(name, wrong, words):
    v = getattr(checks, name)(wrong)
    assert not v and words in v.message, v.message


def test_activation_objects_are_what_the_parts_take():
    X, y, params, f = l14._case("relu")
    assert f is activations.relu


# ------------------------------------------------ training and babysitting helpers


def test_train_two_layer_follows_nnlibs_network_with_sgd_step_for_step():
    import nnlib

    X, y = datasets.spirals(90, rng=1)
    run = net14.train_two_layer(X, y, hidden=12, lr=0.7, steps=25, rng=3)
    net = net14.as_network(net14.init_params(2, 12, 3, rng=3))
    sgd = nnlib.SGD(lr=0.7)
    history = [net.train_step(X, y, "cross_entropy", sgd) for _ in range(25)]
    np.testing.assert_allclose(run["loss"], history, rtol=1e-10)
    for mine, theirs in zip(run["params"], net.parameters()):
        np.testing.assert_allclose(mine, theirs, rtol=1e-9, atol=1e-12)
    assert run["accuracy"] == np.mean(net.predict(X) == y)


def test_update_ratio_is_the_size_of_the_first_step_over_the_weights():
    X, y = datasets.spirals(60, rng=2)
    before = net14.init_params(2, 8, 3, rng=5)
    one = net14.train_two_layer(X, y, hidden=8, lr=0.3, steps=1, rng=5)
    for column, i in ((0, 0), (1, 2)):
        want = np.linalg.norm(one["params"][i] - before[i]) / np.linalg.norm(before[i])
        assert one["ratio"][0, column] == pytest.approx(want, rel=1e-12)


def test_train_linear_equals_a_network_with_one_softmax_layer():
    import nnlib

    X, y = datasets.spirals(90, rng=1)
    lin = net14.train_linear(X, y, lr=0.5, steps=30)
    net = nnlib.Network([nnlib.Dense(2, 3, "softmax")])
    net.layers[0].W[:], net.layers[0].b[:] = 0.0, 0.0
    sgd = nnlib.SGD(lr=0.5)
    np.testing.assert_allclose(lin["loss"], [net.train_step(X, y, "cross_entropy", sgd)
                                             for _ in range(30)], rtol=1e-10)
    assert lin["accuracy"] == np.mean(net.predict(X) == y)
    np.testing.assert_allclose(net14.probabilities(X, lin["params"]), net(X), rtol=1e-9)


def test_probabilities_and_as_network_agree():
    X, y, params, f = l14._case("tanh", rng=4)
    np.testing.assert_allclose(net14.probabilities(X, params, f), net14.as_network(params, f)(X),
                               rtol=1e-12)


def test_yours_or_reference_takes_only_the_parts_whose_check_passed(capsys):
    mine = {k: (lambda *a: None) for k in net14.REFERENCE}
    verdicts = {"forward": checks.Verdict(True, ""), "loss": checks.Verdict(False, "")}
    parts = net14.yours_or_reference(mine, verdicts)
    assert parts["forward"] is mine["forward"]
    assert all(parts[k] is net14.REFERENCE[k] for k in ("softmax", "loss", "backward", "update"))
    assert "softmax, loss, backward, update" in capsys.readouterr().out
    everything = {k: checks.Verdict(True, "") for k in net14.REFERENCE}
    assert all(net14.yours_or_reference(mine, everything)[k] is mine[k] for k in mine)
    assert "Training with your forward" in capsys.readouterr().out
    with pytest.raises(ValueError, match="unknown part"):
        net14.yours_or_reference({"backprop": mine["backward"]}, {})


@pytest.mark.parametrize("kwargs, error, words", [
    ({"lr": 0.0}, ValueError, "lr must be a positive"),
    ({"lr": "1"}, TypeError, "lr must be a number"),
    ({"hidden": 0}, ValueError, "at least 1 unit"),
    ({"steps": 2.5}, ValueError, "steps must be a whole number"),
])
def test_train_two_layer_names_bad_settings(kwargs, error, words):
    X, y = datasets.spirals(30, rng=0)
    with pytest.raises(error, match=words):
        net14.train_two_layer(X, y, **kwargs)


def test_train_rejects_bad_data_with_what_was_expected():
    X, y = datasets.spirals(30, rng=0)
    bad = X.copy()
    bad[3, 1] = np.nan
    with pytest.raises(ValueError, match="NaN|finite"):
        net14.train_two_layer(bad, y)
    with pytest.raises(ValueError, match=r"shape \(30,\)"):
        net14.train_linear(X, y[:-1])
    with pytest.raises(ValueError, match="0\\.\\.|labels"):
        net14.train_linear(X, y - 1)


def test_entry_errors_compare_relative_sizes_and_ignore_double_zeros():
    e = sit.entry_errors([1.0, 0.0, 2.0, -1e-3], [1.1, 0.0, 2.0, 1e-3])
    np.testing.assert_allclose(e, [0.1 / 1.1, 0.0, 0.0, 2.0])
    assert sit.relative_error([1.0, 0.0], [1.1, 0.0]) == pytest.approx(0.1 / 1.1)


def test_kinks_dead_units_and_near_kink():
    X, y, params, f = l14._case("relu", rng=7)
    moved = sit.near_kink(X, params, unit=2, sample=1)
    assert (X[1] @ moved[0] + moved[1])[2] == pytest.approx(3e-6, abs=1e-12)
    assert sit.kinks(X, moved) == sit.kinks(X, params) + 1
    W1, b1, W2, b2 = params
    assert sit.dead_units(X, (W1, b1, W2, b2)) == int(np.sum(np.all(X @ W1 + b1 <= 0, axis=0)))
    killed = b1.copy()
    killed[[0, 3]] = -1e3                         # two units pushed far below 0 for every x
    assert sit.dead_units(X, (W1, killed, W2, b2)) >= 2
    assert sit.dead_units(X, (W1, killed, W2, b2), f=activations.tanh) == 0


def test_a_bug_spoils_almost_every_entry_a_kink_only_a_few():
    X, y, params, f = l14._case("relu", rng=7)
    no_mean = lambda *a: tuple(len(y) * g for g in net14.backward(*a))  # noqa: E731
    bug = np.concatenate([e.ravel() for e in sit.gradient_entries(X, y, params, f, no_mean)])
    kink = np.concatenate([e.ravel() for e in
                           sit.gradient_entries(X, y, sit.near_kink(X, params), f)])
    assert np.mean(bug > 1e-4) > 0.75 and 0 < np.mean(kink > 1e-4) < 0.1
