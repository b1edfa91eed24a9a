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
