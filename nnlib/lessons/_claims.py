"""Claims: a lesson's comparative or quantitative sentence, printed with the
numbers that back it and checked every time the cell runs.

    claim(m_loss < gd_loss,
          "Momentum ends at loss {m:.3g}, plain gradient descent at {g:.3g}, "
          "after {n} steps", m=m_loss, g=gd_loss, n=30)

prints ``✔ Momentum ends at loss 0.012, plain gradient descent at 0.37,
after 30 steps`` when it holds.  When it does not:

- in CI and under ``make test`` (``NNLIB_STRICT_CLAIMS=1``) it raises
  ``ClaimError``, so the day a sentence stops being true the build fails;
- in a student's notebook it prints a notice naming the sentence and the
  numbers measured, without a traceback: the student changed a value and the
  lesson's statement does not hold for it.
"""

from __future__ import annotations

import os

#: the environment variable that makes a false claim an error
STRICT_ENV = "NNLIB_STRICT_CLAIMS"


class ClaimError(AssertionError):
    """A lesson's sentence is contradicted by its own measurement."""


class Claim:
    """What ``claim`` found: ``holds`` (bool, also the truth value) and ``text``."""

    def __init__(self, holds, text):
        self.holds, self.text = holds, text

    def __bool__(self):
        return self.holds

    def __repr__(self):
        return ("✔ " if self.holds else "⚠ does not hold: ") + self.text

    def _ipython_display_(self):
        """Show nothing: ``claim`` has printed the sentence already, so a cell
        ending in ``checks.claim(...)`` must not print it a second time."""


def strict_claims():
    """True when a false claim must raise (CI, ``make test``)."""
    return os.environ.get(STRICT_ENV, "").strip().lower() in ("1", "true", "yes")


def claim(holds, text, strict=None, **numbers):
    """Print ``text.format(**numbers)`` as a measured statement and check it.

    holds: the condition the sentence states, computed from the same numbers.
    strict: raise ClaimError when it is False; None reads NNLIB_STRICT_CLAIMS.
    Returns a Claim (truthy when the statement holds)."""
    if not isinstance(holds, (bool, int)) and not hasattr(holds, "__bool__"):
        raise TypeError(f"claim expects a condition (bool), got {type(holds).__name__}")
    sentence = text.format(**numbers)
    result = Claim(bool(holds), sentence)
    if result.holds:
        print(f"✔ {sentence}.")
        return result
    if strict_claims() if strict is None else strict:
        raise ClaimError(f"the lesson says: {sentence!r}, and its measurement contradicts it")
    print(f"⚠ Not true here: “{sentence}”. This statement of the lesson does not hold for "
          "the values used in this run (did you change a setting above?).")
    return result
