"""One assertion for every exercise check: it accepts the solution (strict or
not), and rejects each wrong answer without raising unless strict."""

import numpy as np
import pytest

from nnlib import checks


def verify_check(name, good, wrongs):
    check = getattr(checks, name)
    assert check(good, strict=True)
    for wrong in wrongs:
        with np.errstate(all="ignore"):
            assert not check(wrong), f"{name} accepted a wrong answer"
            with pytest.raises(AssertionError):
                check(wrong, strict=True)


def lesson_mark(name):
    """The pytest mark of the lesson a check belongs to, read from its
    docstring ("Lesson 05: ..."), so ``pytest -m lesson05`` selects it."""
    import re

    found = re.match(r"\s*Lesson (\d\d)\b", getattr(checks, name).__doc__ or "")
    assert found, f"checks.{name}'s docstring must start with 'Lesson NN:'"
    return getattr(pytest.mark, f"lesson{found.group(1)}")


def by_lesson(cases):
    """Parametrize over check names (or tuples starting with one), each case
    marked with its lesson."""
    cases = [c if isinstance(c, tuple) else (c,) for c in cases]
    return [pytest.param(*c, marks=lesson_mark(c[0]), id=c[0]) for c in cases]
