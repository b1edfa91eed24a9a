"""Lesson 05: losses and regularisation: its computations and exercise checks.

- ``line_data`` / ``fit_line``: a straight-line data set whose LAST point is
  the outlier, and lines fitted to it by nnlib with MSE or MAE.
- ``confidently_wrong``: dL/dz of a sigmoid output z with target 1, for MSE
  and for cross-entropy, measured by central differences:
  MSE: 2 (p - 1) p (1 - p), which vanishes as p -> 0; cross-entropy: p - 1.
- ``train_regularized`` / ``weight_summary``: a small classifier trained with
  an L1 or L2 penalty, and what its weights look like.
"""

from __future__ import annotations

import numpy as np

from .. import activations as _act
from .. import datasets, losses
from ..gradcheck import numerical_gradient
from ..layers import Dense
from ..network import Network
from ..optim import Adam
from ._engine import compare, exercise_check

LESSON = 5
__all__ = ['mse_gradient', 'l2_step']

#: weights with |w| below this count as (near-)zero in the regularisation views
NEAR_ZERO = 0.01
STRENGTHS = (0.0, 0.001, 0.003, 0.01, 0.03)


def line_data(n=20, rng=0):
    """n points x in [0, 1], y = 2x + 1 + noise (std 0.1); the last point is
    the one the outlier views move.  Returns (x, y), both shape (n,)."""
    rng = np.random.default_rng(rng)
    x = np.linspace(0, 1, n)
    return x, 2 * x + 1 + rng.normal(0, 0.1, n)


def with_outlier(y, height):
    """A copy of y whose last value is ``height``."""
    y = np.array(y, dtype=float)
    y[-1] = height
    return y


def fit_line(x, y, loss, epochs=300):
    """(slope, intercept) of a one-neuron linear model trained by nnlib on
    ``loss`` ("mse" or "mae") with Adam(lr=0.1), full batch."""
    net = Network([Dense(1, 1, "linear", init="zeros")])
    net.fit(x[:, None], y, loss=loss, optimizer=Adam(lr=0.1), epochs=epochs)
    return float(net.layers[0].W[0, 0]), float(net.layers[0].b[0])


def confidently_wrong(z_values):
    """For a sigmoid output p = sigma(z) whose target is 1, dL/dz measured by
    central differences for L = MSE(p, 1) and L = cross-entropy(p, 1).

    Returns a dict of arrays shaped like z_values: z, p, mse, ce, and p_minus_y
    (= p - 1, what cross-entropy's gradient should be)."""
    z_values = np.asarray(z_values, dtype=float)
    target = np.array([1.0])

    def grad(loss, z0):
        return numerical_gradient(lambda z: loss(_act.sigmoid(z), target), np.array([z0]))[0]

    p = _act.sigmoid(z_values)
    return {"z": z_values, "p": p,
            "mse": np.array([grad(losses.mse, z0) for z0 in z_values]),
            "ce": np.array([grad(losses.binary_cross_entropy, z0) for z0 in z_values]),
            "p_minus_y": p - 1}


def softmax_confidently_wrong(z, label):
    """The same for a softmax output over scores z (K,) with true class label:
    (p, dMSE/dz against the one-hot target, dCE/dz), each shape (K,), by
    central differences."""
    z = np.array(z, dtype=float)[None, :]
    onehot = np.eye(z.shape[1])[[label]]
    mse = numerical_gradient(lambda s: losses.mse(_act.softmax(s), onehot), z)
    ce = numerical_gradient(lambda s: losses.cross_entropy(_act.softmax(s), np.array([label])),
                            z)
    return _act.softmax(z)[0], mse[0], ce[0]


def train_regularized(kind, strength, X, y, epochs=300, rng=0):
    """A 2-16-16-2 tanh network trained by Adam with an L1 or L2 penalty."""
    net = Network([Dense(2, 16, "tanh", rng=rng), Dense(16, 16, "tanh", rng=rng + 1),
                   Dense(16, 2, "softmax", rng=rng + 2)])
    penalty = {"l1": strength} if kind == "l1" else {"l2": strength}
    net.fit(X, y, optimizer=Adam(lr=0.02), epochs=epochs, **penalty)
    return net


def weight_summary(net, X, y):
    """All weights (flat), how many are |w| < NEAR_ZERO, the largest |w| and
    the training accuracy, as a dict."""
    w = np.concatenate([layer.W.ravel() for layer in net.layers])
    return {"weights": w, "near_zero": int(np.sum(np.abs(w) < NEAR_ZERO)),
            "largest": float(np.abs(w).max()), "accuracy": float(np.mean(net.predict(X) == y))}


def regularization_moons():
    """The noisy moons the regularisation views train on: (X, y)."""
    return datasets.moons(200, noise=0.25, rng=0)


@exercise_check
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


@exercise_check
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
