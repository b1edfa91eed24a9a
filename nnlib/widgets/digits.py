"""Explorer of lesson 12: step through images, see the 8x8 picture and the
predicted class probabilities as bars.  ``lessons.l12_digits`` computes the
probabilities and each frame; this module only draws them."""

from __future__ import annotations

import numpy as np

from ..colors import CLASS_COLORS
from ..lessons.l12_digits import browser_frame, probabilities, shown_indices
from ._base import Explorer, explorer_figure

#: bar colours by role: the true class, a wrong prediction, every other class
ROLE_COLORS = {"true": CLASS_COLORS[0], "wrong": CLASS_COLORS[5], "other": CLASS_COLORS[7]}


class DigitBrowser(Explorer):
    """Slider over the images (or only the mistakes) -> image and bars."""

    def __init__(self, net, images, labels, name="test"):
        import ipywidgets as w

        self.images, self.labels = np.asarray(images, dtype=float), np.asarray(labels)
        self.P = probabilities(net, self.images.reshape(len(self.images), -1))
        self.controls = {"index": w.IntSlider(value=0, min=0, max=len(self.images) - 1,
                                              description=f"{name} image"),
                         "mistakes": w.Checkbox(value=False, description="only mistakes")}
        self.fig, (self.ax_img, self.ax_bar) = explorer_figure(ncols=2, figsize=(7, 2.8),
                                                          width_ratios=[1, 2])
        # 64 cells, drawn faster than an image resampled to the axes' pixels
        self.img = self.ax_img.pcolormesh(np.zeros((8, 8)), cmap="gray_r", vmin=0, vmax=1)
        self.ax_img.set(xlim=(0, 8), ylim=(8, 0), aspect="equal")     # row 0 on top
        self.ax_img.set_axis_off()
        self.title = self.ax_img.set_title("true 0, predicted 0", fontsize=10)  # room for it
        self.bars = self.ax_bar.bar(range(self.P.shape[1]), np.zeros(self.P.shape[1]),
                                    color=ROLE_COLORS["other"])
        self.ax_bar.set_xticks(range(self.P.shape[1]))
        self.ax_bar.set_ylim(0, 1.05)
        self.ax_bar.set_yticks([0, 0.5, 1])              # few labels: text is costly per frame
        self.ax_bar.set_ylabel("probability")
        self.fig.tight_layout()
        self._finish(self._update, moving=[self.img, *self.bars, self.title])

    def _update(self, change=None):
        shown = shown_indices(self.P, self.labels, self.controls["mistakes"].value)
        self.controls["index"].max = len(shown) - 1
        n = int(shown[min(self.controls["index"].value, len(shown) - 1)])
        frame = browser_frame(self.P, self.labels, n)
        self.img.set_array(self.images[n].reshape(8, 8))
        for bar, height, role in zip(self.bars, frame["p"], frame["roles"]):
            bar.set_height(height)
            bar.set_color(ROLE_COLORS[role])
        self.current = n
        self.title.set_text(f"true {frame['true']}, predicted {frame['pred']}")
        self.readout.value = (f"image {n}: P(true class) <b>{frame['p'][frame['true']]:.2f}</b>"
                              f" &nbsp; {len(shown)} image(s) shown")
        self._repaint()


def digit_browser(net, images, labels, name="test"):
    """Build a DigitBrowser for 8x8 images (N, 64) with values in [0, 1];
    ``name`` says which set they are ("test", "validation")."""
    return DigitBrowser(net, images, labels, name)
