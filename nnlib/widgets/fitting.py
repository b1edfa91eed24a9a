"""Explorers of lesson 05: MSE vs MAE with an outlier, and L1 vs L2
regularisation of a small classifier.  Views only: the fits, the trained
networks and their weight statistics come from ``nnlib.lessons.l05_losses``."""

from __future__ import annotations

import numpy as np

from ..colors import NEGATIVE, POSITIVE
from ..lessons.l05_losses import (
    NEAR_ZERO,
    STRENGTHS,
    fit_line,
    line_data,
    regularization_moons,
    train_regularized,
    weight_summary,
    with_outlier,
)
from ..plotting import grid_over, plot_points, region_image
from ._base import Explorer, explorer_figure, legend_below
from ._fast_text import fast_title


class OutlierExplorer(Explorer):
    """One point of a straight-line data set is an outlier whose height a
    slider controls; lines fitted with MSE and with MAE are redrawn."""

    def __init__(self, outlier=8.0):
        import ipywidgets as w

        self.x, self.y = line_data()
        self.controls = {"outlier": w.FloatSlider(value=outlier, min=-6, max=12, step=0.5,
                                                  description="outlier y")}
        self.fig, self.ax = explorer_figure(figsize=(5.5, 3.6))
        self.points = self.ax.scatter(self.x[:-1], self.y[:-1], color="#0072B2", zorder=3,
                                      label="data")
        (self.out_pt,) = self.ax.plot([], [], "o", color="#D55E00", ms=9, zorder=4,
                                      label="outlier")
        (self.mse_line,) = self.ax.plot([], [], lw=2, color="#E69F00", label="MSE fit")
        (self.mae_line,) = self.ax.plot([], [], lw=2, ls="--", color="#009E73", label="MAE fit")
        self.ax.set_xlim(-0.05, 1.05)
        self.ax.set_ylim(-7, 13)
        self.ax.set_xlabel("x")
        self.ax.set_ylabel("y")
        legend_below(self.ax, ncol=4, fontsize=9)
        self.fig.tight_layout()
        self._finish(self._update, moving=[self.points, self.out_pt, self.mse_line,
                                           self.mae_line])

    def _update(self, change=None):
        y = with_outlier(self.y, self.controls["outlier"].value)
        self.out_pt.set_data([self.x[-1]], [y[-1]])
        xs = np.array([0.0, 1.0])
        self.fits = {loss: fit_line(self.x, y, loss) for loss in ("mse", "mae")}
        for line, (slope, icpt) in zip((self.mse_line, self.mae_line), self.fits.values()):
            line.set_data(xs, slope * xs + icpt)
        self.readout.value = f"{len(self.x) - 1} points near y = 2x + 1, one outlier. " + (
            " &nbsp; ".join(f"{k.upper()}: y = {s:.2f} x + {b:.2f}"
                            for k, (s, b) in self.fits.items()))
        self._repaint()


def outlier_explorer(outlier=8.0):
    """Build an OutlierExplorer (true line: y = 2x + 1)."""
    return OutlierExplorer(outlier)


class RegularizationExplorer(Explorer):
    """Decision regions and the weight histogram for each penalty strength
    (all networks are trained once, when the explorer is built)."""

    def __init__(self, epochs=300, resolution=60):
        import ipywidgets as w

        self.X, self.y = regularization_moons()
        self.nets = {(k, s): train_regularized(k, s, self.X, self.y, epochs)
                     for k in ("l1", "l2") for s in STRENGTHS}
        self.controls = {"kind": w.ToggleButtons(options=["l1", "l2"], description="penalty"),
                         "strength": w.SelectionSlider(options=STRENGTHS, value=STRENGTHS[0],
                                                       description="λ")}
        self.fig, (self.ax_r, self.ax_h) = explorer_figure(ncols=2, figsize=(9, 3.8))
        self.grid, extent = grid_over(self.X, resolution)
        self.res = resolution
        self.image = self.ax_r.imshow(np.ones((resolution, resolution, 3)), origin="lower",
                                      extent=extent, aspect="auto")
        plot_points(self.X, self.y, self.ax_r, s=14)
        self.bins = np.linspace(-3, 3, 41)
        # the histogram as two filled step outlines (negative, positive weights in
        # their sign colours): two artists to redraw per move instead of 40 bars
        self.counts = np.zeros(len(self.bins) - 1, dtype=int)
        self.half = half = len(self.bins) // 2                # bin edge at w = 0
        self.hist = [self.ax_h.stairs(self.counts[:half], self.bins[:half + 1], fill=True,
                                      color=NEGATIVE),
                     self.ax_h.stairs(self.counts[half:], self.bins[half:], fill=True,
                                      color=POSITIVE)]
        self.ax_h.set_yscale("symlog")
        self.ax_h.set_ylim(0, 400)
        self.ax_h.set_xlabel("weight value")
        self.ax_h.set_ylabel("count")
        # titles the controls rewrite: FastText (a Text redraws at ~4 ms each); the
        # placeholders give tight_layout their size
        self.title_r = fast_title(self.ax_r, "L1, λ = 0.001: train accuracy 0.00")
        self.title_h = fast_title(self.ax_h, "000 of 000 weights |w| < 0.01")
        self.fig.tight_layout()
        self._finish(self._update, moving=[self.image, *self.ax_r.collections, *self.hist,
                                           self.title_r, self.title_h])

    @property
    def net(self):
        return self.nets[(self.controls["kind"].value, self.controls["strength"].value)]

    def _update(self, change=None):
        net = self.net
        self.image.set_data(region_image(net.forward(self.grid, cache=False), self.res))
        summary = weight_summary(net, self.X, self.y)
        weights = summary["weights"]
        self.counts, _ = np.histogram(np.clip(weights, -2.99, 2.99), self.bins)
        self.hist[0].set_data(self.counts[:self.half])
        self.hist[1].set_data(self.counts[self.half:])
        self.near_zero, acc = summary["near_zero"], summary["accuracy"]
        kind, s = self.controls["kind"].value, self.controls["strength"].value
        self.title_r.set_text(f"{kind.upper()}, λ = {s}: train accuracy {acc:.2f}")
        self.title_h.set_text(f"{self.near_zero} of {weights.size} weights |w| < {NEAR_ZERO}")
        self.readout.value = (f"largest |w| = {summary['largest']:.2f}; "
                              f"near-zero weights: <b>{self.near_zero}</b>")
        self._repaint()


def regularization_explorer(epochs=300):
    """Build a RegularizationExplorer (trains 10 small networks, ~1 s)."""
    return RegularizationExplorer(epochs)
