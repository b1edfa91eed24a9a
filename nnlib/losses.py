"""Error (loss) functions L(y_pred, y_true) and their gradients dL/dy_pred.

Each loss is an object: ``loss(y_pred, y_true)`` returns the mean over the
batch (a float) and ``loss.gradient(y_pred, y_true)`` returns an array shaped
like ``y_pred``.  Both check their inputs (shapes, finiteness, labels, and for
the cross-entropies that y_pred holds probabilities).

Validate once, then run fast: ``Y = loss.target(y_true, y_pred_shape)`` checks
the targets and returns them in the loss's own form (one-hot for
cross_entropy); ``loss.value(p, Y)`` and ``loss.grad(p, Y)`` then do no checks
at all, and ``loss(p, Y, validated=True)`` / ``loss.gradient(p, Y,
validated=True)`` are the same unchecked path through the public calls.  A
training loop validates its targets once with ``target`` and uses the
unchecked path on every step (its predictions come from its own softmax or
sigmoid, so they need no check either).

    mse                   L = 1/(N K) sum (y_pred - y)^2
    mae                   L = 1/(N K) sum |y_pred - y|
    cross_entropy         L = -1/N sum_n log p_{n, y_n}      (p: softmax outputs)
    binary_cross_entropy  L = -1/N sum_n [y log p + (1 - y) log(1 - p)]
"""

from __future__ import annotations

import numpy as np

from .validation import as_array, as_labels

__all__ = ["Loss", "mse", "mae", "cross_entropy", "binary_cross_entropy", "get", "names",
           "PROB_FLOOR", "PROB_TOLERANCE"]

#: Probabilities are clipped to [PROB_FLOOR, 1 - PROB_FLOOR] before a log so that
#: a confident wrong answer costs -log(1e-12) ~ 27.6 instead of infinity.
PROB_FLOOR = 1e-12

#: How far a probability may stray outside [0, 1], and a row of probabilities
#: (or of one-hot / soft targets) from summing to 1, before it is refused.  A
#: float64 softmax row of K entries sums to 1 within ~K * 1e-16, a float32 one
#: within ~K * 1e-7; logits or unnormalised scores miss by far more.
PROB_TOLERANCE = 1e-6

_SCORES_HINT = "did you pass scores instead of probabilities?"


def _check_probabilities(p, name, what, rows=False):
    """Refuse values outside [0, 1] (and, with rows=True, rows not summing to 1)."""
    lo, hi = (p.min(), p.max()) if p.size else (0.0, 1.0)
    if lo < -PROB_TOLERANCE or hi > 1.0 + PROB_TOLERANCE:
        raise ValueError(f"{name}: {what} must be probabilities in [0, 1], got values from "
                         f"{lo:.4g} to {hi:.4g}; {_SCORES_HINT}")
    if rows and p.size:
        miss = np.abs(p.sum(axis=1) - 1.0)
        if miss.max() > PROB_TOLERANCE:
            worst = int(miss.argmax())
            raise ValueError(f"{name}: each row of {what} must sum to 1 (within "
                             f"{PROB_TOLERANCE:g}), but row {worst} sums to "
                             f"{p[worst].sum():.6g}; {_SCORES_HINT}")


class Loss:
    """Base class: subclasses define ``target``, ``value`` and ``grad``."""

    name = ""
    formula = ""

    def __call__(self, y_pred, y_true, validated=False):
        """Mean loss (a float).  validated=True: y_true is already what
        ``target`` returned and y_pred is trusted; nothing is checked."""
        p, Y = self._inputs(y_pred, y_true, validated)
        return float(self.value(p, Y))

    def gradient(self, y_pred, y_true, validated=False):
        """dL/dy_pred, shaped like y_pred (validated=True as in ``__call__``)."""
        p, Y = self._inputs(y_pred, y_true, validated)
        return self.grad(p, Y).reshape(np.shape(y_pred))

    def _inputs(self, y_pred, y_true, validated):
        if validated:
            p = np.asarray(y_pred, dtype=float)
            return p, np.asarray(y_true, dtype=float).reshape(p.shape)
        return self.checked(y_pred, y_true)

    def checked(self, y_pred, y_true):
        """(y_pred, Y) validated: y_pred as a float array, Y from ``target``."""
        p = as_array(y_pred, "y_pred", ndim=(1, 2))
        return p, self.target(y_true, p.shape)

    def __repr__(self):
        return f"<loss {self.name}>"


class _Regression(Loss):
    def target(self, y_true, shape):
        """Float targets shaped like the output; (N,) is accepted for (N, 1)."""
        Y = as_array(y_true, "y_true", ndim=(1, 2))
        if Y.shape != shape:
            if Y.ndim == 1 and shape == (Y.shape[0], 1):
                return Y.reshape(shape)
            raise ValueError(f"{self.name}: y_true must have the shape of y_pred {shape}, "
                             f"got {Y.shape}")
        return Y


class MSE(_Regression):
    name = "mse"
    formula = r"L = \frac{1}{NK}\sum_{n,k} (\hat y_{nk} - y_{nk})^2"

    def value(self, p, Y):
        d = p - Y
        return np.vdot(d, d) / d.size

    def grad(self, p, Y):
        """dL/dy_pred = 2 (y_pred - y) / (N K)."""
        return (2.0 / p.size) * (p - Y)


class MAE(_Regression):
    name = "mae"
    formula = r"L = \frac{1}{NK}\sum_{n,k} |\hat y_{nk} - y_{nk}|"

    def value(self, p, Y):
        return np.abs(p - Y).sum() / p.size

    def grad(self, p, Y):
        """dL/dy_pred = sign(y_pred - y) / (N K), with sign(0) = 0."""
        return np.sign(p - Y) / p.size


class CrossEntropy(Loss):
    name = "cross_entropy"
    formula = r"L = -\frac{1}{N}\sum_{n}\sum_{k} y_{nk} \log \hat y_{nk}"

    def target(self, y_true, shape):
        """One-hot Y (N, K) from int labels (N,) or a one-hot / soft (N, K)."""
        if len(shape) != 2:
            raise ValueError(f"cross_entropy: y_pred must be probabilities of shape (N, K), "
                             f"got shape {shape}")
        N, K = shape
        y = np.asarray(y_true)
        if y.ndim == 2:
            Y = as_array(y, "y_true", ndim=2)
            if Y.shape != shape:
                raise ValueError(f"cross_entropy: one-hot y_true must have shape {shape}, "
                                 f"got {Y.shape}")
            if Y.size and Y.min() < 0.0:
                raise ValueError("cross_entropy: one-hot / soft y_true must not be negative, "
                                 f"got a minimum of {Y.min():.4g}")
            miss = np.abs(Y.sum(axis=1) - 1.0)
            if miss.size and miss.max() > PROB_TOLERANCE:
                row = int(miss.argmax())
                raise ValueError("cross_entropy: each row of a one-hot / soft y_true must sum "
                                 f"to 1 (within {PROB_TOLERANCE:g}), but row {row} sums to "
                                 f"{Y[row].sum():.6g}")
            return Y
        labels = as_labels(y, N, K, "y_true")
        Y = np.zeros(shape)
        Y[np.arange(N), labels] = 1.0
        return Y

    def checked(self, y_pred, y_true):
        p, Y = super().checked(y_pred, y_true)
        _check_probabilities(p, self.name, "y_pred", rows=True)
        return p, Y

    def value(self, p, Y):
        return -np.sum(Y * np.log(np.clip(p, PROB_FLOOR, 1.0))) / p.shape[0]

    def grad(self, p, Y):
        """dL/dp = -Y / (N p)."""
        return -Y / (p.shape[0] * np.clip(p, PROB_FLOOR, 1.0))


class BinaryCrossEntropy(Loss):
    name = "binary_cross_entropy"
    formula = r"L = -\frac{1}{N}\sum_n \left[y_n \log \hat y_n + (1 - y_n)\log(1 - \hat y_n)\right]"

    def target(self, y_true, shape):
        """0/1 targets shaped like y_pred; (N,) is accepted for (N, 1)."""
        Y = as_array(y_true, "y_true", ndim=(1, 2))
        if Y.shape != shape:
            if Y.ndim == 1 and shape == (Y.shape[0], 1):
                Y = Y.reshape(shape)
            else:
                raise ValueError(f"binary_cross_entropy: y_true must have shape {shape} "
                                 f"(or ({shape[0]},)), got {Y.shape}")
        if np.any((Y < 0) | (Y > 1)):
            raise ValueError("binary_cross_entropy: y_true must lie in [0, 1] (labels 0/1), "
                             f"got values from {Y.min()} to {Y.max()}")
        return Y

    def checked(self, y_pred, y_true):
        p, Y = super().checked(y_pred, y_true)
        _check_probabilities(p, self.name, "y_pred")
        return p, Y

    def value(self, p, Y):
        q = np.clip(p, PROB_FLOOR, 1.0 - PROB_FLOOR)
        return -np.sum(Y * np.log(q) + (1.0 - Y) * np.log1p(-q)) / p.shape[0]

    def grad(self, p, Y):
        """dL/dp = (p - y) / (N p (1 - p))."""
        q = np.clip(p, PROB_FLOOR, 1.0 - PROB_FLOOR)
        return (q - Y) / (p.shape[0] * q * (1.0 - q))


mse, mae = MSE(), MAE()
cross_entropy, binary_cross_entropy = CrossEntropy(), BinaryCrossEntropy()
TABLE = {loss.name: loss for loss in (mse, mae, cross_entropy, binary_cross_entropy)}


def names():
    """Names of the available losses."""
    return list(TABLE)


def get(name_or_loss):
    """Look a loss up by name; a Loss object is returned as is."""
    if isinstance(name_or_loss, Loss):
        return name_or_loss
    if not isinstance(name_or_loss, str):
        raise TypeError(f"loss must be a name (str) or a Loss, got {type(name_or_loss).__name__}")
    try:
        return TABLE[name_or_loss]
    except KeyError:
        raise ValueError(f"unknown loss {name_or_loss!r}; expected one of {names()}") from None
