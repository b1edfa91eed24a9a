"""Lesson 03 (softmax): its computations, its checks and its explorer."""

import matplotlib

matplotlib.use("Agg")

import numpy as np  # noqa: E402
import pytest  # noqa: E402
from badanswers import kind_cases  # noqa: E402
from checkcases import assert_rejects, verify_check  # noqa: E402

import nnlib  # noqa: E402
from nnlib import checks, softmax  # noqa: E402
from nnlib.lessons import l03_softmax as L03  # noqa: E402

pytestmark = pytest.mark.lesson03


def shifted_by(shift):
    def wrong(Z):
        with np.errstate(all="ignore"):
            E = np.exp(Z - shift(Z))
            return E / E.sum(axis=-1, keepdims=True)
    return wrong


SOLUTIONS = {
    "stable_softmax": shifted_by(lambda Z: Z.max(axis=-1, keepdims=True)),
    "softmax_ce_gradient": lambda z, y: softmax(z) - y,
}

WRONG = {
    "stable_softmax": [
        (shifted_by(lambda Z: 0.0), "subtract each row's max"),
        (shifted_by(lambda Z: Z.min(axis=-1, keepdims=True)), "row MIN"),
        (shifted_by(lambda Z: Z.mean(axis=-1, keepdims=True)), "row MEAN"),
        (shifted_by(lambda Z: Z[:, :1]), "FIRST column"),
        (shifted_by(lambda Z: Z.max()), "whole batch"),
        (lambda Z: softmax(Z, axis=0), "axis=0"),
        (lambda Z: np.exp(Z - Z.max(axis=-1, keepdims=True))
         / np.exp(Z - Z.max(axis=-1, keepdims=True)).sum(), "each row on its own"),
        (np.zeros_like, "wrong at"),
    ],
    "softmax_ce_gradient": [
        (lambda z, y: y - softmax(z), "flipped"),
        (lambda z, y: (softmax(z) - y) / len(z), "divided by N"),
        (lambda z, y: softmax(z), "subtract the one-hot"),
        (lambda z, y: z - y, "not the raw logits"),
        (lambda z, y: np.zeros_like(z), "wrong at"),
    ],
}


@pytest.mark.parametrize("name", list(SOLUTIONS))
def test_check_accepts_the_solution_and_rejects_each_wrong_answer(name):
    verify_check(name, SOLUTIONS[name], [wrong for wrong, _ in WRONG[name]])
    for wrong, words in WRONG[name]:
        assert words in getattr(checks, name)(wrong).message, words


@pytest.mark.parametrize("name, kind, answer, words", kind_cases(SOLUTIONS))
def test_check_rejects_answers_of_the_wrong_kind_with_a_friendly_message(name, kind, answer,
                                                                         words):
    assert_rejects(name, answer, words)


def test_every_wrong_shift_really_breaks_on_the_checks_rows():
    """The rows the check uses defeat each wrong shift (nan or a wrong value)."""
    rows = np.array([[1000.0, 0.0, -1000.0], [-1000.0, 0.0, 1000.0]])
    offsets = np.array([[1000.0, 999.0, 998.0], [-1000.0, -1001.0, -999.0]])
    for shift in (lambda Z: Z.min(axis=-1, keepdims=True),
                  lambda Z: Z.mean(axis=-1, keepdims=True), lambda Z: Z[:, :1]):
        assert not np.allclose(shifted_by(shift)(rows), softmax(rows))
    assert not np.allclose(shifted_by(lambda Z: Z.max())(offsets), softmax(offsets))


def test_tempered_softmax():
    z = np.array([2.0, 1.0, 0.1])
    np.testing.assert_allclose(L03.tempered_softmax(z, 0.5), softmax(z / 0.5))
    assert L03.tempered_softmax(z, 100).max() - L03.tempered_softmax(z, 100).min() < 0.02
    assert L03.tempered_softmax(z, 0.01).argmax() == 0
    for bad in (0, -1.0, "1"):
        with pytest.raises(ValueError, match="temperature"):
            L03.tempered_softmax(z, bad)


def test_jacobian_rows_and_columns_sum_to_zero_for_different_reasons():
    z = np.array([0.5, -1.0, 2.0, 0.0])
    rows, cols, asym = L03.jacobian_sums(z)
    assert max(rows, cols, asym) < 1e-15
    J = nnlib.softmax_jacobian(z)
    # rows: shift invariance, J @ 1 is the change of s along (1, ..., 1)
    eps = 1e-6
    along_ones = (softmax(z + eps) - softmax(z - eps)) / (2 * eps)
    np.testing.assert_allclose(J @ np.ones(4), along_ones, atol=1e-9)
    # columns: sum_i s_i = 1 for every z, so its gradient 1^T J is zero
    np.testing.assert_allclose(np.ones(4) @ J,
                               nnlib.numerical_gradient(lambda v: softmax(v).sum(), z.copy()),
                               atol=1e-9)


def test_softmax_explorer_bars_follow_logits_and_temperature():
    from nnlib.colors import CLASS_COLORS
    from nnlib.widgets.explorers import softmax_explorer

    s = softmax_explorer(logits=(1.0, 2.0, 3.0))
    np.testing.assert_allclose([b.get_height() for b in s.bars],
                               softmax(np.array([1.0, 2.0, 3.0])))
    s.controls["z1"].value = 4.0
    np.testing.assert_allclose([b.get_height() for b in s.bars],
                               softmax(np.array([4.0, 2.0, 3.0])))
    assert "class 1" in s.readout.value
    s.controls["T"].value = 10.0
    hot = [b.get_height() for b in s.bars]
    np.testing.assert_allclose(hot, L03.tempered_softmax(np.array([4.0, 2.0, 3.0]), 10.0))
    assert max(hot) - min(hot) < 0.1
    assert [matplotlib.colors.to_hex(b.get_facecolor()) for b in s.bars] == [
        c.lower() for c in CLASS_COLORS[:3]]
