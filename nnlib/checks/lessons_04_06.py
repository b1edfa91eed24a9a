"""Checks for lessons 04-06: networks as functions, losses and
regularisation, gradient descent."""

from __future__ import annotations

import numpy as np

from .. import activations as _act
from ._engine import compare


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


def n_parameters(fn, strict=False):
    """Lesson 04: fn(sizes) must return the number of weights and biases of a
    network with layer sizes [n_0, n_1, ..., n_L]: sum of n_{l-1} n_l + n_l."""
    from ..layers import Dense
    from ..network import Network

    def count(sizes):
        net = Network([Dense(a, b) for a, b in zip(sizes, sizes[1:])])
        return sum(p.size for p in net.parameters())

    return compare(lambda s: fn(list(s)), count, [((2, 4, 3, 2),), ((64, 32, 10),), ((1, 1),)],
                   "n_parameters", hints=[
                       (lambda s: sum(a * b for a, b in zip(s, s[1:])),
                        "count the biases too: one per neuron."),
                       (lambda s: sum(a * b + a for a, b in zip(s, s[1:])),
                        "one bias per neuron of the layer (its outputs), not per input.")],
                   strict=strict)


def mse_gradient(fn, strict=False):
    """Lesson 05: fn(y_pred, y) must return dL/dy_pred = 2 (y_pred - y) / N for
    L = mean((y_pred - y)^2), vectors of shape (N,)."""
    rng = np.random.default_rng(50)
    p, y = rng.normal(size=6), rng.normal(size=6)
    return compare(fn, lambda p, y: 2 * (p - y) / len(p), [(p, y)], "dL/dy_pred", hints=[
        (lambda p, y: (p - y) / len(p), "the factor 2 from the square is missing."),
        (lambda p, y: 2 * (y - p) / len(p), "the sign is flipped: d/dp (p - y)^2 = 2 (p - y)."),
        (lambda p, y: 2 * (p - y), "L is a mean: divide by N."),
        (lambda p, y: np.sign(p - y) / len(p), "that is the MAE gradient.")], strict=strict)


def l2_step(fn, strict=False):
    """Lesson 05: fn(W, dW, lr, lam) must return the weights after one gradient
    step on L + lam * sum(W^2):  W - lr (dW + 2 lam W)."""
    rng = np.random.default_rng(51)
    W, dW = rng.normal(size=(3, 2)), rng.normal(size=(3, 2))
    ref = lambda W, dW, lr, lam: W - lr * (dW + 2 * lam * W)  # noqa: E731
    return compare(fn, ref, [(W, dW, 0.1, 0.05), (W, dW, 0.5, 0.2)], "W after the step", hints=[
        (lambda W, dW, lr, lam: W - lr * (dW + lam * W), "the derivative of lam W^2 is "
         "2 lam W: the 2 is missing."),
        (lambda W, dW, lr, lam: W - lr * dW, "the penalty's gradient 2 lam W is missing."),
        (lambda W, dW, lr, lam: W + lr * (dW + 2 * lam * W), "step against the gradient: "
         "subtract it."),
        (lambda W, dW, lr, lam: W - lr * dW - 2 * lam * W, "multiply the penalty's gradient "
         "by lr too.")], strict=strict)


def gd_step(fn, strict=False):
    """Lesson 06: fn(w, grad, lr) must return w - lr grad."""
    w, g = np.array([1.0, -2.0, 0.5]), np.array([0.3, -1.0, 2.0])
    return compare(fn, lambda w, g, lr: w - lr * g, [(w, g, 0.1), (w, g, 0.7)], "new w",
                   hints=[(lambda w, g, lr: w + lr * g, "that climbs the hill: subtract the "
                           "gradient."),
                          (lambda w, g, lr: w - g, "scale the step by the learning rate."),
                          (lambda w, g, lr: -lr * g, "return the new weights, not only the "
                           "step.")], strict=strict)


def momentum_step(fn, strict=False):
    """Lesson 06: fn(w, v, grad, lr, beta) must return (w_new, v_new) with
    v_new = beta v + grad and w_new = w - lr v_new."""
    w, v, g = np.array([1.0, -2.0]), np.array([0.5, 0.1]), np.array([0.3, -1.0])

    def pair(f):
        return lambda *a: np.concatenate([np.asarray(x, dtype=float) for x in f(*a)])

    def ref(w, v, g, lr, beta):
        v_new = beta * v + g
        return w - lr * v_new, v_new

    return compare(pair(fn), pair(ref), [(w, v, g, 0.1, 0.9), (w, v, g, 0.5, 0.5)],
                   "(w_new, v_new)", hints=[
                       (pair(lambda w, v, g, lr, b: (w - lr * v, b * v + g)),
                        "update v first, then move w with the NEW velocity."),
                       (pair(lambda w, v, g, lr, b: (w - lr * (b * v - g), b * v - g)),
                        "the velocity accumulates +grad; the minus sign belongs to the w step."),
                       (pair(lambda w, v, g, lr, b: (w - lr * g, b * v + g)),
                        "w must move by the velocity, not by the raw gradient.")],
                   strict=strict)
