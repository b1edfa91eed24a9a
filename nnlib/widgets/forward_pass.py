"""Lesson 04's explorer: every array of a forward pass, X -> Z -> A per layer."""

from __future__ import annotations

import numpy as np

from ..plotting import sign_cmap
from ._base import Explorer, canvas_of, new_figure


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
            self.images.append(ax.imshow(arr, cmap=sign_cmap(), vmin=-2, vmax=2, aspect="auto"))
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
