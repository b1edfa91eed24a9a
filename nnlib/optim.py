"""Optimizers: turn gradients into parameter updates, in place.

For every parameter theta with gradient g (same shape):

    SGD       theta <- theta - lr g
    Momentum  v <- beta v + g;  theta <- theta - lr v
    Adam      m <- b1 m + (1 - b1) g;  v <- b2 v + (1 - b2) g^2
              theta <- theta - lr m_hat / (sqrt(v_hat) + eps),
              m_hat = m / (1 - b1^t),  v_hat = v / (1 - b2^t)

``optimizer.step(net)`` reads ``net.parameters()`` and ``net.gradients()``.
It changes nothing (neither the weights nor the optimizer's own state) when
it refuses: a parameter that is not a writeable float64 array of its
gradient's shape (TypeError / ValueError, checked before any update), or new
weights that would not be finite (FloatingPointError).  The new weights are
computed beside the old ones (in the buffer of the update) and checked
through one scalar, their sum (NaN or inf anywhere spreads to it), before
they are copied in place; an overflow to inf could not be undone afterwards.
"""

from __future__ import annotations

import numpy as np

from .validation import below_one, positive

__all__ = ["Optimizer", "SGD", "Momentum", "Adam", "get", "names"]


class Optimizer:
    """Base class: subclasses compute ``_update(g, state) -> (delta, new_state)``
    for the flat gradient vector g; state is None at the start, else what the
    previous step returned."""

    name = ""

    def __init__(self, lr=0.1):
        self.lr = lr
        self.state, self._shapes = None, None

    @property
    def lr(self):
        """Learning rate; may be changed between steps, must stay > 0."""
        return self._lr

    @lr.setter
    def lr(self, value):
        self._lr = positive(value, "lr (learning rate)")

    def reset(self):
        """Forget accumulated state (velocities, moments)."""
        self.state = None

    def step(self, net):
        """Update net.parameters() in place from net.gradients().

        All gradients are one flat vector g (a Network shares one buffer, see
        ``Network.flat``; other objects are joined), so each optimizer's rule
        is a few numpy operations on g, not a loop over arrays."""
        flat = net.flat() if hasattr(net, "flat") else None      # None: arrays replaced
        if flat is not None:
            (theta, g), key = flat, flat[0]        # the same buffer: the same network
        else:
            params, grads = net.parameters(), net.gradients()
            key = _checked_shapes(params, grads)
            theta, g = _join(params), _join(grads)
        state = self.state if _same(key, self._shapes) else None  # else start afresh
        delta, new_state = self._update(g, state)
        new = np.add(theta, delta, out=delta)                     # theta + delta
        if not np.isfinite(np.add.reduce(new)):    # NaN or inf anywhere spreads to the sum
            raise FloatingPointError(
                f"{self.name}: the new weights are not finite (the gradients or "
                f"the weights overflowed); weights left unchanged. Try a lower learning "
                f"rate than lr={self.lr}")
        if flat is not None:
            np.copyto(theta, new)
        else:
            start = 0
            for p in params:
                p[...] = new[start:start + p.size].reshape(p.shape)
                start += p.size
        self.state, self._shapes = new_state, key

    def __repr__(self):
        return f"{type(self).__name__}(lr={self.lr})"


def _checked_shapes(params, grads):
    """Shapes of the parameters; refuses what an in-place update cannot write."""
    for i, (p, g) in enumerate(zip(params, grads)):
        if type(p) is np.ndarray and p.dtype == np.float64 and p.flags.writeable and \
                type(g) is np.ndarray and g.shape == p.shape:
            continue                                      # the usual case, cheaply
        where = f"parameter {i} of net.parameters() (W1, b1, W2, ...)"
        if not isinstance(p, np.ndarray) or p.dtype != np.float64:
            got = f"{type(p).__name__} of dtype {p.dtype}" if hasattr(p, "dtype") else \
                type(p).__name__
            raise TypeError(f"{where} must be a float64 numpy array, got {got}; "
                            "set it with np.asarray(values, dtype=float)")
        if not p.flags.writeable:
            raise ValueError(f"{where} is read-only; expected a writeable array "
                             "(set it to a copy, e.g. layer.W = W.copy())")
        if np.shape(g) != p.shape:
            raise ValueError(f"{where} has shape {p.shape} but its gradient has shape "
                             f"{np.shape(g)}; expected equal shapes")
    return [p.shape for p in params]


class SGD(Optimizer):
    """Plain gradient descent: theta <- theta - lr g."""

    name = "sgd"

    def _update(self, g, state):
        return -self.lr * g, None


class Momentum(Optimizer):
    """Heavy ball: v <- beta v + g; theta <- theta - lr v  (0 <= beta < 1)."""

    name = "momentum"

    def __init__(self, lr=0.1, beta=0.9):
        super().__init__(lr)
        self.beta = below_one(beta, "beta")

    def _update(self, g, state):
        v = g.copy() if state is None else self.beta * state[0] + g
        return -self.lr * v, (v,)

    def __repr__(self):
        return f"Momentum(lr={self.lr}, beta={self.beta})"


class Adam(Optimizer):
    """Adam (Kingma & Ba, 2015) with bias-corrected moments (0 <= beta < 1)."""

    name = "adam"

    def __init__(self, lr=0.001, beta1=0.9, beta2=0.999, eps=1e-8):
        super().__init__(lr)
        self.beta1, self.beta2 = below_one(beta1, "beta1"), below_one(beta2, "beta2")
        self.eps = positive(eps, "eps")   # keeps the step finite when v_hat = 0

    def _update(self, g, state):
        m, v, t = state if state else (np.zeros_like(g), np.zeros_like(g), 0)
        t += 1
        b1, b2 = self.beta1, self.beta2
        m = b1 * m + (1 - b1) * g
        v = b2 * v + (1 - b2) * g * g
        m_hat, v_hat = m / (1 - b1 ** t), v / (1 - b2 ** t)
        return -self.lr * m_hat / (np.sqrt(v_hat) + self.eps), (m, v, t)

    def __repr__(self):
        return f"Adam(lr={self.lr})"


def _same(key, old):
    """The state's network: the same flat buffer, or the same list of shapes."""
    if isinstance(key, np.ndarray) or isinstance(old, np.ndarray):
        return key is old
    return key == old


def _join(arrays):
    return np.concatenate([np.ravel(a) for a in arrays])


TABLE = {"sgd": SGD, "momentum": Momentum, "adam": Adam}


def names():
    return list(TABLE)


def get(name_or_optimizer, lr=None):
    """An optimizer object, or a new one from its name ("sgd", "momentum", "adam")."""
    if isinstance(name_or_optimizer, Optimizer):
        return name_or_optimizer
    if not isinstance(name_or_optimizer, str) or name_or_optimizer.lower() not in TABLE:
        raise ValueError(f"unknown optimizer {name_or_optimizer!r}; expected an Optimizer "
                         f"or one of {names()}")
    cls = TABLE[name_or_optimizer.lower()]
    return cls() if lr is None else cls(lr=lr)
