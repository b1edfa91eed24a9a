"""The Playground's points: check them, split them into train and test, and
read them from a CSV file.  No widget here; every refusal is a ``ValueError``
naming what was expected and what came, and nothing is returned half-read.

Limits (the Playground trains live, every frame, on all of its points):

- at most ``MAX_POINTS`` = 10,000 points; a CSV is read line by line and the
  reader stops at the first row over the limit, so a file of a million rows
  is refused after 10,001 rows instead of being loaded whole;
- every coordinate and regression target within ±``MAX_ABS`` = 1e6 (larger
  values overflow the output grid and the training; rescale such data);
- class labels are whole numbers 0..7; NaN and inf are refused.
"""

from __future__ import annotations

import csv
import pathlib

import numpy as np

from ..lessons.l10_model import split_points

MAX_CLASSES = 8
MAX_POINTS = 10_000
MAX_ABS = 1e6
MAX_LINE = 10_000          # characters in one CSV line


def _numeric(values, name):
    """``values`` as a numeric array, or ValueError (strings, objects, ragged rows)."""
    try:
        a = np.asarray(values)
    except (ValueError, TypeError) as err:
        raise ValueError(f"expected {name} as a rectangular array of numbers, got rows of "
                         f"different lengths or kinds ({err})") from None
    if a.dtype.kind not in "iuf":
        raise ValueError(f"expected numeric {name}, got dtype {a.dtype}")
    return a


def check_points(X, y):
    """Points for the Playground: X (N, 2) or (N, 1) finite numbers within
    ±MAX_ABS, 2 <= N <= MAX_POINTS; y (N,) int labels 0..7, or floats for
    regression.  Whole-number float labels of 2-D points become int labels (a
    CSV holds only floats).  Returns (X float64, y)."""
    X, y = _numeric(X, "X").astype(float), _numeric(y, "labels or targets")
    if X.ndim != 2 or X.shape[1] not in (1, 2) or y.shape != (len(X),) or len(X) < 2:
        raise ValueError(f"expected X of shape (N, 2) or (N, 1) with N >= 2 and y of shape "
                         f"(N,), got {X.shape} and {y.shape}")
    if len(X) > MAX_POINTS:
        raise ValueError(f"expected at most {MAX_POINTS:,} points (the Playground trains on "
                         f"all of them every frame), got {len(X):,}")
    for name, values in (("coordinates", X), ("labels or targets", y.astype(float))):
        if not np.all(np.isfinite(values)):
            raise ValueError(f"the {name} contain NaN or inf; expected finite numbers")
        if np.abs(values).max() > MAX_ABS:
            raise ValueError(f"expected {name} within ±{MAX_ABS:g}, got "
                             f"{values.flat[np.abs(values).argmax()]:g}; rescale the data")
    if y.dtype.kind == "f" and np.all(y == np.round(y)) and X.shape[1] == 2:
        y = y.astype(int)
    if y.dtype.kind in "iu" and (y.min() < 0 or y.max() >= MAX_CLASSES):
        raise ValueError(f"class labels must be 0..{MAX_CLASSES - 1}, "
                         f"got {y.min()}..{y.max()}")
    return X, y


def split(n, ratio, rng):
    """Train/test split of n >= 2 points: ``is_test`` (n,) bool with
    n_train = round(ratio * n) clipped to 1..n-1, so there is always at least
    one training point and one test point.  ``rng``: a np.random.Generator."""
    if isinstance(n, bool) or not isinstance(n, (int, np.integer)) or n < 2:
        raise ValueError(f"expected a number of points n >= 2, got {n!r}")
    if isinstance(ratio, bool) or not isinstance(ratio, (int, float, np.floating)) or not (
            0 < ratio < 1):
        raise ValueError(f"expected a train ratio strictly between 0 and 1, got {ratio!r}")
    return split_points(int(n), float(ratio), rng)


def check_split(is_test, n):
    """``is_test`` as n true/false values with at least one training point."""
    is_test = np.asarray(is_test)
    if is_test.shape != (n,) or is_test.dtype != bool:
        raise ValueError(f"expected is_test as {n} true/false values, "
                         f"got {is_test.dtype} of shape {is_test.shape}")
    if is_test.all():
        raise ValueError(f"expected at least one training point, got all {n} points marked "
                         "as test (is_test all true)")
    return is_test


def _lines(f, limit):
    """The file's lines, each at most ``limit`` characters (bounded memory)."""
    for number in range(1, 10 ** 12):
        line = f.readline(limit + 1)
        if not line:
            return
        if len(line) > limit:
            raise ValueError(f"line {number} is longer than {limit:,} characters; expected "
                             "short rows x1,x2,label")
        yield line


def _number(field):
    try:
        return float(field)
    except ValueError:
        return None


def _rows(f):
    """Parsed rows [x1, x2, label] and the number of their line."""
    first = f.readline(MAX_LINE + 1)
    delimiter = ";" if first.count(";") >= 2 else ","     # x1;x2;label
    f.seek(0)
    reader = csv.reader(_lines(f, MAX_LINE), delimiter=delimiter, skipinitialspace=True)
    seen_data = False
    for row in reader:
        if not row or all(not field.strip() for field in row):
            continue                                  # blank line
        values = [_number(field) for field in row]
        where = f"line {reader.line_num}"
        if len(row) != 3:
            raise ValueError(f"expected 3 columns (x1, x2, label) separated by "
                             f"'{delimiter}', found {len(row)} on {where}: {row!r:.80}")
        if not seen_data and None in values:
            seen_data = True
            continue                                  # the header: not all numbers
        seen_data = True
        if values[2] is None and None not in values[:2]:
            raise ValueError(f"{where}: the label {row[2]!r:.40} is text; expected a class "
                             "number 0..7 (or a numeric target for regression)")
        if None in values:
            raise ValueError(f"{where}: {row!r:.80} does not hold 3 numbers "
                             f"(separator '{delimiter}', decimal point '.')")
        yield where, values


def read_csv(path, max_points=MAX_POINTS):
    """Rows ``x1,x2,label`` → check_points(X (N, 2), y (N,)).

    A header is a first row that does not parse as numbers (so ``1e-3``,
    ``2E5`` or ``nan`` rows are data, and ``nan`` is refused).  A UTF-8 BOM is
    skipped, fields may be quoted, and ``;`` works as the separator when the
    first line has no comma.  More than ``max_points`` rows are refused as
    soon as row ``max_points + 1`` is read."""
    path = pathlib.Path(path)
    data = []
    try:
        with open(path, encoding="utf-8-sig", newline="") as f:
            for where, values in _rows(f):
                if len(data) == max_points:
                    raise ValueError(f"more than {max_points:,} points (stopped at {where}); "
                                     "the Playground trains on at most that many")
                if not all(np.isfinite(values)):
                    raise ValueError(f"{where}: {values} holds NaN or inf; expected finite "
                                     "numbers")
                data.append(values)
    except UnicodeDecodeError as err:
        raise ValueError(f"{path.name} is not a UTF-8 text file ({err.reason} at byte "
                         f"{err.start})") from None
    except csv.Error as err:
        raise ValueError(f"{path.name} is not a readable CSV ({err})") from None
    if not data:
        raise ValueError(f"{path.name} holds no data rows; expected rows x1,x2,label")
    data = np.array(data)
    return check_points(data[:, :2], data[:, 2])
