"""One assertion for every exercise check: it accepts the solution (strict or
not), and rejects each wrong answer without raising unless strict."""

import sys

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
    """The pytest mark of the lesson a check belongs to: the LESSON of the
    nnlib.lessons module that defines it, so ``pytest -m lesson05`` selects it."""
    lesson = sys.modules[getattr(checks, name).__module__].LESSON
    return getattr(pytest.mark, f"lesson{lesson:02d}")


def by_lesson(cases):
    """Parametrize over check names (or tuples starting with one), each case
    marked with its lesson."""
    cases = [c if isinstance(c, tuple) else (c,) for c in cases]
    return [pytest.param(*c, marks=lesson_mark(c[0]), id=c[0]) for c in cases]


def assert_rejects(name, answer, words):
    """checks.<name> rejects ``answer`` with a message containing ``words``
    (a string or any of a tuple), and raises only when strict."""
    verdict = getattr(checks, name)(answer)
    words = (words,) if isinstance(words, str) else words
    assert not verdict and any(w in verdict.message for w in words), verdict.message
    with pytest.raises(AssertionError):
        getattr(checks, name)(answer, strict=True)
