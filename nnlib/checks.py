"""Exercise self-checks: friendly verdicts for students.

Each exercise has a check ``checks.<exercise>(student_answer, strict=False)``
that compares the answer with nnlib's reference on chosen inputs and prints
either "Correct" or what is wrong: a wrong shape, the first input where the
value differs, and a hint when the answer matches a typical mistake.

In a student notebook (strict=False) a check never raises, so Run All works
before anything is solved.  Solution notebooks call it with strict=True and
it raises AssertionError on a wrong answer, so CI proves every solution.
The returned ``Verdict`` is truthy when the answer is right (tests use that).
"""

from __future__ import annotations

import numpy as np

from . import activations as _act


class Verdict:
    """The outcome of a check: ``ok`` (bool) and a ``message`` for the student."""

    def __init__(self, ok, message):
        self.ok, self.message = bool(ok), message

    def __bool__(self):
        return self.ok

    def __repr__(self):
        return ("Correct! " if self.ok else "Not yet: ") + self.message


def verdict(ok, message, strict=False, quiet=False):
    """Print the verdict (unless quiet); with strict=True a wrong answer raises
    AssertionError."""
    v = Verdict(ok, message)
    if not quiet:
        print(("✅ " if ok else "❌ ") + repr(v))
    if strict and not ok:
        raise AssertionError(message)
    return v


def _call(fn, args):
    """(result, None) or (None, error text) — a student's function may raise."""
    try:
        return np.asarray(fn(*args), dtype=float), None
    except Exception as err:  # noqa: BLE001 — any error is feedback for the student
        return None, f"calling it raised {type(err).__name__}: {err}"


def _short(a):
    if np.ndim(a) == 0:
        return f"{float(a):.6g}"
    return np.array2string(np.asarray(a), precision=4, threshold=6, edgeitems=2)


def compare(fn, reference, inputs, name, hints=(), strict=False, rtol=1e-6, atol=1e-9,
            success="matches the reference on every test input.", quiet=False):
    """Check ``fn(*args)`` against ``reference(*args)`` for each args in inputs.

    hints: (wrong_fn, text) pairs; when the answer equals wrong_fn's output
    the text is shown, naming the typical mistake.
    """
    for args in inputs:
        want = np.asarray(reference(*args), dtype=float)
        got, error = _call(fn, args)
        if error:
            return verdict(False, f"{name}: {error}", strict, quiet)
        if got.shape != want.shape:
            return verdict(False, f"{name} returned shape {got.shape}, expected {want.shape}.",
                           strict, quiet)
        if not np.all(np.isfinite(got)) and np.all(np.isfinite(want)):
            return verdict(False, f"{name} returned NaN or inf for input {_short(args[0])} "
                           "(an overflow? see the lesson on stability).", strict, quiet)
        if not np.allclose(got, want, rtol=rtol, atol=atol):
            for wrong, text in hints:
                with np.errstate(all="ignore"):
                    w = np.asarray(wrong(*args), dtype=float)
                if w.shape == got.shape and np.allclose(got, w, rtol=rtol, atol=atol):
                    return verdict(False, f"{name}: {text}", strict, quiet)
            bad = tuple(int(i) for i in np.unravel_index(
                np.argmax(np.abs(got - want) - rtol * np.abs(want)), want.shape))
            x = np.asarray(args[0])
            where = (f" at input {_short(x[bad])}" if x.shape == want.shape
                     else f" at index {bad}" if want.ndim else "")
            return verdict(False, f"{name} is wrong{where}: expected {_short(want[bad])}, "
                           f"got {_short(got[bad])}.", strict, quiet)
    return verdict(True, f"{name} {success}", strict, quiet)


# --- lesson exercises: one section per group of lessons ----------------------
# (Sections keep parallel work on different lessons from touching the same lines.)


# === lessons 01-03 ===========================================================
# perceptron, activations, softmax


def sigmoid_derivative(fn, strict=False):
    """Lesson 02: fn(z) must return sigma'(z) = sigma(z)(1 - sigma(z))."""
    z = np.linspace(-6, 6, 25)
    return compare(fn, _act.sigmoid.derivative, [(z,), (np.array([0.0]),)], "sigmoid'(z)",
                   hints=[(_act.sigmoid, "you returned sigma(z) itself; the derivative is "
                           "sigma(z) * (1 - sigma(z))."),
                          (lambda z: _act.sigmoid(z) * (1 + _act.sigmoid(z)),
                           "check the sign inside the bracket: (1 - sigma(z)).")],
                   strict=strict)


_XOR_X = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], dtype=float)


def perceptron_output(fn, strict=False):
    """Lesson 01: fn(X, w, b) must return sign(X w + b) with sign(0) = -1, shape (N,)."""
    X = np.array([[1.0, 2.0], [-1.0, 0.5], [1.0, 0.5], [3.0, -1.0]])
    w, b = np.array([0.5, -1.0]), 0.0      # the third row lies exactly on the boundary
    ref = lambda X, w, b: np.where(X @ w + b > 0, 1.0, -1.0)  # noqa: E731
    return compare(fn, ref, [(X, w, b), (X, w, 0.75)], "perceptron output", hints=[
        (lambda X, w, b: np.sign(X @ w + b), "np.sign(0) is 0; the course's sign gives -1 "
         "at 0 (use np.where(z > 0, 1, -1))."),
        (lambda X, w, b: np.where(X @ w > 0, 1.0, -1.0), "the bias b is missing."),
        (lambda X, w, b: X @ w + b, "that is z; apply the sign activation to it.")],
        strict=strict)


def bias_as_weight(fn, strict=False):
    """Lesson 01: fn(X, W, b) must return (X1, W1) with X1 = [X, 1] (N, D+1) and
    W1 = [W; b] (D+1, K), so that X1 @ W1 == X @ W + b."""
    rng = np.random.default_rng(1)
    X, W, b = rng.normal(size=(5, 3)), rng.normal(size=(3, 2)), rng.normal(size=2)
    try:
        X1, W1 = (np.asarray(a, dtype=float) for a in fn(X.copy(), W.copy(), b.copy()))
    except Exception as err:  # noqa: BLE001 — any error is feedback for the student
        return verdict(False, f"bias as weight: calling it raised {type(err).__name__}: {err}",
                       strict)
    if X1.shape != (5, 4) or W1.shape != (4, 2):
        return verdict(False, f"expected X1 of shape (5, 4) and W1 of shape (4, 2), got "
                       f"{X1.shape} and {W1.shape}: one extra column of X, one extra row of W.",
                       strict)
    if not np.allclose(X1[:, :3], X) or not np.allclose(X1[:, 3], 1.0):
        return verdict(False, "X1 must be X with a column of ones appended (the constant "
                       "input the bias multiplies).", strict)
    if not np.allclose(X1 @ W1, X @ W + b):
        return verdict(False, "X1 @ W1 differs from X @ W + b: the extra row of W1 must be b.",
                       strict)
    return verdict(True, "X1 @ W1 equals X @ W + b: the bias is just one more weight.", strict)


def xor_weights(fn, strict=False):
    """Lesson 01: fn() returns (W1 (2, 2), b1 (2,), W2 (2, 1), b2 (1,)) of a sign
    network 2-2-1 that outputs +1 exactly for the XOR-true inputs."""
    from .layers import Dense
    from .network import Network

    try:
        W1, b1, W2, b2 = (np.asarray(a, dtype=float) for a in fn())
        net = Network([Dense(2, 2, "sign"), Dense(2, 1, "sign")])
        for layer, W, b in zip(net.layers, (W1, W2), (b1, b2)):
            if W.shape != layer.W.shape or b.shape != layer.b.shape:
                return verdict(False, f"shapes: W1 (2, 2), b1 (2,), W2 (2, 1), b2 (1,); got "
                               f"{W1.shape}, {b1.shape}, {W2.shape}, {b2.shape}.", strict)
            layer.W[...], layer.b[...] = W, b
    except Exception as err:  # noqa: BLE001
        return verdict(False, f"xor weights: {type(err).__name__}: {err}", strict)
    got = net.predict(_XOR_X)
    want = np.array([-1, 1, 1, -1])
    if np.array_equal(got, want):
        return verdict(True, "your hidden layer solves XOR: all four points correct.", strict)
    return verdict(False, f"outputs {got.tolist()} for inputs (0,0), (0,1), (1,0), (1,1); "
                   f"expected {want.tolist()}. Hint: one hidden neuron for 'x1 OR x2', one for "
                   "'x1 AND x2', and an output for 'OR and not AND'.", strict)


def relu_derivative(fn, strict=False):
    """Lesson 02: fn(z) must return relu'(z): 1 for z > 0, 0 for z <= 0."""
    z = np.array([-3.0, -0.5, 0.0, 0.5, 2.0])
    return compare(fn, _act.relu.derivative, [(z,), (np.linspace(-2, 2, 9),)], "relu'(z)",
                   hints=[(lambda z: (z >= 0).astype(float), "at z = 0 the course uses "
                           "relu'(0) = 0 (z > 0, not z >= 0)."),
                          (_act.relu, "you returned relu(z) itself, not its slope."),
                          (np.sign, "the slope is 0 (not -1) for negative z.")], strict=strict)


def stable_sigmoid(fn, strict=False):
    """Lesson 02: fn(z) must equal sigma(z) and stay finite without any overflow
    warning for |z| up to 800."""
    import warnings

    z = np.array([-800.0, -40.0, -1.0, 0.0, 1.0, 40.0, 800.0])
    with warnings.catch_warnings(record=True) as caught, np.errstate(all="warn"):
        warnings.simplefilter("always")
        result = compare(fn, _act.sigmoid, [(z,)], "sigmoid(z)", atol=1e-12, quiet=True)
    if not result:
        return verdict(False, result.message, strict)
    overflow = [str(w.message) for w in caught if issubclass(w.category, RuntimeWarning)]
    if overflow:
        return verdict(False, f"the values are right but numpy warned: {overflow[0]}. "
                       "exp(-z) overflows for z = -800; use np.tanh or split by sign.", strict)
    return verdict(True, "stable for |z| up to 800, no warnings.", strict)


def stable_softmax(fn, strict=False):
    """Lesson 03: fn(Z) must return row-wise softmax, stable for huge logits."""
    from .activations import softmax

    big = np.array([[1000.0, 999.0, 998.0], [-5.0, 0.0, 5.0]])
    small = np.array([[0.1, 0.2, 0.7], [2.0, 1.0, 0.0], [1.0, 1.0, 1.0]])

    def naive(Z):
        with np.errstate(all="ignore"):
            e = np.exp(Z)
            return e / e.sum(axis=-1, keepdims=True)

    return compare(fn, softmax, [(small,), (big,)], "softmax(Z)", hints=[
        (lambda Z: np.exp(Z - Z.max()) / np.exp(Z - Z.max()).sum(axis=0, keepdims=True),
         "each ROW is one sample: normalise along axis=-1 (or axis=1), not axis=0."),
        (lambda Z: np.exp(Z - Z.max()) / np.exp(Z - Z.max()).sum(),
         "normalise each row on its own (sum with axis=-1, keepdims=True), not the whole batch."),
        (naive, "exp(1000) overflows: subtract each row's max before exponentiating.")],
        strict=strict)


def softmax_ce_gradient(fn, strict=False):
    """Lesson 03: fn(z, y) with logits z (N, K) and one-hot y must return
    dL/dz = softmax(z) - y (for the per-sample loss, no 1/N)."""
    from .activations import softmax

    rng = np.random.default_rng(3)
    z = rng.normal(size=(4, 3))
    y = np.eye(3)[[0, 2, 1, 2]]
    return compare(fn, lambda z, y: softmax(z) - y, [(z, y)], "dL/dz", hints=[
        (lambda z, y: y - softmax(z), "the sign is flipped: it is p - y (the loss grows with "
         "wrong probability)."),
        (lambda z, y: softmax(z), "subtract the one-hot target y from the probabilities."),
        (lambda z, y: z - y, "use the probabilities p = softmax(z), not the raw logits.")],
        strict=strict)


# === lessons 04-06 ===========================================================
# networks as functions, losses and regularisation, gradient descent

def dense_forward(fn, strict=False):
    """Lesson 04: fn(X, W, b, f) must return A = f(X W + b), shape (N, n_out)."""
    rng = np.random.default_rng(40)
    X, W, b = rng.normal(size=(5, 3)), rng.normal(size=(3, 4)), rng.normal(size=4)
    cases = [(X, W, b, _act.tanh), (X[:2], W, b, _act.relu)]
    return compare(fn, lambda X, W, b, f: f(X @ W + b), cases, "A", hints=[
        (lambda X, W, b, f: f(X @ W), "the bias b is missing: Z = X W + b."),
        (lambda X, W, b, f: X @ W + b, "that is Z; apply the activation f to get A."),
        (lambda X, W, b, f: f(X @ W) + b, "add b before the activation, inside f.")],
        strict=strict)


def n_parameters(fn, strict=False):
    """Lesson 04: fn(sizes) must return the number of weights and biases of a
    network with layer sizes [n_0, n_1, ..., n_L]: sum of n_{l-1} n_l + n_l."""
    from .layers import Dense
    from .network import Network

    def count(sizes):
        net = Network([Dense(a, b) for a, b in zip(sizes, sizes[1:])])
        return sum(p.size for p in net.parameters())

    return compare(lambda s: fn(list(s)), count, [((2, 4, 3, 2),), ((64, 32, 10),), ((1, 1),)],
                   "n_parameters", hints=[
                       (lambda s: sum(a * b for a, b in zip(s, s[1:])),
                        "count the biases too: one per neuron."),
                       (lambda s: sum(a * b + a for a, b in zip(s, s[1:])),
                        "one bias per neuron of the layer (its outputs), not per input.")],
                   strict=strict)


def mse_gradient(fn, strict=False):
    """Lesson 05: fn(y_pred, y) must return dL/dy_pred = 2 (y_pred - y) / N for
    L = mean((y_pred - y)^2), vectors of shape (N,)."""
    rng = np.random.default_rng(50)
    p, y = rng.normal(size=6), rng.normal(size=6)
    return compare(fn, lambda p, y: 2 * (p - y) / len(p), [(p, y)], "dL/dy_pred", hints=[
        (lambda p, y: (p - y) / len(p), "the factor 2 from the square is missing."),
        (lambda p, y: 2 * (y - p) / len(p), "the sign is flipped: d/dp (p - y)^2 = 2 (p - y)."),
        (lambda p, y: 2 * (p - y), "L is a mean: divide by N."),
        (lambda p, y: np.sign(p - y) / len(p), "that is the MAE gradient.")], strict=strict)


def l2_step(fn, strict=False):
    """Lesson 05: fn(W, dW, lr, lam) must return the weights after one gradient
    step on L + lam * sum(W^2):  W - lr (dW + 2 lam W)."""
    rng = np.random.default_rng(51)
    W, dW = rng.normal(size=(3, 2)), rng.normal(size=(3, 2))
    ref = lambda W, dW, lr, lam: W - lr * (dW + 2 * lam * W)  # noqa: E731
    return compare(fn, ref, [(W, dW, 0.1, 0.05), (W, dW, 0.5, 0.2)], "W after the step", hints=[
        (lambda W, dW, lr, lam: W - lr * (dW + lam * W), "the derivative of lam W^2 is "
         "2 lam W: the 2 is missing."),
        (lambda W, dW, lr, lam: W - lr * dW, "the penalty's gradient 2 lam W is missing."),
        (lambda W, dW, lr, lam: W + lr * (dW + 2 * lam * W), "step against the gradient: "
         "subtract it."),
        (lambda W, dW, lr, lam: W - lr * dW - 2 * lam * W, "multiply the penalty's gradient "
         "by lr too.")], strict=strict)


def gd_step(fn, strict=False):
    """Lesson 06: fn(w, grad, lr) must return w - lr grad."""
    w, g = np.array([1.0, -2.0, 0.5]), np.array([0.3, -1.0, 2.0])
    return compare(fn, lambda w, g, lr: w - lr * g, [(w, g, 0.1), (w, g, 0.7)], "new w",
                   hints=[(lambda w, g, lr: w + lr * g, "that climbs the hill: subtract the "
                           "gradient."),
                          (lambda w, g, lr: w - g, "scale the step by the learning rate."),
                          (lambda w, g, lr: -lr * g, "return the new weights, not only the "
                           "step.")], strict=strict)


def momentum_step(fn, strict=False):
    """Lesson 06: fn(w, v, grad, lr, beta) must return (w_new, v_new) with
    v_new = beta v + grad and w_new = w - lr v_new."""
    w, v, g = np.array([1.0, -2.0]), np.array([0.5, 0.1]), np.array([0.3, -1.0])

    def pair(f):
        return lambda *a: np.concatenate([np.asarray(x, dtype=float) for x in f(*a)])

    def ref(w, v, g, lr, beta):
        v_new = beta * v + g
        return w - lr * v_new, v_new

    return compare(pair(fn), pair(ref), [(w, v, g, 0.1, 0.9), (w, v, g, 0.5, 0.5)],
                   "(w_new, v_new)", hints=[
                       (pair(lambda w, v, g, lr, b: (w - lr * v, b * v + g)),
                        "update v first, then move w with the NEW velocity."),
                       (pair(lambda w, v, g, lr, b: (w - lr * (b * v - g), b * v - g)),
                        "the velocity accumulates +grad; the minus sign belongs to the w step."),
                       (pair(lambda w, v, g, lr, b: (w - lr * g, b * v + g)),
                        "w must move by the velocity, not by the raw gradient.")],
                   strict=strict)


# === lessons 07-09 ===========================================================
# chain rule, forward vs reverse mode, backprop in matrix form

_XY = [(np.array([2.0, -1.0, 0.5, 3.0, -2.5]), np.array([-1.0, 2.0, 0.0, 1.5, -0.5]))]


def local_dh_dk(fn, strict=False):
    """Lesson 07: fn(k) must return dh/dk for h = k^2, i.e. 2k."""
    k = np.linspace(-4, 4, 17)
    return compare(fn, lambda k: 2 * k, [(k,)], "∂h/∂k",
                   hints=[(lambda k: k ** 2, "that is h itself; differentiate k² with "
                           "respect to k."),
                          (lambda k: k, "the power rule brings down the exponent: d(k²)/dk = 2k."),
                          (lambda k: np.full_like(k, 2.0), "the derivative of k² still "
                           "depends on k.")], strict=strict)


def df_dy(fn, strict=False):
    """Lesson 07: fn(x, y) must return df/dy = 2x^2 y + 6x for f = (xy + 3)^2 + 1."""
    return compare(fn, lambda x, y: 2 * x ** 2 * y + 6 * x, _XY, "∂f/∂y",
                   hints=[(lambda x, y: 2 * x * y ** 2 + 6 * y, "that is ∂f/∂x; for ∂f/∂y the "
                           "last local derivative is ∂m/∂y = x."),
                          (lambda x, y: (x * y + 3) * x, "you dropped the 2 of ∂h/∂k = 2k."),
                          (lambda x, y: 2 * (x * y + 3), "multiply by the last link, "
                           "∂m/∂y = x.")], strict=strict)


def dual_multiply(fn, strict=False):
    """Lesson 08: fn(a, da, b, db) must return (a b, da b + a db)."""
    cases = [(2.0, 1.0, -3.0, 0.0), (0.5, 0.0, 4.0, 1.0), (1.5, -2.0, 2.5, 3.0)]

    def pair(f):
        return lambda a, da, b, db: np.array(f(a, da, b, db), dtype=float)

    return compare(pair(fn), pair(lambda a, da, b, db: (a * b, da * b + a * db)), cases,
                   "dual multiply", hints=[
                       (pair(lambda a, da, b, db: (a * b, da * db)),
                        "the tangent of a product is not the product of the tangents: use "
                        "the product rule a'b + ab'."),
                       (pair(lambda a, da, b, db: (a * b, da + db)),
                        "adding tangents is the rule for a sum, not a product."),
                       (pair(lambda a, da, b, db: (a * b, da * a + b * db)),
                        "each tangent is multiplied by the OTHER factor: a'b + ab'.")],
                   strict=strict)


def passes_needed(fn, strict=False):
    """Lesson 08: fn(n, m) must return (forward passes, reverse backward passes)
    for the full Jacobian of f: R^n -> R^m, i.e. (n, m)."""
    cases = [(1000, 1), (1, 50), (3, 7), (10, 10)]
    return compare(lambda n, m: np.array(fn(n, m), dtype=float),
                   lambda n, m: np.array([n, m], dtype=float), cases, "passes (forward, reverse)",
                   hints=[(lambda n, m: np.array([m, n], dtype=float),
                           "swapped: forward mode pushes one INPUT direction per pass, reverse "
                           "mode pulls back one OUTPUT per pass."),
                          (lambda n, m: np.array([1, 1], dtype=float),
                           "one pass gives only one column (forward) or one row (reverse) of "
                           "the Jacobian.")], strict=strict)


def sigmoid_layer_dZ(fn, strict=False):
    """Lesson 09: fn(dA, A) must return dZ = dA * A (1 - A) for a sigmoid layer
    (A = sigmoid(Z), so f'(Z) is computed from the cached output)."""
    rng = np.random.default_rng(4)
    dA, A = rng.normal(size=(4, 3)), rng.uniform(0.05, 0.95, size=(4, 3))
    return compare(fn, lambda dA, A: dA * A * (1 - A), [(dA, A)], "dZ",
                   hints=[(lambda dA, A: A * (1 - A), "multiply by the incoming gradient dA: "
                           "dZ = dA ⊙ f'(Z)."),
                          (lambda dA, A: dA * A, "f'(Z) of a sigmoid is A (1 - A), not A."),
                          (lambda dA, A: dA @ (A * (1 - A)).T, "the product is elementwise "
                           "(⊙), not a matrix product.")], strict=strict)


def dense_backward(fn, strict=False):
    """Lesson 09: fn(X, W, dZ) must return (dW, db, dX) = (X^T dZ, sum_n dZ, dZ W^T)."""
    rng = np.random.default_rng(9)
    X, W, dZ = rng.normal(size=(5, 3)), rng.normal(size=(3, 4)), rng.normal(size=(5, 4))
    names = ("dW", "db", "dX")
    right = (X.T @ dZ, dZ.sum(axis=0), dZ @ W.T)
    try:
        got = tuple(np.asarray(g, dtype=float) for g in fn(X.copy(), W.copy(), dZ.copy()))
    except Exception as err:  # noqa: BLE001 — any error is feedback for the student
        return verdict(False, f"dense backward: calling it raised {type(err).__name__}: {err}"
                       " (check the shapes: dW like W, db like b, dX like X)", strict)
    if len(got) != 3:
        return verdict(False, f"return three arrays (dW, db, dX), got {len(got)}.", strict)
    hints = {"dW": [((dZ.T @ X), "dW is transposed: it must have W's shape (n_in, n_out), "
                     "so dW = Xᵀ dZ."), (X.T @ dZ / len(X), "no 1/N here: the loss's "
                                         "gradient dZ already carries it.")],
             "db": [(dZ.sum(axis=1), "sum over the samples (axis 0), not over the neurons."),
                    (dZ.mean(axis=0), "sum, do not average: dZ already holds the 1/N.")],
             "dX": [(dZ @ W.T @ W @ W.T, "dX goes through W once: dX = dZ Wᵀ.")]}
    for name, g, want in zip(names, got, right):
        if g.shape == want.shape and np.allclose(g, want):
            continue
        for wrong, text in hints[name]:
            if g.shape == wrong.shape and np.allclose(g, wrong):
                return verdict(False, f"{name}: {text}", strict)
        if g.shape != want.shape:
            return verdict(False, f"{name} has shape {g.shape}, expected {want.shape}.", strict)
        return verdict(False, f"{name} has the right shape but wrong values.", strict)
    return verdict(True, "dW, db and dX all match (shapes and values).", strict)


# === lessons 10-12 ===========================================================
# playground, regression, real data

# lesson 10

def _accuracy(net, X, y):
    return float(np.mean(net.predict(X) == y))


def _hidden(net):
    return [layer.n_out for layer in net.layers[:-1]]


def xor_challenge(net, max_neurons=4, strict=False):
    """Lesson 10: XOR test accuracy >= 95 % with at most ``max_neurons`` hidden
    neurons in total (fresh test points the network has never seen)."""
    from . import datasets

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
    from . import datasets

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
    from . import datasets

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
    from .activations import softmax
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

