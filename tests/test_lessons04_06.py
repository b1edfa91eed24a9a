"""Lessons 04-06: the explorers driven through their controls, the helper
computations, and every check against the solution and typical mistakes."""

import matplotlib

matplotlib.use("Agg")

import numpy as np  # noqa: E402
import pytest  # noqa: E402
from checkcases import by_lesson, verify_check  # noqa: E402

import nnlib  # noqa: E402
from nnlib import activations, checks  # noqa: E402
from nnlib.widgets import descent, fitting, forward_pass  # noqa: E402


@pytest.mark.lesson04
def test_forward_pass_explorer_shows_every_array_and_reacts():
    net = nnlib.Network([nnlib.Dense(2, 3, "tanh", rng=0), nnlib.Dense(3, 2, "softmax", rng=1)])
    X = np.random.default_rng(0).normal(size=(4, 2))
    e = forward_pass.forward_pass_explorer(net, X)
    assert [im.get_array().shape for im in e.images] == [(4, 2), (4, 3), (4, 3), (4, 2), (4, 2)]
    np.testing.assert_allclose(e.images[-1].get_array(), net(X))
    e.controls["sample"].value = 3
    assert e.frames[0].get_y() == pytest.approx(2.5)
    e.controls["x1"].value = 2.0
    X2 = X.copy()
    X2[3, 0] = 2.0
    np.testing.assert_allclose(e.images[-1].get_array(), net(X2))
    assert "sample 3" in e.table.value
    with pytest.raises(ValueError, match="2 inputs"):
        forward_pass.forward_pass_explorer(net, np.zeros((3, 5)))


@pytest.mark.lesson05
def test_outlier_pulls_mse_more_than_mae():
    e = fitting.outlier_explorer(outlier=3.0)          # the point lies on the line
    (s_mse, _), (s_mae, _) = e.fits["mse"], e.fits["mae"]
    assert s_mse == pytest.approx(2.0, abs=0.3) and s_mae == pytest.approx(2.0, abs=0.3)
    e.controls["outlier"].value = 12.0
    (s_mse, _), (s_mae, _) = e.fits["mse"], e.fits["mae"]
    assert s_mse > 3.0 and abs(s_mae - 2.0) < 0.4
    x, y = e.mse_line.get_data()
    assert y[1] - y[0] == pytest.approx(s_mse)
    # the fitted slope is the least-squares slope computed in closed form
    yy = e.y.copy()
    yy[-1] = 12.0
    assert s_mse == pytest.approx(np.polyfit(e.x, yy, 1)[0], abs=0.05)


@pytest.mark.lesson05
def test_regularization_explorer_l1_prunes_and_views_update():
    e = fitting.regularization_explorer(epochs=150)
    e.controls["kind"].value = "l1"
    e.controls["strength"].value = 0.0
    free = e.near_zero
    heights = [b.get_height() for b in e.hist]
    e.controls["strength"].value = 0.03
    assert e.near_zero > free + 50
    assert [b.get_height() for b in e.hist] != heights
    l1_zero = e.near_zero
    e.controls["kind"].value = "l2"
    assert e.near_zero < l1_zero        # L2 shrinks weights but rarely to ~0


@pytest.mark.lesson06
@pytest.mark.parametrize("lr, method, state", [(0.01, "gd", "converges"),
                                               (0.15, "gd", "oscillates across the valley"),
                                               (0.25, "gd", "diverges"),
                                               (0.02, "momentum", "converges")])
def test_descent_explorer_states(lr, method, state):
    e = descent.descent_explorer()
    e.controls["method"].value = method
    e.controls["lr"].value = lr
    assert e.state == state
    np.testing.assert_allclose(e.path_line.get_xdata(), e.path[:, 0])


@pytest.mark.lesson06
def test_descent_path_matches_the_update_rule():
    p = descent.descent_path(0.1, steps=3)
    w = np.array([-4.0, 1.5])
    for k in range(1, 4):
        w = w - 0.1 * np.array([1.0, 10.0]) * w
        np.testing.assert_allclose(p[k], w)


@pytest.mark.lesson06
def test_regression_paths_approach_the_true_line():
    paths = descent.regression_paths(epochs=40)
    assert set(paths) == {"full batch", "mini-batch", "momentum"}
    assert len(paths["mini-batch"]) == 40 * 8 + 1 and len(paths["full batch"]) == 41
    for path in paths.values():
        assert np.linalg.norm(path[-1] - [2.0, 1.0]) < 0.3


sig = activations.sigmoid
CASES = {
    "dense_forward": (lambda X, W, b, f: f(X @ W + b),
                      [lambda X, W, b, f: f(X @ W), lambda X, W, b, f: X @ W + b,
                       lambda X, W, b, f: f(W.T @ X.T + b), lambda X, W, b, f: np.zeros(1)]),
    "n_parameters": (lambda s: sum(a * b + b for a, b in zip(s, s[1:])),
                     [lambda s: sum(a * b for a, b in zip(s, s[1:])),
                      lambda s: sum(a * b + a for a, b in zip(s, s[1:])), lambda s: 0]),
    "mse_gradient": (lambda p, y: 2 * (p - y) / len(p),
                     [lambda p, y: (p - y) / len(p), lambda p, y: 2 * (y - p) / len(p),
                      lambda p, y: 2 * (p - y), lambda p, y: np.zeros_like(p)]),
    "l2_step": (lambda W, dW, lr, lam: W - lr * (dW + 2 * lam * W),
                [lambda W, dW, lr, lam: W - lr * (dW + lam * W),
                 lambda W, dW, lr, lam: W - lr * dW,
                 lambda W, dW, lr, lam: W + lr * (dW + 2 * lam * W),
                 lambda W, dW, lr, lam: W]),
    "gd_step": (lambda w, g, lr: w - lr * g,
                [lambda w, g, lr: w + lr * g, lambda w, g, lr: w - g, lambda w, g, lr: w]),
    "momentum_step": (lambda w, v, g, lr, b: (w - lr * (b * v + g), b * v + g),
                      [lambda w, v, g, lr, b: (w - lr * v, b * v + g),
                       lambda w, v, g, lr, b: (w - lr * g, b * v + g),
                       lambda w, v, g, lr, b: (w, v)]),
}


@pytest.mark.parametrize("name", by_lesson(CASES))
def test_check_accepts_solution_and_rejects_wrong_answers(name):
    verify_check(name, *CASES[name])


HINTS = [
    ("mse_gradient", lambda p, y: (p - y) / len(p), "factor 2"),
    ("momentum_step", lambda w, v, g, lr, b: (w - lr * v, b * v + g), "NEW velocity"),
    ("dense_forward", lambda X, W, b, f: f(X @ W), "bias b is missing"),
]


@pytest.mark.parametrize("name, wrong, words", by_lesson(HINTS))
def test_hints(name, wrong, words):
    assert words in getattr(checks, name)(wrong).message
