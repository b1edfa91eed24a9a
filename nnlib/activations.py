"""Activation functions and their derivatives, side by side, in one table.

Every activation f acts elementwise on the pre-activation z (any shape) and
knows its derivative f'(z).  The registry ``TABLE`` is the single list that
tests, plots and widget dropdowns iterate over, so a new activation gets its
tests and its menu entry for free.

    >>> relu = get("relu")
    >>> relu(np.array([-1.0, 2.0])), relu.derivative(np.array([-1.0, 2.0]))
    (array([0., 2.]), array([0., 1.]))

Conventions from the course text: ``sign(0) == -1`` and ``relu'(0) == 0``.
Softmax is not elementwise, so it lives in ``nnlib.softmax`` and is accepted
as a *layer* activation by name (``"softmax"``), but not listed in ``names()``.
"""

from __future__ import annotations

import numpy as np

__all__ = [
    "Activation", "linear", "sign", "relu", "tanh", "sigmoid",
    "leaky_relu", "elu", "softplus", "get", "names", "TABLE",
]


class Activation:
    """An elementwise activation f with its derivative f'.

    ``f(z)`` and ``f.derivative(z)`` both map an array of any shape to an
    array of the same shape.  ``backward(z, a, da)`` returns dL/dz = da * f'(z)
    given the cached input z and output a = f(z); subclasses may use ``a`` to
    save work (tanh: f' = 1 - a^2).
    """

    def __init__(self, name, formula, fn, derivative, derivative_formula=""):
        self.name = name
        self.formula = formula                  # LaTeX of f(z)
        self.derivative_formula = derivative_formula  # LaTeX of f'(z)
        self._fn = fn
        self._derivative = derivative

    def __call__(self, z):
        return self._fn(np.asarray(z, dtype=float))

    def derivative(self, z):
        """f'(z), elementwise, same shape as z."""
        return self._derivative(np.asarray(z, dtype=float))

    def backward(self, z, a, da):
        """dL/dz = dL/da * f'(z) (elementwise); shapes all equal."""
        return da * self._derivative(z)

    def __repr__(self):
        return f"<activation {self.name}>"


class _FromOutput(Activation):
    """An activation whose derivative is cheapest from its output a = f(z)."""

    def __init__(self, name, formula, fn, derivative, derivative_formula, from_output):
        super().__init__(name, formula, fn, derivative, derivative_formula)
        self._from_output = from_output

    def backward(self, z, a, da):
        return da * self._from_output(a)


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
    r"f'(z) = 0 \text{ (for } z \ne 0\text{; undefined at } 0)")
relu = _FromOutput(
    "relu", r"f(z) = \max(0, z)",
    lambda z: np.maximum(z, 0.0), lambda z: (z > 0).astype(float),
    r"f'(z) = \begin{cases} 0 & z \le 0 \\ 1 & z > 0 \end{cases}",
    lambda a: a > 0)      # backward: dA * (A > 0), a boolean mask, no float copy
tanh = _FromOutput(
    "tanh", r"f(z) = \tanh z = \frac{e^{z} - e^{-z}}{e^{z} + e^{-z}}",
    np.tanh, lambda z: 1.0 - np.tanh(z) ** 2, r"f'(z) = 1 - \tanh^2 z",
    lambda a: 1.0 - a * a)
sigmoid = _FromOutput(
    "sigmoid", r"f(z) = \sigma(z) = \frac{1}{1 + e^{-z}}",
    _sigmoid, _sigmoid_derivative,
    r"f'(z) = \sigma(z)\,(1 - \sigma(z))",
    lambda a: a * (1.0 - a))
leaky_relu = Activation(
    "leaky_relu", r"f(z) = \begin{cases} 0.01 z & z \le 0 \\ z & z > 0 \end{cases}",
    lambda z: np.where(z > 0, z, LEAKY_SLOPE * z),
    lambda z: np.where(z > 0, 1.0, LEAKY_SLOPE),
    r"f'(z) = \begin{cases} 0.01 & z \le 0 \\ 1 & z > 0 \end{cases}")
elu = Activation(
    "elu", r"f(z) = \begin{cases} e^{z} - 1 & z \le 0 \\ z & z > 0 \end{cases}",
    lambda z: np.where(z > 0, z, ELU_ALPHA * np.expm1(np.minimum(z, 0.0))),
    lambda z: np.where(z > 0, 1.0, ELU_ALPHA * np.exp(np.minimum(z, 0.0))),
    r"f'(z) = \begin{cases} e^{z} & z \le 0 \\ 1 & z > 0 \end{cases}")
softplus = Activation(
    "softplus", r"f(z) = \ln(1 + e^{z})",
    lambda z: np.logaddexp(0.0, z), _sigmoid, r"f'(z) = \sigma(z)")

#: name -> activation; the one table everything iterates over.
TABLE = {a.name: a for a in (linear, sign, relu, tanh, sigmoid, leaky_relu, elu, softplus)}


def names():
    """Names of the registered (elementwise) activations, in table order."""
    return list(TABLE)


def get(name_or_activation):
    """Look an activation up by name; an Activation object is returned as is.

    Raises ValueError for an unknown name (listing the valid ones) and
    TypeError for anything that is neither a string nor an Activation.
    """
    if isinstance(name_or_activation, Activation):
        return name_or_activation
    if not isinstance(name_or_activation, str):
        raise TypeError("activation must be a name (str) or an Activation, "
                        f"got {type(name_or_activation).__name__}")
    try:
        return TABLE[name_or_activation]
    except KeyError:
        raise ValueError(f"unknown activation {name_or_activation!r}; "
                         f"expected one of {names()}") from None


# --- softmax: a whole-row activation, used on the output layer -------------

def softmax(z, axis=-1):
    """s_i = e^{z_i} / sum_k e^{z_k}, along ``axis`` (default: last).

    Stable: the row maximum is subtracted first, which leaves s unchanged
    (the factor e^{-max} cancels) but keeps every exponent <= 0, so e^z
    never overflows.  Shape in = shape out; each row sums to 1.
    """
    z = np.asarray(z, dtype=float)
    e = np.exp(z - z.max(axis=axis, keepdims=True))
    return e / e.sum(axis=axis, keepdims=True)


def softmax_jacobian(z):
    """J_ij = ds_i/dz_j = s_i (delta_ij - s_j), i.e. diag(s) - s s^T.

    z: a vector of K logits, shape (K,).  Returns (K, K).
    """
    z = np.asarray(z, dtype=float)
    if z.ndim != 1:
        raise ValueError(f"softmax_jacobian expects a vector of shape (K,), got shape {z.shape}")
    s = softmax(z)
    return np.diag(s) - np.outer(s, s)


class Softmax:
    """Softmax as a layer activation (rows of Z (N, K) -> probabilities (N, K)).

    Not elementwise, so it has no ``derivative(z)``; its ``backward`` applies
    the Jacobian row by row: dZ = S * (dA - sum_j dA_j S_j).
    """

    name = "softmax"
    formula = r"s_i = \frac{e^{z_i}}{\sum_{k=1}^{K} e^{z_k}}"

    def __call__(self, z):
        return softmax(z, axis=-1)

    def backward(self, z, a, da):
        return a * (da - np.sum(da * a, axis=-1, keepdims=True))

    def __repr__(self):
        return "<activation softmax>"


SOFTMAX = Softmax()


def get_layer_activation(name_or_activation):
    """Like ``get`` but also accepts "softmax" (a layer-only activation)."""
    if name_or_activation == "softmax" or isinstance(name_or_activation, Softmax):
        return SOFTMAX
    try:
        return get(name_or_activation)
    except ValueError:
        raise ValueError(f"unknown activation {name_or_activation!r}; "
                         f"expected one of {names() + ['softmax']}") from None
