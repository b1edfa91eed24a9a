"""Checks for lessons 10-12: playground challenges, regression, real data."""

from __future__ import annotations

import numpy as np

from ._engine import compare, verdict

# lesson 10

def _accuracy(net, X, y):
    return float(np.mean(net.predict(X) == y))


def _hidden(net):
    return [layer.n_out for layer in net.layers[:-1]]


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


# lessons 11-12

def rmse(fn, strict=False):
    """Lesson 11: fn(y_pred, y) must return sqrt(mean((y_pred - y)^2))."""
    rng = np.random.default_rng(110)
    p, y = rng.normal(size=8), rng.normal(size=8)
    return compare(fn, lambda p, y: np.sqrt(np.mean((p - y) ** 2)), [(p, y)], "RMSE", hints=[
        (lambda p, y: np.mean((p - y) ** 2), "that is the MSE: take its square root."),
        (lambda p, y: np.mean(np.abs(p - y)), "that is the MAE."),
        (lambda p, y: np.sqrt(np.sum((p - y) ** 2)), "average the squares before the root.")],
        strict=strict)


def mae_gradient(fn, strict=False):
    """Lesson 11: fn(y_pred, y) must return dMAE/dy_pred = sign(y_pred - y) / N."""
    rng = np.random.default_rng(111)
    p, y = rng.normal(size=7), rng.normal(size=7)
    return compare(fn, lambda p, y: np.sign(p - y) / len(p), [(p, y)], "dMAE/dy_pred", hints=[
        (lambda p, y: 2 * (p - y) / len(p), "that is the MSE gradient; MAE's is sign(p - y) / N."),
        (lambda p, y: np.sign(y - p) / len(p), "the sign is flipped."),
        (lambda p, y: np.sign(p - y), "MAE is a mean: divide by N.")], strict=strict)


def best_size(fn, strict=False):
    """Lesson 11: fn(sizes, train_errors, test_errors) must return the size
    with the smallest TEST error."""
    sizes = [1, 2, 4, 8, 16, 32]
    train = [0.50, 0.30, 0.12, 0.08, 0.05, 0.02]
    test = [0.52, 0.33, 0.15, 0.11, 0.14, 0.25]
    want = sizes[int(np.argmin(test))]
    try:
        got = fn(list(sizes), list(train), list(test))
    except Exception as err:  # noqa: BLE001
        return verdict(False, f"best size: calling it raised {type(err).__name__}: {err}", strict)
    if got == want:
        return verdict(True, f"{want} hidden neurons: the smallest test error.", strict)
    if got == sizes[int(np.argmin(train))]:
        return verdict(False, "that size has the smallest TRAIN error; the largest network "
                       "always wins there. Choose by the test error.", strict)
    if got == int(np.argmin(test)):
        return verdict(False, "that is the position in the list; return the size itself.",
                       strict)
    return verdict(False, f"expected the size with the smallest test error, got {got!r}.",
                   strict)


def one_hot(fn, strict=False):
    """Lesson 12: fn(y, K) must return Y (N, K) with Y[n, y_n] = 1, else 0."""
    y = np.array([3, 0, 9, 1, 1])
    return compare(fn, lambda y, K: np.eye(K)[y], [(y, 10), (np.array([0, 2]), 3)], "one-hot",
                   hints=[(lambda y, K: np.eye(K)[y].T, "one ROW per sample: shape (N, K)."),
                          (lambda y, K: np.eye(K)[np.clip(y - 1, 0, K - 1)],
                           "labels start at 0: class 0 sets column 0.")], strict=strict)


def accuracy_from_probabilities(fn, strict=False):
    """Lesson 12: fn(P, y) must return the fraction of rows whose argmax is y."""
    rng = np.random.default_rng(120)
    from ..activations import softmax
    P = softmax(rng.normal(size=(12, 10)) * 3)
    y = P.argmax(axis=1).copy()
    y[:4] = (y[:4] + 1) % 10                      # 8 of 12 right
    return compare(lambda P, y: np.array(fn(P, y), dtype=float),
                   lambda P, y: np.mean(P.argmax(axis=1) == y), [(P, y)], "accuracy", hints=[
                       (lambda P, y: np.mean(P.max(axis=1)), "that is the mean confidence, not "
                        "how often the most probable class is right."),
                       (lambda P, y: np.mean(P.argmax(axis=1) == y) * 100,
                        "return a fraction in [0, 1], not a percentage.")], strict=strict)


def confusion_matrix(fn, strict=False):
    """Lesson 12: fn(y_true, y_pred, K) must return C (K, K) with C[i, j] the
    number of samples of true class i predicted as j."""
    y_true = np.array([0, 1, 2, 2, 1, 0, 2, 1])
    y_pred = np.array([0, 2, 2, 1, 1, 0, 2, 0])

    def ref(t, p, K):
        C = np.zeros((K, K))
        np.add.at(C, (t, p), 1)
        return C

    return compare(lambda t, p, K: np.asarray(fn(t, p, K), dtype=float), ref,
                   [(y_true, y_pred, 3), (y_true, y_pred, 4)], "confusion matrix", hints=[
                       (lambda t, p, K: ref(t, p, K).T, "transposed: rows are the TRUE class, "
                        "columns the prediction."),
                       (lambda t, p, K: ref(t, p, K) / len(t), "counts, not fractions.")],
                   strict=strict)
