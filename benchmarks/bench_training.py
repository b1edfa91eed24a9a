"""Training speed of nnlib against a hand-written numpy loop, PyTorch and
scikit-learn, measured in one run (interleaved, median of repeats).

T1  moons, 512 points, 2-16-16-2 tanh, softmax + cross-entropy,
    one full-batch SGD step                                  (time per step)
T2  digits (sklearn, 1797 x 64), 64-64-10 relu, softmax + cross-entropy,
    mini-batch 32, one epoch of SGD                          (time per epoch)

Two numpy references, both the same maths with no checks:
  "numpy naive"        the loop a student writes (new arrays every operation);
  "numpy lower bound"  every buffer preallocated, every operation in place
                       (out=...).
The lower bound is what this design could cost at best; ratios are time /
lower bound.  All contenders run interleaved (one repeat of each in turn),
median of the repeats; numpy's BLAS and torch are set to one thread, since
the machine has 2 cores and other work on it.
Run: python benchmarks/bench_training.py [--repeats 15]
"""

from __future__ import annotations

import argparse
import os
import statistics
import time
import warnings

for _var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")      # before numpy loads its BLAS

import numpy as np  # noqa: E402

import nnlib  # noqa: E402


# --- the numpy references ------------------------------------------------------
class NumpyMLP:
    """Minimal softmax MLP: lists of W, b; one SGD step per call."""

    def __init__(self, sizes, hidden, rng):
        self.W = [rng.normal(0, np.sqrt(2 / (a + b)), (a, b)) for a, b in zip(sizes, sizes[1:])]
        self.b = [np.zeros(b) for b in sizes[1:]]
        self.hidden = hidden

    def step(self, X, Y, lr):
        acts = [X]
        for W, b in zip(self.W[:-1], self.b[:-1]):
            Z = acts[-1] @ W + b
            acts.append(np.tanh(Z) if self.hidden == "tanh" else np.maximum(Z, 0))
        Z = acts[-1] @ self.W[-1] + self.b[-1]
        E = np.exp(Z - Z.max(axis=1, keepdims=True))
        P = E / E.sum(axis=1, keepdims=True)
        loss = -np.sum(Y * np.log(np.clip(P, 1e-12, 1))) / len(X)
        dZ = (P - Y) / len(X)
        for i in range(len(self.W) - 1, -1, -1):
            dW, db = acts[i].T @ dZ, dZ.sum(axis=0)
            if i:
                dA = dZ @ self.W[i].T
                dZ = dA * (1 - acts[i] ** 2) if self.hidden == "tanh" else dA * (acts[i] > 0)
            self.W[i] -= lr * dW
            self.b[i] -= lr * db
        return loss


class LowerBound:
    """The same maths as NumpyMLP with preallocated buffers and in-place
    updates: the real lower bound for a numpy implementation."""

    def __init__(self, sizes, hidden, rng, rows):
        self.W = [rng.normal(0, np.sqrt(2 / (a + b)), (a, b)) for a, b in zip(sizes, sizes[1:])]
        self.b = [np.zeros(b) for b in sizes[1:]]
        self.hidden = hidden
        self.A = [np.empty((rows, b)) for b in sizes[1:]]         # Z, then A in place
        self.dA = [np.empty((rows, b)) for b in sizes[1:]]        # dA, then dZ in place
        self.tmp = [np.empty((rows, b)) for b in sizes[1:]]
        self.dW = [np.empty_like(W) for W in self.W]
        self.db = [np.empty_like(b) for b in self.b]
        self.m = np.empty((rows, 1))

    def gather(self, X, Y, idx):
        # fancy indexing beats np.take(..., out=buffer) at these sizes (measured:
        # 3.0 vs 4.6 us for 32 x 64), so the bound uses it
        return X[idx], Y[idx]

    def step(self, X, Y, lr):
        n, L = len(X), len(self.W)

        def rows(buf):                       # a full batch uses the buffer itself
            return buf if n == len(buf) else buf[:n]

        acts = [X]
        for i in range(L):
            Z = rows(self.A[i])
            np.matmul(acts[-1], self.W[i], out=Z)
            Z += self.b[i]
            if i < L - 1:
                np.tanh(Z, out=Z) if self.hidden == "tanh" else np.maximum(Z, 0.0, out=Z)
            acts.append(Z)
        P, m, t = acts[-1], rows(self.m), rows(self.tmp[-1])     # softmax in place
        np.max(P, axis=1, keepdims=True, out=m)
        P -= m
        np.exp(P, out=P)
        np.sum(P, axis=1, keepdims=True, out=m)
        P /= m
        np.clip(P, 1e-12, 1.0, out=t)
        np.log(t, out=t)
        loss = -np.vdot(Y, t) / n
        dZ = rows(self.dA[-1])
        np.subtract(P, Y, out=dZ)
        dZ /= n
        for i in range(L - 1, -1, -1):
            np.matmul(acts[i].T, dZ, out=self.dW[i])
            np.sum(dZ, axis=0, out=self.db[i])
            if i:
                dA, A, t = rows(self.dA[i - 1]), acts[i], rows(self.tmp[i - 1])
                np.matmul(dZ, self.W[i].T, out=dA)
                if self.hidden == "tanh":
                    np.multiply(A, A, out=t)
                    np.subtract(1.0, t, out=t)
                    dA *= t
                else:
                    np.greater(A, 0.0, out=t)
                    dA *= t
                dZ = dA
            self.dW[i] *= lr
            self.W[i] -= self.dW[i]
            self.db[i] *= lr
            self.b[i] -= self.db[i]
        return loss


# --- contenders ---------------------------------------------------------------
def nnlib_net(sizes, hidden):
    layers = [nnlib.Dense(a, b, hidden, rng=i) for i, (a, b) in enumerate(zip(sizes, sizes[1:]))]
    layers[-1] = nnlib.Dense(sizes[-2], sizes[-1], "softmax", rng=len(sizes))
    return nnlib.Network(layers)


def torch_runner(sizes, hidden, dtype, torch):
    torch.manual_seed(0)
    mods = []
    for a, b in zip(sizes, sizes[1:]):
        mods += [torch.nn.Linear(a, b, dtype=dtype),
                 torch.nn.Tanh() if hidden == "tanh" else torch.nn.ReLU()]
    model = torch.nn.Sequential(*mods[:-1])
    opt = torch.optim.SGD(model.parameters(), lr=0.1)
    lossf = torch.nn.CrossEntropyLoss()

    def step(X, y):
        opt.zero_grad()
        loss = lossf(model(X), y)
        loss.backward()
        opt.step()
    return model, step


def timed(fn, repeat_inner):
    t = time.perf_counter()
    for _ in range(repeat_inner):
        fn()
    return (time.perf_counter() - t) / repeat_inner


def run(task, contenders, repeats):
    times = {name: [] for name in contenders}
    for _ in range(repeats):                       # interleaved: same machine state
        for name, (fn, inner) in contenders.items():
            times[name].append(timed(fn, inner))
    return {name: statistics.median(ts) for name, ts in times.items()}


def build_t1(torch, steps):
    X, y = nnlib.datasets.moons(512, noise=0.1, rng=0)
    Y = np.eye(2)[y]
    sizes = [2, 16, 16, 2]
    ref = NumpyMLP(sizes, "tanh", np.random.default_rng(0))
    low = LowerBound(sizes, "tanh", np.random.default_rng(0), len(X))
    net, opt = nnlib_net(sizes, "tanh"), nnlib.SGD(lr=0.1)
    net_step = nnlib_net(sizes, "tanh")
    c = {"numpy lower bound": (lambda: [low.step(X, Y, 0.1) for _ in range(steps)], 1),
         "numpy naive": (lambda: [ref.step(X, Y, 0.1) for _ in range(steps)], 1),
         "nnlib (fit)": (lambda: net.fit(X, y, optimizer=opt, epochs=steps), 1),
         "nnlib (train_step, checked)": (
             lambda: [net_step.train_step(X, y, "cross_entropy", opt) for _ in range(steps)], 1)}
    if torch is not None:
        for name, dt in (("torch eager float64", torch.float64),
                         ("torch eager float32", torch.float32)):
            _, step = torch_runner(sizes, "tanh", dt, torch)
            Xt, yt = torch.tensor(X, dtype=dt), torch.tensor(y)
            c[name] = (lambda step=step, Xt=Xt, yt=yt: [step(Xt, yt) for _ in range(steps)], 1)
    try:
        from sklearn.neural_network import MLPClassifier
        clf = MLPClassifier((16, 16), activation="tanh", solver="sgd", batch_size=512,
                            learning_rate_init=0.1, momentum=0.0, random_state=0)
        clf.partial_fit(X, y, classes=[0, 1])
        c["scikit-learn MLPClassifier"] = (lambda: [clf.partial_fit(X, y)
                                                    for _ in range(steps)], 1)
    except ImportError:
        pass
    return c


def build_t2(torch):
    from sklearn.datasets import load_digits
    d = load_digits()
    X, y = d.data / 16.0, d.target
    Y = np.eye(10)[y]
    sizes, bs, rng = [64, 64, 10], 32, np.random.default_rng(0)
    ref = NumpyMLP(sizes, "relu", rng)
    low = LowerBound(sizes, "relu", np.random.default_rng(0), bs)
    net, opt = nnlib_net(sizes, "relu"), nnlib.SGD(lr=0.1)
    net_step = nnlib_net(sizes, "relu")

    def ref_epoch():
        order = rng.permutation(len(X))
        for s in range(0, len(X), bs):
            idx = order[s:s + bs]
            ref.step(X[idx], Y[idx], 0.1)

    def low_epoch():
        order = rng.permutation(len(X))
        for s in range(0, len(X), bs):
            low.step(*low.gather(X, Y, order[s:s + bs]), 0.1)

    def step_epoch():
        order = rng.permutation(len(X))
        for s in range(0, len(X), bs):
            idx = order[s:s + bs]
            net_step.train_step(X[idx], y[idx], "cross_entropy", opt)

    c = {"numpy lower bound": (low_epoch, 1), "numpy naive": (ref_epoch, 1),
         "nnlib (fit)": (lambda: net.fit(X, y, optimizer=opt, epochs=1, batch_size=bs, rng=rng),
                         1),
         "nnlib (train_step, checked)": (step_epoch, 1)}
    if torch is not None:
        for name, dt in (("torch eager float64", torch.float64),
                         ("torch eager float32", torch.float32)):
            _, step = torch_runner(sizes, "relu", dt, torch)
            Xt, yt = torch.tensor(X, dtype=dt), torch.tensor(y)

            def epoch(step=step, Xt=Xt, yt=yt):
                order = torch.randperm(len(Xt))
                for s in range(0, len(Xt), bs):
                    idx = order[s:s + bs]
                    step(Xt[idx], yt[idx])
            c[name] = (epoch, 1)
    from sklearn.neural_network import MLPClassifier
    clf = MLPClassifier((64,), activation="relu", solver="sgd", batch_size=bs,
                        learning_rate_init=0.1, momentum=0.0, random_state=0)
    clf.partial_fit(X, y, classes=list(range(10)))
    c["scikit-learn MLPClassifier"] = (lambda: clf.partial_fit(X, y), 1)
    return c


def table(title, unit, per, results):
    low, naive = results["numpy lower bound"], results["numpy naive"]
    best = min(low, naive)     # at batch 32 in-place buys nothing: the naive loop may win
    print(f"\n{title}")
    print(f"{'contender':<30} {unit:>14} {'x lower bound':>14} {'x naive':>8} {'x best':>7}")
    for name, t in sorted(results.items(), key=lambda kv: kv[1]):
        print(f"{name:<30} {t / per * 1e6:>14.1f} {t / low:>14.2f} {t / naive:>8.2f} "
              f"{t / best:>7.2f}")


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeats", type=int, default=15)
    ap.add_argument("--no-torch", action="store_true")
    args = ap.parse_args()
    try:
        import torch
        torch.set_num_threads(1)
    except ImportError:
        torch = None
    if args.no_torch:
        torch = None
    warnings.filterwarnings("ignore")        # sklearn's partial_fit convergence notes
    steps = 100
    t1 = run("T1", build_t1(torch, steps), args.repeats)
    table(f"T1 moons 512, 2-16-16-2 tanh, full-batch SGD step (median of {args.repeats})",
          "us per step", steps, t1)
    t2 = run("T2", build_t2(torch), args.repeats)
    table(f"T2 digits 1797, 64-64-10 relu, batch 32, one epoch (median of {args.repeats})",
          "us per epoch", 1, t2)
    print(f"\nthreads: BLAS {os.environ['OPENBLAS_NUM_THREADS']}, torch 1 "
          f"(torch {'absent' if torch is None else torch.__version__})")


if __name__ == "__main__":
    main()
