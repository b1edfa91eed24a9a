"""Softmax: probabilities from a row of scores, and softmax as a layer.

    s_i = e^{z_i} / sum_k e^{z_k}          (each row sums to 1)
    J_ij = ds_i / dz_j = s_i (delta_ij - s_j)

Softmax acts on whole rows, not elementwise, so as a layer activation it has
a ``backward`` (the Jacobian-vector product) instead of f'(z).  Paired with
cross-entropy its gradient fuses to dL/dZ = (S - Y) / N.
"""

from __future__ import annotations

import numpy as np

from .elementwise import Activation

__all__ = ["softmax", "softmax_jacobian", "Softmax", "SOFTMAX"]


def softmax(z, axis=-1):
    """s_i = e^{z_i} / sum_k e^{z_k}, along ``axis`` (default: last).

    Stable: the row maximum is subtracted first, which leaves s unchanged
    (the factor e^{-max} cancels) but keeps every exponent <= 0, so e^z
    never overflows.  Shape in = shape out; each row sums to 1.
    """
    z = np.asarray(z, dtype=float)
    e = np.exp(z - np.maximum.reduce(z, axis=axis, keepdims=True))
    return e / np.add.reduce(e, axis=axis, keepdims=True)


def softmax_jacobian(z):
    """J_ij = ds_i/dz_j = s_i (delta_ij - s_j), i.e. diag(s) - s s^T.

    z: a vector of K logits, shape (K,).  Returns (K, K).
    """
    z = np.asarray(z, dtype=float)
    if z.ndim != 1:
        raise ValueError(f"softmax_jacobian expects a vector of shape (K,), got shape {z.shape}")
    s = softmax(z)
    return np.diag(s) - np.outer(s, s)


def _cross_entropy_of_logits(Z, Y):
    """-1/N sum Y log softmax(Z) = 1/N sum Y (logsumexp(Z) - Z), never log(0)."""
    Zs = Z - np.maximum.reduce(Z, axis=1, keepdims=True)
    lse = np.log(np.add.reduce(np.exp(Zs), axis=1, keepdims=True))
    return float(np.sum(Y * (lse - Zs))) / len(Z)


class Softmax(Activation):
    """Softmax as a layer activation: rows of Z (N, K) -> probabilities (N, K).

    Not elementwise, so it has no ``derivative(z)`` and is not in ``names()``;
    its ``backward`` is the Jacobian-vector product of each row,
    dZ = J^T dA = S * (dA - sum_j dA_j S_j), without forming J.
    """

    elementwise = False

    def __init__(self):
        super().__init__("softmax", r"s_i = \frac{e^{z_i}}{\sum_{k=1}^{K} e^{z_k}}",
                         softmax, None, fused_loss="cross_entropy",
                         fused_value=_cross_entropy_of_logits,
                         labels=lambda A: A.argmax(axis=1))

    def derivative(self, z):
        raise TypeError("softmax is not elementwise: it has no f'(z); use "
                        "nnlib.softmax_jacobian(z) (K, K) or backward(z, a, da)")

    def backward(self, z, a, da):
        return a * (da - np.sum(da * a, axis=-1, keepdims=True))


SOFTMAX = Softmax()
