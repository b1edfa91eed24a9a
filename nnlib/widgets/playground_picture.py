"""A still picture of the Playground for the static course site (no kernel
there, so no canvas): the network's output over the plane with the points on
top, drawn with matplotlib from the same model the live canvas paints
(``nnlib.lessons.l10_model.PlaygroundModel``)."""

from __future__ import annotations

import numpy as np

from ..colors import CLASS_COLORS
from ._base import new_figure


def picture(model):
    """A matplotlib figure of ``model``'s current output and data.

    Classes (2-D): decision regions (``plotting.plot_decision_boundary``);
    regression on the plane: the output in the sign colours; 1-D: the points
    (x, y) and the network's curve.  Test points are drawn hollow."""
    from ..plotting import plot_decision_boundary, plot_points, sign_cmap

    fig, ax = new_figure(figsize=(4.6, 4.2))
    X, y, test = model.X, model.y, model.is_test
    if model.dim == 1:
        xs = np.linspace(X[:, 0].min(), X[:, 0].max(), 200)[:, None]
        ax.scatter(X[~test, 0], y[~test], s=14, color="0.25", label="train")
        ax.scatter(X[test, 0], y[test], s=14, facecolors="none", edgecolors="0.25",
                   label="test")
        ax.plot(xs[:, 0], model.net.forward(xs, cache=False)[:, 0], lw=2, color=CLASS_COLORS[3],
                label="network")
        ax.legend(fontsize=8)
    elif model.regression:
        out = model.net.forward(model.grid, cache=False)[:, 0].reshape(model.res, model.res)
        vmax = float(np.abs(out).max()) or 1.0
        ax.imshow(out, extent=model.extent, cmap=sign_cmap(), vmin=-vmax, vmax=vmax,
                  aspect="auto")
        ax.scatter(X[:, 0], X[:, 1], c=y, cmap=sign_cmap(), edgecolors="0.15", s=18)
    else:
        plot_decision_boundary(model.net, X[~test], y[~test], ax=ax, resolution=120)
        if test.any():
            plot_points(X[test], y[test], ax, s=18, alpha=0.5)
    ax.set_title(model.summary(), fontsize=9)
    fig.tight_layout()
    return fig
