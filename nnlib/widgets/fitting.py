"""Explorers of lessons 04-06: the forward pass, MSE vs MAE, regularisation,
and gradient descent on a loss surface."""

from __future__ import annotations

import numpy as np

from .. import SGD, Adam, Dense, Momentum, Network, datasets
from ..plotting import grid_over, plot_points, region_image
from ._base import Explorer, canvas_of, new_figure


# --- lesson 04 ------------------------------------------------------------------
class ForwardPassExplorer(Explorer):
    """Heatmaps of X, then Z and A of every layer, for a small batch; the
    selected sample's row is framed, and sliders edit its two inputs."""

    def __init__(self, net, X):
        import ipywidgets as w
        from matplotlib.patches import Rectangle

        self.net, self.X = net, np.array(X, dtype=float)
        if self.X.shape[1] != 2 or len(self.X) > 12:
            raise ValueError(f"forward_pass_explorer wants up to 12 samples with 2 inputs, got "
                             f"shape {self.X.shape}")
        self.controls = {"sample": w.IntSlider(value=0, min=0, max=len(self.X) - 1,
                                               description="sample"),
                         "x1": w.FloatSlider(value=self.X[0, 0], min=-3, max=3, step=0.1,
                                             description="x₁"),
                         "x2": w.FloatSlider(value=self.X[0, 1], min=-3, max=3, step=0.1,
                                             description="x₂")}
        names = ["X"] + [f"{k}{l}" for l in range(1, len(net.layers) + 1) for k in "ZA"]
        self.fig, axes = new_figure(ncols=len(names), figsize=(1.3 * len(names) + 1.5, 3.2))
        self.images, self.frames, self.texts = [], [], []
        for ax, name, arr in zip(axes, names, self._arrays()):
            self.images.append(ax.imshow(arr, cmap="RdBu_r", vmin=-2, vmax=2, aspect="auto"))
            self.texts.append([[ax.text(j, i, "", ha="center", va="center", fontsize=7)
                                for j in range(arr.shape[1])] for i in range(arr.shape[0])])
            ax.set_title(f"{name}\n{arr.shape}", fontsize=9)
            ax.set_xticks(range(arr.shape[1]))
            ax.set_yticks([])
            self.frames.append(ax.add_patch(Rectangle((-0.5, -0.5), arr.shape[1], 1, fill=False,
                                                      lw=2, edgecolor="k")))
        self.fig.tight_layout()
        self.table = w.HTML()
        self.controls["sample"].observe(self._select, names="value")
        for k in ("x1", "x2"):
            self.controls[k].observe(self._edit, names="value")
        self.widget = w.VBox([w.HBox(list(self.controls.values())), canvas_of(self.fig),
                              self.table])
        self._show()

    def _arrays(self):
        arrays, A = [self.X], self.X
        for layer in self.net.layers:
            Z = A @ layer.W + layer.b
            A = layer.activation(Z)
            arrays += [Z, A]
        return arrays

    def _select(self, change=None):
        n = self.controls["sample"].value
        self._editing = True
        self.controls["x1"].value, self.controls["x2"].value = self.X[n]
        self._editing = False
        self._show()

    def _edit(self, change=None):
        if getattr(self, "_editing", False):
            return
        self.X[self.controls["sample"].value] = [self.controls["x1"].value,
                                                 self.controls["x2"].value]
        self._show()

    def _show(self):
        n = self.controls["sample"].value
        self.arrays = self._arrays()
        for image, frame, texts, arr in zip(self.images, self.frames, self.texts, self.arrays):
            image.set_data(arr)
            frame.set_y(n - 0.5)
            for i, row in enumerate(texts):
                for j, text in enumerate(row):
                    text.set_text(f"{arr[i, j]:.2f}")
        rows = "".join(f"<tr><td><b>{name}</b></td><td>{np.array2string(arr[n], precision=3)}"
                       "</td></tr>" for name, arr in zip(
                           ["X"] + [f"{k}{l}" for l in range(1, len(self.net.layers) + 1)
                                    for k in "ZA"], self.arrays))
        self.table.value = f"<p>sample {n}:</p><table>{rows}</table>"
        self.fig.canvas.draw_idle()


def forward_pass_explorer(net, X):
    """Build a ForwardPassExplorer for a 2-input network and a small batch X."""
    return ForwardPassExplorer(net, X)


# --- lesson 05 ------------------------------------------------------------------
def line_data(n=20, rng=0):
    """x in [0, 1], y = 2x + 1 + small noise: data a straight line fits."""
    rng = np.random.default_rng(rng)
    x = np.linspace(0, 1, n)
    return x, 2 * x + 1 + rng.normal(0, 0.1, n)


def fit_line(x, y, loss, epochs=300):
    """(slope, intercept) of a one-neuron linear model trained by nnlib on
    ``loss`` ("mse" or "mae") with Adam."""
    net = Network([Dense(1, 1, "linear", init="zeros")])
    net.fit(x[:, None], y, loss=loss, optimizer=Adam(lr=0.1), epochs=epochs)
    return float(net.layers[0].W[0, 0]), float(net.layers[0].b[0])


class OutlierExplorer(Explorer):
    """One point of a straight-line data set is an outlier whose height a
    slider controls; lines fitted with MSE and with MAE are redrawn."""

    def __init__(self, outlier=8.0):
        import ipywidgets as w

        self.x, self.y = line_data()
        self.controls = {"outlier": w.FloatSlider(value=outlier, min=-6, max=12, step=0.5,
                                                  description="outlier y")}
        self.fig, self.ax = new_figure(figsize=(5.5, 3.6))
        self.points = self.ax.scatter(self.x[:-1], self.y[:-1], color="#0072B2", zorder=3,
                                      label="data")
        (self.out_pt,) = self.ax.plot([], [], "o", color="#D55E00", ms=9, zorder=4,
                                      label="outlier")
        (self.mse_line,) = self.ax.plot([], [], lw=2, color="#E69F00", label="MSE fit")
        (self.mae_line,) = self.ax.plot([], [], lw=2, ls="--", color="#009E73", label="MAE fit")
        self.ax.set_xlim(-0.05, 1.05)
        self.ax.set_ylim(-7, 13)
        self.ax.legend(loc="upper left", frameon=False, fontsize=9)
        self.ax.set_xlabel("x")
        self.ax.set_ylabel("y")
        self.readout = w.HTML()
        self.controls["outlier"].observe(self._update, names="value")
        self.widget = w.VBox([self.controls["outlier"], canvas_of(self.fig), self.readout])
        self._update()

    def _update(self, change=None):
        y = self.y.copy()
        y[-1] = self.controls["outlier"].value
        self.out_pt.set_data([self.x[-1]], [y[-1]])
        xs = np.array([0.0, 1.0])
        self.fits = {loss: fit_line(self.x, y, loss) for loss in ("mse", "mae")}
        for line, (slope, icpt) in zip((self.mse_line, self.mae_line), self.fits.values()):
            line.set_data(xs, slope * xs + icpt)
        self.readout.value = " &nbsp; ".join(
            f"{k.upper()}: y = {s:.2f} x + {b:.2f}" for k, (s, b) in self.fits.items())
        self.fig.canvas.draw_idle()


def outlier_explorer(outlier=8.0):
    """Build an OutlierExplorer (true line: y = 2x + 1)."""
    return OutlierExplorer(outlier)


#: weights with |w| below this count as (near-)zero in the regularisation views
NEAR_ZERO = 0.01
STRENGTHS = (0.0, 0.001, 0.003, 0.01, 0.03)


def train_regularized(kind, strength, X, y, epochs=300, rng=0):
    """A 2-16-16-2 tanh network trained with an L1 or L2 penalty of ``strength``."""
    net = Network([Dense(2, 16, "tanh", rng=rng), Dense(16, 16, "tanh", rng=rng + 1),
                   Dense(16, 2, "softmax", rng=rng + 2)])
    penalty = {"l1": strength} if kind == "l1" else {"l2": strength}
    net.fit(X, y, optimizer=Adam(lr=0.02), epochs=epochs, **penalty)
    return net


class RegularizationExplorer(Explorer):
    """Decision regions and the weight histogram for each penalty strength
    (all networks are trained once, when the explorer is built)."""

    def __init__(self, epochs=300, resolution=60):
        import ipywidgets as w

        self.X, self.y = datasets.moons(200, noise=0.25, rng=0)
        self.nets = {(k, s): train_regularized(k, s, self.X, self.y, epochs)
                     for k in ("l1", "l2") for s in STRENGTHS}
        self.controls = {"kind": w.ToggleButtons(options=["l1", "l2"], description="penalty"),
                         "strength": w.SelectionSlider(options=STRENGTHS, value=STRENGTHS[0],
                                                       description="λ")}
        self.fig, (self.ax_r, self.ax_h) = new_figure(ncols=2, figsize=(9, 3.8))
        self.grid, extent = grid_over(self.X, resolution)
        self.res = resolution
        self.image = self.ax_r.imshow(np.ones((resolution, resolution, 3)), origin="lower",
                                      extent=extent, aspect="auto")
        plot_points(self.X, self.y, self.ax_r, s=14)
        self.bins = np.linspace(-3, 3, 41)
        self.hist = self.ax_h.bar(self.bins[:-1], np.zeros(40), width=np.diff(self.bins),
                                  align="edge", color="#0072B2")
        self.ax_h.set_yscale("symlog")
        self.ax_h.set_ylim(0, 400)
        self.ax_h.set_xlabel("weight value")
        self.ax_h.set_ylabel("count")
        self._finish(self._update)

    @property
    def net(self):
        return self.nets[(self.controls["kind"].value, self.controls["strength"].value)]

    def _update(self, change=None):
        net = self.net
        self.image.set_data(region_image(net(self.grid), self.res))
        weights = np.concatenate([layer.W.ravel() for layer in net.layers])
        counts, _ = np.histogram(np.clip(weights, -2.99, 2.99), self.bins)
        for bar, c in zip(self.hist, counts):
            bar.set_height(c)
        self.near_zero = int(np.sum(np.abs(weights) < NEAR_ZERO))
        acc = np.mean(net.predict(self.X) == self.y)
        kind, s = self.controls["kind"].value, self.controls["strength"].value
        self.ax_r.set_title(f"{kind.upper()}, λ = {s}: train accuracy {acc:.2f}")
        self.ax_h.set_title(f"{self.near_zero} of {weights.size} weights |w| < {NEAR_ZERO}")
        self.readout.value = (f"largest |w| = {np.abs(weights).max():.2f}; "
                              f"near-zero weights: <b>{self.near_zero}</b>")
        self.fig.canvas.draw_idle()


def regularization_explorer(epochs=300):
    """Build a RegularizationExplorer (trains 10 small networks, ~1 s)."""
    return RegularizationExplorer(epochs)


# --- lesson 06 ------------------------------------------------------------------
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
