"""Central finite differences, the independent reference for every gradient test."""

import numpy as np


def numeric_gradient(f, x, eps=1e-6):
    """d f / d x for a scalar function f of an array x (x is restored)."""
    x = np.asarray(x, dtype=float)
    grad = np.zeros_like(x)
    for i in np.ndindex(x.shape):
        old = x[i]
        x[i] = old + eps
        up = f(x)
        x[i] = old - eps
        down = f(x)
        x[i] = old
        grad[i] = (up - down) / (2 * eps)
    return grad


def elementwise_derivative(f, z, eps=1e-6):
    """f'(z) for an elementwise f, by central differences."""
    z = np.asarray(z, dtype=float)
    return (f(z + eps) - f(z - eps)) / (2 * eps)
