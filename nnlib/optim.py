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
    """Base class: subclasses compute ``_updates(grads) -> (deltas, new_state)``."""

    name = ""

    def __init__(self, lr=0.1):
        self.lr = lr
        self.state = None

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
        """Update net.parameters() in place from net.gradients()."""
        params, grads = net.parameters(), net.gradients()
        if self.state is not None and [s.shape for s in self.state[0]] != [p.shape
                                                                        for p in params]:
            self.reset()           # the network changed shape: start afresh
        deltas, new_state = self._updates(grads)
        total = 0.0
        for d in deltas:          # one scalar per array: inf or NaN anywhere spreads to it
            total += d.sum()
        if not np.isfinite(total):
            raise FloatingPointError(
                f"{self.name}: the update is not finite (gradients overflowed); "
                f"weights left unchanged. Try a lower learning rate than lr={self.lr}")
        for p, d in zip(params, deltas):
            p += d
        self.state = new_state

    def __repr__(self):
        return f"{type(self).__name__}(lr={self.lr})"


class SGD(Optimizer):
    """Plain gradient descent: theta <- theta - lr g."""

    name = "sgd"

    def _updates(self, grads):
        return [-self.lr * g for g in grads], None


class Momentum(Optimizer):
    """Heavy ball: v <- beta v + g; theta <- theta - lr v."""

    name = "momentum"

    def __init__(self, lr=0.1, beta=0.9):
        super().__init__(lr)
        self.beta = non_negative(beta, "beta")

    def _updates(self, grads):
        vs = self.state[0] if self.state else [np.zeros_like(g) for g in grads]
        new_v = [self.beta * v + g for v, g in zip(vs, grads)]
        return [-self.lr * v for v in new_v], (new_v,)

    def __repr__(self):
        return f"Momentum(lr={self.lr}, beta={self.beta})"


class Adam(Optimizer):
    """Adam (Kingma & Ba, 2015) with bias-corrected moments."""

    name = "adam"

    def __init__(self, lr=0.001, beta1=0.9, beta2=0.999, eps=1e-8):
        super().__init__(lr)
        self.beta1, self.beta2 = non_negative(beta1, "beta1"), non_negative(beta2, "beta2")
        self.eps = positive(eps, "eps")   # keeps the step finite when v_hat = 0

    def _updates(self, grads):
        if self.state:
            ms, vs, t = self.state
        else:
            ms, vs, t = [np.zeros_like(g) for g in grads], [np.zeros_like(g) for g in grads], 0
        t += 1
        b1, b2 = self.beta1, self.beta2
        new_m = [b1 * m + (1 - b1) * g for m, g in zip(ms, grads)]
        new_v = [b2 * v + (1 - b2) * g * g for v, g in zip(vs, grads)]
        c1, c2 = 1 - b1 ** t, 1 - b2 ** t
        deltas = [-self.lr * (m / c1) / (np.sqrt(v / c2) + self.eps)
                  for m, v in zip(new_m, new_v)]
        return deltas, (new_m, new_v, t)

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
