"""Input checks shared by losses, layers and networks.

Each helper either returns a float64 view of its input or raises a
``ValueError`` / ``TypeError`` that says what was expected and what came.
They never modify their argument.
"""

from __future__ import annotations

import math

import numpy as np


def as_array(x, name, ndim=None):
    """``x`` as a float64 array; checks the number of dims and finiteness."""
    if type(x) is np.ndarray and x.dtype == np.float64:
        a = x                                   # the common case: nothing to convert
    else:
        a = _real(x, name)
    dims = (ndim,) if isinstance(ndim, int) else ndim
    if dims is not None and a.ndim not in dims:
        want = " or ".join(f"{d}-D" for d in dims)
        raise ValueError(f"{name} must be {want}, got shape {a.shape}")
    if not np.isfinite(np.add.reduce(a, axis=None)):   # one scalar; exact count if needed
        bad = int(np.size(a) - np.count_nonzero(np.isfinite(a)))
        if bad:            # (else the sum of huge finite values overflowed: fine)
            raise ValueError(f"{name} contains {bad} NaN or inf value(s); "
                             "expected finite numbers")
    return a


def _real(x, name):
    """x converted to float64, refusing what float() would silently mangle:
    complex numbers (the imaginary part would be dropped) and strings."""
    try:
        raw = np.asarray(x)
    except (TypeError, ValueError):       # ragged nested lists
        raise TypeError(f"{name} must be numeric array-like, got {type(x).__name__} "
                        "that is not a rectangular array") from None
    kinds = {raw.dtype.kind}
    if raw.dtype.kind == "O":
        kinds = {np.asarray(v).dtype.kind for v in raw.ravel()}
    if "c" in kinds:
        raise TypeError(f"{name} must hold real numbers, got complex values (the "
                        "imaginary part would be lost); pass x.real or abs(x) explicitly")
    if kinds & set("USV"):
        raise TypeError(f"{name} must be numeric array-like, got text or bytes "
                        f"({type(x).__name__}); convert it to numbers first")
    try:
        return raw.astype(float)
    except (TypeError, ValueError):
        raise TypeError(f"{name} must be numeric array-like, got {type(x).__name__}") from None


def as_inputs(X, n_features, name="X"):
    """Inputs of shape (N, n_features), finite."""
    X = as_array(X, name, ndim=2)
    if X.shape[1] != n_features:
        raise ValueError(f"{name} must have {n_features} feature column(s) (shape (N, "
                         f"{n_features})), got shape {X.shape}")
    if X.shape[0] == 0:
        raise ValueError(f"{name} is empty: expected at least one row, got shape {X.shape}")
    return X


def as_labels(y, n, n_classes, name="y"):
    """Integer class labels of shape (n,) with values in [0, n_classes)."""
    y = np.asarray(y)
    if y.shape != (n,):
        raise ValueError(f"{name} must be integer labels of shape ({n},), got shape {y.shape}")
    if y.dtype.kind == "f":
        if not np.all(np.isfinite(y)) or np.any(y != np.round(y)):
            raise ValueError(f"{name} must hold whole-number class labels, got {y.dtype} "
                             "values with fractions or NaN")
    elif y.dtype.kind not in "iub":
        raise ValueError(f"{name} must hold integer class labels, got dtype {y.dtype}")
    y = y.astype(int, copy=False)
    lo, hi = (np.minimum.reduce(y), np.maximum.reduce(y)) if n else (0, 0)
    if lo < 0 or hi >= n_classes:
        raise ValueError(f"{name} labels must lie in 0..{n_classes - 1} "
                         f"({n_classes} classes), got values from {lo} to {hi}")
    return y


def positive(value, name):
    """A strictly positive finite number (e.g. a learning rate)."""
    if isinstance(value, bool) or not isinstance(value, (int, float, np.floating, np.integer)):
        raise TypeError(f"{name} must be a number, got {type(value).__name__}")
    if not math.isfinite(value) or value <= 0:
        raise ValueError(f"{name} must be a positive number, got {value}")
    return float(value)


def non_negative(value, name):
    """A finite number >= 0 (e.g. a regularisation strength)."""
    if isinstance(value, bool) or not isinstance(value, (int, float, np.floating, np.integer)):
        raise TypeError(f"{name} must be a number, got {type(value).__name__}")
    if not math.isfinite(value) or value < 0:
        raise ValueError(f"{name} must be a number >= 0, got {value}")
    return float(value)


def rng_from(rng):
    """An ``np.random.Generator`` from a Generator, an int seed or None."""
    if isinstance(rng, np.random.Generator):
        return rng
    if rng is None or (isinstance(rng, (int, np.integer)) and not isinstance(rng, bool)):
        return np.random.default_rng(rng)
    raise TypeError(f"rng must be an np.random.Generator, an int seed or None, "
                    f"got {type(rng).__name__}")


def below_one(value, name):
    """A number in [0, 1), e.g. a momentum or Adam decay rate beta."""
    value = non_negative(value, name)
    if value >= 1:
        raise ValueError(f"{name} must be in [0, 1) (a decay rate; 1 never forgets, so "
                         f"the step grows without bound or divides by 1 - 1 = 0), got {value}")
    return value


def whole_number(value, name):
    """A whole number >= 0 (epochs, batch sizes)."""
    if isinstance(value, bool) or not isinstance(value, (int, np.integer)) or value < 0:
        raise ValueError(f"{name} must be a whole number >= 0, got {value!r}")
    return int(value)


def batch_size_of(batch_size, n):
    """Rows per batch: None -> n (full batch), else a positive int, at most n."""
    if batch_size is None:
        return n
    if whole_number(batch_size, "batch_size") == 0:
        raise ValueError("batch_size must be a positive int or None (full batch), got 0")
    return min(int(batch_size), n)
