"""Lesson 02: activation functions: its computations and exercise checks."""

from __future__ import annotations

import numpy as np

from .. import activations as _act
from ._engine import compare, exercise_check, verdict

LESSON = 2
__all__ = ['sigmoid_derivative', 'relu_derivative', 'stable_sigmoid']


@exercise_check
def sigmoid_derivative(fn, strict=False):
    """Lesson 02: fn(z) must return sigma'(z) = sigma(z)(1 - sigma(z))."""
    z = np.linspace(-6, 6, 25)
    return compare(fn, _act.sigmoid.derivative, [(z,), (np.array([0.0]),)], "sigmoid'(z)",
                   hints=[(_act.sigmoid, "you returned sigma(z) itself; the derivative is "
                           "sigma(z) * (1 - sigma(z))."),
                          (lambda z: _act.sigmoid(z) * (1 + _act.sigmoid(z)),
                           "check the sign inside the bracket: (1 - sigma(z)).")],
                   strict=strict)


@exercise_check
def relu_derivative(fn, strict=False):
    """Lesson 02: fn(z) must return relu'(z): 1 for z > 0, 0 for z <= 0."""
    z = np.array([-3.0, -0.5, 0.0, 0.5, 2.0])
    return compare(fn, _act.relu.derivative, [(z,), (np.linspace(-2, 2, 9),)], "relu'(z)",
                   hints=[(lambda z: (z >= 0).astype(float), "at z = 0 the course uses "
                           "relu'(0) = 0 (z > 0, not z >= 0)."),
                          (_act.relu, "you returned relu(z) itself, not its slope."),
                          (np.sign, "the slope is 0 (not -1) for negative z.")], strict=strict)


@exercise_check
def stable_sigmoid(fn, strict=False):
    """Lesson 02: fn(z) must equal sigma(z) and stay finite without any overflow
    warning for |z| up to 800."""
    import warnings

    z = np.array([-800.0, -40.0, -1.0, 0.0, 1.0, 40.0, 800.0])
    with warnings.catch_warnings(record=True) as caught, np.errstate(all="warn", under="ignore"):
        warnings.simplefilter("always")
        result = compare(fn, _act.sigmoid, [(z,)], "sigmoid(z)", atol=1e-12, quiet=True)
    if not result:
        return verdict(False, result.message, strict)
    overflow = [str(w.message) for w in caught if issubclass(w.category, RuntimeWarning)]
    if overflow:
        return verdict(False, f"the values are right but numpy warned: {overflow[0]}. "
                       "exp(-z) overflows for z = -800; use np.tanh or split by sign.", strict)
    return verdict(True, "stable for |z| up to 800, no warnings.", strict)
