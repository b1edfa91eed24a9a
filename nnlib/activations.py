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
The entries themselves are defined in ``nnlib.elementwise`` and
``nnlib.softmax_activation``; this module is the table.
"""

from __future__ import annotations

from .elementwise import (
    ELU_ALPHA,
    LEAKY_SLOPE,
    Activation,
    elu,
    leaky_relu,
    linear,
    relu,
    sigmoid,
    sign,
    softplus,
    tanh,
)
from .softmax_activation import SOFTMAX, softmax, softmax_jacobian

__all__ = [
    "Activation", "linear", "sign", "relu", "tanh", "sigmoid",
    "leaky_relu", "elu", "softplus", "softmax", "softmax_jacobian", "get", "names",
    "layer_names", "get_layer_activation", "register", "unregister", "fused_output", "TABLE",
    "LEAKY_SLOPE", "ELU_ALPHA",
]


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
