"""Lesson 09: backprop in matrix form: its computations and exercise checks.

Per layer l (1 = next to the input), for a batch X (N, D) and an mse loss:

    forward    A(0) = X,  Z(l) = A(l-1) W(l) + b(l),  A(l) = f(Z(l))
    backward   dZ(l) = dA(l) * f'(Z(l)),  dW(l) = A(l-1)^T dZ(l),
               dA(l-1) = dZ(l) W(l)^T

``backward_trace`` walks these steps with the public API only
(``Dense.forward``, ``layer.activation.backward``, ``Dense.backward``,
``layer.dW``), last layer first, and records for every layer the norms of
dA(l), dZ(l), dW(l) and the spread std(A(l)) of the forward activations.
||dW(l)|| = ||A(l-1)^T dZ(l)|| mixes a forward factor (A) and a backward one
(dZ), so vanishing or exploding *with depth* shows in ||dZ(l)|| and std(A(l)),
not necessarily in ||dW(l)||.
"""

from __future__ import annotations

import numpy as np

from .. import Dense, Network
from ..losses import mse
from ..validation import rng_from
from ._engine import as_real_array, call, compare, exercise_check, verdict

LESSON = 9
__all__ = ['sigmoid_layer_dZ', 'dense_backward']


def deep_network(depth, activation, init, width=32, n_in=2, rng=None):
    """depth hidden Dense(width) layers with one activation and init, then a
    linear output Dense(width, 1)."""
    rng = rng_from(rng)
    layers = [Dense(n_in, width, activation, init=init, rng=rng)]
    layers += [Dense(width, width, activation, init=init, rng=rng) for _ in range(depth - 1)]
    return Network(layers + [Dense(width, 1, "linear", init=init, rng=rng)])


def backward_trace(net, X, y):
    """Backprop of the mse loss through ``net``, one public step per layer.

    Returns a list of dicts in the order the layers are visited (the output
    layer first), each with: layer (1-based), dA, dZ, dW (Frobenius norms),
    spread (std of the layer's forward output A), and the gradients dW, db
    themselves (copies).  X (N, D), y (N,) or (N, n_out)."""
    A = np.asarray(X, dtype=float)
    for layer in net.layers:
        A = layer.forward(A)                         # caches X, Z, A for backward
    Y = np.asarray(y, dtype=float).reshape(A.shape)
    dA = mse.gradient(A, Y)
    trace = []
    for l in range(len(net.layers), 0, -1):
        layer = net.layers[l - 1]
        dZ = layer.activation.backward(layer.Z, layer.A, dA)
        dA_below = layer.backward(dA)                # fills layer.dW, layer.db
        trace.append({"layer": l, "dA": np.linalg.norm(dA), "dZ": np.linalg.norm(dZ),
                      "dW": np.linalg.norm(layer.dW), "spread": float(np.std(layer.A)),
                      "grad_W": layer.dW.copy(), "grad_b": layer.db.copy()})
        dA = dA_below
    return trace


def layer_profile(depth=8, activation="sigmoid", init="xavier", width=32, n=64, rng=0):
    """Per-layer quantities of one backprop (first layer first) on random X (n, 2),
    y (n,): a dict of arrays (depth + 1,) named dA, dZ, dW, spread."""
    rng = rng_from(rng)
    net = deep_network(depth, activation, init, width, rng=rng)
    X, y = rng.normal(size=(n, 2)), rng.normal(size=n)
    with np.errstate(over="ignore", invalid="ignore"):
        trace = backward_trace(net, X, y)[::-1]
    return {key: np.array([t[key] for t in trace]) for key in ("dA", "dZ", "dW", "spread")}


def gradient_norms(depth=8, activation="sigmoid", init="xavier", width=32, n=64, rng=0):
    """||dW(l)|| per layer (first layer first), shape (depth + 1,)."""
    return layer_profile(depth, activation, init, width, n, rng)["dW"]


def depth_ratio(values):
    """How a per-layer quantity changes across the hidden layers: the geometric
    mean factor per layer, (v_last_hidden / v_first)^(1 / (L - 2)); > 1 grows
    towards the output, < 1 shrinks.  values: (L,) first layer first."""
    v = np.asarray(values, dtype=float)[:-1]       # the linear output layer aside
    if len(v) < 2 or v[0] <= 0 or not np.all(np.isfinite(v)):
        return float("nan")
    return float((v[-1] / v[0]) ** (1 / (len(v) - 1)))


_VALUE_OPS = {"linear": lambda z: z, "tanh": lambda z: z.tanh(),
              "sigmoid": lambda z: z.sigmoid(), "relu": lambda z: z.relu()}


def scalar_graph_gradients(net, X, y):
    """The mse gradients of ``net`` from a graph of scalar ``Value`` nodes (one
    node per multiply and add), then one reverse pass.  Returns (loss, grads in
    net.parameters() order, number of nodes).  Activations: linear, tanh,
    sigmoid, relu (the ones ``Value`` has)."""
    from ..autodiff import Value

    acts = [layer.activation.name for layer in net.layers]
    if any(a not in _VALUE_OPS for a in acts):
        raise ValueError(f"scalar_graph_gradients supports {sorted(_VALUE_OPS)}, got {acts}")
    params = [[[Value(w) for w in row] for row in layer.W] for layer in net.layers]
    biases = [[Value(b) for b in layer.b] for layer in net.layers]
    Y = np.asarray(y, dtype=float).reshape(len(X), -1)
    total = Value(0.0)
    for xn, yn in zip(X, Y):
        a = [Value(v) for v in xn]
        for W, b, act in zip(params, biases, acts):
            z = [sum((a[i] * W[i][j] for i in range(len(a))), b[j]) for j in range(len(b))]
            a = [_VALUE_OPS[act](zj) for zj in z]
        for aj, yj in zip(a, yn):
            total = total + (aj - float(yj)) ** 2
    loss = total / Y.size
    loss.backward()
    grads = []
    for W, b in zip(params, biases):
        grads += [np.array([[w.grad for w in row] for row in W]), np.array([v.grad for v in b])]
    return loss.data, grads, len(loss.graph()[0])


def _sigmoid(a):
    return 1 / (1 + np.exp(-a))


@exercise_check
def sigmoid_layer_dZ(fn, strict=False):
    """Lesson 09: fn(dA, A) must return dZ = dA * A (1 - A) for a sigmoid layer
    (A = sigmoid(Z), so f'(Z) is computed from the cached output)."""
    rng = np.random.default_rng(4)
    dA, A = rng.normal(size=(4, 3)), rng.uniform(0.05, 0.95, size=(4, 3))
    return compare(fn, lambda dA, A: dA * A * (1 - A), [(dA, A)], "dZ",
                   hints=[(lambda dA, A: A * (1 - A), "multiply by the incoming gradient dA: "
                           "dZ = dA ⊙ f'(Z)."),
                          (lambda dA, A: dA * A, "f'(Z) of a sigmoid is A (1 - A), not A."),
                          (lambda dA, A: dA * _sigmoid(A) * (1 - _sigmoid(A)),
                           "A is already σ(Z): applying σ again gives σ(σ(Z)). Use the cached "
                           "output directly, dZ = dA ⊙ A (1 − A)."),
                          (lambda dA, A: dA * A * (1 - A) / len(A),
                           "no 1/N here: dA already carries the loss's 1/N."),
                          (lambda dA, A: dA @ (A * (1 - A)).T, "the product is elementwise "
                           "(⊙), not a matrix product.")], strict=strict)


def _dense_hints(X, W, dZ):
    return {"dW": [(dZ.T @ X, "dW is transposed: it must have W's shape (n_in, n_out), "
                    "so dW = Xᵀ dZ."),
                   (X.T @ dZ / len(X), "no 1/N here: the loss's gradient dZ already "
                    "carries it.")],
            "db": [(dZ.sum(axis=1), "sum over the samples (axis 0), not over the neurons."),
                   (dZ.mean(axis=0), "sum, do not average: dZ already holds the 1/N.")],
            "dX": [(dZ @ W.T / len(X), "no 1/N here: dZ already carries it."),
                   (dZ @ W.T @ W @ W.T, "dX goes through W once: dX = dZ Wᵀ.")]}


@exercise_check
def dense_backward(fn, strict=False):
    """Lesson 09: fn(X, W, dZ) must return (dW, db, dX) = (X^T dZ, sum_n dZ, dZ W^T)."""
    rng = np.random.default_rng(9)
    X, W, dZ = rng.normal(size=(5, 3)), rng.normal(size=(3, 4)), rng.normal(size=(5, 4))
    names = ("dW", "db", "dX")
    right = (X.T @ dZ, dZ.sum(axis=0), dZ @ W.T)
    got, error = call(fn, (X, W, dZ), "dense backward")
    if error and "raised" in error:
        error += (f" (check the shapes: X {X.shape}, W {W.shape}, dZ {dZ.shape}; dW like W, "
                  "db like b, dX like X)")
    if error:
        return verdict(False, error, strict)
    if not isinstance(got, (tuple, list)) or len(got) != 3:
        return verdict(False, f"dense backward: return three arrays (dW, db, dX), got "
                       f"{type(got).__name__} {got!r:.60}.", strict)
    hints = _dense_hints(X, W, dZ)
    for name, g, want in zip(names, got, right):
        g, error = as_real_array(g, name, want)
        if error:
            return verdict(False, error, strict)
        if g.shape == want.shape and np.allclose(g, want):
            continue
        for wrong, text in hints[name]:
            if g.shape == wrong.shape and np.allclose(g, wrong):
                return verdict(False, f"{name}: {text}", strict)
        if g.shape != want.shape:
            return verdict(False, f"{name} has shape {g.shape}, expected {want.shape} "
                           "(each gradient has the shape of its variable).", strict)
        return verdict(False, f"{name} has the right shape but wrong values.", strict)
    return verdict(True, "dW, db and dX all match (shapes and values).", strict)
