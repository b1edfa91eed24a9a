"""Lesson 13: the graph itself. The check of the student's topological order,
a copy of any micrograd-style graph in ``Value`` nodes (so lesson 07's layout
draws it) and a timer for a training step.

A topological order lists every node once, each after all of its inputs
(``_prev``), the output last; ``backward()`` walks it reversed, so a node's
gradient is complete before it is passed on:

    for node in reversed(order):  node._backward()
"""

from __future__ import annotations

import time

import numpy as np

from ..autodiff import Value
from ._engine import exercise_check, verdict

LESSON = 13
__all__ = ["scalar_topo"]


def _graphs():
    """(name, root, all nodes) of small Value graphs: a diamond, a chain, a leaf."""
    x, y = Value(3.0, label="x"), Value(2.0, label="y")
    diamond = x * y + x
    a, b = Value(2.0, label="a"), Value(-1.0, label="b")
    chain = ((a * b + 3) ** 2 + 1).tanh()
    leaf = Value(1.0, label="w")
    return [("x*y + x", diamond), ("((a*b + 3)**2 + 1).tanh()", chain), ("a single leaf", leaf)]


@exercise_check
def scalar_topo(fn, strict=False):
    """Lesson 13: fn(root) lists every node of root's graph once, each after
    its inputs (``_prev``), root last."""
    if not callable(fn):
        return verdict(False, f"topological order: expected your function, got "
                       f"{type(fn).__name__} {fn!r:.60}.", strict)
    for text, root in _graphs():
        nodes = root.graph()[0]
        try:
            order = fn(root)
        except Exception as err:  # noqa: BLE001 — the student's code raised: tell them
            return verdict(False, f"topological order of {text} raised "
                           f"{type(err).__name__}: {err}", strict)
        if order is None:
            return verdict(False, "topological order: your function returned None. Did you "
                           "forget `return order`?", strict)
        if not isinstance(order, (list, tuple)):
            return verdict(False, f"topological order: return a list of nodes, got "
                           f"{type(order).__name__}.", strict)
        ids = [id(n) for n in order]
        known = {id(n) for n in nodes}
        if len(set(ids)) < len(ids):
            return verdict(False, f"topological order of {text}: a node appears more than once. "
                           "Remember which nodes you visited (a set) and skip them.", strict)
        if not set(ids) <= known:
            return verdict(False, f"topological order of {text}: it holds something that is "
                           "not a node of the graph.", strict)
        if len(ids) < len(known):
            return verdict(False, f"topological order of {text}: {len(known) - len(ids)} of its "
                           f"{len(known)} nodes are missing; visit every node in _prev.", strict)
        at = {i: k for k, i in enumerate(ids)}
        if len(order) > 1 and all(at[id(p)] > at[id(n)] for n in order for p in n._prev):
            return verdict(False, f"topological order of {text}: the output comes first. List "
                           "the inputs first and the output last (append a node after its "
                           "inputs); backward() walks the list reversed.", strict)
        late = [(p, n) for n in order for p in n._prev if at[id(p)] > at[id(n)]]
        if late:
            p, n = late[0]
            return verdict(False, f"topological order of {text}: {n!r} comes before its input "
                           f"{p!r}; append a node only after all of its inputs.", strict)
    return verdict(True, "topological order: every node once, each after its inputs, the "
                   "output last, on all test graphs.", strict)


def mirror(root):
    """A copy of any micrograd-style graph (``data``, ``grad``, ``_prev``, ``_op``,
    ``label``) in ``Value`` nodes with the same values, grads and labels, so
    ``Value.graph()`` and lesson 07's ``graph_layout`` read it.  Iterative, so
    deep graphs do not recurse."""
    copies, stack = {}, [(root, False)]
    while stack:
        node, ready = stack.pop()
        if id(node) in copies:
            continue
        if not ready:
            stack.append((node, True))
            stack.extend((p, False) for p in node._prev if id(p) not in copies)
            continue
        parents = tuple(copies[id(p)] for p in node._prev)
        copy = Value(float(node.data), parents, getattr(node, "_op", ""),
                     label=getattr(node, "label", "") or "")
        copy.grad = float(node.grad)
        if parents:
            copy._backward = lambda: None            # a picture: never differentiated
        copies[id(node)] = copy
    return copies[id(root)]


def median_time(fn, repeats=5):
    """Median wall time of ``fn()`` in seconds over ``repeats`` calls."""
    times = []
    for _ in range(int(repeats)):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return float(np.median(times))
