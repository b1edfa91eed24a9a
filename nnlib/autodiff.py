"""Automatic differentiation on scalars, both ways round.

``Value`` is reverse mode (like micrograd): each operation records its
inputs and its local derivatives; ``backward()`` then walks the graph from
the output towards the inputs, accumulating
    dout/dinput = sum over paths of  dout/dnode * dnode/dinput,
so one backward pass gives the derivative w.r.t. *every* input, at the
cost of keeping every intermediate node in memory until then.

``Dual`` is forward mode: a number a + a' e with e^2 = 0.  Each operation
carries the derivative along with the value (from the inputs towards the
output), so nothing is stored, but one pass gives the derivative w.r.t. one
input direction only.
"""

from __future__ import annotations

import math

__all__ = ["Value", "Dual"]


class _Derived:
    """Operators both number types derive from +, *, ** and unary minus."""

    __slots__ = ()

    def __sub__(self, other):
        return self + (-self._lift(other))

    def __truediv__(self, other):
        return self * self._lift(other) ** -1

    def __rsub__(self, other):
        return self._lift(other) - self

    def __rtruediv__(self, other):
        return self._lift(other) / self


class Value(_Derived):
    """A scalar node: ``.data``, ``.grad`` (df/dthis after backward), ``.label``,
    ``.op`` (the operation that made it) and ``.parents`` with local derivatives."""

    __slots__ = ("data", "grad", "label", "op", "_parents", "_local")

    def __init__(self, data, label="", _parents=(), _local=(), op=""):
        self.data = float(data)
        self.grad = 0.0
        self.label, self.op = label, op
        self._parents, self._local = _parents, _local   # inputs and d(self)/d(input)

    def __repr__(self):
        name = f"{self.label}=" if self.label else ""
        return f"Value({name}{self.data:.6g}, grad={self.grad:.6g})"

    @property
    def parents(self):
        return self._parents

    def _lift(self, other):
        return other if isinstance(other, Value) else type(self)(other)

    def __add__(self, other):
        other = self._lift(other)
        return type(self)(self.data + other.data, "", (self, other), (1.0, 1.0), "+")

    def __mul__(self, other):
        other = self._lift(other)
        return type(self)(self.data * other.data, "", (self, other), (other.data, self.data), "*")

    def __pow__(self, n):
        if not isinstance(n, (int, float)):
            raise TypeError(f"Value ** n needs a plain number n, got {type(n).__name__}")
        return type(self)(self.data ** n, "", (self,), (n * self.data ** (n - 1),), f"**{n}")

    def __neg__(self):
        return self * -1.0

    __radd__ = __add__
    __rmul__ = __mul__

    def _unary(self, value, local, op):
        return type(self)(value, "", (self,), (local,), op)

    def tanh(self):
        t = math.tanh(self.data)
        return self._unary(t, 1.0 - t * t, "tanh")

    def relu(self):
        return self._unary(max(self.data, 0.0), float(self.data > 0), "relu")

    def exp(self):
        e = math.exp(self.data)
        return self._unary(e, e, "exp")

    def log(self):
        return self._unary(math.log(self.data), 1.0 / self.data, "log")

    def sigmoid(self):
        s = 0.5 + 0.5 * math.tanh(0.5 * self.data)
        return self._unary(s, s * (1.0 - s), "sigmoid")

    def graph(self):
        """(nodes, edges): nodes in topological order (inputs first, self
        last); edges are (parent, child) pairs, parent feeding child."""
        nodes, seen = [], set()
        stack = [(self, False)]
        while stack:                   # iterative DFS: deep graphs do not recurse
            node, done = stack.pop()
            if done:
                nodes.append(node)
            elif id(node) not in seen:
                seen.add(id(node))
                stack.append((node, True))
                stack.extend((p, False) for p in reversed(node._parents) if id(p) not in seen)
        edges = [(p, n) for n in nodes for p in n._parents]
        return nodes, edges

    def backward(self):
        """Set .grad = d self / d node on every node of the graph (reverse mode)."""
        nodes, _ = self.graph()
        for node in nodes:
            node.grad = 0.0
        self.grad = 1.0
        for node in reversed(nodes):            # output first, inputs last
            for parent, local in zip(node._parents, node._local):
                parent.grad += local * node.grad


class Dual(_Derived):
    """A dual number primal + tangent * e (e^2 = 0): forward-mode derivative.

    Seed the input you differentiate by with tangent 1 and the others with 0;
    the output's tangent is then its derivative with respect to that input.
    """

    __slots__ = ("primal", "tangent")

    def __init__(self, primal, tangent=0.0):
        self.primal, self.tangent = float(primal), float(tangent)

    def __repr__(self):
        return f"Dual({self.primal:.6g}, {self.tangent:.6g})"

    def _lift(self, other):
        return other if isinstance(other, Dual) else type(self)(other)

    def __add__(self, other):
        other = self._lift(other)
        return type(self)(self.primal + other.primal, self.tangent + other.tangent)

    def __mul__(self, other):   # (a + a'e)(b + b'e) = ab + (a'b + ab')e
        other = self._lift(other)
        return type(self)(self.primal * other.primal,
                    self.tangent * other.primal + self.primal * other.tangent)

    def __pow__(self, n):
        if not isinstance(n, (int, float)):
            raise TypeError(f"Dual ** n needs a plain number n, got {type(n).__name__}")
        return type(self)(self.primal ** n, n * self.primal ** (n - 1) * self.tangent)

    def __neg__(self):
        return type(self)(-self.primal, -self.tangent)

    __radd__ = __add__
    __rmul__ = __mul__

    def _chain(self, value, derivative):   # f(a + a'e) = f(a) + f'(a) a' e
        return type(self)(value, derivative * self.tangent)

    def tanh(self):
        t = math.tanh(self.primal)
        return self._chain(t, 1.0 - t * t)

    def relu(self):
        return self._chain(max(self.primal, 0.0), float(self.primal > 0))

    def exp(self):
        e = math.exp(self.primal)
        return self._chain(e, e)

    def log(self):
        return self._chain(math.log(self.primal), 1.0 / self.primal)

    def sigmoid(self):
        s = 0.5 + 0.5 * math.tanh(0.5 * self.primal)
        return self._chain(s, s * (1.0 - s))
