"""Lesson 10: the Playground: its computations and exercise checks.

Every check takes the trained network (``pg.net``).  Whatever else comes (None,
a function, the Playground itself, a network of the wrong size or kind, one
with NaN weights) the student reads a sentence naming the problem, never a
traceback (``strict=True`` turns a wrong answer into AssertionError).
"""

from __future__ import annotations

import numpy as np

from ._engine import exercise_check, verdict

LESSON = 10
__all__ = ['xor_challenge', 'spirals_challenge', 'l1_pruning', 'saturated_fraction',
           'saturation_challenge']


def network_problem(net, n_in=2, classifier=True):
    """None if ``net`` is an nnlib.Network taking ``n_in`` inputs (and, for a
    classifier, ending in softmax with >= 2 units or one sigmoid unit) with
    finite weights; otherwise the sentence that tells the student why not."""
    from ..network import Network

    if net is None:
        return ("got None instead of a network. Pass the trained network, e.g. `pg.net` "
                "(did the cell that builds it run, or a function forget `return`?).")
    if isinstance(getattr(net, "net", None), Network):
        return "got the Playground itself; pass its network: `pg.net`."
    if callable(net) and not isinstance(net, Network):
        return (f"got a function ({getattr(net, '__name__', type(net).__name__)}); pass the "
                "trained network itself, e.g. `pg.net`.")
    if not isinstance(net, Network):
        return f"expected an nnlib.Network such as `pg.net`, got {type(net).__name__}."
    if net.n_in != n_in:
        return (f"the network takes {net.n_in} input(s); these points have {n_in} "
                "coordinates. Build it on a 2-D data set.")
    out = net.layers[-1]
    if classifier and not ((out.activation.name == "softmax" and out.n_out >= 2)
                           or (out.activation.name == "sigmoid" and out.n_out == 1)):
        return (f"the network ends in {out.n_out} {out.activation.name} unit(s); a classifier "
                "needs a softmax output with one unit per class.")
    if not all(np.all(np.isfinite(p)) for p in net.parameters()):
        return "the network's weights hold NaN or inf (did training diverge? lower lr)."
    return None


def _accuracy(net, X, y):
    return float(np.mean(net.predict(X) == y))


def _hidden(net):
    return [layer.n_out for layer in net.layers[:-1]]


@exercise_check
def xor_challenge(net, max_neurons=4, strict=False):
    """Lesson 10: XOR test accuracy >= 95 % with at most ``max_neurons`` hidden
    neurons in total (fresh test points the network has never seen)."""
    from .. import datasets

    problem = network_problem(net)
    if problem:
        return verdict(False, f"xor challenge: {problem}", strict)
    X, y = datasets.xor(400, rng=2024)
    acc, hidden = _accuracy(net, X, y), sum(_hidden(net))
    if hidden > max_neurons:
        return verdict(False, f"{hidden} hidden neurons; the challenge is to use at most "
                       f"{max_neurons}. Remove some and train again.", strict)
    if acc < 0.95:
        return verdict(False, f"test accuracy {acc:.2f} with {hidden} hidden neurons; reach 0.95 "
                       "(train longer, or try another activation or learning rate).", strict)
    return verdict(True, f"XOR solved with {hidden} hidden neurons (test accuracy {acc:.2f}).",
                   strict)


@exercise_check
def spirals_challenge(net, strict=False):
    """Lesson 10: two spirals, at least two hidden layers, test accuracy >= 90 %."""
    from .. import datasets

    problem = network_problem(net)
    if problem:
        return verdict(False, f"spirals challenge: {problem}", strict)
    X, y = datasets.spirals(400, classes=2, noise=0.1, rng=2024)
    acc, hidden = _accuracy(net, X, y), _hidden(net)
    if len(hidden) < 2:
        return verdict(False, f"{len(hidden)} hidden layer(s); the challenge asks for two.",
                       strict)
    if acc < 0.9:
        return verdict(False, f"test accuracy {acc:.2f}; reach 0.90 (more neurons per layer, "
                       "more epochs, or Adam).", strict)
    return verdict(True, f"spirals separated with hidden layers {hidden} (test accuracy "
                   f"{acc:.2f}).", strict)


@exercise_check
def l1_pruning(net, fraction=0.5, threshold=0.01, strict=False):
    """Lesson 10: at least ``fraction`` of all weights |w| < threshold, while the
    moons test accuracy stays >= 85 %."""
    from .. import datasets

    problem = network_problem(net)
    if problem:
        return verdict(False, f"l1 pruning: {problem}", strict)
    w = np.concatenate([layer.W.ravel() for layer in net.layers])
    pruned = float(np.mean(np.abs(w) < threshold))
    X, y = datasets.moons(400, noise=0.1, rng=2024)
    acc = _accuracy(net, X, y)
    if pruned < fraction:
        return verdict(False, f"only {pruned:.0%} of the weights are below {threshold}; raise "
                       f"the L1 strength (and train) until at least {fraction:.0%} are.", strict)
    if acc < 0.85:
        return verdict(False, f"{pruned:.0%} pruned, but the test accuracy fell to {acc:.2f}: "
                       "the penalty is too strong.", strict)
    return verdict(True, f"{pruned:.0%} of the weights pruned, test accuracy {acc:.2f}.", strict)


def saturated_fraction(net, X, z_limit=4.0):
    """Fraction of (sample, neuron) pairs of the FIRST hidden layer with
    |z| > z_limit, z = X W1 + b1 (X: (N, n_in)), where sigma'(z) < 0.018: the
    neuron passes almost no gradient.  ValueError/TypeError for a wrong net or X."""
    problem = network_problem(net, n_in=getattr(net, "n_in", 2), classifier=False)
    if problem:
        raise TypeError(problem)
    from ..validation import as_inputs

    X = as_inputs(X, net.n_in)
    Z = X @ net.layers[0].W + net.layers[0].b
    return float(np.mean(np.abs(Z) > z_limit))


@exercise_check
def saturation_challenge(net, X, strict=False):
    """Lesson 10: a sigmoid first hidden layer with >= 50 % saturated units on X."""
    problem = network_problem(net)
    if problem is None and len(net.layers) < 2:
        problem = "the network has no hidden layer; build one with a sigmoid hidden layer."
    if problem is None and isinstance(X, np.ndarray) and X.ndim == 2 and X.shape[1] == 2:
        problem = None if np.all(np.isfinite(X)) else "X holds NaN or inf."
    elif problem is None:
        problem = (f"X must be the playground's points, an array of shape (N, 2) such as "
                   f"`pg.X`, got {type(X).__name__} {getattr(X, 'shape', '')}.")
    if problem:
        return verdict(False, f"saturation challenge: {problem}", strict)
    name = net.layers[0].activation.name
    if name != "sigmoid":
        return verdict(False, f"the first hidden layer uses {name}; the challenge is about "
                       "sigmoid.", strict)
    frac = saturated_fraction(net, X)
    if frac < 0.5:
        return verdict(False, f"{frac:.0%} of the first layer's units are saturated; push the "
                       "weights up (a large init, or a large learning rate) until half are.",
                       strict)
    return verdict(True, f"{frac:.0%} of the first hidden layer is saturated (|z| > 4, where "
                   "sigma'(z) < 0.018).", strict)


def saturation_study(scale=30.0, seeds=(0, 1, 2), epochs=100, lr=0.03, hidden=8):
    """What scaling a sigmoid first layer does to training, measured.

    A 2-``hidden``-2 network (sigmoid, softmax) on 300 moons points, W1 as
    initialised or multiplied by ``scale``, trained ``epochs`` epochs in
    batches of 32 with SGD and with Adam (same lr) for each seed.  Returns the
    medians over seeds: ``saturated`` {False, True} -> fraction with |z| > 4,
    ``grad`` -> ||dW1|| at the start, and for each optimizer ``moved`` ->
    ||W1_end - W1_start|| / ||W1_start|| and ``loss`` -> the last epoch's loss,
    keyed (optimizer, scaled)."""
    from .. import Dense, Network, datasets, optim

    X, y = datasets.moons(300, noise=0.1, rng=0)
    rows = {}
    for seed in seeds:
        for scaled in (False, True):
            for name in ("sgd", "adam"):
                rng = np.random.default_rng(seed)
                net = Network([Dense(2, hidden, "sigmoid", rng=rng),
                               Dense(hidden, 2, "softmax", rng=rng)])
                net.layers[0].W *= scale if scaled else 1.0
                W0 = net.layers[0].W.copy()
                net.backprop(X, y, "cross_entropy")
                grad = np.linalg.norm(net.layers[0].dW)
                frac = saturated_fraction(net, X)
                h = net.fit(X, y, "cross_entropy", optim.get(name, lr=lr), epochs=epochs,
                            batch_size=32, rng=seed)
                moved = np.linalg.norm(net.layers[0].W - W0) / np.linalg.norm(W0)
                rows.setdefault((name, scaled), []).append((frac, grad, moved, h.loss[-1]))
    med = {key: np.median(np.array(v), axis=0) for key, v in rows.items()}
    return {"saturated": {s: float(med["sgd", s][0]) for s in (False, True)},
            "grad": {s: float(med["sgd", s][1]) for s in (False, True)},
            "moved": {k: float(v[2]) for k, v in med.items()},
            "loss": {k: float(v[3]) for k, v in med.items()},
            "seeds": len(seeds), "epochs": epochs, "scale": scale, "lr": lr}
