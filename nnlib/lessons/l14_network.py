"""Lesson 14: a two-layer softmax network written by hand, numpy only, and its training.

For a batch X (N, D), int labels y (N,), hidden width H, K classes and a hidden
activation f (an nnlib activation object: f(Z) and f.derivative(Z)):

    forward    Z1 = X W1 + b1 (N, H),  A1 = f(Z1),  S = A1 W2 + b2 (N, K)
               P = softmax(S) row by row,  L = -(1/N) sum_n log P[n, y_n]
    backward   dS = (P - onehot(y)) / N,  dW2 = A1^T dS,  db2 = sum_n dS
               dA1 = dS W2^T,  dZ1 = dA1 * f'(Z1),  dW1 = X^T dZ1,  db1 = sum_n dZ1
    update     p <- p - lr * dp for p in (W1, b1, W2, b2)

``REFERENCE`` holds the worked versions of the five parts; ``train_two_layer``
trains with any set of parts (the student's, once their checks pass, chosen
by ``yours_or_reference``); ``train_linear`` is the same loop without the
hidden layer.  The babysitting measures live in ``l14_babysitting``, the
exercise checks in ``l14_two_layer_by_hand``.
"""

from __future__ import annotations

import numpy as np

from .. import Dense, Network, activations
from ..validation import as_inputs, as_labels, positive, rng_from, whole_number

LESSON = 14
__all__ = []        # the lesson's checks live in l14_two_layer_by_hand


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
    reference (and a sentence saying which).

    yours: {part name: function}; verdicts: {part name: the check's Verdict}."""
    unknown = sorted(set(yours) - set(REFERENCE))
    if unknown:
        raise ValueError(f"unknown part(s) {unknown}; the parts are {list(REFERENCE)}")
    parts = {k: (yours[k] if verdicts.get(k) and k in yours else REFERENCE[k])
             for k in REFERENCE}
    missing = [k for k in REFERENCE if parts[k] is REFERENCE[k]]
    print("Training with your " + ", ".join(REFERENCE) + "." if not missing else
          f"Not checked correct yet: {', '.join(missing)}; nnlib's reference stands in for "
          "those parts until their checks pass.")
    return parts


def init_params(D, H, K, rng=0):
    """W1 (D, H), W2 (H, K) with He scale sqrt(2 / n_in); zero biases."""
    rng = rng_from(rng)
    return (rng.normal(size=(D, H)) * np.sqrt(2 / D), np.zeros(H),
            rng.normal(size=(H, K)) * np.sqrt(2 / H), np.zeros(K))


def _data(X, y):
    """X (N, D) finite and int labels y (N,) in 0..max(y), or a ValueError naming the problem."""
    X = as_inputs(X, np.shape(X)[-1] if np.ndim(X) == 2 else 2)
    y = np.asarray(y)
    numeric = y.size and y.dtype.kind in "iuf" and np.all(np.isfinite(y))
    return X, as_labels(y, len(X), int(np.max(y)) + 1 if numeric else 1)


def train_two_layer(X, y, hidden=100, lr=1.0, steps=1000, f=activations.relu, parts=None,
                    rng=0):
    """Full-batch gradient descent with the given parts (default REFERENCE).

    Returns a dict: loss (steps,) before each update, ratio (steps, 2) =
    ||lr dW|| / ||W|| for W1 and W2 before each update, accuracy (training,
    after the last step), params (W1, b1, W2, b2) after the last step."""
    X, y = _data(X, y)
    lr, hidden = positive(lr, "lr"), whole_number(hidden, "hidden")
    steps = whole_number(steps, "steps")
    if hidden < 1:
        raise ValueError(f"hidden must be at least 1 unit, got {hidden}")
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
    return {"loss": np.array(losses), "ratio": np.array(ratios).reshape(-1, 2),
            "params": params, "accuracy": float(np.mean(scores.argmax(axis=1) == y))}


def train_linear(X, y, lr=1.0, steps=1000):
    """A linear softmax classifier S = X W + b (W (D, K), b (K,)) trained the
    same way (full batch, same lr and steps).  Returns a dict: loss (steps,),
    accuracy (training), params (W, b)."""
    X, y = _data(X, y)
    lr, steps = positive(lr, "lr"), whole_number(steps, "steps")
    K = int(y.max()) + 1
    W, b, history = np.zeros((X.shape[1], K)), np.zeros(K), []
    for _ in range(steps):
        probs = softmax(X @ W + b)
        history.append(loss(probs, y))
        dS = probs.copy()
        dS[np.arange(len(y)), y] -= 1
        dS /= len(y)
        W, b = W - lr * X.T @ dS, b - lr * dS.sum(axis=0)
    return {"loss": np.array(history), "params": (W, b),
            "accuracy": float(np.mean((X @ W + b).argmax(axis=1) == y))}


def probabilities(X, params, f=activations.relu):
    """P (N, K) of a two-layer (W1, b1, W2, b2) or linear (W, b) network."""
    if len(params) == 2:
        return softmax(X @ params[0] + params[1])
    return softmax(forward(X, *params, f)[2])


def as_network(params, f=activations.relu):
    """nnlib's Network holding the same weights: Dense(D, H, f), Dense(H, K, softmax)."""
    W1, b1, W2, b2 = (np.asarray(p, dtype=float) for p in params)
    net = Network([Dense(*W1.shape, activations.get(f).name), Dense(*W2.shape, "softmax")])
    for layer, W, b in zip(net.layers, (W1, W2), (b1, b2)):
        layer.W, layer.b = W.copy(), b.copy()
    return net
