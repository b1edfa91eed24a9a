"""Lesson 14: a two-layer softmax network written by hand, numpy only.

For a batch X (N, D), int labels y (N,), hidden width H, K classes and a hidden
activation f (an nnlib activation object):

    forward    Z1 = X W1 + b1 (N, H),  A1 = f(Z1),  S = A1 W2 + b2 (N, K)
               P = softmax(S) row by row,  L = -(1/N) sum_n log P[n, y_n]
    backward   dS = (P - onehot(y)) / N,  dW2 = A1^T dS,  db2 = sum_n dS
               dA1 = dS W2^T,  dZ1 = dA1 * f'(Z1),  dW1 = X^T dZ1,  db1 = sum_n dZ1
    update     p <- p - lr * dp for p in (W1, b1, W2, b2)

``REFERENCE`` holds the worked versions of the five parts; ``train_two_layer``
trains with any set of parts (the student's, once their checks pass).  The
checks compare a student's part with nnlib's own ``Network`` on the same
weights (Dense layers with W, b copied in, ``net.backprop``) and the backward
pass also with finite differences (``nnlib.numerical_gradient``).
"""

from __future__ import annotations

import numpy as np

from .. import Dense, Network, activations, numerical_gradient
from ..activations import softmax as _softmax
from ..losses import cross_entropy
from ..validation import rng_from
from ._engine import as_real_array, call, exercise_check, fresh, verdict

LESSON = 14
__all__ = ["two_layer_forward", "two_layer_softmax", "two_layer_loss", "two_layer_backward",
           "two_layer_update"]


def forward(X, W1, b1, W2, b2, f):
    """(Z1 (N, H), A1 (N, H), scores (N, K)) of the two-layer network."""
    Z1 = X @ W1 + b1
    A1 = f(Z1)
    return Z1, A1, A1 @ W2 + b2


def softmax(scores):
    """Row-wise softmax with each row's maximum subtracted first; (N, K) -> (N, K)."""
    e = np.exp(scores - scores.max(axis=1, keepdims=True))
    return e / e.sum(axis=1, keepdims=True)


def loss(probs, y):
    """Mean cross-entropy -(1/N) sum_n log P[n, y_n]; a float."""
    return float(-np.mean(np.log(probs[np.arange(len(y)), y])))


def backward(X, y, Z1, A1, probs, W2, f):
    """(dW1, db1, dW2, db2) of the mean cross-entropy, shapes of W1, b1, W2, b2."""
    dS = probs.copy()
    dS[np.arange(len(y)), y] -= 1
    dS /= len(y)
    dZ1 = dS @ W2.T * f.derivative(Z1)
    return X.T @ dZ1, dZ1.sum(axis=0), A1.T @ dS, dS.sum(axis=0)


def update(params, grads, lr):
    """New (W1, b1, W2, b2) = p - lr * dp; the inputs are left unchanged."""
    return tuple(p - lr * g for p, g in zip(params, grads))


#: the worked parts, by the names ``train_two_layer`` uses
REFERENCE = {"forward": forward, "softmax": softmax, "loss": loss, "backward": backward,
             "update": update}


def yours_or_reference(yours, verdicts):
    """The parts to train with: the student's where its check passed, else the
    reference (and a sentence saying which)."""
    parts = {k: (yours[k] if verdicts.get(k) else REFERENCE[k]) for k in REFERENCE}
    missing = [k for k in REFERENCE if not verdicts.get(k)]
    print("Training with your " + ", ".join(k for k in REFERENCE if k not in missing)
          if not missing else f"Not checked correct yet: {', '.join(missing)}; nnlib's "
          "reference stands in for those parts until their checks pass.")
    return parts


def init_params(D, H, K, rng=0):
    """W1 (D, H), W2 (H, K) with He scale sqrt(2 / n_in); zero biases."""
    rng = rng_from(rng)
    return (rng.normal(size=(D, H)) * np.sqrt(2 / D), np.zeros(H),
            rng.normal(size=(H, K)) * np.sqrt(2 / H), np.zeros(K))


def train_two_layer(X, y, hidden=100, lr=1.0, steps=1000, f=activations.relu, parts=None,
                    rng=0):
    """Full-batch gradient descent with the given parts (default REFERENCE).

    Returns a dict: loss (steps,), ratio (steps, 2) = ||lr dW|| / ||W|| for W1
    and W2 before each update, accuracy (training, after the last step), params."""
    p = parts or REFERENCE
    params = init_params(X.shape[1], hidden, int(y.max()) + 1, rng)
    losses, ratios = [], []
    with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
        for _ in range(steps):
            Z1, A1, scores = p["forward"](X, *params, f)
            probs = p["softmax"](scores)
            losses.append(p["loss"](probs, y))
            grads = p["backward"](X, y, Z1, A1, probs, params[2], f)
            ratios.append([np.linalg.norm(lr * grads[i]) / np.linalg.norm(params[i])
                           for i in (0, 2)])
            params = p["update"](params, grads, lr)
        scores = p["forward"](X, *params, f)[2]
    return {"loss": np.array(losses), "ratio": np.array(ratios), "params": params,
            "accuracy": float(np.mean(scores.argmax(axis=1) == y))}


def train_linear(X, y, lr=1.0, steps=1000):
    """A linear softmax classifier S = X W + b trained the same way (full batch,
    same lr and steps): (loss history (steps,), training accuracy)."""
    K = int(y.max()) + 1
    W, b, history = np.zeros((X.shape[1], K)), np.zeros(K), []
    for _ in range(steps):
        probs = softmax(X @ W + b)
        history.append(loss(probs, y))
        dS = probs.copy()
        dS[np.arange(len(y)), y] -= 1
        dS /= len(y)
        W, b = W - lr * X.T @ dS, b - lr * dS.sum(axis=0)
    return np.array(history), float(np.mean((X @ W + b).argmax(axis=1) == y))


def relative_error(analytic, numeric, floor=1e-12):
    """Largest |a - n| / max(|a|, |n|) over the entries (0 where both are ~0)."""
    a, n = np.asarray(analytic, float), np.asarray(numeric, float)
    return float(np.max(np.abs(a - n) / np.maximum(np.maximum(np.abs(a), np.abs(n)), floor)))


def gradient_errors(X, y, params, f=activations.relu, back=backward, eps=1e-5):
    """Relative error of ``back``'s gradients against numerical_gradient, one
    float per parameter (W1, b1, W2, b2)."""
    params = tuple(np.array(p, dtype=float) for p in params)
    Z1, A1, scores = forward(X, *params, f)
    grads = back(X, y, Z1, A1, softmax(scores), params[2], f)

    def loss_of(_):
        return loss(softmax(forward(X, *params, f)[2]), y)

    return [relative_error(g, numerical_gradient(loss_of, p, eps)) for g, p in zip(grads, params)]


def near_kink(X, params, unit=0, sample=0, offset=3e-6):
    """params with b1[unit] moved so that Z1[sample, unit] = offset, a point
    closer to relu's kink at 0 than a finite-difference step of 1e-5."""
    W1, b1, W2, b2 = (np.array(p, dtype=float) for p in params)
    b1[unit] += offset - (X[sample] @ W1 + b1)[unit]
    return W1, b1, W2, b2


# ---------------------------------------------------------------- checks


def _case(act, rng=14, N=6, D=2, H=5, K=3):
    rng = np.random.default_rng(rng)
    X, y = rng.normal(size=(N, D)), rng.integers(0, K, N)
    params = (rng.normal(size=(D, H)), rng.normal(size=H) * 0.5, rng.normal(size=(H, K)),
              rng.normal(size=K) * 0.5)
    return X, y, params, activations.get(act)


def _network(params, f):
    """nnlib's Network holding the same weights: Dense(D, H, f), Dense(H, K, softmax)."""
    W1, b1, W2, b2 = params
    net = Network([Dense(*W1.shape, f.name), Dense(*W2.shape, "softmax")])
    for layer, W, b in zip(net.layers, (W1, W2), (b1, b2)):
        layer.W, layer.b = W.copy(), b.copy()
    return net


def _parts(fn, args, label, names, wants, hints, strict):
    """Compare fn(*args) part by part with wants; a wrong part that equals the
    same part of a hint function's output gets that hint's text."""
    with np.errstate(all="ignore"):
        got, error = call(fn, args, label)
    if error:
        return verdict(False, error, strict)
    single = len(names) == 1
    if single:
        got = (got,)
    elif not isinstance(got, (tuple, list)) or len(got) != len(names):
        return verdict(False, f"{label}: return {len(names)} values ({', '.join(names)}), "
                       f"got {type(got).__name__} {got!r:.60}.", strict)
    arrays = []
    for name, g, w in zip(names, got, wants):
        arr, error = as_real_array(g, name, w)
        if error:
            return verdict(False, f"{label}: {error}", strict)
        arrays.append(arr)
    for i, (name, g, w) in enumerate(zip(names, arrays, wants)):
        w = np.asarray(w, dtype=float)
        if g.shape == w.shape and np.allclose(g, w, rtol=1e-6, atol=1e-9):
            continue
        for wrong_fn, text in hints:
            with np.errstate(all="ignore"):
                try:
                    wrong = wrong_fn(*fresh(args))
                except Exception:  # noqa: BLE001 — a hint that does not apply here
                    continue
            wi = np.asarray(wrong if single else wrong[i], dtype=float)
            if wi.shape == g.shape and np.allclose(g, wi, rtol=1e-6, atol=1e-9,
                                                   equal_nan=True):
                where = label if single else f"{label}: {name}"
                return verdict(False, f"{where}: {text}", strict)
        if g.shape != w.shape:
            return verdict(False, f"{label}: {name} has shape {g.shape}, expected {w.shape}.",
                           strict)
        if not np.all(np.isfinite(g)):
            return verdict(False, f"{label}: {name} holds NaN or inf.", strict)
        return verdict(False, f"{label}: {name} has the right shape but wrong values (largest "
                       f"difference {np.abs(g - w).max():.3g}).", strict)
    return None


@exercise_check
def two_layer_forward(fn, strict=False):
    """Lesson 14: fn(X, W1, b1, W2, b2, f) must return (Z1, A1, scores)."""
    hints = [(lambda X, W1, b1, W2, b2, f: (X @ W1, f(X @ W1), f(X @ W1) @ W2),
              "the biases are missing: Z1 = X W1 + b1 and scores = A1 W2 + b2."),
             (lambda X, W1, b1, W2, b2, f: (X @ W1 + b1, X @ W1 + b1, (X @ W1 + b1) @ W2 + b2),
              "A1 must be f(Z1): the hidden activation is missing."),
             (lambda X, W1, b1, W2, b2, f: forward(X, W1, b1, W2, b2, f)[:2]
              + (f(forward(X, W1, b1, W2, b2, f)[2]),),
              "the scores are the raw A1 W2 + b2: no activation on the output layer."),
             (lambda X, W1, b1, W2, b2, f: forward(X, W1, b1, W2, b2, f)[:2]
              + (softmax(forward(X, W1, b1, W2, b2, f)[2]),),
              "return the raw scores here; softmax is the next step.")]
    for act in ("relu", "tanh"):
        X, y, params, f = _case(act)
        net = _network(params, f)
        net.forward(X)
        top = net.layers[1]
        want = (net.layers[0].Z, net.layers[0].A, top.Z)
        bad = _parts(fn, (X, *params, f), "forward", ("Z1", "A1", "scores"), want, hints,
                     strict)
        if bad is not None:
            return bad
    return verdict(True, "forward: Z1, A1 and the scores match nnlib's Network on the same "
                   "weights (relu and tanh).", strict)


def _naive(S):
    e = np.exp(S)
    return e / e.sum(axis=1, keepdims=True)


@exercise_check
def two_layer_softmax(fn, strict=False):
    """Lesson 14: fn(scores) must return the row-wise softmax, stable for large scores."""
    rng = np.random.default_rng(3)
    S = rng.normal(size=(4, 3))
    big = np.array([[1000.0, 999.0, 990.0], [-1000.0, -1001.0, -1010.0], [5.0, 0.0, -5.0],
                    [800.0, 0.0, -800.0]])
    hints = [(_naive, "exp overflows for large scores: subtract each row's maximum first "
              "(it cancels in the ratio)."),
             (lambda S: np.exp(S - S.max()) / np.exp(S - S.max()).sum(axis=1, keepdims=True),
              "subtract each row's own maximum (S.max(axis=1, keepdims=True)), not the "
              "maximum of the whole array."),
             (lambda S: np.exp(S) / np.exp(S).sum(axis=0, keepdims=True),
              "normalise each row (axis=1): the probabilities of one sample sum to 1."),
             (lambda S: np.exp(S - S.max(axis=1, keepdims=True))
              / np.exp(S - S.max(axis=1, keepdims=True)).sum(axis=0, keepdims=True),
              "normalise each row (axis=1): the probabilities of one sample sum to 1.")]
    for scores in (S, big):
        bad = _parts(fn, (scores,), "softmax", ("probs",), (_softmax(scores, axis=1),), hints,
                     strict)
        if bad is not None:
            return bad
    return verdict(True, "softmax matches nnlib.softmax, also for scores of ±1000.", strict)


@exercise_check
def two_layer_loss(fn, strict=False):
    """Lesson 14: fn(probs, y) must return the mean cross-entropy (a float)."""
    rng = np.random.default_rng(5)
    probs, y = _softmax(rng.normal(size=(6, 3)), axis=1), rng.integers(0, 3, 6)
    pick = lambda P, y: P[np.arange(len(y)), y]  # noqa: E731
    hints = [(lambda P, y: -np.sum(np.log(pick(P, y))), "that is the sum; divide by N "
              "(the mean over the samples)."),
             (lambda P, y: np.mean(np.log(pick(P, y))), "the minus sign is missing: "
              "L = -mean(log p of the true class)."),
             (lambda P, y: -np.mean(np.log(P)), "take only the true class's probability of "
              "each row, P[np.arange(N), y]."),
             (lambda P, y: -np.mean(np.log(P[:, y])), "P[:, y] picks a whole (N, N) block; "
              "the true class of row n is P[np.arange(N), y]."),
             (lambda P, y: -np.log(pick(P, y)), "return one number, the mean over the samples.")]
    bad = _parts(fn, (probs, y), "loss", ("loss",), (cross_entropy(probs, y),), hints, strict)
    return bad if bad is not None else verdict(True, "loss matches nnlib's cross_entropy.", strict)


def _wrong_backward(kind):
    def wrong(X, y, Z1, A1, probs, W2, f):
        N = len(y)
        dS = probs.copy()
        if kind == "column":
            dS[:, y] -= 1
        elif kind == "argmax":
            dS[np.arange(N), probs.argmax(axis=1)] -= 1
        else:
            dS[np.arange(N), y] -= 1
        if kind != "no 1/N":
            dS = dS / N
        dA1 = dS @ W2.T
        dZ1 = {"output": dA1 * f.derivative(A1), "no f'": dA1}.get(kind, dA1 * f.derivative(Z1))
        dW1, dW2 = X.T @ dZ1, A1.T @ dS
        if kind == "transposed":
            dW1, dW2 = dW1.T, dW2.T
        axis = 1 if kind == "axis" else 0
        return dW1, dZ1.sum(axis=axis), dW2, dS.sum(axis=axis)
    return wrong


_BACKWARD_HINTS = [
    ("no 1/N", "you forgot the 1/N: the loss is a mean, so dscores = (P - onehot(y)) / N."),
    ("column", "subtract 1 only at each row's true class, dscores[np.arange(N), y] -= 1 "
     "(dscores[:, y] hits whole columns)."),
    ("argmax", "subtract 1 at the true class y, not at the predicted class."),
    ("output", "f' must be taken at the pre-activation Z1, not at the output A1 (for relu "
     "this happens to agree; for tanh it does not)."),
    ("no f'", "the hidden activation's derivative is missing: dZ1 = dA1 * f'(Z1)."),
    ("transposed", "dW is transposed: it has W's shape, dW1 = Xᵀ dZ1 and dW2 = A1ᵀ dscores."),
    ("axis", "sum the bias gradients over the samples (axis=0), not over the units."),
]


@exercise_check
def two_layer_backward(fn, strict=False):
    """Lesson 14: fn(X, y, Z1, A1, probs, W2, f) must return (dW1, db1, dW2, db2)."""
    names = ("dW1", "db1", "dW2", "db2")
    hints = [(_wrong_backward(k), text) for k, text in _BACKWARD_HINTS]
    worst = 0.0
    for act in ("relu", "tanh"):
        X, y, params, f = _case(act)
        net = _network(params, f)
        net.backprop(X, y, loss="cross_entropy")
        Z1, A1, scores = forward(X, *params, f)
        args = (X, y, Z1, A1, softmax(scores), params[2], f)
        bad = _parts(fn, args, "backward", names, net.gradients(), hints, strict)
        if bad is not None:
            if "raised" in bad.message:
                print(f"  (shapes: X {X.shape}, Z1 {Z1.shape}, probs {scores.shape}, W2 "
                      f"{params[2].shape}; each gradient has its parameter's shape)")
            return bad
        worst = max(worst, max(gradient_errors(X, y, params, f, fn)))
    if worst > 1e-6:
        return verdict(False, f"backward: finite differences disagree (relative error "
                       f"{worst:.1e}).", strict)
    return verdict(True, "backward matches nnlib's Network.backprop on the same weights (relu "
                   f"and tanh) and finite differences (relative error {worst:.1e}).", strict)


@exercise_check
def two_layer_update(fn, strict=False):
    """Lesson 14: fn(params, grads, lr) must return the new (W1, b1, W2, b2)."""
    _, _, params, _ = _case("relu")
    grads = _case("tanh", rng=2)[2]
    hints = [(lambda p, g, lr: tuple(a + lr * b for a, b in zip(p, g)),
              "the step goes against the gradient: p - lr * dp, not +."),
             (lambda p, g, lr: tuple(a - b for a, b in zip(p, g)),
              "multiply the gradient by the learning rate lr.")]
    bad = _parts(fn, (params, grads, 0.3), "update", ("W1", "b1", "W2", "b2"),
                 update(params, grads, 0.3), hints, strict)
    if bad is not None:
        return bad
    return verdict(True, "update: every parameter moved by -lr * its gradient, and the inputs "
                   "are unchanged.", strict)
