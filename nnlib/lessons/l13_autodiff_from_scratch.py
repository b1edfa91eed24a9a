"""Lesson 13: autodiff from scratch. The checks of the student's own scalar
class (micrograd's form: ``Scalar(data, _children=(), _op="", label="")`` with
``.data``, ``.grad``, ``._prev`` and a ``._backward`` closure per node).

Each rule is checked the way ``backward()`` will use it: the inputs already
hold a gradient g0 (a node used elsewhere), the output holds g, and one call of
``out._backward()`` must leave  grad = g0 + local * g  on every input, with the
local derivative from ``nnlib.autodiff.Value`` on the same numbers (which the
tests hold against finite differences).  The classic mistakes are recognised
from the numbers and named: ``=`` instead of ``+=``, the local derivative
left out (``out.grad`` passed on unchanged), ``out.grad`` left out, the
inputs swapped, nodes walked in the wrong order, the output not seeded with 1.

The topological-order check, ``mirror(root)`` (a copy of any such graph in
``Value`` nodes, for drawing) and ``median_time`` live in ``l13_graph`` and
are importable from here.
"""

from __future__ import annotations

import numpy as np

from ..autodiff import Value
from ..gradcheck import numerical_gradient
from ._engine import exercise_check, verdict
from .l13_graph import median_time, mirror, scalar_topo  # noqa: F401 (re-exported)

LESSON = 13
__all__ = ["scalar_add", "scalar_mul", "scalar_tanh", "scalar_pow", "scalar_topo",
           "scalar_backward"]

G0, G = 0.25, 1.5            # a gradient the inputs already hold; the output's gradient


def _class_problem(cls):
    if cls is None:
        return "expected your class (e.g. checks.scalar_add(Scalar)), got None."
    if not isinstance(cls, type):
        return (f"expected the class itself (Scalar, not Scalar(2.0) or a function), got "
                f"{type(cls).__name__} {cls!r:.60}.")
    return None


def _one_rule(cls, op, data):
    """Leaves with grad G0, out = op(*leaves), out.grad = G, out._backward():
    (out.data, [leaf grads]) for the class ``cls``."""
    leaves = [cls(v) for v in data]
    for leaf in leaves:
        leaf.grad = G0
    out = op(*leaves)
    if not hasattr(out, "_backward") or not hasattr(out, "data"):
        raise TypeError(f"the operation returned {type(out).__name__} {out!r:.60}, "
                        "not a node of your class")
    out.grad = G
    out._backward()
    return float(out.data), [float(leaf.grad) for leaf in leaves], out, leaves


def _rule_check(cls, name, text, op, data, twice, extra, strict, quiet=False):
    """Check one backward rule on ``op`` (single use) and ``twice`` (a node used twice).

    extra: (local_fn(*data) -> locals, hint) for mistakes of this operation."""
    problem = _class_problem(cls)
    if problem:
        return verdict(False, f"{name}: {problem}", strict, quiet)
    try:
        got_data, got, out, leaves = _one_rule(cls, op, data)
    except Exception as err:  # noqa: BLE001 — the student's code raised: tell them
        return verdict(False, f"{name}: {text} raised {type(err).__name__}: {err}", strict, quiet)
    want_data, want, _, _ = _one_rule(Value, op, data)
    local = [(w - G0) / G for w in want]
    if not np.isclose(got_data, want_data):
        return verdict(False, f"{name}: {text} has value {got_data:.6g}, expected "
                       f"{want_data:.6g} (the forward part).", strict, quiet)
    if any(not any(p is leaf for p in getattr(out, "_prev", ())) for leaf in leaves):
        return verdict(False, f"{name}: out._prev must hold the inputs of {text}.", strict, quiet)
    if not np.allclose(got, want):
        def like(values):
            return np.allclose(got, values)
        hints = [([G0] * len(got), "_backward left the inputs' grads as they were (is it "
                  "still the stub?); add local derivative × out.grad to each input."),
                 ([G * d for d in local], "the inputs lost the gradient they already held: "
                  "use `+=`, not `=`. A node used twice gets one contribution per use."),
                 ([G0 + G] * len(got), "you passed out.grad on unchanged: multiply it by the "
                  "local derivative of this operation."),
                 ([G0 + d for d in local], "multiply the local derivative by out.grad (the "
                  "chain rule), it is not 1 in general."),
                 (([G0 + G * local[1], G0 + G * local[0]]) if len(got) == 2 else None,
                  "the local derivatives are swapped: ∂(a·b)/∂a = b, so a gets b.data × "
                  "out.grad.")]
        hints += [([G0 + G * d for d in fn(*data)], hint) for fn, hint in extra]
        for values, hint in hints:
            if values is not None and like(values):
                return verdict(False, f"{name}: {hint}", strict, quiet)
        return verdict(False, f"{name}: after out._backward() the inputs of {text} hold grads "
                       f"{np.round(got, 6).tolist()}, expected {np.round(want, 6).tolist()} "
                       f"(they held {G0} before, out.grad = {G}).", strict, quiet)
    _, node_twice, _, _ = _one_rule(cls, twice[0], twice[1])
    _, ref_twice, _, _ = _one_rule(Value, twice[0], twice[1])
    if not np.allclose(node_twice, ref_twice):
        return verdict(False, f"{name}: in {twice[2]} the node is used twice and must collect "
                       f"both contributions: expected grad {ref_twice[0]:.6g}, got "
                       f"{node_twice[0]:.6g}. Use `+=` in each line.", strict, quiet)
    return verdict(True, f"{name}: the backward rule of {text} matches nnlib's Value, also for "
                   f"{twice[2]}.", strict, quiet)


@exercise_check
def scalar_add(cls, strict=False, quiet=False):
    """Lesson 13: a + b passes  out.grad  to both inputs (local derivative 1)."""
    return _rule_check(cls, "a + b", "a + b", lambda a, b: a + b, (2.0, -3.0),
                       (lambda a: a + a, (1.5,), "a + a"), [], strict, quiet)


@exercise_check
def scalar_mul(cls, strict=False, quiet=False):
    """Lesson 13: a * b gives a  b·out.grad  and b  a·out.grad."""
    return _rule_check(cls, "a * b", "a * b", lambda a, b: a * b, (2.0, -3.0),
                       (lambda a: a * a, (1.5,), "a * a"),
                       [(lambda a, b: (a, b), "∂(a·b)/∂a is b (the other input), not a.")],
                       strict, quiet)


@exercise_check
def scalar_tanh(cls, strict=False, quiet=False):
    """Lesson 13: t = tanh(a) gives a  (1 - t²)·out.grad."""
    t = np.tanh(0.8)
    return _rule_check(cls, "tanh", "a.tanh()", lambda a: a.tanh(), (0.8,),
                       (lambda a: a.tanh() * a, (0.6,), "a.tanh() * a"),
                       [(lambda a: (1 - a * a,), "use 1 - t² with t = tanh(a), the output, "
                         "not 1 - a²."),
                        (lambda a: (t,), "the derivative of tanh is 1 - t², not t."),
                        (lambda a: (1 - t,), "the derivative of tanh is 1 - t² (t squared).")],
                       strict, quiet)


@exercise_check
def scalar_pow(cls, strict=False, quiet=False):
    """Lesson 13: a ** n (n a number) gives a  n·a^(n-1)·out.grad."""
    return _rule_check(cls, "a ** n", "a ** 3", lambda a: a ** 3, (1.5,),
                       (lambda a: a ** 2 * a, (1.5,), "a ** 2 * a"),
                       [(lambda a: (3 * a ** 3,), "the power rule lowers the exponent: "
                         "n·a^(n-1), not n·a^n."),
                        (lambda a: (a ** 2,), "bring the exponent down: n·a^(n-1).")],
                       strict, quiet)


#: (text, function of the leaves, leaf values) on which backward() is checked
EXPRESSIONS = [
    ("x*y + x", lambda x, y: x * y + x, (3.0, 2.0)),
    ("(x*y + 3)**2 + 1", lambda x, y: (x * y + 3) ** 2 + 1, (2.0, -1.0)),
    ("((x*w + b).tanh() - y)**2", lambda x, w, b, y: ((x * w + b).tanh() - y) ** 2,
     (0.5, -1.2, 0.3, 0.4)),
]


def _forward_walk(expression, data):
    """The leaf grads when the nodes are walked inputs-first (the wrong order)."""
    leaves = [Value(v) for v in data]
    out = expression(*leaves)
    nodes = out.graph()[0]
    out.grad = 1.0
    for node in nodes:
        node._backward()
    return [leaf.grad for leaf in leaves]


@exercise_check
def scalar_backward(cls, strict=False):
    """Lesson 13: out.backward() fills every leaf's grad with d out / d leaf,
    checked against nnlib's Value and finite differences on EXPRESSIONS."""
    problem = _class_problem(cls)
    if problem:
        return verdict(False, f"backward: {problem}", strict)
    steps = [("step 1 (+)", scalar_add), ("step 2 (*)", scalar_mul),
             ("step 3 (tanh)", scalar_tanh), ("step 4 (**)", scalar_pow)]
    for step, check in steps:
        found = check(cls, quiet=True)
        if not found:
            return verdict(False, f"backward: finish {step} first: {found.message}", strict)
    worst = 0.0
    for text, expression, data in EXPRESSIONS:
        leaves = [cls(v) for v in data]
        out = expression(*leaves)
        try:
            out.backward()
        except Exception as err:  # noqa: BLE001 — the student's code raised: tell them
            return verdict(False, f"backward of {text} raised {type(err).__name__}: {err}",
                           strict)
        got = np.array([float(leaf.grad) for leaf in leaves])
        refs = [Value(v) for v in data]
        expression(*refs).backward()
        want = np.array([r.grad for r in refs])
        numeric = numerical_gradient(lambda v, e=expression: e(*[Value(float(a)) for a in v]).data,
                                     np.array(data, dtype=float))
        worst = max(worst, float(np.max(np.abs(want - numeric))))
        if np.allclose(got, want):
            continue
        if np.allclose(got, 0) and float(out.grad) == 0:
            return verdict(False, f"backward of {text}: every grad is 0, the output's too. Seed "
                           "it first: self.grad = 1.0 (d out / d out = 1), then walk the graph "
                           "(or is backward still the stub?).", strict)
        if np.allclose(got, _forward_walk(expression, data)):
            return verdict(False, f"backward of {text}: the nodes were visited in the wrong "
                           "order, inputs first. Walk reversed(topological_order(self)), so a "
                           "node's grad is complete before its _backward passes it on.", strict)
        return verdict(False, f"backward of {text}: the leaves' grads are "
                       f"{np.round(got, 6).tolist()}, expected {np.round(want, 6).tolist()} "
                       "(nnlib's Value). Does each node's _backward run exactly once, output "
                       "first?", strict)
    return verdict(True, f"backward: on {len(EXPRESSIONS)} expressions every gradient matches "
                   f"nnlib's Value, which finite differences confirm (largest gap "
                   f"{worst:.1e}).", strict)
