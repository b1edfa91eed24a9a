"""The classes of wrong *kinds* of answer every exercise check must reject
with a message naming the mistake (issue 10 §4): None, changing an input in
place, a Python list, complex values, and something that is not a number.

``wrong_kinds(good, mutate)`` builds one answer per class from the worked
solution ``good``; ``mutate(args)`` changes the first input in place the way
a student's ``+=`` would."""

import numpy as np


def _each(value, f):
    return tuple(f(v) for v in value) if isinstance(value, tuple) else f(value)


def _as_list(v):
    return np.asarray(v).tolist() if np.ndim(v) else [v]


def wrong_kinds(good, mutate):
    """{class: (wrong_fn, words the verdict must contain)}."""
    def mutating(*args):
        answer = good(*[a.copy() if hasattr(a, "copy") else a for a in args])
        mutate(args)
        return answer

    return {
        "none": (lambda *a: None, "returned None"),
        "mutation": (mutating, "in place"),
        "list": (lambda *a: _each(good(*a), _as_list), ("Python list", "must be a number")),
        "complex": (lambda *a: _each(good(*a), lambda v: np.asarray(v) + 0j), "complex"),
        "wrong type": (lambda *a: "42", ("must hold numbers", "must be a number",
                                        "return 2 values")),
    }


def bump(args):
    """Change the first argument in place (arrays: +=, lists: append)."""
    first = args[0]
    if isinstance(first, list):
        first.append(1)
    else:
        first += 1.0


#: the classes of wrong kinds every check is tested with
KIND_NAMES = ("none", "mutation", "list", "complex", "wrong type")


def assert_names_wrong_kind(name, good, kind, mutate=None):
    """checks.<name> rejects the ``kind`` answer built from ``good`` with a
    message naming it, and raises only when strict."""
    from checkcases import assert_rejects

    wrong, words = wrong_kinds(good, mutate or bump)[kind]
    assert_rejects(name, wrong, words)


def check_case_tests(cases):
    """The two tests every lesson runs on its ``cases`` ({check name: (good,
    [wrong answers])}): each check accepts its solution and rejects the
    wrong answers, and names each wrong kind of answer.  A test module
    binds them: ``test_accepts, test_kinds = check_case_tests(CASES)``."""
    import pytest
    from checkcases import verify_check

    @pytest.mark.parametrize("name", cases)
    def test_check_accepts_solution_and_rejects_wrong_answers(name):
        verify_check(name, *cases[name])

    @pytest.mark.parametrize("name, kind", [(n, k) for n in cases for k in KIND_NAMES])
    def test_check_names_each_wrong_kind_of_answer(name, kind):
        assert_names_wrong_kind(name, cases[name][0], kind)

    return (test_check_accepts_solution_and_rejects_wrong_answers,
            test_check_names_each_wrong_kind_of_answer)
