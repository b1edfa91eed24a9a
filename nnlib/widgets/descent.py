"""Lesson 06: gradient descent on an elongated bowl (learning rate,
momentum) and the paths of full-batch, mini-batch and momentum training."""

from __future__ import annotations

import numpy as np

from .. import SGD, Dense, Momentum, Network
from ._base import Explorer, new_figure

#: the elongated bowl L(w) = (CURV[0] w1^2 + CURV[1] w2^2) / 2 of lesson 06
CURV = (1.0, 10.0)


def bowl(w):
    """L(w) = (a w1^2 + b w2^2) / 2 for w (..., 2); gradient (a w1, b w2)."""
    w = np.asarray(w, dtype=float)
    return 0.5 * (CURV[0] * w[..., 0] ** 2 + CURV[1] * w[..., 1] ** 2)


def bowl_gradient(w):
    return np.asarray(w, dtype=float) * np.array(CURV)


def descent_path(lr, steps=30, method="gd", beta=0.9, start=(-4.0, 1.5)):
    """Positions (steps + 1, 2) of gradient descent (or momentum) on ``bowl``.
    Stops early, keeping the path so far, once |w| exceeds 1e6 (divergence)."""
    w, v = np.array(start, dtype=float), np.zeros(2)
    path = [w.copy()]
    for _ in range(steps):
        g = bowl_gradient(w)
        if method == "momentum":
            v = beta * v + g
            w = w - lr * v
        else:
            w = w - lr * g
        path.append(w.copy())
        if np.abs(w).max() > 1e6:
            break
    return np.array(path)


class DescentExplorer(Explorer):
    """A learning-rate slider and an optimizer choice; the path of 30 steps
    on the contour plot of the bowl is redrawn in place."""

    def __init__(self, lr=0.05, method="gd"):
        import ipywidgets as w

        self.controls = {"lr": w.FloatLogSlider(value=lr, base=10, min=-2.5, max=np.log10(0.3),
                                                step=0.02, description="lr"),
                         "method": w.ToggleButtons(options=["gd", "momentum"], value=method,
                                                   description="optimizer")}
        self.fig, self.ax = new_figure(figsize=(6, 3.6))
        g1, g2 = np.meshgrid(np.linspace(-5, 5, 200), np.linspace(-2.5, 2.5, 200))
        self.ax.contour(g1, g2, bowl(np.stack([g1, g2], -1)), levels=np.geomspace(0.05, 40, 12),
                        cmap="Greys", linewidths=0.8)
        (self.path_line,) = self.ax.plot([], [], "o-", color="#D55E00", ms=3.5, lw=1.3)
        self.ax.plot([0], [0], "*", color="#009E73", ms=12)
        self.ax.set_xlim(-5, 5)
        self.ax.set_ylim(-2.5, 2.5)
        self.ax.set_xlabel("$w_1$ (curvature 1)")
        self.ax.set_ylabel("$w_2$ (curvature 10)")
        self._finish(self._update)

    def _update(self, change=None):
        lr, method = self.controls["lr"].value, self.controls["method"].value
        self.path = descent_path(lr, method=method)
        self.path_line.set_data(self.path[:, 0], self.path[:, 1])
        final = bowl(self.path[-1])
        limit = 2 / max(CURV)
        state = ("diverges" if final > bowl(self.path[0]) else
                 "oscillates across the valley" if method == "gd" and lr > limit / 2 else
                 "converges")
        self.state = state
        self.ax.set_title(f"{method}, lr = {lr:.3f} (gd diverges above 2/10 = {limit})",
                          fontsize=10)
        self.readout.value = (f"after {len(self.path) - 1} steps L = {final:.3g}: "
                              f"<b>{state}</b>")
        self.fig.canvas.draw_idle()


def descent_explorer(lr=0.05, method="gd"):
    """Build a DescentExplorer."""
    return DescentExplorer(lr, method)


def regression_paths(batch_size=8, epochs=15, lr=0.1, rng=0):
    """Parameter paths (w, b) of a one-neuron linear regression on y = 2x + 1
    for full-batch SGD, mini-batch SGD and full-batch Momentum, using nnlib's
    own train_step.  Returns {name: array (steps + 1, 2)}."""
    gen = np.random.default_rng(rng)
    x = gen.uniform(-1, 1, 64)
    y = 2 * x + 1 + gen.normal(0, 0.3, 64)
    X = x[:, None]
    runs = {"full batch": (SGD(lr=lr), None), "mini-batch": (SGD(lr=lr), batch_size),
            "momentum": (Momentum(lr=lr / 3, beta=0.9), None)}
    paths = {}
    for name, (opt, bs) in runs.items():
        net = Network([Dense(1, 1, "linear", init="zeros")])
        layer, path = net.layers[0], [(0.0, 0.0)]
        for _ in range(epochs):
            order = gen.permutation(64)
            for start in range(0, 64, bs or 64):
                idx = order[start:start + (bs or 64)]
                net.train_step(X[idx], y[idx], "mse", opt)
                path.append((layer.W[0, 0], layer.b[0]))
        paths[name] = np.array(path)
    return paths
