"""Lesson 04: networks as functions: its computations and exercise checks."""

from __future__ import annotations

import numpy as np

from .. import activations as _act
from ._engine import compare, exercise_check

LESSON = 4
__all__ = ['dense_forward', 'n_parameters']


def forward_arrays(net, X):
    """Every array of a forward pass, for showing: [("X", X), ("Z1", Z1),
    ("A1", A1), ...], each (N, n_l).  A_l comes from the library's
    ``Dense.forward(A_{l-1}, cache=False)`` (no backprop cache is touched),
    Z_l = A_{l-1} W_l + b_l from ``Dense.pre_activation``, the same step."""
    A = np.asarray(X, dtype=float)
    arrays = [("X", A)]
    for l, layer in enumerate(net.layers, start=1):
        Z = layer.pre_activation(A)
        A = layer.forward(A, cache=False)
        arrays += [(f"Z{l}", Z), (f"A{l}", A)]
    return arrays


@exercise_check
def dense_forward(fn, strict=False):
    """Lesson 04: fn(X, W, b, f) must return A = f(X W + b), shape (N, n_out)."""
    rng = np.random.default_rng(40)
    X, W, b = rng.normal(size=(5, 3)), rng.normal(size=(3, 4)), rng.normal(size=4)
    cases = [(X, W, b, _act.tanh), (X[:2], W, b, _act.relu)]
    return compare(fn, lambda X, W, b, f: f(X @ W + b), cases, "A", hints=[
        (lambda X, W, b, f: f(X @ W), "the bias b is missing: Z = X W + b."),
        (lambda X, W, b, f: X @ W + b, "that is Z; apply the activation f to get A."),
        (lambda X, W, b, f: f(X @ W) + b, "add b before the activation, inside f.")],
        strict=strict)


@exercise_check
def n_parameters(fn, strict=False):
    """Lesson 04: fn(sizes) must return the number of weights and biases of a
    network with layer sizes [n_0, n_1, ..., n_L]: sum of n_{l-1} n_l + n_l."""
    from ..layers import Dense
    from ..network import Network

    def count(sizes):
        net = Network([Dense(a, b) for a, b in zip(sizes, sizes[1:])])
        return sum(p.size for p in net.parameters())

    return compare(fn, count, [([2, 4, 3, 2],), ([64, 32, 10],), ([1, 1],)],
                   "n_parameters", hints=[
                       (lambda s: sum(a * b for a, b in zip(s, s[1:])),
                        "count the biases too: one per neuron."),
                       (lambda s: sum(a * b + a for a, b in zip(s, s[1:])),
                        "one bias per neuron of the layer (its outputs), not per input.")],
                   strict=strict)
