"""Lesson 05: the loss computations (outlier fits, confidently wrong outputs,
penalties), its explorers, and its checks against the solution, typical
mistakes and wrong kinds of answer."""

import matplotlib

matplotlib.use("Agg")

import numpy as np  # noqa: E402
import pytest  # noqa: E402
from wrongtypes import check_case_tests  # noqa: E402

from nnlib import checks  # noqa: E402
from nnlib.lessons import l05_losses as lesson  # noqa: E402
from nnlib.widgets import fitting  # noqa: E402

pytestmark = pytest.mark.lesson05


def test_line_data_counts_the_outlier_among_its_points():
    x, y = lesson.line_data(n=20)
    assert x.shape == y.shape == (20,)
    y2 = lesson.with_outlier(y, 8.0)
    assert y2[-1] == 8.0 and np.array_equal(y2[:-1], y[:-1]) and y[-1] != 8.0


def test_confidently_wrong_sigmoid_mse_gradient_vanishes_ce_is_p_minus_y():
    z = np.array([-10.0, -6.0, -2.0, 0.0])
    r = lesson.confidently_wrong(z)
    p = 1 / (1 + np.exp(-z))
    np.testing.assert_allclose(r["mse"], 2 * (p - 1) * p * (1 - p), atol=1e-7)
    np.testing.assert_allclose(r["ce"], p - 1, atol=1e-7)
    assert abs(r["mse"][0]) < 1e-3 < abs(r["ce"][0])


def test_softmax_confidently_wrong_ce_gradient_is_p_minus_onehot():
    p, mse, ce = lesson.softmax_confidently_wrong([-4.0, 4.0, 0.0], 0)
    np.testing.assert_allclose(ce, p - [1, 0, 0], atol=1e-7)
    # MSE against the one-hot target: J^T (2 (p - y) / K), J the softmax Jacobian
    J = np.diag(p) - np.outer(p, p)
    np.testing.assert_allclose(mse, J @ (2 * (p - [1, 0, 0]) / 3), atol=1e-7)
    assert np.linalg.norm(mse) < 0.05 * np.linalg.norm(ce)


def test_outlier_pulls_mse_more_than_mae():
    e = fitting.outlier_explorer(outlier=3.0)          # the point lies on the line
    (s_mse, _), (s_mae, _) = e.fits["mse"], e.fits["mae"]
    assert s_mse == pytest.approx(2.0, abs=0.3) and s_mae == pytest.approx(2.0, abs=0.3)
    e.controls["outlier"].value = 12.0
    (s_mse, _), (s_mae, _) = e.fits["mse"], e.fits["mae"]
    assert s_mse > 3.0 and abs(s_mae - 2.0) < 0.4
    x, y = e.mse_line.get_data()
    assert y[1] - y[0] == pytest.approx(s_mse)
    assert s_mse == pytest.approx(np.polyfit(e.x, lesson.with_outlier(e.y, 12.0), 1)[0],
                                  abs=0.05)
    assert f"{len(e.x) - 1} points" in e.readout.value


def test_regularization_explorer_l1_prunes_and_views_update():
    e = fitting.regularization_explorer(epochs=150)
    e.controls["kind"].value = "l1"
    e.controls["strength"].value = 0.0
    free = e.near_zero
    heights = [h for stairs in e.hist for h in stairs.get_data().values]
    assert sum(heights) == e.counts.sum() == sum(layer.W.size for layer in e.net.layers)
    e.controls["strength"].value = 0.03
    assert e.near_zero > free + 50
    assert [h for stairs in e.hist for h in stairs.get_data().values] != heights
    l1_zero = e.near_zero
    e.controls["kind"].value = "l2"
    assert e.near_zero < l1_zero        # L2 shrinks weights but rarely to ~0
    assert all(layer.X is None or len(layer.X) == 200 for layer in e.net.layers)


def good_mse(p, y):
    return 2 * (p - y) / len(p)


def good_l2(W, dW, lr, lam):
    return W - lr * (dW + 2 * lam * W)


CASES = {
    "mse_gradient": (good_mse,
                     [lambda p, y: (p - y) / len(p), lambda p, y: 2 * (y - p) / len(p),
                      lambda p, y: 2 * (p - y), lambda p, y: np.zeros_like(p)]),
    "l2_step": (good_l2,
                [lambda W, dW, lr, lam: W - lr * (dW + lam * W),
                 lambda W, dW, lr, lam: W - lr * dW,
                 lambda W, dW, lr, lam: W + lr * (dW + 2 * lam * W),
                 lambda W, dW, lr, lam: W]),
}


(test_check_accepts_solution_and_rejects_wrong_answers,
 test_check_names_each_wrong_kind_of_answer) = check_case_tests(CASES)


@pytest.mark.parametrize("name, wrong, words", [
    ("mse_gradient", lambda p, y: (p - y) / len(p), "factor 2"),
    ("mse_gradient", lambda p, y: np.sign(p - y) / len(p), "MAE gradient"),
    ("l2_step", lambda W, dW, lr, lam: W - lr * (dW + lam * W), "the 2 is missing")])
def test_hints(name, wrong, words):
    assert words in getattr(checks, name)(wrong).message
