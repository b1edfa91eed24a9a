"""The exercise-check engine: verdicts, hints, strict mode, and never
raising on a student's broken function."""

import numpy as np
import pytest

from nnlib import activations, checks


def test_accepts_the_solution():
    s = activations.sigmoid
    assert checks.sigmoid_derivative(lambda z: s(z) * (1 - s(z)))
    assert checks.sigmoid_derivative(lambda z: s(z) * (1 - s(z)), strict=True)


@pytest.mark.parametrize("wrong, text", [
    (lambda z: np.zeros_like(z), "wrong at input 0: expected 0.25, got 0"),
    (activations.sigmoid, "sigma(z) itself"),
    (lambda z: activations.sigmoid(z) * (1 + activations.sigmoid(z)), "sign inside"),
    (lambda z: np.zeros(3), "shape (3,)"),
    (lambda z: 1 / 0, "ZeroDivisionError"),
    (lambda z: np.full_like(z, np.nan), "NaN or inf"),
])
def test_rejects_typical_mistakes_with_a_helpful_message(wrong, text, capsys):
    verdict = checks.sigmoid_derivative(wrong)
    assert not verdict and text in verdict.message
    assert "❌" in capsys.readouterr().out
    with pytest.raises(AssertionError, match="sigmoid"):
        checks.sigmoid_derivative(wrong, strict=True)


# What a student may hand in besides a wrong value: each gets a verdict that
# names it, never a traceback (strict=False), and AssertionError when strict.
def _mutates(z):
    z *= 0.5
    return activations.sigmoid.derivative(z * 2)


@pytest.mark.parametrize("answer, words", [
    (lambda z: None, "returned None. Did you forget `return`?"),
    (_mutates, "changed its argument number 1 in place"),
    (lambda z: list(activations.sigmoid.derivative(z)), "Python list"),
    (lambda z: activations.sigmoid.derivative(z) + 0j, "complex values"),
    (lambda z: np.array(["a"] * len(z)), "must hold numbers"),
    (3.0, "expected a function, got float"),
])
def test_rejects_answers_of_the_wrong_kind_with_a_message(answer, words, capsys):
    verdict = checks.sigmoid_derivative(answer)
    assert not verdict and words in verdict.message, verdict.message
    with pytest.raises(AssertionError):
        checks.sigmoid_derivative(answer, strict=True)


def test_a_function_that_mutates_its_input_cannot_corrupt_the_check():
    def fixes_then_mutates(z):
        out = activations.sigmoid.derivative(z)
        z[:] = 0.0
        return out

    assert "in place" in checks.sigmoid_derivative(fixes_then_mutates).message
    # the check's own data are untouched: the right answer still passes after it
    assert checks.sigmoid_derivative(lambda z: activations.sigmoid.derivative(z), strict=True)


def test_tuple_answers_are_reported_part_by_part():
    def ref(a):
        return a * 2, a + 1

    v = checks.compare(lambda a: (a * 2, a - 1), ref, [(np.arange(3.0),)], "pair",
                       parts=("double", "next"), quiet=True)
    assert not v and v.message.startswith("next is wrong")
    v = checks.compare(lambda a: a * 2, ref, [(np.arange(3.0),)], "pair",
                       parts=("double", "next"), quiet=True)
    assert not v and "return 2 values (double, next)" in v.message
    assert checks.compare(ref, ref, [(np.arange(3.0),)], "pair", parts=("double", "next"),
                          quiet=True)


def test_an_unforeseen_answer_inside_a_check_is_a_verdict_not_a_traceback():
    from nnlib.lessons import exercise_check

    @exercise_check
    def first_layer_width(net, strict=False):
        return checks.verdict(net.layers[0].n_out == 4, "width", strict)

    verdict = first_layer_width("not a network")
    assert not verdict and "could not use your answer (AttributeError" in verdict.message
    with pytest.raises(AssertionError):
        first_layer_width("not a network", strict=True)
    assert "expected an nnlib.Network" in repr(checks.spirals_challenge("not a network"))


def test_a_true_claim_prints_its_numbers(capsys):
    assert checks.claim(0.012 < 0.37, "Momentum ends at {m:.3f}, plain GD at {g:.2f}",
                        m=0.012, g=0.37)
    assert capsys.readouterr().out == "✔ Momentum ends at 0.012, plain GD at 0.37.\n"


def test_a_false_claim_fails_the_build_and_tells_a_student(monkeypatch, capsys):
    from nnlib.lessons import ClaimError

    monkeypatch.setenv("NNLIB_STRICT_CLAIMS", "1")
    with pytest.raises(ClaimError, match="0.5 is smaller"):
        checks.claim(0.5 < 0.25, "{a} is smaller than {b}", a=0.5, b=0.25)
    monkeypatch.setenv("NNLIB_STRICT_CLAIMS", "0")
    result = checks.claim(0.5 < 0.25, "{a} is smaller than {b}", a=0.5, b=0.25)
    assert not result
    assert "Not true here" in capsys.readouterr().out


def test_a_list_changed_in_place_is_caught():
    def sorts_its_input(values):
        values.sort()
        return float(np.mean(values))

    v = checks.compare(sorts_its_input, lambda v: float(np.mean(v)), [([3.0, 1.0, 2.0],)],
                       "mean", quiet=True)
    assert not v and "changed its argument number 1 in place" in v.message


def test_facade_names_every_lesson_check_once():
    """checks.* is collected from each lesson's __all__: every check is
    reachable under its name, and nothing else of a lesson leaks in."""
    from nnlib import lessons

    lesson_names = [n for m in lessons.lesson_modules() for n in m.__all__]
    assert len(lesson_names) == len(set(lesson_names))
    assert set(checks.__all__) == {"Verdict", "claim", "compare", "verdict", *lesson_names}
    for module in lessons.lesson_modules():
        for name in module.__all__:
            assert getattr(checks, name) is getattr(module, name)
    assert not hasattr(checks, "REFERENCE")      # a lesson's other names stay at home


def test_facade_refuses_a_check_name_used_by_two_lessons(monkeypatch):
    import types

    one = types.ModuleType("nnlib.lessons.l98_a")
    two = types.ModuleType("nnlib.lessons.l99_b")
    for module in (one, two):
        module.__all__ = ["same_name"]
        module.same_name = lambda: None
    monkeypatch.setattr(checks, "lesson_modules", lambda: [one, two])
    with pytest.raises(ImportError, match="same_name.*l98_a.*l99_b"):
        checks._lesson_checks()


def test_a_claim_ending_a_cell_is_shown_once(capsys):
    """claim prints its sentence; as a cell's last value it must not be shown
    again (IPython's display formatter finds nothing to show)."""
    from IPython.core.interactiveshell import InteractiveShell

    shell = InteractiveShell.instance()
    result = checks.claim(True, "one is {n}", n=1)
    assert capsys.readouterr().out.count("one is 1") == 1
    assert shell.display_formatter.format(result) == ({}, {})
    assert shell.display_formatter.format(3) != ({}, {})      # the formatter does show values
