"""Central finite differences, the independent reference for every gradient
test: nnlib's public helpers (a loop over entries, independent of backprop)."""

from nnlib.gradcheck import numerical_derivative as elementwise_derivative
from nnlib.gradcheck import numerical_gradient


def numeric_gradient(f, x, eps=1e-6):
    """d f / d x for a scalar function f of a float array x (x is restored)."""
    return numerical_gradient(f, x, eps)


__all__ = ["elementwise_derivative", "numeric_gradient"]
