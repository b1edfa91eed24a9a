"""Explorer of lesson 11: the fitted curve of a 1-H-1 network against its
size and loss, over the train and validation points.  The networks are
trained once, when the explorer is built (``lessons.l11_regression``
computes every number shown); the controls only switch between them."""

from __future__ import annotations

import numpy as np

from ..colors import CLASS_COLORS
from ..lessons.l11_regression import EPOCHS, SIZES, explorer_fits, fit_view
from ._base import Explorer, explorer_figure
from ._fast_text import fast_title

#: train points, validation points, the network's curve (sets, not classes)
TRAIN_COLOR, VAL_COLOR, CURVE_COLOR = CLASS_COLORS[4], CLASS_COLORS[7], CLASS_COLORS[3]


def _dot(color):
    """A coloured bullet for the HTML readout (the figure's key)."""
    return f'<span style="color:{color}">&#9679;</span>'


class FitExplorer(Explorer):
    """Hidden size and loss -> the curve and its train / validation RMSE."""

    def __init__(self, X_train, y_train, X_val, y_val, sizes=SIZES, epochs=EPOCHS, nets=None):
        import ipywidgets as w

        self.data = (X_train, y_train, X_val, y_val)
        self.nets = explorer_fits(X_train, y_train, sizes, epochs=epochs, known=nets)
        self.controls = {"hidden": w.SelectionSlider(options=list(sizes),
                                                     value=sizes[len(sizes) // 2],
                                                     description="hidden"),
                         "loss": w.ToggleButtons(options=["mse", "mae"], description="loss")}
        self.fig, self.ax = explorer_figure(figsize=(6, 3.6))
        self.ax.scatter(X_val[:, 0], y_val, color=VAL_COLOR, s=8, label="validation", zorder=2)
        self.ax.scatter(X_train[:, 0], y_train, color=TRAIN_COLOR, s=26, label="train",
                        zorder=3)
        lo, hi = min(X_train.min(), X_val.min()), max(X_train.max(), X_val.max())
        self.xs = np.linspace(lo, hi, 300)
        (self.curve,) = self.ax.plot(self.xs, np.zeros_like(self.xs), color=CURVE_COLOR,
                                     lw=2, label="network", zorder=4)
        span = np.ptp(np.r_[y_train, y_val])
        self.ax.set_ylim(min(y_train.min(), y_val.min()) - 0.3 * span,
                         max(y_train.max(), y_val.max()) + 0.3 * span)
        # the key lives in the HTML readout and the axes keep few ticks: text is most
        # of what Agg spends on a frame, and it is redrawn on every slider move
        self.ax.locator_params(nbins=4)
        self.ax.set_xlabel("x")
        self.ax.set_ylabel("y")
        self.title = fast_title(self.ax, "32 hidden neurons, mse loss", fontsize=10)  # room for it
        self.fig.tight_layout()
        self._finish(self._update, moving=[self.curve, self.title])

    def _update(self, change=None):
        key = (self.controls["hidden"].value, self.controls["loss"].value)
        curve, self.errors = fit_view(self.nets[key], self.xs, *self.data)
        self.curve.set_ydata(curve)
        self.title.set_text(f"{key[0]} hidden neurons, {key[1]} loss")
        self.readout.value = (f"{_dot(TRAIN_COLOR)} train RMSE <b>{self.errors[0]:.3f}</b>"
                              f" &nbsp; {_dot(VAL_COLOR)} validation RMSE "
                              f"<b>{self.errors[1]:.3f}</b> &nbsp; {_dot(CURVE_COLOR)} network")
        self._repaint()


def fit_explorer(X_train, y_train, X_val, y_val, sizes=SIZES, epochs=EPOCHS, nets=None):
    """Build a FitExplorer; ``nets`` {(size, loss): net} already trained are
    reused, the others (up to 2 x len(sizes)) are trained now."""
    return FitExplorer(X_train, y_train, X_val, y_val, sizes, epochs, nets)
