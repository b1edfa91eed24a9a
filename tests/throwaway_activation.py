"""A pytest plugin (``-p throwaway_activation``) and helper that registers a
throwaway activation, so a test can prove that the table alone decides
which activations are tested and offered: softsign f(z) = z / (1 + |z|)."""

import numpy as np

from nnlib import activations

NAME = "throwaway_softsign"


def make():
    return activations.Activation(
        NAME, r"f(z) = \frac{z}{1 + |z|}", lambda z: z / (1.0 + np.abs(z)),
        lambda z: 1.0 / (1.0 + np.abs(z)) ** 2, r"f'(z) = \frac{1}{(1 + |z|)^2}")


def pytest_configure(config):
    """Register before the test modules are imported (they read the table then)."""
    if NAME not in activations.layer_names():
        activations.register(make())
