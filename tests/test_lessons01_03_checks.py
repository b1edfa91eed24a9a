"""Lessons 01-03: every exercise check accepts the solution and rejects the
stub and typical wrong answers, without raising unless strict."""

import numpy as np
import pytest
from checkcases import by_lesson, verify_check

from nnlib import activations, checks, softmax

sig = activations.sigmoid


def naive_softmax(Z):
    with np.errstate(all="ignore"):
        return np.exp(Z) / np.exp(Z).sum(axis=-1, keepdims=True)


CASES = {
    "perceptron_output": (lambda X, w, b: np.where(X @ w + b > 0, 1.0, -1.0),
                          [lambda X, w, b: np.sign(X @ w + b),
                           lambda X, w, b: np.where(X @ w > 0, 1.0, -1.0),
                           lambda X, w, b: X @ w + b, lambda X, w, b: np.zeros(len(X))]),
    "bias_as_weight": (lambda X, W, b: (np.c_[X, np.ones(len(X))], np.r_[W, b[None]]),
                       [lambda X, W, b: (X, W),
                        lambda X, W, b: (np.c_[X, np.zeros(len(X))], np.r_[W, b[None]]),
                        lambda X, W, b: (np.c_[X, np.ones(len(X))], np.r_[W, np.zeros((1, 2))])]),
    "xor_weights": (lambda: ([[1.0, 1.0], [1.0, 1.0]], [-0.5, -1.5], [[1.0], [-1.0]], [-1.0]),
                    [lambda: (np.zeros((2, 2)), np.zeros(2), np.zeros((2, 1)), np.zeros(1)),
                     lambda: ([[1.0, 1.0], [1.0, 1.0]], [-0.5, -1.5], [[1.0], [1.0]], [-1.0]),
                     lambda: (np.ones((2, 1)), np.zeros(1), np.ones((1, 1)), np.zeros(1))]),
    "sigmoid_derivative": (lambda z: sig(z) * (1 - sig(z)),
                           [sig, lambda z: sig(z) * (1 + sig(z)), np.zeros_like]),
    "relu_derivative": (lambda z: (z > 0).astype(float),
                        [lambda z: (z >= 0).astype(float), activations.relu, np.sign,
                         np.zeros_like]),
    "stable_sigmoid": (lambda z: 0.5 + 0.5 * np.tanh(z / 2),
                       [lambda z: 1 / (1 + np.exp(-z)), np.zeros_like, np.tanh]),
    "stable_softmax": (lambda Z: np.exp(Z - Z.max(axis=-1, keepdims=True))
                       / np.exp(Z - Z.max(axis=-1, keepdims=True)).sum(axis=-1, keepdims=True),
                       [naive_softmax, lambda Z: softmax(Z, axis=0),
                        lambda Z: np.exp(Z - Z.max()) / np.exp(Z - Z.max()).sum(),
                        np.zeros_like]),
    "softmax_ce_gradient": (lambda z, y: softmax(z) - y,
                            [lambda z, y: y - softmax(z), lambda z, y: softmax(z),
                             lambda z, y: z - y, lambda z, y: np.zeros_like(z)]),
}


@pytest.mark.parametrize("name", by_lesson(CASES))
def test_check_accepts_solution_and_rejects_wrong_answers(name, capsys):
    verify_check(name, *CASES[name])
    assert "❌" in capsys.readouterr().out


HINTS = [
    ("perceptron_output", lambda X, w, b: np.sign(X @ w + b), "np.sign(0) is 0"),
    ("stable_sigmoid", lambda z: 1 / (1 + np.exp(-z)), "numpy warned"),
    ("relu_derivative", lambda z: (z >= 0) * 1.0, "relu'(0) = 0"),
    ("softmax_ce_gradient", lambda z, y: y - softmax(z), "flipped"),
]


@pytest.mark.parametrize("name, wrong, words", by_lesson(HINTS))
def test_hints_name_the_mistake(name, wrong, words):
    assert words in getattr(checks, name)(wrong).message
