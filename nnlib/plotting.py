"""Matplotlib helpers shared by the lessons (import matplotlib lazily).

Each function draws into ``ax`` (a new figure if None) and returns the
artists it made, so widgets can later update them in place.
"""

from __future__ import annotations

import numpy as np

from . import activations as _activations
from .colors import CLASS_COLORS, NEGATIVE, POSITIVE, ZERO

#: line colours of a function and of its derivative: neutral greys, so that
#: colour keeps meaning only sign (nnlib.colors) or class
CURVE, DERIVATIVE = "0.1", "0.45"


def sign_cmap():
    """The workbook's sign colour code (nnlib.colors) as a matplotlib colormap:
    NEGATIVE at 0, ZERO at 0.5, POSITIVE at 1; use with vmin=-v, vmax=v."""
    from matplotlib.colors import LinearSegmentedColormap

    return LinearSegmentedColormap.from_list("nnlib_sign", [NEGATIVE, ZERO, POSITIVE])


def _axes(ax, figsize=(5, 3.5)):
    if ax is None:
        import matplotlib.pyplot as plt
        _, ax = plt.subplots(figsize=figsize)
    return ax


def plot_activation(activation, ax=None, z=None):
    """f(z) and f'(z) of one activation on the same axes; returns (f_line, df_line)."""
    act = _activations.get(activation)
    z = np.linspace(-5, 5, 401) if z is None else np.asarray(z, dtype=float)
    ax = _axes(ax)
    (f_line,) = ax.plot(z, act(z), lw=2.2, color=CURVE, label=f"{act.name}(z)")
    (df_line,) = ax.plot(z, act.derivative(z), lw=1.8, ls="--", color=DERIVATIVE,
                         label=f"{act.name}'(z)")
    ax.axhline(0, color="0.8", lw=0.8, zorder=0)
    ax.axvline(0, color="0.8", lw=0.8, zorder=0)
    ax.set_xlabel("z")
    ax.set_title(act.name)
    ax.legend(loc="upper left", frameon=False)
    return f_line, df_line


def grid_over(X, resolution=200, margin=0.25):
    """A (resolution^2, 2) grid covering X's bounding box (+ margin) and the
    extent (xmin, xmax, ymin, ymax) for imshow."""
    X = np.asarray(X, dtype=float)
    lo, hi = X.min(axis=0) - margin, X.max(axis=0) + margin
    xs, ys = np.linspace(lo[0], hi[0], resolution), np.linspace(lo[1], hi[1], resolution)
    gx, gy = np.meshgrid(xs, ys)
    return np.c_[gx.ravel(), gy.ravel()], (lo[0], hi[0], lo[1], hi[1])


def region_image(outputs, resolution):
    """RGB image (res, res, 3) of network outputs on a grid: each pixel is the
    class colours mixed by the predicted probabilities (softmax or sigmoid)."""
    from matplotlib.colors import to_rgb

    P = np.asarray(outputs, dtype=float)
    if P.shape[1] == 1:                        # one sigmoid output: P(class 1)
        P = np.c_[1 - P[:, 0], P[:, 0]]
    colors = np.array([to_rgb(c) for c in CLASS_COLORS[:P.shape[1]]])
    rgb = P @ colors
    rgb = 1 - 0.55 * (1 - rgb)                 # pale, so the points stand out
    return rgb.reshape(resolution, resolution, 3)


def plot_points(X, y, ax, **kw):
    """Scatter of 2-D points coloured by class; returns the PathCollection."""
    from matplotlib.colors import ListedColormap

    y = np.asarray(y).astype(int)
    n_colors = max(int(y.max()) + 1, 2) if y.size else 2
    return ax.scatter(X[:, 0], X[:, 1], c=y, cmap=ListedColormap(CLASS_COLORS[:n_colors]),
                      vmin=-0.5, vmax=n_colors - 0.5, s=kw.pop("s", 18),
                      edgecolors=kw.pop("edgecolors", "0.15"), linewidths=0.6, **kw)


def plot_decision_boundary(net, X, y, ax=None, resolution=200):
    """Decision regions of a classifier over the plane with the data on top.
    Returns (image, points)."""
    ax = _axes(ax, (4.5, 4.5))
    grid, extent = grid_over(X, resolution)
    image = ax.imshow(region_image(net(grid), resolution), origin="lower", extent=extent,
                      aspect="auto", interpolation="bilinear")
    points = plot_points(np.asarray(X), y, ax)
    ax.set_xlim(extent[:2])
    ax.set_ylim(extent[2:])
    ax.set_xlabel("$x_1$")
    ax.set_ylabel("$x_2$")
    return image, points


def plot_history(history, ax=None):
    """Training (and validation) loss per epoch on a log scale; returns the lines."""
    ax = _axes(ax)
    lines = ax.plot(np.arange(1, len(history.loss) + 1), history.loss, label="train loss")
    if history.val_loss:
        lines += ax.plot(np.arange(1, len(history.val_loss) + 1), history.val_loss,
                         label="validation loss")
    ax.set_xlabel("epoch")
    ax.set_ylabel("loss")
    if history.loss and min(history.loss) > 0:
        ax.set_yscale("log")
    ax.legend(frameon=False)
    return lines


# === lessons 00-06 helpers ====================================================

def plot_colour_key(ax=None, vmax=1.0, n_classes=3):
    """The workbook's colour code in one figure: the sign scale (NEGATIVE, ZERO,
    POSITIVE from nnlib.colors, as sign_cmap with vmin=-vmax, vmax=vmax) on top,
    the first ``n_classes`` class colours and markers below.  Returns (image, points)."""
    from .colors import CLASS_MARKERS

    ax = _axes(ax, (6, 2.2))
    values = np.linspace(-vmax, vmax, 201)
    image = ax.imshow(values[None, :], cmap=sign_cmap(), vmin=-vmax, vmax=vmax, aspect="auto",
                      extent=(-vmax, vmax, 0.6, 1.0))
    for x, text in ((-vmax, "negative"), (0.0, "zero"), (vmax, "positive")):
        ax.text(x, 1.05, text, ha="center", va="bottom", fontsize=9)
    xs = np.linspace(-vmax, vmax, n_classes + 2)[1:-1]
    points = [ax.scatter([x], [0.25], s=160, c=CLASS_COLORS[k], marker=CLASS_MARKERS[k],
                         edgecolors="0.15", linewidths=0.8) for k, x in enumerate(xs)]
    for k, x in enumerate(xs):
        ax.text(x, 0.02, f"class {k}", ha="center", va="top", fontsize=9)
    ax.set_xlim(-1.1 * vmax, 1.1 * vmax)
    ax.set_ylim(-0.2, 1.3)
    ax.axis("off")
    return image, points


# === lessons 07-09 helpers ====================================================

def draw_graph(ax, positions, edges, labels=None, radius=0.32):
    """Draw a computational graph with matplotlib (no graphviz).

    positions: {name: (x, y)}; edges: [(from, to), ...]; labels: {name: text}
    shown inside the nodes.  Returns {name: Circle} so callers can recolour a
    node (``circle.set_facecolor``) to highlight it.
    """
    from matplotlib.patches import Circle, FancyArrowPatch

    labels = labels or {}
    circles = {}
    for a, b in edges:
        ax.add_patch(FancyArrowPatch(positions[a], positions[b], arrowstyle="-|>",
                                     mutation_scale=14, color="0.45", lw=1.3,
                                     shrinkA=radius * 72, shrinkB=radius * 72))
    for name, (x, y) in positions.items():
        circles[name] = ax.add_patch(Circle((x, y), radius, facecolor="white",
                                            edgecolor="0.25", lw=1.5, zorder=3))
        ax.text(x, y, labels.get(name, name), ha="center", va="center", fontsize=12,
                zorder=4)
    xs, ys = zip(*positions.values())
    ax.set_xlim(min(xs) - 0.8, max(xs) + 0.8)
    ax.set_ylim(min(ys) - 0.9, max(ys) + 0.9)
    ax.set_aspect("equal")
    ax.axis("off")
    return circles



# === lessons 10-12 helpers ====================================================
