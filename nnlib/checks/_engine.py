"""The check engine: compare a student's function with a reference and
print a verdict a student can act on (shape, first wrong value, a hint)."""

from __future__ import annotations

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


def _call(fn, args):
    """(result, None) or (None, error text) — a student's function may raise."""
    try:
        return np.asarray(fn(*args), dtype=float), None
    except Exception as err:  # noqa: BLE001 — any error is feedback for the student
        return None, f"calling it raised {type(err).__name__}: {err}"


def _short(a):
    if np.ndim(a) == 0:
        return f"{float(a):.6g}"
    return np.array2string(np.asarray(a), precision=4, threshold=6, edgeitems=2)


def compare(fn, reference, inputs, name, hints=(), strict=False, rtol=1e-6, atol=1e-9,
            success="matches the reference on every test input.", quiet=False):
    """Check ``fn(*args)`` against ``reference(*args)`` for each args in inputs.

    hints: (wrong_fn, text) pairs; when the answer equals wrong_fn's output
    the text is shown, naming the typical mistake.
    """
    for args in inputs:
        want = np.asarray(reference(*args), dtype=float)
        got, error = _call(fn, args)
        if error:
            return verdict(False, f"{name}: {error}", strict, quiet)
        if got.shape != want.shape:
            return verdict(False, f"{name} returned shape {got.shape}, expected {want.shape}.",
                           strict, quiet)
        if not np.all(np.isfinite(got)) and np.all(np.isfinite(want)):
            return verdict(False, f"{name} returned NaN or inf for input {_short(args[0])} "
                           "(an overflow? see the lesson on stability).", strict, quiet)
        if not np.allclose(got, want, rtol=rtol, atol=atol):
            for wrong, text in hints:
                with np.errstate(all="ignore"):
                    w = np.asarray(wrong(*args), dtype=float)
                if w.shape == got.shape and np.allclose(got, w, rtol=rtol, atol=atol):
                    return verdict(False, f"{name}: {text}", strict, quiet)
            bad = tuple(int(i) for i in np.unravel_index(
                np.argmax(np.abs(got - want) - rtol * np.abs(want)), want.shape))
            x = np.asarray(args[0])
            where = (f" at input {_short(x[bad])}" if x.shape == want.shape
                     else f" at index {bad}" if want.ndim else "")
            return verdict(False, f"{name} is wrong{where}: expected {_short(want[bad])}, "
                           f"got {_short(got[bad])}.", strict, quiet)
    return verdict(True, f"{name} {success}", strict, quiet)
