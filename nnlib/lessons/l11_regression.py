"""Lesson 11: regression: its computations and exercise checks.

The networks are 1-H-1: a tanh hidden layer of H neurons and one linear output,
y_hat = tanh(x W1 + b1) W2 + b2, trained full batch with Adam.  Errors are
reported as RMSE = sqrt(mean((y_hat - y)^2)), in the units of y.  Every choice
(size, loss, epochs) is made on a validation set; the test set is kept for
one final number.
"""

from __future__ import annotations

import numbers

import numpy as np

from ..layers import Dense
from ..network import Network
from ..optim import Adam
from ._engine import call, compare, exercise_check, verdict

LESSON = 11
__all__ = ['rmse', 'mae_gradient', 'best_size']

SIZES = (1, 2, 4, 8, 16, 32)
EPOCHS, LR = 2000, 0.03


# === computations behind the lesson's tables, figures and explorer ==========

def regression_net(hidden, rng=0):
    """A fresh 1-hidden-1 network: tanh hidden layer, linear output."""
    return Network([Dense(1, hidden, "tanh", rng=rng), Dense(hidden, 1, "linear", rng=rng + 100)])


def fit_regression(hidden, X, y, loss="mse", epochs=EPOCHS, rng=0):
    """regression_net(hidden, rng) trained on X (N, 1), y (N,) with Adam(LR)."""
    net = regression_net(hidden, rng)
    net.fit(X, y, loss=loss, optimizer=Adam(lr=LR), epochs=epochs)
    return net


def net_rmse(net, X, y):
    """RMSE of a one-output network on (X (N, 1), y (N,)): a float."""
    return float(np.sqrt(np.mean((net.forward(X, cache=False)[:, 0] - y) ** 2)))


def size_sweep(X, y, X_val, y_val, sizes=SIZES, seeds=(0, 1, 2), loss="mse", epochs=EPOCHS):
    """Train one network per (size, seed); returns a dict with
    ``nets`` {(size, seed): net}, ``train`` and ``val`` RMSE arrays of shape
    (len(sizes), len(seeds)) and their means over the seeds, ``train_mean``,
    ``val_mean`` (len(sizes),)."""
    nets = {(h, s): fit_regression(h, X, y, loss, epochs, rng=s) for h in sizes for s in seeds}
    train = np.array([[net_rmse(nets[h, s], X, y) for s in seeds] for h in sizes])
    val = np.array([[net_rmse(nets[h, s], X_val, y_val) for s in seeds] for h in sizes])
    return {"sizes": list(sizes), "seeds": list(seeds), "nets": nets, "train": train,
            "val": val, "train_mean": train.mean(axis=1), "val_mean": val.mean(axis=1)}


def explorer_fits(X, y, sizes=SIZES, losses=("mse", "mae"), epochs=EPOCHS, known=None):
    """{(size, loss): net} for the fit explorer, seed 0; ``known`` (e.g. the
    seed-0 networks of a size_sweep, {(size, loss): net}) are reused."""
    known = dict(known or {})
    return {(h, loss): known[h, loss] if (h, loss) in known
            else fit_regression(h, X, y, loss, epochs) for h in sizes for loss in losses}


def fit_view(net, xs, X, y, X_val, y_val):
    """What the fit explorer shows for one network: the curve y_hat(xs) (M,)
    and the (train, validation) RMSE."""
    curve = net.forward(np.asarray(xs, dtype=float).reshape(-1, 1), cache=False)[:, 0]
    return curve, (net_rmse(net, X, y), net_rmse(net, X_val, y_val))


# === exercise checks ========================================================

@exercise_check
def rmse(fn, strict=False):
    """Lesson 11: fn(y_pred, y) must return sqrt(mean((y_pred - y)^2))."""
    rng = np.random.default_rng(110)
    p, y = rng.normal(size=8), rng.normal(size=8)
    return compare(fn, lambda p, y: np.sqrt(np.mean((p - y) ** 2)), [(p, y)], "RMSE", hints=[
        (lambda p, y: np.mean((p - y) ** 2), "that is the MSE: take its square root."),
        (lambda p, y: np.mean(np.abs(p - y)), "that is the MAE."),
        (lambda p, y: np.sqrt(np.sum((p - y) ** 2)), "average the squares before the root.")],
        strict=strict)


@exercise_check
def mae_gradient(fn, strict=False):
    """Lesson 11: fn(y_pred, y) must return dMAE/dy_pred = sign(y_pred - y) / N."""
    rng = np.random.default_rng(111)
    p, y = rng.normal(size=7), rng.normal(size=7)
    return compare(fn, lambda p, y: np.sign(p - y) / len(p), [(p, y)], "dMAE/dy_pred", hints=[
        (lambda p, y: 2 * (p - y) / len(p), "that is the MSE gradient; MAE's is sign(p - y) / N."),
        (lambda p, y: np.sign(y - p) / len(p), "the sign is flipped."),
        (lambda p, y: np.sign(p - y), "MAE is a mean: divide by N.")], strict=strict)


#: (sizes, train errors, validation errors): each case defeats another shortcut
#: (middle of the list, a constant, train + validation, the train minimum, the index)
SIZE_CASES = [
    ([1, 2, 4, 8, 16, 32], [0.50, 0.30, 0.12, 0.06, 0.02, 0.01],
     [0.52, 0.33, 0.15, 0.16, 0.19, 0.25]),
    ([2, 4, 8, 16, 32, 64, 128], [0.40, 0.20, 0.10, 0.06, 0.03, 0.02, 0.01],
     [0.45, 0.30, 0.27, 0.26, 0.25, 0.24, 0.33]),
    ([3, 6, 12, 24, 48], [0.30, 0.20, 0.15, 0.10, 0.09],
     [0.31, 0.28, 0.40, 0.50, 0.60]),
]

_SHORTCUTS = [
    (lambda s, tr, va: s[int(np.argmin(tr))], "that size has the smallest TRAIN error; the "
     "largest network nearly always wins there. Choose by the validation error."),
    (lambda s, tr, va: s[int(np.argmin(np.add(tr, va)))], "you minimised train + validation "
     "error; the train error favours big networks. Choose by the validation error alone."),
    (lambda s, tr, va: int(np.argmin(va)), "that is the position in the list; return the size "
     "itself (sizes[i])."),
    (lambda s, tr, va: s[len(s) // 2], "that is the middle of the list, not the size with the "
     "smallest validation error."),
    (lambda s, tr, va: s[int(np.argmax(va))], "that size has the LARGEST validation error."),
]


def _one_size(got, sizes):
    """(the answer as a Python number, None) or (None, a message naming what came)."""
    if isinstance(got, np.ndarray) and got.size == 1 and got.dtype.kind in "iuf":
        got = got.item()
    if isinstance(got, np.generic) and got.dtype.kind in "iuf":
        got = got.item()
    example = f"a number such as {sizes[0]}"
    if isinstance(got, (bool, np.bool_, complex, np.complexfloating)):
        return None, f"return one size from the list ({example}), got {got!r:.60}."
    if isinstance(got, numbers.Real):
        return got, None
    if isinstance(got, (list, tuple, np.ndarray)):
        return None, f"return ONE size ({example}), not a {type(got).__name__} of values."
    return None, f"return one size ({example}), got a {type(got).__name__} {got!r:.60}."


@exercise_check
def best_size(fn, strict=False):
    """Lesson 11: fn(sizes, train_errors, val_errors) must return the size
    with the smallest VALIDATION error (sizes[argmin(val_errors)]).

    The three are passed as numpy arrays, so a function that changes them in
    place is caught; the answer may be any real number equal to that size."""
    answers, first_wrong = [], None
    for case in SIZE_CASES:
        got, error = call(fn, tuple(np.array(a) for a in case), "best size")
        if error is None:
            got, error = _one_size(got, case[0])
            error = error and "best size: " + error
        if error:
            return verdict(False, error, strict)
        answers.append(got)
        if first_wrong is None and got != case[0][int(np.argmin(case[2]))]:
            first_wrong = case, got
    if first_wrong is None:
        return verdict(True, "best size: the size with the smallest validation error, in "
                       "every test case.", strict)
    (sizes, train, val), got = first_wrong
    if all(a == answers[0] for a in answers):
        return verdict(False, f"best size: you return {got!r} whatever the errors are; "
                       "read the validation errors.", strict)
    for shortcut, text in _SHORTCUTS:
        if got == shortcut(sizes, train, val):
            return verdict(False, f"best size: {text}", strict)
    return verdict(False, f"best size: for sizes {sizes} and validation errors {val} "
                   f"expected {sizes[int(np.argmin(val))]}, got {got!r}.", strict)
