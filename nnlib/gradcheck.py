"""Gradient check: compare backprop's gradients with central differences.

For every parameter entry theta_i:

    numeric_i  = (L(theta_i + eps) - L(theta_i - eps)) / (2 eps)
    relative_i = |analytic_i - numeric_i| / max(|analytic_i|, |numeric_i|, noise / tol)

A correct backprop in float64 gives relative errors around 1e-7 or less.

The floor is honest, not a fudge: L itself is computed with a rounding
error of a few units in the last place, about ROUNDOFF |L|, so a central
difference cannot resolve slopes below noise = ROUNDOFF max(|L|, 1) / eps.
A saturated softmax network has true gradients of 1e-12 and less: there a
relative error of analytic vs numeric measures that noise, not backprop.
Dividing by at least noise / tol means an entry counts as agreeing when the
two differ by less than the resolution of the finite differences.

For a fused output (softmax + cross_entropy, sigmoid + binary_cross_entropy)
the loss is evaluated from the logits Z (log-softmax), the exact function
whose gradient backprop's (A - Y) / N is: ``loss.value`` clips p at
PROB_FLOOR and is flat where a confident answer is wrong (p < 1e-12).
"""

from __future__ import annotations

import numpy as np

from .validation import non_negative, positive

#: relative rounding error assumed for one evaluation of the loss L: 16 units
#: of float64's last place (2^-52 ~ 2.2e-16); measured: about 1 ulp for a small
#: network, so this leaves a wide margin.
ROUNDOFF = 16 * np.finfo(float).eps


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

    The numeric side only evaluates (``forward(X, cache=False)``), so the
    layers' caches and gradients are those of the one backprop call.  Every
    parameter is restored exactly afterwards, also when interrupted (Ctrl-C).
    Cost: 2 forward passes per parameter entry, so keep the network small.
    """
    eps, tol = positive(eps, "eps"), positive(tol, "tol")
    l1, l2 = non_negative(l1, "l1"), non_negative(l2, "l2")
    value = net.backprop(X, y, loss, l1, l2)
    analytic = [g.copy() for g in net.gradients()]
    X, Y, loss = net.prepare(X, y, loss)
    noise = ROUNDOFF * max(abs(value), 1.0) / eps   # what the differences cannot resolve

    top = net.layers[-1]
    fused = top.activation.fused_value if top.activation.fused_loss == loss.name else None

    def total_loss(_):
        if fused is None:
            return float(loss.value(net.forward(X, cache=False), Y)) + net.penalty(l1, l2)
        A = X
        for layer in net.layers[:-1]:
            A = layer.forward(A, cache=False, check=False)
        return fused(A @ top.W + top.b, Y) + net.penalty(l1, l2)

    rows = []
    names = [f"{p}{i + 1}" for i in range(len(net.layers)) for p in ("W", "b")]
    for name, param, grad in zip(names, net.parameters(), analytic):
        numeric = numerical_gradient(total_loss, param, eps)
        diff = np.abs(grad - numeric)
        scale = np.maximum(np.maximum(np.abs(grad), np.abs(numeric)), noise / tol)
        rows.append({"name": name, "shape": param.shape, "max_abs_error": float(diff.max()),
                     "max_relative_error": float((diff / scale).max()), "analytic": grad,
                     "numeric": numeric})
    return GradCheckReport(rows, tol)
