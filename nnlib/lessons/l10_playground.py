"""Lesson 10: the Playground: its computations and exercise checks."""

from __future__ import annotations

import numpy as np

from ._engine import exercise_check, verdict

LESSON = 10
__all__ = ['xor_challenge', 'spirals_challenge', 'l1_pruning', 'saturated_fraction',
           'saturation_challenge']


def _accuracy(net, X, y):
    return float(np.mean(net.predict(X) == y))


def _hidden(net):
    return [layer.n_out for layer in net.layers[:-1]]


@exercise_check
def xor_challenge(net, max_neurons=4, strict=False):
    """Lesson 10: XOR test accuracy >= 95 % with at most ``max_neurons`` hidden
    neurons in total (fresh test points the network has never seen)."""
    from .. import datasets

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
    """Fraction of (sample, neuron) pairs of the FIRST hidden layer with |z| >
    z_limit, where sigma'(z) < 0.018: the neuron passes almost no gradient."""
    Z = np.asarray(X, dtype=float) @ net.layers[0].W + net.layers[0].b
    return float(np.mean(np.abs(Z) > z_limit))


@exercise_check
def saturation_challenge(net, X, strict=False):
    """Lesson 10: a sigmoid first hidden layer with >= 50 % saturated units on X."""
    name = net.layers[0].activation.name
    if name != "sigmoid":
        return verdict(False, f"the first hidden layer uses {name}; the challenge is about "
                       "sigmoid.", strict)
    frac = saturated_fraction(net, X)
    if frac < 0.5:
        return verdict(False, f"{frac:.0%} of the first layer's units are saturated; push the "
                       "weights up (a large init, or a large learning rate) until half are.",
                       strict)
    return verdict(True, f"{frac:.0%} of the first hidden layer is saturated: its gradients "
                   "are nearly zero.", strict)
