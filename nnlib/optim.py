"""Optimizers: turn gradients into parameter updates, in place.

For every parameter theta with gradient g (same shape):

    SGD       theta <- theta - lr g
    Momentum  v <- beta v + g;  theta <- theta - lr v
    Adam      m <- b1 m + (1 - b1) g;  v <- b2 v + (1 - b2) g^2
              theta <- theta - lr m_hat / (sqrt(v_hat) + eps),
              m_hat = m / (1 - b1^t),  v_hat = v / (1 - b2^t)

``optimizer.step(net)`` reads ``net.parameters()`` and ``net.gradients()``.
If any update is not finite it raises FloatingPointError and changes
nothing (neither the weights nor the optimizer's own state).
"""

from __future__ import annotations

import numpy as np

from .validation import non_negative, positive

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

        All gradients are joined into one flat vector g, so each optimizer's
        rule is a few numpy operations on g (not a loop over arrays)."""
        params, grads = net.parameters(), net.gradients()
        shapes = [p.shape for p in params]
        state = self.state if shapes == self._shapes else None   # new shape: start afresh
        g = np.concatenate([grad.ravel() for grad in grads])
        delta, new_state = self._update(g, state)
        if not np.isfinite(delta.sum()):   # one scalar: inf or NaN anywhere spreads to it
            raise FloatingPointError(
                f"{self.name}: the update is not finite (gradients overflowed); "
                f"weights left unchanged. Try a lower learning rate than lr={self.lr}")
        start = 0
        for p in params:
            p += delta[start:start + p.size].reshape(p.shape)
            start += p.size
        self.state, self._shapes = new_state, shapes

    def __repr__(self):
        return f"{type(self).__name__}(lr={self.lr})"


class SGD(Optimizer):
    """Plain gradient descent: theta <- theta - lr g."""

    name = "sgd"

    def _update(self, g, state):
        return -self.lr * g, None


class Momentum(Optimizer):
    """Heavy ball: v <- beta v + g; theta <- theta - lr v."""

    name = "momentum"

    def __init__(self, lr=0.1, beta=0.9):
        super().__init__(lr)
        self.beta = non_negative(beta, "beta")

    def _update(self, g, state):
        v = state[0] if state else np.zeros_like(g)
        v = self.beta * v + g
        return -self.lr * v, (v,)

    def __repr__(self):
        return f"Momentum(lr={self.lr}, beta={self.beta})"


class Adam(Optimizer):
    """Adam (Kingma & Ba, 2015) with bias-corrected moments."""

    name = "adam"

    def __init__(self, lr=0.001, beta1=0.9, beta2=0.999, eps=1e-8):
        super().__init__(lr)
        self.beta1, self.beta2 = non_negative(beta1, "beta1"), non_negative(beta2, "beta2")
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
