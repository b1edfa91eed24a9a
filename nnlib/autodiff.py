"""Automatic differentiation on scalars, both ways round.

``Value`` is reverse mode (like micrograd): each operation records its
inputs (``_prev``), its name (``_op``) and its local derivatives; ``backward()``
then walks the graph from the output towards the inputs, accumulating
    dout/dinput = sum over paths of  dout/dnode * dnode/dinput,
so one pass gives the derivative w.r.t. *every* input, at the cost of keeping
every node in memory.  As in micrograd and PyTorch, ``backward()`` *adds* to
``.grad``: call ``zero_grad()`` (or set ``p.grad = 0``) before the next pass.

``Dual`` is forward mode: a number a + a' e with e^2 = 0.  Each operation
carries the derivative along with the value (from the inputs towards the
output), so nothing is stored, but one pass gives the derivative w.r.t. one
input direction only.

Operations that are undefined at their input (x / 0, 0 ** -1, log(x <= 0),
a negative number to a fractional power) raise ``DomainError``, a ValueError
that ``except ZeroDivisionError`` also catches.
"""

from __future__ import annotations

import math
import numbers

__all__ = ["Value", "Dual", "DomainError"]


class DomainError(ValueError, ZeroDivisionError):
    """An operation undefined at this input, e.g. x / 0 or log(-1)."""


def _real(x, who):
    if type(x) is float or isinstance(x, numbers.Real):
        return float(x)
    raise TypeError(f"{who} needs a real number, got {type(x).__name__} {x!r:.40}")


def _pow(x, n):
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


def _sigmoid(x):
    """1 / (1 + e^-x), accurate in relative terms in both tails."""
    if x >= 0:
        return 1.0 / (1.0 + math.exp(-x))
    e = math.exp(x)
    return e / (1.0 + e)


class _Derived:
    """What both number types share: each defines ``_x`` (its number), +, *,
    unary minus and ``_apply(value, local, op)`` (a result from its value and
    d result / d self); powers, division and the functions follow from those."""

    __slots__ = ()

    def __pow__(self, n):
        value, local = _pow(self._x, n)
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
        s = _sigmoid(self._x)
        return self._apply(s, s * _sigmoid(-self._x), "sigmoid")

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


class Value(_Derived):
    """A scalar node ``Value(data, _children=(), _op="", label="")`` (micrograd's
    form): ``.data``, ``.grad`` (d out / d this, summed over backward passes),
    ``.label``, ``._op`` / ``.op`` and ``._prev`` / ``.parents`` (its inputs).
    A node built by hand from ``_children`` needs a micrograd-style
    ``_backward`` (adding local * out.grad to each child's grad)."""

    __slots__ = ("data", "grad", "label", "_prev", "_op", "_local", "_custom")

    def __init__(self, data, _children=(), _op="", label="", *, _local=None):
        self.data = data if type(data) is float else _real(data, "Value")
        self.grad, self.label, self._custom = 0.0, label, None
        if _local is not None:                     # made by an operation below
            self._prev, self._op, self._local = _children, _op, _local
            return
        children = tuple(_children)
        if not all(isinstance(c, Value) for c in children):
            raise TypeError("Value(data, _children=(), _op='', label=''): _children must be "
                            f"Value nodes, got {_children!r:.60}; a name goes in label=...")
        self._prev, self._op = children, str(_op)
        self._local = None if children else ()     # None: needs a custom _backward

    def __repr__(self):
        name = f"{self.label}=" if self.label else ""
        return f"Value({name}{self.data:.6g}, grad={self.grad:.6g})"

    op = property(lambda self: self._op, doc="The operation that made this node.")
    parents = property(lambda self: self._prev, doc="This node's inputs, in order.")
    local = property(lambda self: tuple(self._local or ()),
                     doc="d(node)/d(parent) for each parent, as the operation recorded it.")
    _x = property(lambda self: self.data)

    _backward = property(lambda self: self._custom or self._chain,
                         lambda self, function: setattr(self, "_custom", function),
                         doc="Adds this node's share to its inputs' grads (micrograd's hook).")

    def _chain(self):
        if self._local is None:
            raise ValueError(f"node {self!r} (op {self._op!r}) has inputs but no local "
                             "derivatives; give it a micrograd-style _backward function")
        for parent, local in zip(self._prev, self._local):
            parent.grad += local * self.grad

    def _lift(self, other):
        return other if isinstance(other, Value) else type(self)(other)

    def _apply(self, value, local, op):
        return type(self)(value, (self,), op, _local=(local,))

    def __add__(self, other):
        other = self._lift(other)
        return type(self)(self.data + other.data, (self, other), "+", _local=(1.0, 1.0))

    def __mul__(self, other):
        other = self._lift(other)
        return type(self)(self.data * other.data, (self, other), "*",
                          _local=(other.data, self.data))

    def __neg__(self):
        return self * -1.0

    __radd__ = __add__
    __rmul__ = __mul__

    def graph(self):
        """(nodes, edges): nodes in topological order (inputs first, self
        last); edges are (parent, child) pairs, parent feeding child."""
        nodes = self._topo()
        return nodes, [(p, n) for n in nodes for p in n._prev]

    def _topo(self):
        nodes, seen = [], set()
        stack = [(self, False)]
        while stack:                   # iterative DFS: deep graphs do not recurse
            node, done = stack.pop()
            if done:
                nodes.append(node)
            elif id(node) not in seen:
                seen.add(id(node))
                stack.append((node, True))
                stack.extend((p, False) for p in reversed(node._prev) if id(p) not in seen)
        return nodes

    def backward(self):
        """Add d self / d node to ``.grad`` of every node in the graph (reverse
        mode).  Two calls add up, as in micrograd and PyTorch."""
        nodes = self._topo()
        before = []
        for node in nodes:
            if node._local is None and node._custom is None:
                node._chain()                        # raises: says what is missing
            before.append(node.grad)
        try:
            for node in nodes:
                node.grad = 0.0                      # this pass's gradients only ...
            self.grad = 1.0
            for node in reversed(nodes):             # output first, inputs last
                if node._custom is not None:
                    node._custom()
                    continue
                for parent, local in zip(node._prev, node._local):
                    parent.grad += local * node.grad
        except BaseException:
            for node, grad in zip(nodes, before):
                node.grad = grad
            raise
        for node, grad in zip(nodes, before):        # ... then added to the old ones
            node.grad += grad

    def zero_grad(self):
        """Set ``.grad = 0`` on every node of this node's graph."""
        for node in self._topo():
            node.grad = 0.0


class Dual(_Derived):
    """A dual number primal + tangent * e (e^2 = 0): forward-mode derivative.

    Seed the input you differentiate by with tangent 1 and the others with 0;
    the output's tangent is then its derivative with respect to that input.
    """

    __slots__ = ("primal", "tangent")

    def __init__(self, primal, tangent=0.0):
        self.primal, self.tangent = _real(primal, "Dual"), _real(tangent, "Dual tangent")

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
