"""Lesson 01: the perceptron and layers: its computations and exercise checks.

Computations (the numbers behind the lesson's figures and its neuron explorer):

    neuron_output(X, w, b, f) = f(X w + b)            X (N, 2), w (2,), b scalar -> (N,)
    boundary_line(w, b, xs)   = the line z = w1 x1 + w2 x2 + b = 0 over xs
    xor_correct(w, b)         = XOR points on their own side of z = 0 (sign(0) = -1)
    best_random_neuron(n, rng) = the most XOR points any of n random neurons gets right

The perceptron learning rule (online, one sample at a time, labels y in {-1, +1}):

    y_hat = sign(x . w + b),   w <- w + lr (y - y_hat) x,   b <- b + lr (y - y_hat)

    perceptron_step(x, y, w, b, lr)    one step: new (w (D,), b)
    train_perceptron(X, y, lr, epochs) epochs over the rows in order: updates per epoch,
                                       mistakes after each epoch, (w, b) after each epoch
    first_repeat(history)              the first epoch whose (w, b) equals an earlier one's:
                                       from there training cycles forever
"""

from __future__ import annotations

import numpy as np

from .. import activations as _act
from ..validation import as_inputs, positive, whole_number
from ._engine import as_real_array, call, compare, exercise_check, verdict

LESSON = 1
__all__ = ['perceptron_output', 'bias_as_weight', 'xor_weights', 'perceptron_rule']

#: the XOR problem: inputs (4, 2) and targets in the course's {-1, +1}
XOR_X = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], dtype=float)
XOR_Y = np.array([-1, 1, 1, -1])


def neuron_output(X, w, b, activation="sign"):
    """a = f(X w + b): one neuron's output for each row of X (N, D) -> (N,)."""
    return _act.get(activation)(np.asarray(X, dtype=float) @ np.asarray(w, dtype=float) + b)


def boundary_line(w, b, xs):
    """Two points (x, y) of the boundary w1 x1 + w2 x2 + b = 0 spanning xs =
    (lo, hi): x2 = -(w1 x1 + b) / w2, or the vertical x1 = -b / w1 when w2 = 0;
    empty arrays when w = 0 (no boundary)."""
    (w1, w2), xs = np.asarray(w, dtype=float), np.asarray(xs, dtype=float)
    if abs(w2) > 1e-12:
        return xs, -(w1 * xs + b) / w2
    if abs(w1) > 1e-12:
        return np.full(2, -b / w1), xs
    return np.zeros(0), np.zeros(0)


def xor_correct(w, b):
    """How many of XOR's four points a neuron puts on the side of their label:
    z > 0 means +1, z <= 0 means -1 (the course's sign), whatever f follows."""
    predicted = np.where(XOR_X @ np.asarray(w, dtype=float) + b > 0, 1, -1)
    return int(np.sum(predicted == XOR_Y))


def best_random_neuron(n=20_000, rng=None, scale=3.0):
    """The best XOR score over n neurons with (w1, w2, b) uniform in [-scale, scale]."""
    params = np.random.default_rng(rng).uniform(-scale, scale, size=(n, 3))
    outputs = np.where(XOR_X @ params[:, :2].T + params[:, 2] > 0, 1, -1)   # (4, n)
    return int((outputs == XOR_Y[:, None]).sum(axis=0).max())


def _sign(z):
    return np.where(z > 0, 1.0, -1.0)


def perceptron_step(x, y, w, b, lr=1.0):
    """One step of the perceptron rule on one sample x (D,) with label y in {-1, +1}:
    y_hat = sign(x . w + b) (sign(0) = -1), w + lr (y - y_hat) x, b + lr (y - y_hat).
    Returns new (w (D,), b float); a correctly classified sample changes nothing."""
    err = y - float(_sign(x @ w + b))
    return w + lr * err * x, b + lr * err


def train_perceptron(X, y, lr=1.0, epochs=20, step=perceptron_step):
    """Online training from w = 0, b = 0: each epoch applies ``step`` to the rows of
    X (N, D) in order.  y: labels (N,) in {-1, +1}.

    Returns a dict: w, b (after the last epoch); updates (epochs,) = steps that
    changed (w, b) in each epoch; mistakes (epochs,) = points the weights
    misclassify at the end of each epoch; history = [(w, b)] after each epoch."""
    X = as_inputs(X, np.shape(X)[-1] if np.ndim(X) == 2 else 2)
    y = np.asarray(y)
    if y.shape != (len(X),) or not np.all(np.isin(y, (-1, 1))):
        raise ValueError(f"y must be {len(X)} labels in {{-1, +1}} (shape ({len(X)},)), got "
                         f"shape {y.shape} with values {np.unique(y)[:5].tolist()}")
    lr, epochs = positive(lr, "lr"), whole_number(epochs, "epochs")
    w, b = np.zeros(X.shape[1]), 0.0
    updates, mistakes, history = [], [], []
    for _ in range(epochs):
        changed = 0
        for x, t in zip(X, y):
            w_new, b_new = step(x, float(t), w, b, lr)
            changed += not (np.array_equal(w_new, w) and b_new == b)
            w, b = np.asarray(w_new, dtype=float), float(b_new)
        updates.append(changed)
        mistakes.append(int(np.sum(_sign(X @ w + b) != y)))
        history.append((w.copy(), b))
    return {"w": w, "b": b, "updates": np.array(updates, dtype=int),
            "mistakes": np.array(mistakes, dtype=int), "history": history}


def first_repeat(history):
    """(earlier, later): the first epoch index ``later`` whose (w, b) equals that of an
    earlier epoch ``earlier`` (0-based), or None.  The epoch map is deterministic, so
    from there on the epochs earlier+1..later repeat forever."""
    seen = {}
    for e, (w, b) in enumerate(history):
        key = (tuple(np.asarray(w, dtype=float)), float(b))
        if key in seen:
            return seen[key], e
        seen[key] = e
    return None


@exercise_check
def perceptron_output(fn, strict=False):
    """Lesson 01: fn(X, w, b) must return sign(X w + b) with sign(0) = -1, shape (N,)."""
    X = np.array([[1.0, 2.0], [-1.0, 0.5], [1.0, 0.5], [3.0, -1.0]])
    w = np.array([0.5, -1.0])            # the third row lies exactly on the boundary
    return compare(fn, lambda X, w, b: _sign(X @ w + b), [(X, w, 0.0), (X, w, 0.75)],
                   "perceptron output", hints=[
        (lambda X, w, b: np.sign(X @ w + b), "np.sign(0) is 0; the course's sign gives -1 "
         "at 0 (use np.where(z > 0, 1, -1))."),
        (lambda X, w, b: np.where(X @ w + b >= 0, 1.0, -1.0), "`>= 0` gives +1 on the "
         "boundary z = 0; the course's sign gives -1 there (use z > 0)."),
        (lambda X, w, b: _sign(X @ w), "the bias b is missing."),
        (lambda X, w, b: X @ w + b, "that is z; apply the sign activation to it.")],
        strict=strict)


@exercise_check
def bias_as_weight(fn, strict=False):
    """Lesson 01: fn(X, W, b) must return (X1, W1) with X1 = [X, 1] (N, D+1) and
    W1 = [W; b] (D+1, K), so that X1 @ W1 == X @ W + b."""
    rng = np.random.default_rng(1)
    X, W, b = rng.normal(size=(5, 3)), rng.normal(size=(3, 2)), rng.normal(size=2)
    ones = np.ones((5, 1))
    return compare(fn, lambda X, W, b: (np.hstack([X, ones]), np.vstack([W, b])),
                   [(X, W, b)], "bias as weight", parts=("X1", "W1"), hints=[
        (lambda X, W, b: (np.hstack([X, 0 * ones]), np.vstack([W, b])),
         "the extra column of X1 must hold ones (the constant input the bias multiplies)."),
        (lambda X, W, b: (np.hstack([X, ones]), np.vstack([W, 0 * b])),
         "the extra row of W1 must be b, so that X1 @ W1 == X @ W + b."),
        (lambda X, W, b: (np.hstack([ones, X]), np.vstack([b, W])),
         "put the column of ones LAST (and b as the last row of W1).")],
        success="is right: X1 @ W1 equals X @ W + b, the bias is one more weight.", strict=strict)


def _xor_parts(answer, strict):
    """The four arrays of an xor_weights answer, or a Verdict naming the problem."""
    names, shapes = ("W1", "b1", "W2", "b2"), ((2, 2), (2,), (2, 1), (1,))
    if not isinstance(answer, (tuple, list)) or len(answer) != 4:
        return verdict(False, "xor weights: return 4 arrays (W1, b1, W2, b2), got "
                       f"{type(answer).__name__} {answer!r:.60}.", strict)
    arrays = []
    for name, shape, value in zip(names, shapes, answer):
        arr, error = as_real_array(value, name, np.zeros(shape))
        if error:
            return verdict(False, f"xor weights: {error}", strict)
        if arr.shape != shape:
            return verdict(False, f"xor weights: {name} has shape {arr.shape}, expected "
                           f"{shape} (W1 (2, 2), b1 (2,), W2 (2, 1), b2 (1,)).", strict)
        arrays.append(arr)
    return arrays


@exercise_check
def xor_weights(fn, strict=False):
    """Lesson 01: fn() returns (W1 (2, 2), b1 (2,), W2 (2, 1), b2 (1,)) of a sign
    network 2-2-1 that outputs +1 exactly for the XOR-true inputs."""
    answer, error = call(fn, (), "xor weights")
    if error:
        return verdict(False, error, strict)
    parts = _xor_parts(answer, strict)
    if not isinstance(parts, list):
        return parts
    W1, b1, W2, b2 = parts
    got = _sign(_sign(XOR_X @ W1 + b1) @ W2 + b2)[:, 0].astype(int)
    if np.array_equal(got, XOR_Y):
        return verdict(True, "your hidden layer solves XOR: all four points correct.", strict)
    return verdict(False, f"outputs {got.tolist()} for inputs (0,0), (0,1), (1,0), (1,1); "
                   f"expected {XOR_Y.tolist()}. Hint: one hidden neuron for 'x1 OR x2', one "
                   "for 'x1 AND x2', and an output for 'OR and not AND'.", strict)


#: the typical wrong versions of the perceptron rule (x, y, w, b, lr) -> (w, b)
RULE_BUGS = {
    "wrong sign": (lambda x, y, w, b, lr: (w - lr * (y - _sign(x @ w + b)) * x,
                                           b - lr * (y - _sign(x @ w + b))),
                   "the update has the wrong sign: it must move w towards y x, "
                   "w + η (y − ŷ) x (and b + η (y − ŷ))."),
    "no bias": (lambda x, y, w, b, lr: (w + lr * (y - _sign(x @ w + b)) * x, b),
                "the bias must learn too: b + η (y − ŷ), the update of a weight whose input is "
                "always 1."),
    "np.sign": (lambda x, y, w, b, lr: (w + lr * (y - np.sign(x @ w + b)) * x,
                                        b + lr * (y - np.sign(x @ w + b))),
                "np.sign(0) is 0; the course's sign gives ŷ = -1 at z = 0 (use "
                "np.where(z > 0, 1, -1))."),
    "z for y_hat": (lambda x, y, w, b, lr: (w + lr * (y - (x @ w + b)) * x,
                                            b + lr * (y - (x @ w + b))),
                    "use the perceptron's output ŷ = sign(x · w + b), not z itself."),
    "no lr": (lambda x, y, w, b, lr: (w + (y - _sign(x @ w + b)) * x, b + (y - _sign(x @ w + b))),
              "multiply the correction by the learning rate η (lr)."),
}


@exercise_check
def perceptron_rule(fn, strict=False):
    """Lesson 01: fn(x, y, w, b, lr) must return (w_new, b_new) of one perceptron step:
    w + lr (y - y_hat) x and b + lr (y - y_hat), y_hat = sign(x . w + b), sign(0) = -1."""
    cases = [(np.array([1.0, 2.0]), 1.0, np.array([-1.0, 0.5]), -0.5, 0.5),    # ŷ = -1, y = +1
             (np.array([2.0, -1.0]), -1.0, np.array([1.0, 1.0]), 0.2, 0.1),    # ŷ = +1, y = -1
             (np.array([0.5, 0.5]), 1.0, np.array([1.0, 1.0]), 0.0, 1.0),      # right: no change
             (np.array([1.0, 1.0]), 1.0, np.array([0.5, -0.5]), 0.0, 1.0)]     # z = 0 exactly
    return compare(fn, perceptron_step, cases, "perceptron rule", parts=("w_new", "b_new"),
                   hints=[(wrong, text) for wrong, text in RULE_BUGS.values()],
                   success="is right: a mistake moves (w, b) by η (y − ŷ) (x, 1), a correct "
                   "answer leaves them alone.", strict=strict)
