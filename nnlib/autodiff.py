"""Automatic differentiation on scalars, both ways round.

``Value`` is reverse mode (like micrograd): each operation records its
inputs (``_prev``), its name (``_op``) and its local derivatives; ``backward()``
then walks the graph from the output towards the inputs, accumulating
    dout/dinput = sum over paths of  dout/dnode * dnode/dinput,
so one pass gives the derivative w.r.t. *every* input, at the cost of keeping
every node in memory.  As in micrograd and PyTorch, ``backward()`` *adds* to
``.grad``: call ``zero_grad()`` (or set ``p.grad = 0``) before the next pass.

``Dual`` (defined in ``nnlib.dual``, importable from here) is forward mode:
a number a + a' e with e^2 = 0 that carries the derivative along with the
value (from the inputs towards the output), so nothing is stored, but one
pass gives the derivative w.r.t. one input direction only.  The rules both
share (powers, tanh, exp, ...) live once, in ``nnlib.scalar_rules``.

Operations that are undefined at their input (x / 0, 0 ** -1, log(x <= 0),
a negative number to a fractional power) raise ``DomainError``, a ValueError
that ``except ZeroDivisionError`` also catches.
"""

from __future__ import annotations

from .dual import Dual
from .scalar_rules import DomainError, ScalarRules, real_number

__all__ = ["Value", "Dual", "DomainError"]


class Value(ScalarRules):
    """A scalar node ``Value(data, _children=(), _op="", label="")`` (micrograd's
    form): ``.data``, ``.grad`` (d out / d this, summed over backward passes),
    ``.label``, ``._op`` / ``.op`` and ``._prev`` / ``.parents`` (its inputs).
    A node built by hand from ``_children`` needs a micrograd-style
    ``_backward`` (adding local * out.grad to each child's grad)."""

    __slots__ = ("data", "grad", "label", "_prev", "_op", "_local", "_custom")

    def __init__(self, data, _children=(), _op="", label="", *, _local=None):
        self.data = data if type(data) is float else real_number(data, "Value")
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
