"""The Playground's data and files, without any widget: check a student's
points, read a CSV, write and read an exported state.

Every reader checks everything before it returns and raises ``ValueError``
(or ``OSError`` for a missing file) naming what was expected and what came,
so the Playground can show the message and change nothing.
"""

from __future__ import annotations

import json
import pathlib

import numpy as np

from ..network import Network

MAX_CLASSES = 8
SETTINGS = ("batch", "lr", "optimizer", "l1", "l2")   # restored by an import
SHOWN = ("dataset", "noise", "ratio")                  # written for the reader only


def check_points(X, y):
    """Points for the Playground: X (N, 2) or (N, 1) finite floats, N ≥ 2;
    y (N,) int labels 0..7, or floats for regression.  Whole-number float
    labels of 2-D points become int labels (a CSV holds only floats).
    Returns (X, y)."""
    X, y = np.asarray(X, dtype=float), np.asarray(y)
    if X.ndim != 2 or X.shape[1] not in (1, 2) or y.shape != (len(X),) or len(X) < 2:
        raise ValueError(f"expected X of shape (N, 2) or (N, 1) with N >= 2 and y of shape "
                         f"(N,), got {X.shape} and {y.shape}")
    if y.dtype.kind not in "iuf":
        raise ValueError(f"expected numeric labels or targets, got dtype {y.dtype}")
    if not (np.all(np.isfinite(X)) and np.all(np.isfinite(y.astype(float)))):
        raise ValueError("the data contain NaN or inf")
    if y.dtype.kind == "f" and np.all(y == np.round(y)) and X.shape[1] == 2:
        y = y.astype(int)
    if y.dtype.kind in "iu" and (y.min() < 0 or y.max() >= MAX_CLASSES):
        raise ValueError(f"class labels must be 0..{MAX_CLASSES - 1}, "
                         f"got {y.min()}..{y.max()}")
    return X, y


def read_csv(path):
    """Rows ``x1,x2,label`` (a first line with letters is a header and is
    skipped) → check_points(X (N, 2), y (N,))."""
    path = pathlib.Path(path)
    with open(path, encoding="utf-8") as f:
        header = int(any(ch.isalpha() for ch in f.readline()))
    data = np.loadtxt(path, delimiter=",", ndmin=2, skiprows=header)
    if data.shape[1] != 3:
        raise ValueError(f"expected 3 columns (x1, x2, label), found {data.shape[1]}")
    return check_points(data[:, :2], data[:, 2])


def write_state(stem, net, settings, X, y, is_test, epoch):
    """Write ``stem.npz`` (Network.save: weights and structure) and
    ``stem.json`` (settings, points, train/test split, epoch).
    Returns the two paths."""
    stem = pathlib.Path(stem)
    weights, config = stem.with_suffix(".npz"), stem.with_suffix(".json")
    net.save(weights)
    state = dict(settings, X=X.tolist(), y=y.tolist(), is_test=is_test.tolist(),
                 epoch=int(epoch))
    config.write_text(json.dumps(state))
    return weights, config


def read_state(stem):
    """Read what write_state wrote and check that its parts agree.
    Returns a dict: net, settings (the SETTINGS keys), X, y, is_test, epoch."""
    stem = pathlib.Path(stem)
    net = Network.load(stem.with_suffix(".npz"))
    try:
        state = json.loads(stem.with_suffix(".json").read_text(encoding="utf-8"))
        settings = {key: state[key] for key in SETTINGS}
        X, y = check_points(state["X"], state["y"])
        is_test = np.asarray(state["is_test"])
        epoch = int(state["epoch"])
    except (KeyError, TypeError) as err:
        raise ValueError(f"{stem.with_suffix('.json')} is not a Playground state "
                         f"(missing or malformed {err})") from None
    if is_test.shape != y.shape or is_test.dtype != bool:
        raise ValueError(f"expected is_test as {len(y)} true/false values, "
                         f"got {is_test.dtype} of shape {is_test.shape}")
    regression = y.dtype.kind == "f"
    wanted = 1 if regression else int(y.max()) + 1
    if net.n_in != X.shape[1] or (net.n_out != wanted if regression else net.n_out < wanted):
        raise ValueError(f"the network ({net.n_in} inputs, {net.n_out} outputs) does not fit "
                         f"the data ({X.shape[1]} inputs, "
                         f"{'a target' if regression else f'{wanted} classes'})")
    return dict(net=net, settings=settings, X=X, y=y, is_test=is_test, epoch=epoch)
