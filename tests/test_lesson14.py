"""Lesson 14: the hand-written two-layer network (reference parts) against
nnlib's Network and finite differences, training on spirals, and the checks
accepting the worked parts and naming each typical bug."""

import numpy as np
import pytest

from nnlib import activations, checks, datasets
from nnlib.lessons import l14_two_layer_by_hand as l14

pytestmark = pytest.mark.lesson14

REF = l14.REFERENCE


def test_checks_accept_the_worked_parts():
    assert checks.two_layer_forward(REF["forward"], strict=True)
    assert checks.two_layer_softmax(REF["softmax"], strict=True)
    assert checks.two_layer_loss(REF["loss"], strict=True)
    assert checks.two_layer_backward(REF["backward"], strict=True)
    assert checks.two_layer_update(REF["update"], strict=True)


@pytest.mark.parametrize("act", ["relu", "tanh"])
def test_reference_backward_equals_finite_differences(act):
    X, y, params, f = l14._case(act, rng=7)
    assert max(l14.gradient_errors(X, y, params, f)) < 1e-6


def test_spirals_two_layer_beats_linear():
    X, y = datasets.spirals(300, rng=0)
    run = l14.train_two_layer(X, y, hidden=100, lr=1.0, steps=1500)
    _, linear = l14.train_linear(X, y, lr=1.0, steps=1500)
    assert run["accuracy"] >= 0.95 and linear < 0.7, (run["accuracy"], linear)


def test_a_point_near_a_relu_kink_gives_a_large_relative_error():
    X, y, params, f = l14._case("relu", rng=7)
    away = max(l14.gradient_errors(X, y, params, f))
    near = max(l14.gradient_errors(X, y, l14.near_kink(X, params), f))
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
