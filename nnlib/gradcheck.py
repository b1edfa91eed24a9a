"""Gradient check: compare backprop's gradients with central differences.

For every parameter entry theta_i:

    numeric_i  = (L(theta_i + eps) - L(theta_i - eps)) / (2 eps)
    relative_i = |analytic_i - numeric_i| / max(|analytic_i|, |numeric_i|, FLOOR)

A correct backprop in float64 gives relative errors around 1e-7 or less.
"""

from __future__ import annotations

import numpy as np

from .validation import non_negative, positive

#: denominators below FLOOR are treated as FLOOR, so two (near-)zero
#: gradients count as agreeing instead of dividing 0 by 0.
FLOOR = 1e-8


def numerical_gradient(f, x, eps=1e-6):
    """dF/dx by central differences for a scalar function f of an array x.

        grad_i = (f(x + eps e_i) - f(x - eps e_i)) / (2 eps)

    x: float array of any shape, nudged in place one entry at a time and
    restored (also when f raises or the loop is interrupted); returns an
    array shaped like x.  Costs 2 x.size calls of f."""
    if not isinstance(x, np.ndarray) or x.dtype != np.float64:
        raise TypeError(f"numerical_gradient needs a float64 numpy array x (it nudges it in "
                        f"place), got {type(x).__name__} {getattr(x, 'dtype', '')}".rstrip())
    eps = positive(eps, "eps")
    grad = np.zeros_like(x)
    for i in np.ndindex(x.shape):
        old = x[i]
        try:
            x[i] = old + eps
            up = float(f(x))
            x[i] = old - eps
            down = float(f(x))
        finally:
            x[i] = old
        grad[i] = (up - down) / (2 * eps)
    return grad


def numerical_derivative(f, z, eps=1e-6):
    """f'(z) for an elementwise f by central differences: (f(z + eps) - f(z - eps)) / (2 eps).
    z: array of any shape; returns an array shaped like z."""
    z = np.asarray(z, dtype=float)
    return (f(z + positive(eps, "eps")) - f(z - eps)) / (2 * eps)


class GradCheckReport:
    """One row per parameter (W1, b1, W2, ...): shape, max abs and rel error."""

    def __init__(self, rows, tol):
        self.rows, self.tol = rows, tol

    @property
    def max_relative_error(self):
        return max(r["max_relative_error"] for r in self.rows)

    @property
    def ok(self):
        return self.max_relative_error < self.tol

    def __str__(self):
        lines = [f"{'param':<6} {'shape':<10} {'max |analytic - numeric|':>25} "
                 f"{'max relative error':>19}  ok"]
        for r in self.rows:
            lines.append(f"{r['name']:<6} {str(r['shape']):<10} {r['max_abs_error']:>25.3e} "
                         f"{r['max_relative_error']:>19.3e}  "
                         f"{'yes' if r['max_relative_error'] < self.tol else 'NO'}")
        verdict = "gradients agree" if self.ok else "gradients DISAGREE"
        lines.append(f"{verdict} (max relative error {self.max_relative_error:.2e}, "
                     f"tolerance {self.tol:.0e})")
        return "\n".join(lines)

    _repr_pretty_ = lambda self, p, cycle: p.text(str(self))  # noqa: E731


def gradient_check(net, X, y, loss="mse", eps=1e-6, l1=0.0, l2=0.0, tol=1e-5):
    """Check ``net.backprop`` against central differences; returns a report.

    Every parameter is restored exactly afterwards.  Cost: 2 forward passes
    per parameter entry, so keep the network and the batch small.
    """
    eps, tol = positive(eps, "eps"), positive(tol, "tol")
    l1, l2 = non_negative(l1, "l1"), non_negative(l2, "l2")
    X, Y, loss = net.prepare(X, y, loss)
    net._backprop(X, Y, loss, l1, l2)
    analytic = [g.copy() for g in net.gradients()]

    def total_loss():
        return float(loss.value(net._forward(X), Y)) + net._penalty(l1, l2)

    rows = []
    names = [f"{p}{i + 1}" for i in range(len(net.layers)) for p in ("W", "b")]
    for name, param, grad in zip(names, net.parameters(), analytic):
        numeric = np.zeros_like(param)
        for i in np.ndindex(param.shape):
            old = param[i]
            param[i] = old + eps
            up = total_loss()
            param[i] = old - eps
            down = total_loss()
            param[i] = old
            numeric[i] = (up - down) / (2 * eps)
        diff = np.abs(grad - numeric)
        rel = diff / np.maximum(np.maximum(np.abs(grad), np.abs(numeric)), FLOOR)
        rows.append({"name": name, "shape": param.shape, "max_abs_error": float(diff.max()),
                     "max_relative_error": float(rel.max()), "analytic": grad,
                     "numeric": numeric})
    net._backprop(X, Y, loss, l1, l2)   # leave the layers' caches and grads as backprop would
    return GradCheckReport(rows, tol)
