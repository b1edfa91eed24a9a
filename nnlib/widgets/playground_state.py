"""The Playground's exported state, without any widget: write it safely, and
read it back checking the whole file before anything is used.

An export is two files beside each other: ``STEM.npz`` (Network.save: the
layers and weights) and ``STEM.json`` (settings, points, train/test split,
epoch, the per-epoch history of losses and accuracies that the loss chart
shows, and the SHA-256 of the .npz, which ties the pair together).  The
suffix is appended to the stem, so ``run.1`` and ``run.2`` never collide; a
stem given as ``run.npz`` or ``run.json`` means ``run``.  Each file is written
to a temporary file in the same folder and renamed over the old one
(``os.replace``), so an interrupted export leaves the old files whole.

``read_state`` refuses, with a ``ValueError`` naming what was expected and
what came, anything the Playground's controls could not have produced: a
hidden layer or setting outside ``OFFERED`` (e.g. hidden size 40, lr 50,
batch 1e300, a softmax hidden layer), an output layer that does not fit the
task, non-finite numbers (``"epoch": Infinity``), JSON nested deeper than the
format or a file larger than ``MAX_BYTES``.  It reads at most ``MAX_BYTES`` of
each file.
"""

from __future__ import annotations

import hashlib
import json
import os
import pathlib
import re
import tempfile
import zipfile

import numpy as np

from ..activations import names as activation_names
from ..network import Network
from ..optim import names as optimizer_names
from .playground_data import (  # noqa: F401  (re-exported: the Playground's one import)
    MAX_ABS,
    MAX_CLASSES,
    MAX_POINTS,
    check_points,
    check_split,
    read_csv,
    split,
)

SETTINGS = ("batch", "lr", "optimizer", "l1", "l2")   # restored by an import
SHOWN = ("dataset", "noise", "ratio")                  # written for the reader only
DATASETS = ("circles", "xor", "blobs", "spirals", "moons", "regression_1d", "custom")
PENALTIES = (0.0, 0.0001, 0.001, 0.003, 0.01, 0.03)
#: what the controls offer: (low, high) for numbers, a tuple of choices otherwise
OFFERED = {"batch": (1, 128), "lr": (1e-4, 1.0), "optimizer": tuple(optimizer_names()),
           "l1": PENALTIES, "l2": PENALTIES, "dataset": DATASETS, "noise": (0.0, 0.5),
           "ratio": (0.1, 0.9), "epoch": (0, 10 ** 9)}
WHOLE = ("batch", "epoch")                             # whole numbers only
MAX_HIDDEN_LAYERS, MAX_HIDDEN_SIZE = 6, 16
MAX_BYTES = 4_000_000        # per file: 10,000 points take about 1 MB of JSON
MAX_DEPTH = 3                # {"X": [[x1, x2], ...]}: an object, a list, a row
#: the per-epoch records written with the state (nnlib.epochs.History)
RECORDS = ("loss", "val_loss", "accuracy", "val_accuracy")
#: a history longer than this many epochs is not written (the chart starts empty)
MAX_HISTORY = 20_000
KEYS = (set(SETTINGS) | set(SHOWN) | set(RECORDS)
        | {"X", "y", "is_test", "epoch", "weights_sha256"})


def check_setting(key, value):
    """``value`` if the control ``key`` can take it: TypeError for the wrong
    kind (a string or null for a number), ValueError outside OFFERED[key]
    (numbers: a tiny tolerance for the log slider's rounding)."""
    offered = OFFERED[key]
    if isinstance(offered[0], str) or key in ("l1", "l2"):
        if isinstance(value, bool) or value not in offered:
            raise ValueError(f"{key} = {value!r} is not a value the playground offers; "
                             f"expected one of {list(offered)}")
        return value
    low, high = offered
    number = isinstance(value, (int, float)) and not isinstance(value, bool)
    if not number or (key in WHOLE and not isinstance(value, int)):
        kind = "a whole number" if key in WHOLE else "a number"
        raise TypeError(f"{key} = {value!r} is not a value the playground offers; expected "
                         f"{kind} from {low:g} to {high:g}")
    if not (np.isfinite(value) and low * (1 - 1e-9) <= value <= high * (1 + 1e-9)):
        raise ValueError(f"{key} = {value!r} is not a value the playground offers; expected "
                         f"{low:g} to {high:g}")
    return value


def check_network(net, X, y):
    """The network must be one the Playground could have built for (X, y):
    at most 6 hidden layers of 1..16 neurons with an elementwise activation,
    a softmax output with max(2, classes)..8 units for labels, one linear
    output for regression targets, and X.shape[1] inputs."""
    hidden, out = net.layers[:-1], net.layers[-1]
    if len(hidden) > MAX_HIDDEN_LAYERS:
        raise ValueError(f"expected at most {MAX_HIDDEN_LAYERS} hidden layers, got "
                         f"{len(hidden)}")
    for l, layer in enumerate(hidden, start=1):
        if not 1 <= layer.n_out <= MAX_HIDDEN_SIZE:
            raise ValueError(f"hidden layer {l}: expected 1..{MAX_HIDDEN_SIZE} neurons, got "
                             f"{layer.n_out}")
        if layer.activation.name not in activation_names():
            raise ValueError(f"hidden layer {l}: expected one of {activation_names()}, got "
                             f"{layer.activation.name!r}")
    regression = y.dtype.kind == "f"
    want = ("linear", 1, 1) if regression else ("softmax", max(2, int(y.max()) + 1), MAX_CLASSES)
    if net.n_in != X.shape[1] or out.activation.name != want[0] or not (
            want[1] <= out.n_out <= want[2]):
        task = "a regression target" if regression else f"{want[1]} classes"
        raise ValueError(f"the network ({net.n_in} inputs, {out.n_out} {out.activation.name} "
                         f"outputs) does not fit the data ({X.shape[1]} inputs, {task}: "
                         f"expected {want[1]} to {want[2]} {want[0]} outputs)")


def keeps_history(history, epoch):
    """True when an export writes ``history``: it holds one training loss per
    epoch and at most MAX_HISTORY of them."""
    return 0 < len(getattr(history, "loss", [])) == epoch <= MAX_HISTORY


def history_records(history, epoch):
    """{record: list} of ``history`` for JSON (NaN as null), or {} unless
    keeps_history (also for None)."""
    if not keeps_history(history, epoch):
        return {}
    return {key: [float(v) if np.isfinite(v) else None for v in getattr(history, key)]
            for key in RECORDS}


def check_records(state, epoch):
    """The history of a state as {record: float array} (null -> NaN): every
    record empty or one number per epoch, losses >= 0, accuracies in [0, 1];
    all empty when the file has none (an older export)."""
    found = {}
    for key in RECORDS:
        values = state.get(key, [])
        if not isinstance(values, list) or not all(
                v is None or (isinstance(v, (int, float)) and not isinstance(v, bool))
                for v in values):
            got = "other values" if isinstance(values, list) else type(values).__name__
            raise ValueError(f"{key}: expected a list of numbers (null for none), got {got}")
        if values and len(values) != epoch:
            raise ValueError(f"{key}: expected one value per epoch ({epoch}), got {len(values)}")
        array = np.array([np.nan if v is None else v for v in values], dtype=float)
        high = 1.0 if "accuracy" in key else np.inf
        if ((array < 0) | (array > high)).any():
            raise ValueError(f"{key}: expected values from 0 to {high:g}")
        found[key] = array
    if not found["loss"].size and any(a.size for a in found.values()):
        raise ValueError("a history without its training loss")
    return found


def paths(stem):
    """(STEM.npz, STEM.json): the suffixes are appended, never substituted."""
    stem = pathlib.Path(stem)
    if stem.suffix in (".npz", ".json"):
        stem = stem.with_suffix("")
    return stem.parent / (stem.name + ".npz"), stem.parent / (stem.name + ".json")


def _temporary(path):
    """A new empty file beside ``path`` (same folder, so os.replace is atomic)."""
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    os.close(fd)
    return pathlib.Path(tmp)


def write_state(stem, net, settings, X, y, is_test, epoch, history=None):
    """Write ``STEM.npz`` (Network.save) and ``STEM.json`` (settings, points,
    split, epoch, and ``history``'s records: see history_records).  Both are
    written to temporary files first and then renamed over the old ones, so
    an interruption while writing leaves the old pair whole.  A state
    read_state would refuse is not written (ValueError, nothing changed).
    Returns the two paths."""
    weights, config = paths(stem)
    X, y = check_points(X, y)
    is_test = check_split(is_test, len(y))
    check_network(net, X, y)
    for key, value in settings.items():
        if key not in SETTINGS + SHOWN:
            raise ValueError(f"unknown setting {key!r}; expected {SETTINGS + SHOWN}")
        check_setting(key, value)
    check_setting("epoch", int(epoch))
    temporary = [_temporary(weights), _temporary(config)]
    try:
        net.save(temporary[0])
        state = dict(settings, X=X.tolist(), y=y.tolist(), is_test=is_test.tolist(),
                     epoch=int(epoch), **history_records(history, int(epoch)),
                     weights_sha256=hashlib.sha256(temporary[0].read_bytes()).hexdigest())
        temporary[1].write_text(json.dumps(state), encoding="utf-8")
        os.replace(temporary[0], weights)
        os.replace(temporary[1], config)
    finally:
        for tmp in temporary:
            tmp.unlink(missing_ok=True)
    return weights, config


def _read_bytes(path):
    """At most MAX_BYTES of ``path``; ValueError for a larger file."""
    with open(path, "rb") as f:
        data = f.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        raise ValueError(f"the file is larger than {MAX_BYTES:,} bytes; expected a "
                         "Playground export")
    return data


def _refuse_constant(name):
    raise ValueError(f"{name} is not a finite number; expected finite numbers only")


def _parse_json(path):
    text = _read_bytes(path).decode("utf-8", errors="strict")
    bare = re.sub(r'"(?:[^"\\]|\\.)*"', '""', text).encode()   # brackets inside strings
    steps = np.frombuffer(bare, np.uint8)
    opens, closes = (np.isin(steps, np.frombuffer(b, np.uint8)) for b in (b"[{", b"]}"))
    depth = np.cumsum(opens.astype(int) - closes)
    if depth.size and depth.max() > MAX_DEPTH:
        raise ValueError(f"the JSON is nested {depth.max()} levels deep; the format has "
                         f"{MAX_DEPTH} (an object of lists of rows)")
    state = json.loads(text, parse_constant=_refuse_constant)
    if not isinstance(state, dict):
        raise ValueError(f"expected a JSON object, got {type(state).__name__}")
    return state


def _load_net(path):
    """Network.load after checking the file's size and its members' sizes."""
    with open(path, "rb"):                     # OSError for a missing file
        pass
    if os.path.getsize(path) > MAX_BYTES:
        raise ValueError(f"{path.name} is larger than {MAX_BYTES:,} bytes")
    try:
        with zipfile.ZipFile(path) as z:
            unpacked = sum(info.file_size for info in z.infolist())
    except zipfile.BadZipFile as err:
        raise ValueError(f"{path.name}: not an nnlib model file ({err})") from None
    if unpacked > MAX_BYTES:
        raise ValueError(f"{path.name} unpacks to {unpacked:,} bytes; expected at most "
                         f"{MAX_BYTES:,}")
    return Network.load(path)


def read_state(stem):
    """Read what write_state wrote and check every part, and that they agree.
    Returns a dict: net, settings (the SETTINGS keys), shown (the SHOWN keys
    present), X, y, is_test, epoch, history ({record: array}, see
    check_records).  ValueError (or OSError) otherwise."""
    weights, config = paths(stem)
    net = _load_net(weights)
    try:
        state = _parse_json(config)
        unknown = set(state) - KEYS
        if unknown:
            raise ValueError(f"unexpected keys {sorted(unknown)}; expected {sorted(KEYS)}")
        settings = {key: check_setting(key, state[key]) for key in SETTINGS}
        shown = {key: check_setting(key, state[key]) for key in SHOWN if key in state}
        X, y = check_points(state["X"], state["y"])
        is_test = check_split(state["is_test"], len(y))
        epoch = check_setting("epoch", state["epoch"])
        history = check_records(state, epoch)
        digest = state.get("weights_sha256")
    except (KeyError, TypeError, UnicodeDecodeError, RecursionError) as err:
        raise ValueError(f"{config.name} is not a Playground state (missing or malformed "
                         f"{err})") from None
    except ValueError as err:
        raise ValueError(f"{config.name}: {err}") from None
    if digest is not None and digest != hashlib.sha256(weights.read_bytes()).hexdigest():
        raise ValueError(f"{weights.name} does not belong to {config.name} (its SHA-256 "
                         "differs: an interrupted export, or files from two exports)")
    check_network(net, X, y)
    return dict(net=net, settings=settings, shown=shown, X=X, y=y, is_test=is_test,
                epoch=epoch, history=history)
