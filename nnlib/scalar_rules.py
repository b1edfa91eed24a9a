"""The derivative rules the two scalar number types share.

``ScalarRules`` is the base of ``autodiff.Value`` (reverse mode) and
``dual.Dual`` (forward mode).  Each subclass supplies its number ``_x``, +, *,
unary minus and ``_apply(value, local, op)``: a result built from its value
f(x) and its local derivative f'(x).  Everything else follows from those:

    x ** n -> n x^(n-1),  tanh -> 1 - tanh^2,  relu -> [x > 0],  exp -> e^x,
    log -> 1/x,  sigmoid -> s (1 - s),  a - b = a + (-b),  a / b = a * b^-1

Operations undefined at their input (x / 0, 0 ** -1, log(x <= 0), a negative
number to a fractional power) raise ``DomainError``.
"""

from __future__ import annotations

import math
import numbers

__all__ = ["ScalarRules", "DomainError", "real_number", "power_rule", "scalar_sigmoid"]


class DomainError(ValueError, ZeroDivisionError):
    """An operation undefined at this input, e.g. x / 0 or log(-1)."""


def real_number(x, who):
    if type(x) is float or isinstance(x, numbers.Real):
        return float(x)
    raise TypeError(f"{who} needs a real number, got {type(x).__name__} {x!r:.40}")


def power_rule(x, n):
    """(x ** n, n x ** (n - 1)) with 0 ** 0 = 1 (derivative 0) and clear errors."""
    if isinstance(n, bool) or not isinstance(n, numbers.Real):
        raise TypeError(f"x ** n needs a plain number n, got {type(n).__name__}")
    n = float(n)
    if n == 0:
        return 1.0, 0.0
    if x == 0 and n < 0:
        raise DomainError(f"0 ** {n:g} is undefined (a division by zero)")
    if x < 0 and not n.is_integer():
        raise DomainError(f"({x:g}) ** {n:g} is not a real number")
    try:
        value = x ** n
        local = n * x ** (n - 1) if x != 0 or n >= 1 else math.inf   # d/dx x^n, inf at 0
    except OverflowError:
        raise OverflowError(f"({x:g}) ** {n:g} is too large for a float") from None
    return value, local


def scalar_sigmoid(x):
    """1 / (1 + e^-x), accurate in relative terms in both tails."""
    if x >= 0:
        return 1.0 / (1.0 + math.exp(-x))
    e = math.exp(x)
    return e / (1.0 + e)


class ScalarRules:
    """What both number types share: each defines ``_x`` (its number), +, *,
    unary minus and ``_apply(value, local, op)`` (a result from its value and
    d result / d self); powers, division and the functions follow from those."""

    __slots__ = ()

    def __pow__(self, n):
        value, local = power_rule(self._x, n)
        return self._apply(value, local, f"**{n}")

    def tanh(self):
        t = math.tanh(self._x)
        return self._apply(t, 1.0 - t * t, "tanh")

    def relu(self):
        return self._apply(max(self._x, 0.0), float(self._x > 0), "relu")

    def exp(self):
        try:
            e = math.exp(self._x)
        except OverflowError:
            raise OverflowError(f"exp({self._x:g}) overflows a float (x <= 709.78)") from None
        return self._apply(e, e, "exp")

    def log(self):
        if self._x <= 0:
            raise DomainError(f"log needs a positive number, got {self._x:g}")
        return self._apply(math.log(self._x), 1.0 / self._x, "log")

    def sigmoid(self):
        s = scalar_sigmoid(self._x)
        return self._apply(s, s * scalar_sigmoid(-self._x), "sigmoid")

    def __sub__(self, other):
        return self + (-self._lift(other))

    def __rsub__(self, other):
        return self._lift(other) - self

    def __truediv__(self, other):
        other = self._lift(other)
        if other._x == 0:
            raise DomainError(f"division by zero: {self!r} / {other!r}")
        return self * other ** -1

    def __rtruediv__(self, other):
        return self._lift(other) / self
