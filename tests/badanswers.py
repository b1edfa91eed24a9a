"""Answers of the wrong kind, built from a check's worked solution: one per class
of issue 10 §4 (None, mutation of an input, a list, complex values, a string).

``bad_answers(good, mutates=True)`` returns {class: (answer, words the verdict
must contain)}; a check must reject each with a message naming the mistake."""

import numpy as np


def _each(result, convert):
    if isinstance(result, tuple):
        return tuple(convert(np.asarray(r)) for r in result)
    return convert(np.asarray(result))


def bad_answers(good, mutates=True):
    def returns_none(*args):
        good(*args)

    def mutating(*args):
        result = good(*(np.copy(a) for a in args))
        args[0][...] = 0.0                      # changes the caller's first argument
        return result

    cases = {
        "none": (returns_none, "returned None"),
        "list": (lambda *a: _each(good(*a), lambda r: r.tolist()), "Python list"),
        "complex": (lambda *a: _each(good(*a), lambda r: r + 0j), "complex"),
        "string": (lambda *a: _each(good(*a), lambda r: "0.5"), "must hold numbers"),
    }
    if mutates:
        cases["mutation"] = (mutating, "changed its argument number 1 in place")
    return cases


def kind_cases(solutions, no_inputs=()):
    """(check name, class, answer, words) for every check and class."""
    return [(name, kind, answer, words) for name, good in solutions.items()
            for kind, (answer, words) in bad_answers(good, name not in no_inputs).items()]
