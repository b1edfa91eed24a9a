"""Forward versus reverse mode, measured (lesson 08).

Both modes compute the full Jacobian J (m outputs x n inputs) of a function
written with scalar operations:

* forward mode (``Dual``) pushes one tangent direction from the inputs to
  the outputs per pass: n passes, one column of J each, and nothing is kept
  between operations;
* reverse mode (``Value``) runs the function once, keeping every
  intermediate node, then one backward pass per output gives a row of J.

``measure`` counts passes and scalar operations, times the run and records
the peak memory allocated (``tracemalloc``) while the Jacobian is computed.
"""

from __future__ import annotations

import time
import tracemalloc

import numpy as np

from .autodiff import Dual, Value

__all__ = ["loss_of_weights", "trajectory", "jacobian_forward", "jacobian_reverse",
           "measure"]


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
        for v in inputs:
            v.grad = 0.0                 # an input outside this output's graph stays 0
        out.backward()
        edges += sum(len(node.parents) for node in out.graph()[0])
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
