"""Activation functions and their derivatives, side by side, in one table.

Every activation f acts elementwise on the pre-activation z (any shape) and
knows its derivative f'(z).  The registry ``TABLE`` is the single list that
tests, plots and widget dropdowns iterate over, so a new activation gets its
tests and its menu entry for free.

    >>> relu = get("relu")
    >>> relu(np.array([-1.0, 2.0])), relu.derivative(np.array([-1.0, 2.0]))
    (array([0., 2.]), array([0., 1.]))

Conventions from the course text: ``sign(0) == -1`` and ``relu'(0) == 0``.
Softmax is not elementwise: it is in the table (a *layer* activation,
``layer_names()``) with its own backward, but not in ``names()``.  The fused
output pairs (softmax + cross_entropy, sigmoid + binary_cross_entropy) are
declared here, as each entry's ``fused_loss``; ``register`` adds an entry.
"""

from __future__ import annotations

import numpy as np

__all__ = [
    "Activation", "linear", "sign", "relu", "tanh", "sigmoid",
    "leaky_relu", "elu", "softplus", "softmax", "softmax_jacobian", "get", "names",
    "layer_names", "get_layer_activation", "register", "unregister", "fused_output", "TABLE",
]


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


# --- softmax: a whole-row activation, used on the output layer -------------

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

#: name -> activation; the one table everything iterates over (softmax included,
#: flagged as not elementwise).
TABLE = {a.name: a for a in (linear, sign, relu, tanh, sigmoid, leaky_relu, elu, softplus,
                             SOFTMAX)}


def names():
    """Names of the registered elementwise activations, in table order."""
    return [name for name, act in TABLE.items() if act.elementwise]


def layer_names():
    """Every activation a Dense layer accepts: ``names()`` plus softmax."""
    return list(TABLE)


def register(activation):
    """Add an Activation to the table (a new name only); returns it.
    It then appears in ``names()``, in every dropdown and parametrised test."""
    if not isinstance(activation, Activation):
        raise TypeError(f"register expects an Activation, got {type(activation).__name__}")
    if activation.name in TABLE:
        raise ValueError(f"an activation named {activation.name!r} is already registered")
    TABLE[activation.name] = activation
    return activation


def unregister(name):
    """Remove an activation added with ``register`` (built-ins stay)."""
    if name in _BUILT_IN:
        raise ValueError(f"{name!r} is a built-in activation and cannot be removed")
    if TABLE.pop(name, None) is None:
        raise ValueError(f"no registered activation {name!r}; registered: {layer_names()}")


_BUILT_IN = frozenset(TABLE)


def fused_output(loss_name):
    """The output activation whose gradient fuses with ``loss_name``, or None."""
    for act in TABLE.values():
        if act.fused_loss == loss_name:
            return act
    return None


def _lookup(name_or_activation, valid):
    if isinstance(name_or_activation, Activation):
        return name_or_activation
    if not isinstance(name_or_activation, str):
        raise TypeError("activation must be a name (str) or an Activation, "
                        f"got {type(name_or_activation).__name__}")
    if name_or_activation not in valid:
        raise ValueError(f"unknown activation {name_or_activation!r}; "
                         f"expected one of {valid}")
    return TABLE[name_or_activation]


def get(name_or_activation):
    """Look an elementwise activation up by name; an Activation object is
    returned as is.  ValueError for an unknown name (listing the valid
    ones), TypeError for anything that is neither a str nor an Activation."""
    act = _lookup(name_or_activation, names())
    if not act.elementwise:
        raise ValueError(f"{act.name} is not elementwise; expected one of {names()}")
    return act


def get_layer_activation(name_or_activation):
    """Like ``get`` but also accepts layer-only activations ("softmax")."""
    return _lookup(name_or_activation, layer_names())
