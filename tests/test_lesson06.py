"""Lesson 06: the valley, gradient descent and momentum (paths, regimes,
where momentum helps and where it hurts), the explorer, regression paths
trained by fit, and the checks against the solution, typical mistakes
(including the EMA and CS231n forms of momentum) and wrong kinds of answer."""

import matplotlib

matplotlib.use("Agg")

import numpy as np  # noqa: E402
import pytest  # noqa: E402
from wrongtypes import check_case_tests  # noqa: E402

import nnlib  # noqa: E402
from nnlib import checks  # noqa: E402
from nnlib.lessons import l06_descent as lesson  # noqa: E402
from nnlib.widgets import descent  # noqa: E402

pytestmark = pytest.mark.lesson06


def test_descent_run_follows_the_heavy_ball_rule_of_nnlib_momentum():
    path, losses = lesson.descent_run(0.02, beta=0.8, steps=5)
    w, v = np.array(lesson.START), np.zeros(2)
    for k in range(1, 6):
        v = 0.8 * v + np.array(lesson.VALLEY) * w
        w = w - 0.02 * v
        np.testing.assert_allclose(path[k], w)
    np.testing.assert_allclose(losses, 0.5 * (path ** 2 @ np.array(lesson.VALLEY)))
    # the same steps through nnlib's own optimizer on a parameter-only "network"
    class Net:
        def __init__(self):
            self.w = np.array(lesson.START, dtype=float)

        def parameters(self):
            return [self.w]

        def gradients(self):
            return [np.array(lesson.VALLEY) * self.w]

    net, opt = Net(), nnlib.Momentum(lr=0.02, beta=0.8)
    for _ in range(5):
        opt.step(net)
    np.testing.assert_allclose(net.w, path[-1])


def test_a_diverging_run_stops_and_says_so():
    path, _ = lesson.descent_run(0.1, beta=0.0, steps=200)   # 0.1 > 2 / 25
    assert len(path) < 201 and np.abs(path[-1]).max() > lesson.BLOW_UP
    assert lesson.valley_report(0.1, 0.0)["gd"]["diverged"]


@pytest.mark.parametrize("lr, beta, c, name", [
    (0.01, 0.9, 25, "under-damped"), (0.01, 0.0, 25, "over-damped"),
    (0.05, 0.0, 25, "zigzag"), (0.1, 0.0, 25, "divergent"), (0.16, 0.9, 25, "divergent"),
    (0.01, 0.25, 25, "critically damped"), (0.01, 0.5, 1, "over-damped")])
def test_regimes_from_the_eigenvalues(lr, beta, c, name):
    got, rho = lesson.regime(lr, beta, c)
    assert got == name
    # rho predicts the measured decay along that direction
    curv = (c, c)
    _, losses = lesson.descent_run(lr, beta, steps=400, curv=curv, start=(1.0, 0.0))
    if name != "divergent":
        measured = (losses[-1] / losses[200]) ** (1 / 400)      # loss ~ rho^(2k)
        assert measured <= rho + 0.02


def test_momentum_helps_at_small_lr_and_hurts_near_the_best_gd_rate():
    helps = lesson.valley_report(0.01, 0.9)
    assert helps["momentum_ahead"]
    assert helps["momentum"]["final"] < 0.1 * helps["gd"]["final"]
    hurts = lesson.valley_report(0.07, 0.9)
    assert not hurts["momentum_ahead"]
    overshoots = lesson.valley_report(0.01, 0.99)
    assert overshoots["momentum"]["final"] > overshoots["gd"]["final"]
    assert lesson.condition_number() == pytest.approx(25)


def test_explorer_draws_what_the_lesson_computes_and_names_the_regimes():
    e = descent.descent_explorer()
    assert "momentum ends lower" in e.readout.value
    e.controls["lr"].value = 0.07
    assert "does not help" in e.readout.value
    e.controls["beta"].value = 0.0                 # momentum with beta 0 is plain GD
    np.testing.assert_allclose(e.lines["momentum"].get_xydata(), e.lines["gd"].get_xydata())
    e.controls["beta"].value = 0.5
    report = lesson.valley_report(e.controls["lr"].value, 0.5)
    np.testing.assert_allclose(e.lines["momentum"].get_xydata(), report["momentum"]["path"])
    np.testing.assert_allclose(e.curves["gd"].get_ydata(), report["gd"]["loss"])
    name, _ = report["momentum"]["regimes"][1]
    assert name in e.readout.value and "κ = 25" in e.readout.value


def test_regression_paths_come_from_fit_at_one_learning_rate():
    paths = lesson.regression_paths(epochs=40)
    assert set(paths) == {"full batch", "mini-batch", "momentum"}
    assert len(paths["mini-batch"]) == 40 * 8 + 1 and len(paths["full batch"]) == 41
    for path in paths.values():
        assert np.linalg.norm(path[-1] - [2.0, 1.0]) < 0.3
    # the full-batch path is plain gradient descent on the MSE of w x + b
    gen = np.random.default_rng(0)
    x = gen.uniform(-1, 1, 64)
    y = 2 * x + 1 + gen.normal(0, 0.3, 64)
    w = b = 0.0
    for _ in range(3):
        r = w * x + b - y
        w, b = w - 0.1 * np.mean(2 * r * x), b - 0.1 * np.mean(2 * r)
    np.testing.assert_allclose(paths["full batch"][3], [w, b])


def good_gd(w, g, lr):
    return w - lr * g


def good_momentum(w, v, g, lr, b):
    return w - lr * (b * v + g), b * v + g


CASES = {
    "gd_step": (good_gd,
                [lambda w, g, lr: w + lr * g, lambda w, g, lr: w - g, lambda w, g, lr: w]),
    "momentum_step": (good_momentum,
                      [lambda w, v, g, lr, b: (w - lr * v, b * v + g),
                       lambda w, v, g, lr, b: (w - lr * g, b * v + g),
                       lambda w, v, g, lr, b: (w, v)]),
}


(test_check_accepts_solution_and_rejects_wrong_answers,
 test_check_names_each_wrong_kind_of_answer) = check_case_tests(CASES)


def test_momentum_mutating_its_velocity_is_told():
    def in_place(w, v, g, lr, b):
        v *= b
        v += g
        return w - lr * v, v
    assert "in place" in checks.momentum_step(in_place).message


@pytest.mark.parametrize("wrong, words", [
    (lambda w, v, g, lr, b: (w - lr * v, b * v + g), "NEW velocity"),
    (lambda w, v, g, lr, b: (w - lr * (b * v + (1 - b) * g), b * v + (1 - b) * g), "EMA form"),
    (lambda w, v, g, lr, b: (w + b * v - lr * g, b * v - lr * g), "CS231n form"),
    (lambda w, v, g, lr, b: (w - lr * g, b * v + g), "raw gradient")])
def test_momentum_hints_name_the_form(wrong, words):
    assert words in checks.momentum_step(wrong).message


def test_momentum_reports_w_and_v_separately():
    right_w_wrong_v = lambda w, v, g, lr, b: (w - lr * (b * v + g), v)  # noqa: E731
    message = checks.momentum_step(right_w_wrong_v).message
    assert message.startswith("v_new")
    wrong_w = lambda w, v, g, lr, b: (w - 2 * lr * (b * v + g), b * v + g)  # noqa: E731
    assert checks.momentum_step(wrong_w).message.startswith("w_new")


def test_gd_hints():
    assert "climbs the hill" in checks.gd_step(lambda w, g, lr: w + lr * g).message
