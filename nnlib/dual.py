"""Forward-mode differentiation with dual numbers a + a' e, where e^2 = 0.

    (a + a'e) + (b + b'e) = (a + b) + (a' + b') e
    (a + a'e)(b + b'e)    = ab + (a'b + ab') e
    f(a + a'e)            = f(a) + f'(a) a' e

The derivative rides along with the value from the inputs towards the output:
nothing is stored, but one pass gives the derivative along one input
direction only (seed that input's tangent with 1, the others with 0).
"""

from __future__ import annotations

from .scalar_rules import ScalarRules, real_number

__all__ = ["Dual"]


class Dual(ScalarRules):
    """A dual number primal + tangent * e (e^2 = 0): forward-mode derivative.

    Seed the input you differentiate by with tangent 1 and the others with 0;
    the output's tangent is then its derivative with respect to that input.
    """

    __slots__ = ("primal", "tangent")

    def __init__(self, primal, tangent=0.0):
        self.primal = real_number(primal, "Dual")
        self.tangent = real_number(tangent, "Dual tangent")

    def __repr__(self):
        return f"Dual({self.primal:.6g}, {self.tangent:.6g})"

    _x = property(lambda self: self.primal)

    def _lift(self, other):
        return other if isinstance(other, Dual) else type(self)(other)

    def __add__(self, other):
        other = self._lift(other)
        return type(self)(self.primal + other.primal, self.tangent + other.tangent)

    def __mul__(self, other):   # (a + a'e)(b + b'e) = ab + (a'b + ab')e
        other = self._lift(other)
        return type(self)(self.primal * other.primal,
                          self.tangent * other.primal + self.primal * other.tangent)

    def __neg__(self):
        return type(self)(-self.primal, -self.tangent)

    __radd__ = __add__
    __rmul__ = __mul__

    def _apply(self, value, derivative, op=""):   # f(a + a'e) = f(a) + f'(a) a' e
        return type(self)(value, derivative * self.tangent if self.tangent else 0.0)
