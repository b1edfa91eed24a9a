"""Training speed of nnlib against a hand-written numpy loop, PyTorch and
scikit-learn, measured in one run (interleaved, median of repeats).

T1  moons, 512 points, 2-16-16-2 tanh, softmax + cross-entropy,
    one full-batch SGD step                                  (time per step)
T2  digits (sklearn, 1797 x 64), 64-64-10 relu, softmax + cross-entropy,
    mini-batch 32, one epoch of SGD                          (time per epoch)

The numpy reference is the lower bound for this design: the same maths with
no checks, no caches beyond what backprop needs, updates in place.  Ratios
are time / numpy reference.  Run: python benchmarks/bench_training.py
"""

from __future__ import annotations

import argparse
import statistics
import time
import warnings

import numpy as np

import nnlib


# --- the numpy reference ------------------------------------------------------
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
    net, opt = nnlib_net(sizes, "tanh"), nnlib.SGD(lr=0.1)
    net_step = nnlib_net(sizes, "tanh")
    c = {"numpy reference": (lambda: [ref.step(X, Y, 0.1) for _ in range(steps)], 1),
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
    net, opt = nnlib_net(sizes, "relu"), nnlib.SGD(lr=0.1)

    def ref_epoch():
        order = rng.permutation(len(X))
        for s in range(0, len(X), bs):
            idx = order[s:s + bs]
            ref.step(X[idx], Y[idx], 0.1)

    c = {"numpy reference": (ref_epoch, 1),
         "nnlib (fit)": (lambda: net.fit(X, y, optimizer=opt, epochs=1, batch_size=bs, rng=rng),
                         1)}
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
    ref = results["numpy reference"]
    print(f"\n{title}")
    print(f"{'contender':<30} {unit:>14} {'x numpy ref':>12}")
    for name, t in sorted(results.items(), key=lambda kv: kv[1]):
        print(f"{name:<30} {t / per * 1e6:>14.1f} {t / ref:>12.2f}")


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
    print("\nthreads: numpy as configured; torch set to 1 thread "
          f"(torch {'absent' if torch is None else torch.__version__})")


if __name__ == "__main__":
    main()
