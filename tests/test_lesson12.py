"""Lesson 12 (digits): the split, early stopping on the validation set, the
numbers behind the digit browser, the browser driven through its controls,
and every check against the solution and each kind of wrong answer."""

import matplotlib

matplotlib.use("Agg")

import numpy as np  # noqa: E402
import pytest  # noqa: E402
from checkcases import assert_rejects, verify_check  # noqa: E402

import nnlib  # noqa: E402
from nnlib import checks  # noqa: E402
from nnlib.lessons import l12_digits as l12  # noqa: E402
from nnlib.widgets.digits import ROLE_COLORS, digit_browser  # noqa: E402

pytestmark = pytest.mark.lesson12


def test_split_is_a_seeded_partition():
    train, val, test = l12.split(50, 10, 15, rng=3)
    assert (len(train), len(val), len(test)) == (25, 10, 15)
    np.testing.assert_array_equal(np.sort(np.r_[train, val, test]), np.arange(50))
    np.testing.assert_array_equal(l12.split(50, 10, 15, rng=3)[1], val)
    with pytest.raises(ValueError, match="n_val"):
        l12.split(10, 6, 6)


def test_fit_keep_best_restores_the_epoch_with_the_lowest_validation_loss():
    X, y = nnlib.datasets.blobs(120, rng=0)
    Xv, yv = nnlib.datasets.blobs(60, rng=1)
    net = nnlib.Network([nnlib.Dense(2, 16, "relu", rng=0), nnlib.Dense(16, 3, "softmax", rng=1)])
    history, best = l12.fit_keep_best(net, X, y, Xv, yv, loss="cross_entropy",
                                      optimizer=nnlib.Adam(lr=0.3), epochs=40, rng=0)
    assert best == 1 + int(np.argmin(history.val_loss))
    assert nnlib.losses.cross_entropy(net(Xv), yv) == pytest.approx(min(history.val_loss))


def test_browser_frame_and_the_shown_images():
    P = np.array([[0.7, 0.2, 0.1], [0.1, 0.3, 0.6], [0.2, 0.5, 0.3]])
    labels = np.array([0, 1, 1])
    f = l12.browser_frame(P, labels, 1)
    assert (f["true"], f["pred"]) == (1, 2) and list(f["roles"]) == ["other", "true", "wrong"]
    assert list(l12.browser_frame(P, labels, 0)["roles"]) == ["true", "other", "other"]
    np.testing.assert_array_equal(l12.shown_indices(P, labels, True), [1])
    np.testing.assert_array_equal(l12.shown_indices(P, np.array([0, 2, 1]), True),
                                  [0, 1, 2])                   # no mistake: all are shown
    # all three wrong, most confident first (0.7, 0.6, 0.5)
    np.testing.assert_array_equal(l12.confident_mistakes(P, np.array([1, 1, 0]), k=2), [0, 1])
    np.testing.assert_array_equal(l12.confident_mistakes(P, np.array([1, 1, 1]), k=5), [0, 1])


def test_hidden_unit_images_are_the_columns_of_W1_and_their_strongest_inputs():
    rng = np.random.default_rng(0)
    X = rng.uniform(0, 1, (30, 64))
    net = nnlib.Network([nnlib.Dense(64, 5, "relu", rng=0), nnlib.Dense(5, 10, "softmax", rng=1)])
    images, top = l12.hidden_unit_images(net, X, k=3)
    assert images.shape == (5, 8, 8) and top.shape == (5, 3)
    np.testing.assert_array_equal(images[2].ravel(), net.layers[0].W[:, 2])
    a = np.maximum(X @ net.layers[0].W[:, 4] + net.layers[0].b[4], 0)
    np.testing.assert_array_equal(top[4], np.argsort(-a, kind="stable")[:3])


def test_digit_browser_shows_image_probabilities_and_mistakes():
    rng = np.random.default_rng(0)
    images = rng.uniform(0, 1, (20, 64))
    labels = rng.integers(0, 10, 20)
    net = nnlib.Network([nnlib.Dense(64, 10, "softmax", rng=0)])
    b = digit_browser(net, images, labels)
    bars = list(b.bars)
    b.controls["index"].value = 3
    assert list(b.bars) == bars                                  # updated in place
    np.testing.assert_allclose([bar.get_height() for bar in b.bars], net(images)[3])
    np.testing.assert_allclose(b.img.get_array(), images[3].reshape(8, 8))
    true, pred = labels[3], net.predict(images)[3]
    assert matplotlib.colors.to_hex(b.bars[true].get_facecolor()) == ROLE_COLORS["true"].lower()
    if pred != true:
        assert (matplotlib.colors.to_hex(b.bars[pred].get_facecolor())
                == ROLE_COLORS["wrong"].lower())
    b.controls["mistakes"].value = True
    wrong = np.flatnonzero(net.predict(images) != labels)
    b.controls["index"].value = 0
    assert b.current == wrong[0] and b.controls["index"].max == len(wrong) - 1


# === checks ==================================================================

def _add_once(t, p, K):
    C = np.zeros((K, K))
    C[t, p] += 1
    return C


def _loop(t, p, K):
    C = np.zeros((K, K), dtype=int)
    for i, j in zip(t, p):
        C[i, j] += 1
    return C


CASES = {
    "one_hot": (lambda y, K: np.eye(K)[y],
                [lambda y, K: np.eye(K)[y].T, lambda y, K: np.eye(K)[np.clip(y - 1, 0, K - 1)],
                 lambda y, K: np.eye(y.max() + 1)[y], lambda y, K: np.zeros((len(y), K))]),
    "accuracy_from_probabilities": (lambda P, y: np.mean(P.argmax(axis=1) == y),
                                    [lambda P, y: np.mean(P.max(axis=1)),
                                     lambda P, y: 100 * np.mean(P.argmax(axis=1) == y),
                                     lambda P, y: np.sum(P.argmax(axis=1) == y),
                                     lambda P, y: np.mean(P.argmax(axis=0)[:1] == y[:1]),
                                     lambda P, y: 0.0]),
    "confusion_matrix": (_loop,
                         [lambda t, p, K: _loop(p, t, K), lambda t, p, K: _loop(t, p, K) / len(t),
                          _add_once, lambda t, p, K: np.zeros((K, K))]),
}


@pytest.mark.parametrize("name", CASES)
def test_check_accepts_solution_and_rejects_wrong_answers(name):
    verify_check(name, *CASES[name])


def test_other_right_answers_pass():
    assert checks.confusion_matrix(
        lambda t, p, K: np.histogram2d(t, p, bins=[np.arange(K + 1)] * 2)[0], strict=True)
    assert checks.one_hot(lambda y, K: (y[:, None] == np.arange(K)).astype(float), strict=True)
    assert checks.accuracy_from_probabilities(
        lambda P, y: float(np.count_nonzero(P.argmax(1) == y)) / len(y), strict=True)


HINTS = [
    ("one_hot", lambda y, K: np.eye(y.max() + 1)[y], "K columns"),
    ("one_hot", lambda y, K: np.eye(K)[y].T, "one ROW per sample"),
    ("one_hot", lambda y, K: np.eye(K)[np.clip(y - 1, 0, K - 1)], "labels start at 0"),
    ("accuracy_from_probabilities", lambda P, y: np.sum(P.argmax(axis=1) == y), "NUMBER of"),
    ("accuracy_from_probabilities", lambda P, y: np.mean(P.max(axis=1)), "mean confidence"),
    ("accuracy_from_probabilities", lambda P, y: 100 * np.mean(P.argmax(axis=1) == y),
     "percentage"),
    ("accuracy_from_probabilities", lambda P, y: np.mean(P.argmax(axis=1) != y), "error rate"),
    ("confusion_matrix", _add_once, "np.add.at"),
    ("confusion_matrix", lambda t, p, K: _loop(p, t, K), "transposed"),
    ("confusion_matrix", lambda t, p, K: _loop(t, p, K) / len(t), "counts, not fractions"),
]


@pytest.mark.parametrize("name, wrong, words", HINTS)
def test_hints_name_the_mistake(name, wrong, words):
    v = getattr(checks, name)(wrong)
    assert not v and words in v.message, v.message


def _mutates_labels(y, K):
    out = np.eye(K)[y]
    y[:] = 0
    return out


def _mutates_P(P, y):
    out = np.mean(P.argmax(axis=1) == y)
    P[:] = 0
    return out


def _mutates_true(t, p, K):
    out = _loop(t, p, K)
    t.sort()
    return out


WRONG_KINDS = [
    ("one_hot", lambda y, K: None, "returned None"),
    ("one_hot", lambda y, K: np.eye(K)[y].tolist(), "Python list"),
    ("one_hot", lambda y, K: np.eye(K)[y] + 0j, "complex"),
    ("one_hot", lambda y, K: np.eye, "must hold numbers"),
    ("one_hot", _mutates_labels, "in place"),
    ("accuracy_from_probabilities", lambda P, y: None, "returned None"),
    ("accuracy_from_probabilities", lambda P, y: [np.mean(P.argmax(1) == y)], "must be a number"),
    ("accuracy_from_probabilities", lambda P, y: np.mean(P.argmax(1) == y) + 0j, "complex"),
    ("accuracy_from_probabilities", lambda P, y: np.mean, "must be a number"),
    ("accuracy_from_probabilities", lambda P, y: nnlib.Network([nnlib.Dense(2, 1)]),
     "must be a number"),
    ("accuracy_from_probabilities", _mutates_P, "in place"),
    ("confusion_matrix", lambda t, p, K: None, "returned None"),
    ("confusion_matrix", lambda t, p, K: _loop(t, p, K).tolist(), "Python list"),
    ("confusion_matrix", lambda t, p, K: _loop(t, p, K) + 0j, "complex"),
    ("confusion_matrix", lambda t, p, K: _loop, "must hold numbers"),
    ("confusion_matrix", _mutates_true, "in place"),
]


@pytest.mark.parametrize("name, answer, words", WRONG_KINDS)
def test_answers_of_the_wrong_kind_get_a_verdict_not_a_traceback(name, answer, words, capsys):
    assert_rejects(name, answer, words)
    assert "❌" in capsys.readouterr().out
