"""Lesson 07: the chain rule, step by step on any expression; and the exercise checks.

``build_graph("(x*y + 3)**2 + 1", {"x": 2, "y": -1})`` parses the text safely
(Python's ``ast`` with a whitelist: numbers, the variables, + - * / **,
unary minus and the methods of ``Value``; nothing is ever ``eval``-ed),
evaluates it with ``autodiff.Value`` and returns the output node.  The steps
are then read from ``Value.graph()`` (nodes in topological order, edges):

* ``forward_steps(out, seed)``: forward mode, from the inputs to the output.
  Every node's tangent  t(n) = sum over parents p of  dn/dp * t(p),  seeded
  with t(seed) = 1, so t(n) = dn/d(seed); one sweep per input.
* ``reverse_steps(out)``: reverse mode, from the output (grad 1) to the
  inputs.  A node's gradient  df/dn = sum over children c of  df/dc * dc/dn:
  a variable used twice collects one contribution per use.  One sweep
  reaches every input.
"""

from __future__ import annotations

import ast
import operator

import numpy as np

from ..autodiff import Value
from ._engine import compare, exercise_check

LESSON = 7
__all__ = ['local_dh_dk', 'df_dy']

#: the methods of Value an expression may call, e.g. (x*y).tanh()
METHODS = ("tanh", "exp", "log", "relu", "sigmoid")
_BINARY = {ast.Add: operator.add, ast.Sub: operator.sub, ast.Mult: operator.mul,
           ast.Div: operator.truediv, ast.Pow: operator.pow}
MAX_LENGTH = 200


def _number(node):
    ok = (isinstance(node, ast.Constant) and isinstance(node.value, (int, float))
          and not isinstance(node.value, bool))
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, (ast.USub, ast.UAdd)):
        return _number(node.operand)
    return ok


def _evaluate(node, variables):
    """Walk a whitelisted ast; anything else is a ValueError naming it."""
    if isinstance(node, ast.Constant) and _number(node):
        return float(node.value)              # floats: 9.0**99999 overflows, no huge ints
    if isinstance(node, ast.Name):
        if node.id not in variables:
            raise ValueError(f"unknown name {node.id!r}; use the variables "
                             f"{', '.join(variables)}")
        return variables[node.id]
    if isinstance(node, ast.BinOp) and type(node.op) in _BINARY:
        if isinstance(node.op, ast.Pow) and not _number(node.right):
            raise ValueError("the exponent of ** must be a plain number, e.g. k**2")
        left, right = _evaluate(node.left, variables), _evaluate(node.right, variables)
        if isinstance(node.op, ast.Div) and not isinstance(right, Value) and right == 0:
            raise ValueError("division by the number 0")
        return _BINARY[type(node.op)](left, right)
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, (ast.USub, ast.UAdd)):
        value = _evaluate(node.operand, variables)
        return -value if isinstance(node.op, ast.USub) else value
    if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
            and node.func.attr in METHODS and not node.args and not node.keywords):
        value = _evaluate(node.func.value, variables)
        value = value if isinstance(value, Value) else Value(value)
        try:
            return getattr(value, node.func.attr)()
        except ValueError as err:                  # math.log(-1): "math domain error"
            raise ValueError(f".{node.func.attr}() of {value.data:g}: {err}") from None
    raise ValueError(f"not allowed in an expression: {ast.unparse(node)!r} (use numbers, "
                     f"the variables, + - * / **, and .{'(), .'.join(METHODS)}())")


def build_graph(text, values, names=()):
    """Parse ``text`` and evaluate it with one labelled ``Value`` per variable.

    values: {"x": 2.0, ...}; names: labels for the intermediate nodes in
    topological order (e.g. "mkhg"), others are called v1, v2, ...
    Returns (out, inputs) with inputs {name: Value}. Raises ValueError for a
    text that is not a whitelisted expression or whose value is not finite."""
    if not isinstance(text, str) or not text.strip():
        raise ValueError(f"expected an expression such as 'x*y + x', got {text!r}")
    if len(text) > MAX_LENGTH:
        raise ValueError(f"the expression is longer than {MAX_LENGTH} characters")
    try:
        tree = ast.parse(text.strip(), mode="eval")
    except SyntaxError as err:
        raise ValueError(f"cannot read {text!r}: {err.msg}") from None
    inputs = {k: Value(float(v), label=k) for k, v in values.items()}
    try:
        out = _evaluate(tree.body, inputs)
    except (ArithmeticError, TypeError) as err:   # e.g. log of a negative number
        raise ValueError(f"cannot evaluate {text!r} here: {err}") from None
    if not isinstance(out, Value):
        raise ValueError(f"{text!r} does not use any of the variables {', '.join(values)}")
    nodes, _ = out.graph()
    if not all(np.isfinite(n.data) for n in nodes):
        raise ValueError(f"{text!r} is not finite at {values}")
    given = iter(names)
    for i, node in enumerate(n for n in nodes if n.parents):
        node.label = next(given, f"v{i + 1}")
    for node in nodes:
        if not node.parents and not node.label:
            node.label = f"{node.data:g}"          # a constant
    return out, inputs


def _locals(node):
    """d(node)/d(parent) for each parent, as recorded by Value when it ran the
    operation (the graph carries them; nothing is re-derived here)."""
    return node.local


def _index(nodes):
    return {id(n): i for i, n in enumerate(nodes)}


def forward_steps(out, seed):
    """Forward mode through out's graph: one step per operation node, inputs
    first.  seed: the input Value whose derivative is carried (one the
    expression does not use gives tangent 0 everywhere).

    Each step: node (index in graph order), value, terms [(parent index,
    local, local * t(parent))], derivative t(node) = d node / d seed."""
    nodes, _ = out.graph()
    at = _index(nodes)
    if not isinstance(seed, Value):
        raise TypeError(f"seed must be an input Value of the expression, got {seed!r:.60}")
    tangent = [0.0] * len(nodes)
    if id(seed) in at:                  # an input the expression does not use: all 0
        tangent[at[id(seed)]] = 1.0
    steps = []
    for i, node in enumerate(nodes):
        if not node.parents:
            continue
        terms = [(at[id(p)], d, d * tangent[at[id(p)]]) for p, d in
                 zip(node.parents, _locals(node))]
        tangent[i] = sum(t for _, _, t in terms)
        steps.append({"node": i, "value": node.data, "terms": terms,
                      "derivative": tangent[i],
                      "meaning": f"∂{node.label}/∂{seed.label}"})
    return steps


def reverse_steps(out, inputs=None):
    """Reverse mode through out's graph: one step per node, output first
    (constants skipped when ``inputs``, {name: Value}, names the variables).

    Each step: node (index), value, terms [(child index, local dc/dn,
    df/dc * dc/dn)] (one per use of the node), derivative df/dn."""
    nodes, _ = out.graph()
    at = _index(nodes)
    grad = [0.0] * len(nodes)
    grad[-1] = 1.0
    uses = [[] for _ in nodes]
    for c, node in enumerate(nodes):
        for p, d in zip(node.parents, _locals(node)):
            uses[at[id(p)]].append((c, d))
    variables = {id(v) for v in (inputs or {}).values()}
    steps = []
    for i in range(len(nodes) - 1, -1, -1):
        if inputs is not None and not nodes[i].parents and id(nodes[i]) not in variables:
            continue
        terms = [(c, d, grad[c] * d) for c, d in uses[i]]
        if terms:
            grad[i] = sum(t for _, _, t in terms)
        steps.append({"node": i, "value": nodes[i].data, "terms": terms,
                      "derivative": grad[i], "meaning": f"∂{out.label}/∂{nodes[i].label}"})
    return steps


def graph_layout(nodes, variables=()):
    """Positions {index: (column, row)} of a graph in topological order:
    column = longest path from an input; a constant (a leaf whose label is not
    in ``variables``) sits just left of its user; nodes of one column are
    spread around row 0."""
    at = _index(nodes)
    column = [0] * len(nodes)
    for i, node in enumerate(nodes):
        if node.parents:
            column[i] = 1 + max(column[at[id(p)]] for p in node.parents)
    for i, node in enumerate(nodes):
        for p in node.parents:
            j = at[id(p)]
            if not nodes[j].parents and nodes[j].label not in variables:
                column[j] = max(column[j], column[i] - 1)
    spots = {}
    for i, c in enumerate(column):
        spots.setdefault(c, []).append(i)
    return {i: (1.8 * c, 1.6 * (len(members) - 1) / 2 - 1.6 * k)
            for c, members in spots.items() for k, i in enumerate(members)}


_XY = [(np.array([2.0, -1.0, 0.5, 3.0, -2.5]), np.array([-1.0, 2.0, 0.0, 1.5, -0.5]))]


@exercise_check
def local_dh_dk(fn, strict=False):
    """Lesson 07: fn(k) must return dh/dk for h = k^2, i.e. 2k."""
    k = np.linspace(-4, 4, 17)
    return compare(fn, lambda k: 2 * k, [(k,)], "∂h/∂k",
                   hints=[(lambda k: k ** 2, "that is h itself; differentiate k² with "
                           "respect to k."),
                          (lambda k: k, "the power rule brings down the exponent: d(k²)/dk = 2k."),
                          (lambda k: np.full_like(k, 2.0), "the derivative of k² still "
                           "depends on k.")], strict=strict)


@exercise_check
def df_dy(fn, strict=False):
    """Lesson 07: fn(x, y) must return df/dy = 2x^2 y + 6x for f = (xy + 3)^2 + 1."""
    return compare(fn, lambda x, y: 2 * x ** 2 * y + 6 * x, _XY, "∂f/∂y",
                   hints=[(lambda x, y: 2 * x * y ** 2 + 6 * y, "that is ∂f/∂x; for ∂f/∂y the "
                           "last local derivative is ∂m/∂y = x."),
                          (lambda x, y: (x * y + 3) * x, "you dropped the 2 of ∂h/∂k = 2k."),
                          (lambda x, y: 2 * (x * y + 3), "multiply by the last link, "
                           "∂m/∂y = x."),
                          (lambda x, y: 2 * x ** 2 * y + 6 * x + 1, "the +1 of g = h + 1 is a "
                           "constant: its derivative is 0, ∂g/∂h = 1.")], strict=strict)
