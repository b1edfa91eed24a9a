"""Lesson 11 (regression): the computations behind the lesson, the fit
explorer driven through its controls, and every check against the solution,
each shortcut and each kind of wrong answer."""

import matplotlib

matplotlib.use("Agg")

import numpy as np  # noqa: E402
import pytest  # noqa: E402
from checkcases import assert_rejects, verify_check  # noqa: E402

import nnlib  # noqa: E402
from nnlib import checks  # noqa: E402
from nnlib.lessons import l11_regression as l11  # noqa: E402
from nnlib.widgets.regression import fit_explorer  # noqa: E402

pytestmark = pytest.mark.lesson11


@pytest.fixture(scope="module")
def data():
    X, y = nnlib.datasets.regression_1d(8, noise=0.3, rng=0)
    Xv, yv = nnlib.datasets.regression_1d(60, noise=0.3, rng=1)
    return X, y, Xv, yv


def test_net_rmse_is_the_root_of_nnlibs_mse(data):
    X, y, Xv, yv = data
    net = l11.regression_net(3, rng=4)
    assert l11.net_rmse(net, Xv, yv) == pytest.approx(np.sqrt(nnlib.losses.mse(net(Xv)[:, 0], yv)))


def test_size_sweep_measures_every_size_and_seed(data):
    X, y, Xv, yv = data
    sweep = l11.size_sweep(X, y, Xv, yv, sizes=(1, 4), seeds=(0, 1), epochs=200)
    assert sweep["train"].shape == sweep["val"].shape == (2, 2)
    net = sweep["nets"][4, 1]
    assert sweep["val"][1, 1] == pytest.approx(l11.net_rmse(net, Xv, yv))
    np.testing.assert_allclose(sweep["train_mean"], sweep["train"].mean(axis=1))
    assert sweep["train_mean"][1] < sweep["train_mean"][0]   # 4 neurons fit the points better


def test_explorer_fits_reuse_known_networks(data):
    X, y, _, _ = data
    known = {(2, "mse"): l11.fit_regression(2, X, y, epochs=10)}
    fits = l11.explorer_fits(X, y, sizes=(1, 2), epochs=10, known=known)
    assert fits[2, "mse"] is known[2, "mse"] and set(fits) == {(h, s) for h in (1, 2)
                                                               for s in ("mse", "mae")}


def test_fit_explorer_switches_networks_and_reports_validation_errors(data):
    X, y, Xv, yv = data
    e = fit_explorer(X, y, Xv, yv, sizes=(1, 8), epochs=300)
    e.controls["hidden"].value = 1
    small = e.errors
    curve = np.asarray(e.curve.get_ydata()).copy()
    line = e.curve
    e.controls["hidden"].value = 8
    assert e.curve is line                              # updated in place, not redrawn
    assert e.errors[0] < small[0]                       # more neurons fit the train set better
    assert not np.allclose(curve, e.curve.get_ydata())
    net = e.nets[8, "mse"]
    np.testing.assert_allclose(e.curve.get_ydata(), net(e.xs[:, None])[:, 0])
    assert e.errors == (pytest.approx(l11.net_rmse(net, X, y)),
                        pytest.approx(l11.net_rmse(net, Xv, yv)))
    e.controls["loss"].value = "mae"
    assert e.nets[8, "mae"] is not net and "validation RMSE" in e.readout.value
    assert "test" not in e.readout.value


# === checks ==================================================================

CASES = {
    "rmse": (lambda p, y: np.sqrt(np.mean((p - y) ** 2)),
             [lambda p, y: np.mean((p - y) ** 2), lambda p, y: np.mean(np.abs(p - y)),
              lambda p, y: np.sqrt(np.sum((p - y) ** 2)), lambda p, y: 0.0]),
    "mae_gradient": (lambda p, y: np.sign(p - y) / len(p),
                     [lambda p, y: 2 * (p - y) / len(p), lambda p, y: np.sign(y - p) / len(p),
                      lambda p, y: np.sign(p - y), lambda p, y: np.zeros_like(p)]),
}


@pytest.mark.parametrize("name", CASES)
def test_check_accepts_solution_and_rejects_wrong_values(name):
    verify_check(name, *CASES[name])


def by_validation(sizes, train, val):
    return sizes[int(np.argmin(val))]


# every shortcut must fail with a message naming it; each fails in at least
# one of the check's cases (a shortcut that happens to be right once must not pass)
SHORTCUTS = [
    (lambda s, tr, va: s[len(s) // 2], "middle of the list"),
    (lambda s, tr, va: s[(len(s) - 1) // 2], "middle of the list"),
    (lambda s, tr, va: 4, "whatever the errors"),
    (lambda s, tr, va: 64, "whatever the errors"),
    (lambda s, tr, va: s[int(np.argmin(np.add(tr, va)))], "train + validation"),
    (lambda s, tr, va: s[int(np.argmin(tr))], "TRAIN error"),
    (lambda s, tr, va: int(np.argmin(va)), "position in the list"),
    (lambda s, tr, va: s[int(np.argmax(va))], "LARGEST validation"),
    (lambda s, tr, va: s[-1], "TRAIN error"),
]


def test_best_size_accepts_choosing_by_validation_in_any_numeric_form():
    assert checks.best_size(by_validation, strict=True)
    assert checks.best_size(lambda s, tr, va: float(by_validation(s, tr, va)), strict=True)
    assert checks.best_size(lambda s, tr, va: np.array(s)[np.argmin(va)], strict=True)


@pytest.mark.parametrize("wrong, words", SHORTCUTS)
def test_best_size_rejects_each_shortcut_by_name(wrong, words):
    v = checks.best_size(wrong)
    assert not v and words in v.message, v.message
    with pytest.raises(AssertionError):
        checks.best_size(wrong, strict=True)


def test_the_check_cases_defeat_every_shortcut():
    """Each shortcut differs from the validation minimum in at least one case,
    and a constant cannot be right in every case."""
    for wrong, _ in SHORTCUTS:
        assert any(wrong(*c) != by_validation(*c) for c in l11.SIZE_CASES)
    assert len({by_validation(*c) for c in l11.SIZE_CASES}) == len(l11.SIZE_CASES)


def _mutates(sizes, train, val):
    val.sort()                                    # the arrays the check passes
    return sizes[0]


def _mutates_array(p, y):
    p -= y
    return np.sqrt(np.mean(p ** 2))


def _mutates_grad(p, y):
    p -= y
    return np.sign(p) / len(p)


WRONG_KINDS = [
    ("best_size", lambda s, tr, va: None, "returned None"),
    ("best_size", lambda s, tr, va: by_validation, "got a function"),
    ("best_size", lambda s, tr, va: l11.regression_net(2), "got a Network"),
    ("best_size", lambda s, tr, va: [by_validation(s, tr, va)], "not a list"),
    ("best_size", lambda s, tr, va: complex(by_validation(s, tr, va)), "got (4+0j)"),
    ("best_size", lambda s, tr, va: "4", "got a str"),
    ("best_size", _mutates, "in place"),
    ("best_size", lambda s, tr, va: 1 / 0, "ZeroDivisionError"),
    ("best_size", None, "expected a function, got NoneType"),
    ("rmse", lambda p, y: None, "returned None"),
    ("rmse", lambda p, y: [np.sqrt(np.mean((p - y) ** 2))], "must be a number"),
    ("rmse", lambda p, y: np.sqrt(np.mean((p - y) ** 2)) + 0j, "complex values"),
    ("rmse", lambda p, y: np.sqrt, "must be a number"),
    ("rmse", _mutates_array, "in place"),
    ("rmse", lambda p, y: l11.regression_net(2), "must be a number"),
    ("mae_gradient", lambda p, y: None, "returned None"),
    ("mae_gradient", lambda p, y: list(np.sign(p - y) / len(p)), "Python list"),
    ("mae_gradient", lambda p, y: np.sign(p - y) / len(p) + 0j, "complex"),
    ("mae_gradient", lambda p, y: np.sign, "must hold numbers"),
    ("mae_gradient", _mutates_grad, "in place"),
]


@pytest.mark.parametrize("name, answer, words", WRONG_KINDS)
def test_answers_of_the_wrong_kind_get_a_verdict_not_a_traceback(name, answer, words, capsys):
    assert_rejects(name, answer, words)
    assert "❌" in capsys.readouterr().out


HINTS = [
    ("rmse", lambda p, y: np.mean((p - y) ** 2), "square root"),
    ("rmse", lambda p, y: np.mean(np.abs(p - y)), "MAE"),
    ("rmse", lambda p, y: np.sqrt(np.sum((p - y) ** 2)), "average the squares"),
    ("mae_gradient", lambda p, y: 2 * (p - y) / len(p), "MSE gradient"),
    ("mae_gradient", lambda p, y: np.sign(y - p) / len(p), "flipped"),
    ("mae_gradient", lambda p, y: np.sign(p - y), "divide by N"),
]


@pytest.mark.parametrize("name, wrong, words", HINTS)
def test_hints_name_the_mistake(name, wrong, words):
    assert words in getattr(checks, name)(wrong).message
