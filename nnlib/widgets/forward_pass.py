"""Lesson 04's explorer: every array of a forward pass, X -> Z -> A per layer."""

from __future__ import annotations

import numpy as np

from ..lessons.l04_forward_pass import forward_arrays
from ..plotting import sign_cmap
from ._base import Explorer, explorer_figure
from ._fast_text import fast_text


class ForwardPassExplorer(Explorer):
    """Heatmaps of X, then Z and A of every layer, for a small batch; the
    selected sample's row is framed and its values written in, and sliders
    edit its two inputs."""

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
        n_arrays = 1 + 2 * len(net.layers)
        self.fig, axes = explorer_figure(ncols=n_arrays, figsize=(1.3 * n_arrays + 1.5, 3.2))
        self.images, self.frames, self.texts = [], [], []
        for ax, (name, arr) in zip(axes, forward_arrays(net, self.X)):
            # a mesh of cells, not an image: a dozen cells draw 10x faster than an image
            # resampled to the axes' pixels, and they are redrawn on every move
            rows, cols = arr.shape
            self.images.append(ax.pcolormesh(np.arange(cols + 1) - 0.5, np.arange(rows + 1) - 0.5,
                                             arr, cmap=sign_cmap(), vmin=-2, vmax=2))
            ax.set_xlim(-0.5, cols - 0.5)
            ax.set_ylim(rows - 0.5, -0.5)                  # row 0 on top, as in the array
            # values are written on the selected row only: few texts, a fast redraw
            self.texts.append([fast_text(ax, j, 0, "", ha="center", va="center", fontsize=7)
                               for j in range(arr.shape[1])])
            ax.set_title(f"{name}\n{arr.shape}", fontsize=9)
            ax.set_xticks(range(arr.shape[1]))
            ax.set_yticks([])
            self.frames.append(ax.add_patch(Rectangle((-0.5, -0.5), arr.shape[1], 1, fill=False,
                                                      lw=2, edgecolor="k")))
        self.fig.tight_layout()
        self._editing = False
        self._finish(self._update, moving=[*self.images, *self.frames,
                                           *(t for row in self.texts for t in row)])
        self.table = self.readout

    def _update(self, change=None):
        """A new sample copies its inputs into the sliders; moving x1 or x2
        edits the selected sample; either way every array is redrawn."""
        if self._editing:
            return
        n = self.controls["sample"].value
        if change is not None and change["owner"] is self.controls["sample"]:
            self._editing = True
            self.controls["x1"].value, self.controls["x2"].value = self.X[n]
            self._editing = False
        elif change is not None:
            j = 0 if change["owner"] is self.controls["x1"] else 1
            if _echo(change["owner"], self.X[n, j], change["new"]):
                return
            self.X[n, j] = change["new"]
        self._show()

    def _show(self):
        n = self.controls["sample"].value
        named = forward_arrays(self.net, self.X)
        self.arrays = [arr for _, arr in named]
        for image, frame, texts, arr in zip(self.images, self.frames, self.texts, self.arrays):
            image.set_array(arr)
            frame.set_y(n - 0.5)
            for j, text in enumerate(texts):
                text.set_position((j, n))
                text.set_text(f"{arr[n, j]:.2f}")
        rows = "".join(f"<tr><td><b>{name}</b></td><td>{np.array2string(arr[n], precision=3)}"
                       "</td></tr>" for name, arr in named)
        self.readout.value = f"<p>sample {n}:</p><table>{rows}</table>"
        self._repaint()


def _echo(slider, value, new):
    """True when ``new`` is only ``value`` snapped to the slider's step: the
    page shows a sample's input on the slider's grid and sends that back.
    Taken as an edit, it would round the sample's data (and redraw twice)."""
    snapped = slider.min + round((value - slider.min) / slider.step) * slider.step
    snapped = min(max(snapped, slider.min), slider.max)
    return abs(new - snapped) <= 1e-9 * max(1.0, abs(snapped))


def forward_pass_explorer(net, X):
    """Build a ForwardPassExplorer for a 2-input network and a small batch X."""
    return ForwardPassExplorer(net, X)
