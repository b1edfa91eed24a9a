"""The check engine: run a student's function safely, compare it with a
reference, and print a verdict a student can act on.

A check never raises in a student's notebook (``strict=False``): whatever the
answer does (raise, return None, a list, complex numbers, change its inputs in
place, hand over a network of the wrong size), the student reads a sentence
naming the problem.  With ``strict=True`` (the solution notebooks and the
tests) a wrong answer raises ``AssertionError``, so CI proves every solution.

The student's function is always called on fresh copies of the test inputs,
so an answer that modifies its arguments cannot corrupt the data the check
compares against; the check then says that it did.
"""

from __future__ import annotations

import functools
import numbers

import numpy as np


class Verdict:
    """The outcome of a check: ``ok`` (bool) and a ``message`` for the student."""

    def __init__(self, ok, message):
        self.ok, self.message = bool(ok), message

    def __bool__(self):
        return self.ok

    def __repr__(self):
        return ("Correct! " if self.ok else "Not yet: ") + self.message


def verdict(ok, message, strict=False, quiet=False):
    """Print the verdict (unless quiet); with strict=True a wrong answer raises
    AssertionError."""
    v = Verdict(ok, message)
    if not quiet:
        print(("✅ " if ok else "❌ ") + repr(v))
    if strict and not ok:
        raise AssertionError(message)
    return v


def exercise_check(check):
    """Decorator for every check: an unexpected error inside the check (an
    answer of a kind the check did not foresee) becomes a verdict, never a
    traceback, unless strict."""

    @functools.wraps(check)
    def guarded(*args, strict=False, **kwargs):
        try:
            return check(*args, strict=strict, **kwargs)
        except AssertionError:
            raise
        except Exception as err:  # noqa: BLE001 — any error is feedback for the student
            name = check.__name__.replace("_", " ")
            return verdict(False, f"{name}: the check could not use your answer "
                           f"({type(err).__name__}: {err}).", strict)

    return guarded


def fresh(arg):
    """A copy of a test input's data (arrays, lists, tuples, dicts); functions
    and other objects (an activation, a network) are passed as they are."""
    if isinstance(arg, np.ndarray):
        return arg.copy()
    if isinstance(arg, (list, tuple)):
        return type(arg)(fresh(a) for a in arg)
    if isinstance(arg, dict):
        return {k: fresh(v) for k, v in arg.items()}
    return arg


def _same(a, b):
    """True when an input and its fresh copy still hold the same values."""
    if isinstance(a, np.ndarray):
        return (isinstance(b, np.ndarray) and a.shape == b.shape
                and np.array_equal(a, b, equal_nan=a.dtype.kind in "fc"))
    if isinstance(a, (list, tuple)):
        return (type(a) is type(b) and len(a) == len(b)
                and all(_same(x, y) for x, y in zip(a, b)))
    if isinstance(a, dict):
        return a.keys() == b.keys() and all(_same(a[k], b[k]) for k in a)
    if isinstance(a, (numbers.Number, str, bytes, np.generic)):
        return type(a) is type(b) and (a == b or (a != a and b != b))   # NaN equals NaN
    return True           # functions, activations, networks: passed as they are


def call(fn, args, name):
    """Call ``fn`` on fresh copies of ``args``: (result, None) or (None, message).

    The message names what went wrong: an exception, a missing ``return``,
    or an argument changed in place (the copies are compared afterwards)."""
    if not callable(fn):
        return None, f"{name}: expected a function, got {type(fn).__name__} {fn!r:.60}."
    given = fresh(args)
    try:
        result = fn(*given)
    except Exception as err:  # noqa: BLE001 — any error is feedback for the student
        return None, f"{name}: calling it raised {type(err).__name__}: {err}"
    for k, (before, after) in enumerate(zip(args, given)):
        if not _same(before, after):
            return None, (f"{name}: your function changed its argument number {k + 1} in "
                          "place (e.g. with `z[...] = ` or `+=`). Work on a copy, or build a "
                          "new array, so the caller's data stay as they were.")
    if result is None:
        return None, f"{name}: your function returned None. Did you forget `return`?"
    return result, None


def as_real_array(value, name, want):
    """``value`` as a float array shaped like ``want``'s kind: (array, None) or
    (None, message) for a list, complex or non-numeric answer."""
    if isinstance(value, (list, tuple)) and np.ndim(want) > 0:
        return None, (f"{name} is a Python {type(value).__name__}; return a numpy array "
                      "(np.array(...)) so it works with the rest of numpy.")
    if isinstance(value, (bool, np.bool_)) or (np.ndim(want) == 0 and not isinstance(
            value, (numbers.Real, np.ndarray, np.generic))):
        return None, f"{name} must be a number, got {type(value).__name__} {value!r:.60}."
    arr = np.asarray(value)
    if np.iscomplexobj(arr):
        return None, (f"{name} has complex values; the answer is real (did a square root "
                      "of a negative number or a complex literal slip in?).")
    if arr.dtype.kind not in "biuf":
        return None, f"{name} must hold numbers, got values of type {arr.dtype}."
    return arr.astype(float), None


def _short(a):
    if np.ndim(a) == 0:
        return f"{float(a):.6g}"
    return np.array2string(np.asarray(a), precision=4, threshold=6, edgeitems=2)


def _locate(got, want, args, rtol):
    """Where got and want differ most, in words."""
    bad = tuple(int(i) for i in np.unravel_index(
        np.argmax(np.abs(got - want) - rtol * np.abs(want)), want.shape))
    x = np.asarray(args[0]) if args and not callable(args[0]) else np.zeros(0)
    where = (f" at input {_short(x[bad])}" if x.shape == want.shape
             else f" at index {bad}" if want.ndim else "")
    return f"wrong{where}: expected {_short(want[bad])}, got {_short(got[bad])}."


def _mismatch(got, want, name, args, rtol, atol):
    """None if got matches want (arrays), else the message."""
    if got.shape != want.shape:
        return f"{name} has shape {got.shape}, expected {want.shape}."
    if not np.all(np.isfinite(got)) and np.all(np.isfinite(want)):
        return (f"{name} has NaN or inf for input {_short(args[0])} "
                "(an overflow? see the lesson on stability).")
    if not np.allclose(got, want, rtol=rtol, atol=atol):
        return f"{name} is " + _locate(got, want, args, rtol)
    return None


def _outputs(value, want, name, parts):
    """Split a student's answer into real arrays like the reference ``want``
    (one array, or a tuple named by ``parts``): (list, None) or (None, message)."""
    if parts is None:
        arr, error = as_real_array(value, name, want)
        return (None, error) if error else ([arr], None)
    if not isinstance(value, (tuple, list)) or len(value) != len(parts):
        return None, (f"{name}: return {len(parts)} values ({', '.join(parts)}), "
                      f"got {type(value).__name__} {value!r:.60}.")
    arrays = []
    for part, v, w in zip(parts, value, want):
        arr, error = as_real_array(v, part, w)
        if error:
            return None, error
        arrays.append(arr)
    return arrays, None


def compare(fn, reference, inputs, name, hints=(), strict=False, rtol=1e-6, atol=1e-9,
            success="matches the reference on every test input.", quiet=False, parts=None):
    """Check ``fn(*args)`` against ``reference(*args)`` for each args in inputs.

    parts: names of the outputs when the answer is a tuple (e.g. ("w_new",
    "v_new")); each part is compared and reported on its own.
    hints: (wrong_fn, text) pairs; when the answer equals wrong_fn's output
    the text is shown, naming the typical mistake.
    """
    for args in inputs:
        raw_want = reference(*fresh(args))
        wants = ([np.asarray(w, dtype=float) for w in raw_want] if parts
                 else [np.asarray(raw_want, dtype=float)])
        raw, error = call(fn, args, name)
        if error is None:
            gots, error = _outputs(raw, raw_want, name, parts)
        if error:
            return verdict(False, error, strict, quiet)
        for part, got, want in zip(parts or [name], gots, wants):
            problem = _mismatch(got, want, part if parts else name, args, rtol, atol)
            if problem is None:
                continue
            for wrong, text in hints:
                with np.errstate(all="ignore"):
                    w = wrong(*fresh(args))
                ws = [np.asarray(x, dtype=float) for x in w] if parts else [
                    np.asarray(w, dtype=float)]
                if all(a.shape == b.shape and np.allclose(a, b, rtol=rtol, atol=atol)
                       for a, b in zip(gots, ws)):
                    return verdict(False, f"{name}: {text}", strict, quiet)
            return verdict(False, problem, strict, quiet)
    return verdict(True, f"{name} {success}", strict, quiet)
