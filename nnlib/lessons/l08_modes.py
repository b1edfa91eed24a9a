"""Lesson 08: forward versus reverse mode, measured; and its exercise checks.

Both modes compute the full Jacobian J (m outputs x n inputs) of a function
written with scalar operations:

* forward mode (``Dual``) pushes one tangent direction from the inputs to
  the outputs per pass: n passes, one column of J each, and nothing is kept
  between operations (the tangent travels with the value);
* reverse mode (``Value``) runs the function once, keeping every
  intermediate node, then one backward pass per output gives a row of J.

"Forward mode" is not "the forward pass": reverse mode needs a forward pass
too (it records the graph during it).  ``measure`` counts passes and scalar
operations, times the run and records the peak memory allocated
(``tracemalloc``); ``chain_memory`` isolates memory on a chain of T steps
with one input and one output, where both modes need exactly one pass.
"""

from __future__ import annotations

import time
import tracemalloc

import numpy as np

from ..autodiff import Dual, Value
from ._engine import compare, exercise_check

LESSON = 8
__all__ = ['dual_multiply', 'passes_needed']


def loss_of_weights(w):
    """f: R^n -> R, one scalar loss of n weights:  L = sum_i tanh(c_i w_i)^2.

    Written as a running sum, so a forward-mode pass needs O(1) live numbers.
    Returns a list with the single output.
    """
    total = 0.0
    for i, wi in enumerate(w):
        total = (wi * (0.5 + i % 3)).tanh() ** 2 + total
    return [total]


def trajectory(t, m):
    """f: R -> R^m, a recurrence h_j = tanh(0.9 h_{j-1} + t), outputs h_1..h_m."""
    h, out = t * 0.0, []
    for _ in range(m):
        h = (h * 0.9 + t).tanh()
        out.append(h)
    return out


def jacobian_forward(f, x, number=Dual):
    """J (m, n) by forward mode: pass i seeds input i with tangent 1.

    Returns (J, passes).  The inputs are created once; between passes only
    their tangents change.
    """
    inputs = [number(v, 0.0) for v in np.asarray(x, dtype=float)]
    columns = []
    for i in range(len(inputs)):
        for j, d in enumerate(inputs):
            d.tangent = 1.0 if i == j else 0.0
        columns.append([out.tangent for out in f(inputs)])
    return np.array(columns).T, len(inputs)


def jacobian_reverse(f, x, number=Value):
    """J (m, n) by reverse mode: one recorded forward run, then one backward
    pass per output (row j = d out_j / d inputs).  Returns (J, passes, edges)
    where edges counts the local-derivative products done going backwards.
    """
    inputs = [number(v) for v in np.asarray(x, dtype=float)]
    outputs = f(inputs)
    rows, edges = [], 0
    for out in outputs:
        nodes = out.graph()[0]
        for v in inputs + nodes:         # backward() accumulates (as in micrograd and
            v.grad = 0.0                 # PyTorch): start every row from zero
        out.backward()
        edges += sum(len(node.parents) for node in nodes)
        rows.append([v.grad for v in inputs])
    return np.array(rows), len(outputs), edges


def _counting(cls):
    """A subclass of Dual/Value that counts the objects created: every
    operation makes exactly one new number, so this counts operations."""
    class Counted(cls):
        __slots__ = ()
        created = 0

        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            type(self).created += 1
    return Counted


def measure(mode, f, x):
    """Run one mode on f at x and report what it cost.

    Returns a dict: passes, ops (scalar operations: numbers created, plus the
    products of the backward passes in reverse mode), seconds, peak_kib
    (peak memory allocated while computing J, from tracemalloc) and J.
    """
    if mode not in ("forward", "reverse"):
        raise ValueError(f"mode must be 'forward' or 'reverse', got {mode!r}")
    # count operations in a separate run so the counter costs no time below
    counted = _counting(Dual if mode == "forward" else Value)
    n_inputs = np.size(x)
    if mode == "forward":
        jacobian_forward(f, x, counted)
        ops = counted.created - n_inputs
    else:
        _, _, edges = jacobian_reverse(f, x, counted)
        ops = counted.created - n_inputs + edges
    start = time.perf_counter()
    if mode == "forward":
        J, passes = jacobian_forward(f, x)
    else:
        J, passes, _ = jacobian_reverse(f, x)
    seconds = time.perf_counter() - start
    tracemalloc.start()
    try:
        jacobian_forward(f, x) if mode == "forward" else jacobian_reverse(f, x)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    return {"mode": mode, "passes": passes, "ops": ops, "seconds": seconds,
            "peak_kib": peak / 1024, "J": J}


def chain(t, T):
    """f: R -> R, a chain of T steps h_j = tanh(0.9 h_(j-1) + t), h_0 = 0;
    returns [h_T], one output.  Each step is 3 scalar operations."""
    h = t * 0.0
    for _ in range(T):
        h = (h * 0.9 + t).tanh()
    return [h]


def _peak_kib(run, repeats=3):
    """Peak memory (KiB) allocated while ``run()`` executes, by tracemalloc: the
    smallest of ``repeats`` runs, since tracemalloc also counts what other
    threads (a notebook kernel's) allocate meanwhile, and a first run may fill
    caches."""
    peaks = []
    for _ in range(repeats):
        tracemalloc.start()
        try:
            run()
            peaks.append(tracemalloc.get_traced_memory()[1] / 1024)
        finally:
            tracemalloc.stop()
    return min(peaks)


def chain_memory(lengths, t=0.3):
    """Peak memory (KiB) of df/dt for ``chain(t, T)`` in each mode, per T.

    forward: one Dual seeded with tangent 1, pushed through the chain;
    reverse: the chain recorded as Value nodes, then one backward pass.
    Returns {"forward": array, "reverse": array, "derivative": (fwd, rev) at the
    largest T} so the two modes can be seen to agree."""
    out = {"forward": [], "reverse": []}
    last = {}

    def forward(T):
        last["forward"] = chain(Dual(t, 1.0), T)[0].tangent

    def reverse(T):
        x = Value(t)
        chain(x, T)[0].backward()
        last["reverse"] = x.grad

    for T in lengths:
        out["forward"].append(_peak_kib(lambda T=T: forward(T)))
        out["reverse"].append(_peak_kib(lambda T=T: reverse(T)))
    return {"forward": np.array(out["forward"]), "reverse": np.array(out["reverse"]),
            "derivative": (last["forward"], last["reverse"])}

@exercise_check
def dual_multiply(fn, strict=False):
    """Lesson 08: fn(a, da, b, db) must return (a b, da b + a db)."""
    cases = [(2.0, 1.0, -3.0, 0.0), (0.5, 0.0, 4.0, 1.0), (1.5, -2.0, 2.5, 3.0)]
    return compare(fn, lambda a, da, b, db: (a * b, da * b + a * db), cases, "dual multiply",
                   parts=("value", "tangent"), hints=[
                       (lambda a, da, b, db: (a * b, da * db),
                        "the tangent of a product is not the product of the tangents: use "
                        "the product rule a'b + ab'."),
                       (lambda a, da, b, db: (a * b, da + db),
                        "adding tangents is the rule for a sum, not a product."),
                       (lambda a, da, b, db: (a * b, da * a + b * db),
                        "each tangent is multiplied by the OTHER factor: a'b + ab'.")],
                   strict=strict)


@exercise_check
def passes_needed(fn, strict=False):
    """Lesson 08: fn(n, m) must return (forward passes, reverse backward passes)
    for the full Jacobian of f: R^n -> R^m, i.e. (n, m)."""
    cases = [(1000, 1), (1, 50), (3, 7), (10, 10)]
    return compare(fn, lambda n, m: (n, m), cases, "passes", parts=("forward passes",
                                                                    "reverse passes"),
                   hints=[(lambda n, m: (m, n),
                           "swapped: forward mode pushes one INPUT direction per pass, reverse "
                           "mode pulls back one OUTPUT per pass."),
                          (lambda n, m: (1, 1),
                           "one pass gives only one column (forward) or one row (reverse) of "
                           "the Jacobian."),
                          (lambda n, m: (n * m, n * m),
                           "one pass gives a whole column (forward) or a whole row (reverse), "
                           "not a single entry.")], strict=strict)
