"""The Activation type and the eight elementwise activations.

Each f maps the pre-activation z (any shape) to f(z) of the same shape and
knows its derivative f'(z), written beside it with its LaTeX formula:

    linear z,  sign (-1 / 1),  relu max(0, z),  tanh,  sigmoid 1 / (1 + e^-z),
    leaky_relu (slope 0.01 below 0),  elu e^z - 1 below 0,  softplus ln(1 + e^z)

They are collected, with softmax, in ``nnlib.activations.TABLE``, the one
place the rest of nnlib looks an activation up.
"""

from __future__ import annotations

import numpy as np

__all__ = ["Activation", "linear", "sign", "relu", "tanh", "sigmoid", "leaky_relu", "elu",
           "softplus", "LEAKY_SLOPE", "ELU_ALPHA"]


class Activation:
    """An elementwise activation f with its derivative f', and what a layer
    needs to know about it (one entry of the table, nothing else knows).

    ``f(z)`` and ``f.derivative(z)`` both map an array of any shape to an
    array of the same shape.  ``backward(z, a, da)`` returns dL/dz = da * f'(z)
    given the cached input z and output a = f(z); ``from_output(a)`` (if
    given) computes f' from a to save work (tanh: f' = 1 - a^2).

    Layer facts: ``init`` is the weight init "auto" picks ("he" for relu-like
    units, "xavier" otherwise); ``fused_loss`` names the loss whose gradient
    combines with this output into dL/dZ = (A - Y) / N; ``labels(A)`` turns
    outputs (N, K) into class labels (N,), or gives None (not a classifier).
    ``fused_value(Z, Y)`` is the fused loss computed from the pre-activation,
    exact where the probabilities underflow: the function (A - Y) / N is the
    gradient of.
    """

    elementwise = True

    def __init__(self, name, formula, fn, derivative, derivative_formula="", *,
                 from_output=None, init="xavier", fused_loss=None, fused_value=None,
                 labels=None):
        self.name = name
        self.fused_value = fused_value   # (Z, Y) -> that loss from the logits, unclipped
        self.formula = formula                  # LaTeX of f(z)
        self.derivative_formula = derivative_formula  # LaTeX of f'(z)
        self.init, self.fused_loss = init, fused_loss
        self._fn, self._derivative, self._from_output = fn, derivative, from_output
        self._labels = labels

    def __call__(self, z):
        if type(z) is not np.ndarray or z.dtype != np.float64:
            z = np.asarray(z, dtype=float)
        return self._fn(z)

    def derivative(self, z):
        """f'(z), elementwise, same shape as z."""
        return self._derivative(np.asarray(z, dtype=float))

    def backward(self, z, a, da):
        """dL/dz = dL/da * f'(z) (elementwise); shapes all equal."""
        if self._from_output is not None:
            return da * self._from_output(a)
        return da * self._derivative(z)

    def labels(self, A):
        """Class labels (N,) from outputs A (N, K), or None for a non-classifier."""
        return None if self._labels is None else self._labels(A)

    def __repr__(self):
        return f"<activation {self.name}>"


def _one_column(rule):
    """labels() for a single-output classifier: rule(A[:, 0]), else None."""
    return lambda A: rule(A[:, 0]).astype(int) if A.shape[1] == 1 else None


def _sigmoid_parts(z):
    """e = exp(-|z|) in (0, 1] (never overflows) and t = 1 / (1 + e)."""
    e = np.exp(-np.abs(z))
    return e, 1.0 / (1.0 + e)


def _sigmoid(z):
    # sigma(z) = 1 / (1 + e^-z) for z >= 0 and e^z / (1 + e^z) for z < 0: with
    # e = exp(-|z|) both are t = 1/(1+e) and e t, so nothing overflows and both
    # tails are accurate in relative terms (sigma(-700) = 9.86e-305, not 0).
    # (1 + tanh(z/2)) / 2 is not: it returns exactly 0 for z <= -38.
    e, t = _sigmoid_parts(z)
    return np.where(z >= 0, t, e * t)


def _sigmoid_derivative(z):
    # sigma'(z) = sigma(z) sigma(-z) = e t^2, accurate in both tails
    # (sigma (1 - sigma) rounds to 0 for z > 37, where the slope is e^-z).
    e, t = _sigmoid_parts(z)
    return e * t * t


LEAKY_SLOPE = 0.01   # slope of leaky_relu for z <= 0
ELU_ALPHA = 1.0      # elu saturates at -ELU_ALPHA for very negative z

linear = Activation(
    "linear", r"f(z) = z",
    lambda z: z.copy(), np.ones_like, r"f'(z) = 1")
sign = Activation(
    "sign", r"f(z) = \begin{cases} -1 & z \le 0 \\ 1 & z > 0 \end{cases}",
    lambda z: np.where(z > 0, 1.0, -1.0), np.zeros_like,
    r"f'(z) = 0 \text{ (for } z \ne 0\text{; undefined at } 0)",
    labels=_one_column(lambda a: a))                     # outputs are the labels -1 / 1
relu = Activation(
    "relu", r"f(z) = \max(0, z)",
    lambda z: np.maximum(z, 0.0), lambda z: (z > 0).astype(float),
    r"f'(z) = \begin{cases} 0 & z \le 0 \\ 1 & z > 0 \end{cases}",
    from_output=lambda a: a > 0, init="he")   # dA * (A > 0): a boolean mask, no float copy
tanh = Activation(
    "tanh", r"f(z) = \tanh z = \frac{e^{z} - e^{-z}}{e^{z} + e^{-z}}",
    np.tanh, lambda z: 1.0 - np.tanh(z) ** 2, r"f'(z) = 1 - \tanh^2 z",
    from_output=lambda a: 1.0 - a * a)
sigmoid = Activation(
    "sigmoid", r"f(z) = \sigma(z) = \frac{1}{1 + e^{-z}}",
    _sigmoid, _sigmoid_derivative,
    r"f'(z) = \sigma(z)\,(1 - \sigma(z))",
    from_output=lambda a: a * (1.0 - a), fused_loss="binary_cross_entropy",
    fused_value=lambda Z, Y: float(np.sum(np.logaddexp(0.0, Z) - Y * Z)) / len(Z),
    labels=_one_column(lambda a: a > 0.5))
leaky_relu = Activation(
    "leaky_relu", r"f(z) = \begin{cases} 0.01 z & z \le 0 \\ z & z > 0 \end{cases}",
    lambda z: np.where(z > 0, z, LEAKY_SLOPE * z),
    lambda z: np.where(z > 0, 1.0, LEAKY_SLOPE),
    r"f'(z) = \begin{cases} 0.01 & z \le 0 \\ 1 & z > 0 \end{cases}", init="he")
elu = Activation(
    "elu", r"f(z) = \begin{cases} e^{z} - 1 & z \le 0 \\ z & z > 0 \end{cases}",
    lambda z: np.where(z > 0, z, ELU_ALPHA * np.expm1(np.minimum(z, 0.0))),
    lambda z: np.where(z > 0, 1.0, ELU_ALPHA * np.exp(np.minimum(z, 0.0))),
    r"f'(z) = \begin{cases} e^{z} & z \le 0 \\ 1 & z > 0 \end{cases}", init="he")
softplus = Activation(
    "softplus", r"f(z) = \ln(1 + e^{z})",
    lambda z: np.logaddexp(0.0, z), _sigmoid, r"f'(z) = \sigma(z)")
