"""Lessons 11-12: the fit explorer and the digit browser driven through their
controls, and every check against the solution and typical mistakes."""

import matplotlib

matplotlib.use("Agg")

import numpy as np  # noqa: E402
import pytest  # noqa: E402
from checkcases import by_lesson, verify_check  # noqa: E402

import nnlib  # noqa: E402
from nnlib import checks  # noqa: E402
from nnlib.widgets.applications import digit_browser, fit_explorer, rmse  # noqa: E402


@pytest.mark.lesson11
def test_fit_explorer_switches_networks_and_reports_errors():
    X, y = nnlib.datasets.regression_1d(15, noise=0.25, rng=0)
    Xt, yt = nnlib.datasets.regression_1d(100, noise=0.25, rng=1)
    e = fit_explorer(X, y, Xt, yt, sizes=(1, 8), epochs=300)
    e.controls["hidden"].value = 1
    small = e.errors
    curve = np.asarray(e.curve.get_ydata()).copy()
    e.controls["hidden"].value = 8
    assert e.errors[0] < small[0]                      # more neurons fit the train set better
    assert not np.allclose(curve, e.curve.get_ydata())
    net = e.nets[(8, "mse")]
    assert e.errors == (pytest.approx(rmse(net, X, y)), pytest.approx(rmse(net, Xt, yt)))
    e.controls["loss"].value = "mae"
    assert e.nets[(8, "mae")] is not net and "test RMSE" in e.readout.value


@pytest.mark.lesson12
def test_digit_browser_shows_image_probabilities_and_mistakes():
    rng = np.random.default_rng(0)
    images = rng.uniform(0, 1, (20, 64))
    labels = rng.integers(0, 10, 20)
    net = nnlib.Network([nnlib.Dense(64, 10, "softmax", rng=0)])
    b = digit_browser(net, images, labels)
    b.controls["index"].value = 3
    np.testing.assert_allclose([bar.get_height() for bar in b.bars], net(images)[3])
    np.testing.assert_allclose(b.img.get_array(), images[3].reshape(8, 8))
    b.controls["mistakes"].value = True
    wrong = np.flatnonzero(net.predict(images) != labels)
    b.controls["index"].value = 0
    assert b.current == wrong[0] and b.controls["index"].max == len(wrong) - 1


CASES = {
    "rmse": (lambda p, y: np.sqrt(np.mean((p - y) ** 2)),
             [lambda p, y: np.mean((p - y) ** 2), lambda p, y: np.mean(np.abs(p - y)),
              lambda p, y: np.sqrt(np.sum((p - y) ** 2)), lambda p, y: 0.0]),
    "mae_gradient": (lambda p, y: np.sign(p - y) / len(p),
                     [lambda p, y: 2 * (p - y) / len(p), lambda p, y: np.sign(y - p) / len(p),
                      lambda p, y: np.sign(p - y), lambda p, y: np.zeros_like(p)]),
    "best_size": (lambda s, tr, te: s[int(np.argmin(te))],
                  [lambda s, tr, te: s[int(np.argmin(tr))], lambda s, tr, te: int(np.argmin(te)),
                   lambda s, tr, te: s[0]]),
    "one_hot": (lambda y, K: np.eye(K)[y],
                [lambda y, K: np.eye(K)[y].T, lambda y, K: np.eye(K)[np.clip(y - 1, 0, K - 1)],
                 lambda y, K: np.zeros((len(y), K))]),
    "accuracy_from_probabilities": (lambda P, y: np.mean(P.argmax(axis=1) == y),
                                    [lambda P, y: np.mean(P.max(axis=1)),
                                     lambda P, y: 100 * np.mean(P.argmax(axis=1) == y),
                                     lambda P, y: np.mean(P.argmax(axis=0)[:1] == y[:1]),
                                     lambda P, y: 0.0]),
    "confusion_matrix": (lambda t, p, K: np.histogram2d(t, p, bins=[np.arange(K + 1)] * 2)[0],
                         [lambda t, p, K: np.histogram2d(p, t, bins=[np.arange(K + 1)] * 2)[0],
                          lambda t, p, K: np.histogram2d(t, p, bins=[np.arange(K + 1)] * 2)[0]
                          / len(t), lambda t, p, K: np.zeros((K, K))]),
}


@pytest.mark.parametrize("name", by_lesson(CASES))
def test_check_accepts_solution_and_rejects_wrong_answers(name):
    verify_check(name, *CASES[name])


HINTS = [
    ("rmse", lambda p, y: np.mean((p - y) ** 2), "square root"),
    ("best_size", lambda s, tr, te: s[int(np.argmin(tr))], "TRAIN error"),
    ("confusion_matrix", lambda t, p, K: np.histogram2d(p, t, bins=[np.arange(K + 1)] * 2)[0],
     "transposed"),
]


@pytest.mark.parametrize("name, wrong, words", by_lesson(HINTS))
def test_hints(name, wrong, words):
    assert words in getattr(checks, name)(wrong).message
