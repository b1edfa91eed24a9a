"""The drawing half of the Playground: one figure, artists made once and
updated in place every frame (images, line collections, texts, lines).

Layout (TensorFlow-Playground style): left, the network with a small map of
what every neuron computes over the input plane, edges coloured and sized by
their weights and every bias printed; top right, the output over the plane
with train and test points; bottom right, train and test loss curves.
"""

from __future__ import annotations

import numpy as np

from ..colors import CLASS_COLORS
from ..plotting import grid_over, plot_points, region_image

POS, NEG = np.array([0.0, 0.45, 0.70]), np.array([0.84, 0.37, 0.0])   # weight colours


class PlaygroundView:
    """Builds the figure for a network and a data set; ``update`` changes the
    artists, ``render`` shows them by blitting: the static part (axes, ticks,
    labels, data points) is drawn once and cached; each frame only the
    animated artists (neuron maps, edges, biases, output, loss lines) are
    drawn over the cached background.  Anything that changes the static part
    (new points, new loss limits, a resize) calls ``invalidate``.
    """

    def __init__(self, fig, net, X, y, regression, resolution=64):
        self.fig, self.regression, self.res = fig, regression, resolution
        fig.clear()
        gs = fig.add_gridspec(2, 2, width_ratios=[1.35, 1], height_ratios=[2.2, 1],
                              left=0.02, right=0.98, top=0.93, bottom=0.1, wspace=0.15,
                              hspace=0.35)
        self.ax_net = fig.add_subplot(gs[:, 0])
        self.ax_out = fig.add_subplot(gs[0, 1])
        self.ax_loss = fig.add_subplot(gs[1, 1])
        self.dim = X.shape[1]
        self._grid(X)
        self._draw_network(net)
        self._draw_output(X, y)
        (self.train_line,) = self.ax_loss.plot([], [], color="#0072B2", label="train")
        (self.test_line,) = self.ax_loss.plot([], [], color="#D55E00", label="test")
        self.ax_loss.set_yscale("log")
        self.ax_loss.set_xlabel("epoch", fontsize=8)
        self.ax_loss.legend(frameon=False, fontsize=7, loc="upper right")
        self.ax_loss.tick_params(labelsize=7)
        self.ax_loss.set_xlim(0, 50)
        self.ax_loss.set_ylim(1e-3, 3.0)
        self.ax_out.set_title("output (test points outlined)", fontsize=9)
        self.animated = ([self.edges, self.mosaic_image, self.bias_marks]
                         + [self.train_line, self.test_line]
                         + [self.out_image if self.dim == 2 else self.out_curve])
        for artist in self.animated:
            artist.set_animated(True)
        self.set_points(X, y, np.zeros(len(X), dtype=bool))
        self.background = None
        self.selected = None              # (layer, "W"/"b", index) shown highlighted
        self._cid = fig.canvas.mpl_connect("draw_event", self._capture)

    def invalidate(self):
        """Force a full redraw at the next render (the static part changed)."""
        self.background = None

    def disconnect(self):
        self.fig.canvas.mpl_disconnect(self._cid)

    def _capture(self, event=None):
        """After any full draw: keep the static background, paint the animated."""
        canvas = self.fig.canvas
        self.background = canvas.copy_from_bbox(self.fig.bbox)
        for artist in self.animated:
            self.fig.draw_artist(artist)

    def render(self):
        """Blit the animated artists over the cached background."""
        canvas = self.fig.canvas
        if getattr(canvas, "syncing_data_url", False):
            # ipympl before its front end has connected (or with none, as under
            # nbconvert): a blit would push a frame whose saved copy the browser
            # cannot decode; ask for a normal draw, done once the view is live.
            self.background = None
            canvas.draw_idle()
            return
        if self.background is None:
            canvas.draw()                 # full draw; the draw_event captures it
        else:
            canvas.restore_region(self.background)
            for artist in self.animated:
                self.fig.draw_artist(artist)
        canvas.blit(self.fig.bbox)

    def _grid(self, X):
        if self.dim == 2:
            self.grid, self.extent = grid_over(X, self.res, margin=0.3)
        else:
            lo, hi = X.min() - 0.2, X.max() + 0.2
            self.grid = np.linspace(lo, hi, self.res)[:, None]
            self.extent = (lo, hi, 0, 1)

    # --- network diagram ---------------------------------------------------------
    def _draw_network(self, net):
        from matplotlib.collections import LineCollection

        ax = self.ax_net
        ax.set_axis_off()
        sizes = [net.n_in] + [layer.n_out for layer in net.layers]
        self.positions = []
        for l, n in enumerate(sizes):
            ys = np.linspace(0.5, -0.5, n) * min(1.0, 0.22 * (n - 1)) * 4 if n > 1 else [0.0]
            self.positions.append([(1.6 * l, float(y)) for y in ys])
        xs = [p[0] for layer in self.positions for p in layer]
        ys = [p[1] for layer in self.positions for p in layer]
        ax.set_xlim(min(xs) - 0.5, max(xs) + 0.6)
        ax.set_ylim(min(ys) - 0.45, max(ys) + 0.45)
        ax.set_aspect("equal")
        # one edge per weight W[i, j] of layer l, in the order of W.ravel()
        ends = [(l, i, j) for l, layer in enumerate(net.layers)
                for i in range(layer.n_in) for j in range(layer.n_out)]
        segments = [(self.positions[l][i], self.positions[l + 1][j]) for l, i, j in ends]
        # what a click on the drawing selects: (layer, "W" or "b", index)
        self.edge_keys = [(l, "W", (i, j)) for l, i, j in ends]
        self.segments = np.array(segments, dtype=float)           # (E, 2 ends, 2)
        self.edges = LineCollection(segments, zorder=1)
        ax.add_collection(self.edges)
        half, self.m = 0.17, 20               # a neuron map is m x m pixels
        self.half = half
        x0, x1 = ax.get_xlim()
        y0, y1 = ax.get_ylim()
        self.ppu = self.m / (2 * half)         # mosaic pixels per data unit
        # uint8 RGBA: matplotlib draws it ~2.5x faster than a float image
        self.mosaic = np.zeros((int((y1 - y0) * self.ppu) + 1, int((x1 - x0) * self.ppu) + 1, 4),
                               dtype=np.uint8)
        self.origin = (x0, y0)
        h, w = self.mosaic.shape[:2]
        self.mosaic_image = ax.imshow(self.mosaic, extent=(x0, x0 + w / self.ppu,
                                                           y0, y0 + h / self.ppu),
                                      origin="lower", interpolation="none", zorder=2)
        ax.set_xlim(x0, x1)
        ax.set_ylim(y0, y1)
        self.cells = []                         # (layer, neuron, row, col) of every map
        bias_xy, self.bias_keys = [], []
        for l, layer_pos in enumerate(self.positions):
            for i, (x, y) in enumerate(layer_pos):
                row = int(round((y - half - y0) * self.ppu))
                col = int(round((x - half - x0) * self.ppu))
                self.cells.append((l, i, row, col))
                if l == 0:
                    ax.text(x - half - 0.05, y, f"x{i + 1}", ha="right", va="center", fontsize=8)
                else:
                    bias_xy.append((x + half + 0.06, y - half + 0.04))
                    self.bias_keys.append((l - 1, "b", (i,)))
        self.bias_xy = np.array(bias_xy)
        self.bias_marks = ax.scatter(*self.bias_xy.T, marker="s", s=10, zorder=3,
                                     edgecolors="0.4", linewidths=0.4)
        self.neuron_maps = []
        names = ["input"] + [f"{layer.activation.name}" for layer in net.layers]
        for l, name in enumerate(names):
            ax.text(1.6 * l, max(ys) + 0.35, name, ha="center", fontsize=8, color="0.25")

    def pick(self, x, y, reach=0.1):
        """The weight or bias drawn nearest to the point (x, y) of the network
        drawing, as (layer, "W" or "b", index); None if none is within
        ``reach`` (data units).  Edges count only away from their ends, where
        the neuron maps sit."""
        p = np.array([x, y], dtype=float)
        a, b = self.segments[:, 0], self.segments[:, 1]
        ab = b - a
        s = np.einsum("ij,ij->i", p - a, ab) / np.einsum("ij,ij->i", ab, ab)
        edge = np.where((s > 0.15) & (s < 0.85),
                        np.linalg.norm(a + s[:, None] * ab - p, axis=1), np.inf)
        bias = np.linalg.norm(self.bias_xy - p, axis=1)
        candidates = [(edge.min(), self.edge_keys[int(edge.argmin())]),
                      (bias.min(), self.bias_keys[int(bias.argmin())])]
        distance, key = min(candidates, key=lambda c: c[0])
        return key if distance <= reach else None

    # --- output ------------------------------------------------------------------
    def _draw_output(self, X, y):
        ax = self.ax_out
        ax.tick_params(labelsize=7)
        if self.dim == 2:
            # "nearest" shows the grid the network is evaluated on, and costs
            # ~4 ms less per ~50 ms frame than smoothing it ("bilinear")
            self.out_image = ax.imshow(np.ones((self.res, self.res, 3)), origin="lower",
                                       extent=self.extent, aspect="auto",
                                       interpolation="nearest")
            ax.set_xlim(self.extent[:2])
            ax.set_ylim(self.extent[2:])
        else:
            (self.out_curve,) = ax.plot(self.grid[:, 0], np.zeros(self.res), color="k", lw=2)
        self.train_pts = self.test_pts = None

    def set_points(self, X, y, is_test):
        """Replace the data points (after a click, a new data set, a CSV).  They
        are animated so that they stay on top of the output image."""
        for pts in (self.train_pts, self.test_pts):
            if pts is not None:
                pts.remove()
                self.animated.remove(pts)
        ax = self.ax_out
        if self.dim == 2:
            self.train_pts = plot_points(X[~is_test], y[~is_test], ax, s=16)
            self.test_pts = plot_points(X[is_test], y[is_test], ax, s=16, edgecolors="k")
        else:
            self.train_pts = ax.scatter(X[~is_test, 0], y[~is_test], s=12, color="#0072B2")
            self.test_pts = ax.scatter(X[is_test, 0], y[is_test], s=12, color="#D55E00")
            pad = 0.2 * (y.max() - y.min() + 1e-9)
            ax.set_ylim(y.min() - pad, y.max() + pad)
        for pts in (self.train_pts, self.test_pts):
            pts.set_animated(True)
            self.animated.append(pts)
        self.invalidate()

    # --- every frame ---------------------------------------------------------------
    def _neuron_maps(self, net):
        """Every neuron's output on a coarse m x m grid (m x 1 strip for 1-D
        inputs), scaled to [-1, 1] per neuron: a list per layer (input first)."""
        m = self.m
        if self.dim == 2:
            lo, hi = np.array(self.extent[::2]), np.array(self.extent[1::2])
            gx, gy = np.meshgrid(np.linspace(lo[0], hi[0], m), np.linspace(lo[1], hi[1], m))
            grid = np.c_[gx.ravel(), gy.ravel()]
        else:
            grid = np.linspace(self.extent[0], self.extent[1], m)[:, None]
        acts, A = [grid], grid
        for layer in net.layers:
            A = layer.activation(A @ layer.W + layer.b)
            acts.append(A)
        maps = []
        for values in acts:
            scale = np.maximum(np.abs(values).max(axis=0), 1e-12)
            v = values / scale
            if self.dim == 2:
                maps.append([v[:, i].reshape(m, m) for i in range(v.shape[1])])
            else:
                maps.append([np.tile(v[:, i], (m, 1)) for i in range(v.shape[1])])
        return maps

    def update(self, net, history, epoch, title=""):
        """Recompute the grid outputs and every neuron map; restyle edges."""
        A = net._forward(self.grid)          # fills every layer's cache on the grid
        self.neuron_maps = self._neuron_maps(net)
        import matplotlib

        cmap = matplotlib.colormaps["RdBu_r"]
        for (_, _, row, col), values in zip(self.cells, (v for layer in self.neuron_maps
                                                          for v in layer)):
            self.mosaic[row:row + self.m, col:col + self.m] = cmap(0.5 + 0.5 * values, bytes=True)
        self.mosaic_image.set_data(self.mosaic)
        weights = np.concatenate([layer.W.ravel() for layer in net.layers])
        top = np.abs(weights).max() or 1.0
        alpha = np.clip(np.abs(weights) / top, 0.15, 1.0)
        colors = np.c_[np.where(weights[:, None] > 0, POS, NEG), alpha]
        widths = 0.4 + 3.0 * np.abs(weights) / top
        rims = np.full(len(self.bias_keys), 0.4)
        if self.selected in self.edge_keys:      # the weight being edited: black, thick
            k = self.edge_keys.index(self.selected)
            colors[k], widths[k] = (0.0, 0.0, 0.0, 1.0), max(widths[k], 2.5)
        elif self.selected in self.bias_keys:
            rims[self.bias_keys.index(self.selected)] = 2.0
        self.edges.set_color(colors)
        self.edges.set_linewidths(widths)
        self.bias_marks.set_linewidths(rims)
        biases = np.concatenate([layer.b for layer in net.layers])
        self.biases = biases
        btop = max(np.abs(biases).max(), 1e-9)
        self.bias_marks.set_facecolor(np.where(biases[:, None] > 0, POS, NEG))
        self.bias_marks.set_sizes(4 + 60 * np.abs(biases) / btop)
        if self.dim == 2:
            rgb = (region_image(A, self.res) if not self.regression else
                   _value_image(A[:, 0], self.res))
            self.out_image.set_data((rgb * 255).astype(np.uint8))   # uint8 draws faster
        else:
            self.out_curve.set_ydata(A[:, 0])
        n = len(history.loss)
        self.train_line.set_data(np.arange(1, n + 1), history.loss)
        self.test_line.set_data(np.arange(1, len(history.val_loss) + 1), history.val_loss)
        if n:                        # limits change rarely (doubling), so ticks stay cached
            values = np.array(history.loss + history.val_loss)
            values = values[values > 0]
            lo, hi = self.ax_loss.get_ylim()
            xmax = self.ax_loss.get_xlim()[1]
            new_x = xmax
            while n > new_x:
                new_x *= 2
            new_lo = lo / 10 if values.size and values.min() < lo else lo
            new_hi = hi * 10 if values.size and values.max() > hi else hi
            if (new_x, new_lo, new_hi) != (xmax, lo, hi):
                self.ax_loss.set_xlim(0, new_x)
                self.ax_loss.set_ylim(new_lo, new_hi)
                self.invalidate()


def _value_image(values, res):
    """A regression output over the plane as an RGB image (blue low, orange high)."""
    import matplotlib

    v = (values - values.min()) / (np.ptp(values) or 1.0)
    return matplotlib.colormaps["RdBu_r"](v.reshape(res, res))[..., :3]


def class_colors(k):
    return CLASS_COLORS[:k]
