"""The depth explorer of lesson 09: what happens to the signals layer by layer.

A view only: the numbers come from ``nnlib.lessons.l09_backprop.layer_profile``
(one backprop through the public API). Left: the backward signal ||dZ(l)||
and the weight gradient ||dW(l)|| per layer; right: the spread std(A(l)) of
the forward activations. The readout names only what these numbers show:
the factor per layer of the backward signal and of the forward spread.
"""

from __future__ import annotations

import numpy as np

from ..lessons.l09_backprop import depth_ratio, layer_profile
from ._base import Explorer, new_figure

#: per-layer factor beyond which a signal is called vanishing/exploding with depth
FACTOR = 1.5


def describe(profile):
    """Words for what a layer profile shows, from its numbers only.

    Returns (backward, forward): e.g. "shrinks ×4.6 per layer going down
    (vanishing with depth)".  A factor within [1/FACTOR, FACTOR] is "stable"."""
    down = depth_ratio(profile["dZ"])          # > 1: larger near the output
    up = depth_ratio(profile["spread"])        # > 1: larger near the output

    def words(f, direction, small, large):
        if not np.isfinite(f) or f <= 0:
            return "zero or not finite: no gradient reaches these layers"
        if f > FACTOR:
            return f"shrinks ×{f:.3g} per layer {direction} ({small})"
        if f < 1 / FACTOR:
            return f"grows ×{1 / f:.3g} per layer {direction} ({large})"
        return f"changes ×{max(f, 1 / f):.3g} per layer at most (stable with depth)"

    backward = words(down, "going down", "vanishing with depth", "exploding with depth")
    forward = words(1 / up if up > 0 else up, "going up", "activations die out",
                    "activations blow up")
    return backward, forward


class GradientNormsExplorer(Explorer):
    """Widget: depth, activation, init -> per-layer ||dZ||, ||dW|| and std(A).

    State for tests: ``profile`` (dict of arrays), ``verdict`` (backward words),
    ``controls``, ``fig``, ``axes``, ``readout``."""

    def __init__(self, depth=8, activation="sigmoid", init="xavier"):
        import ipywidgets as w

        from ..activations import names
        from ..layers import INITS

        self.controls = {
            "depth": w.IntSlider(value=depth, min=2, max=20, description="depth"),
            "activation": w.Dropdown(options=names(), value=activation,
                                     description="activation"),
            "init": w.Dropdown(options=[i for i in INITS if i != "zeros"], value=init,
                               description="init"),
        }
        self.fig, self.axes = new_figure(ncols=2, figsize=(9.5, 3.2))
        self._finish(self._update)

    def _update(self, change=None):
        from matplotlib.ticker import MaxNLocator

        c = {k: v.value for k, v in self.controls.items()}
        try:
            self.profile = p = layer_profile(c["depth"], c["activation"], c["init"])
        except (ValueError, FloatingPointError) as err:     # e.g. signals overflow to inf
            self.verdict = "not measurable"
            self.readout.value = f"<b>Cannot run this network:</b> {err}"
            return
        layers = np.arange(1, len(p["dZ"]) + 1)
        left, right = self.axes
        for ax in self.axes:
            ax.clear()
        for key, style, label in (("dZ", "o-", "‖dZ⁽ˡ⁾‖ (backward signal)"),
                                  ("dW", "s--", "‖dW⁽ˡ⁾‖ = ‖A⁽ˡ⁻¹⁾ᵀ dZ⁽ˡ⁾‖")):
            ok = np.isfinite(p[key]) & (p[key] > 0)
            left.semilogy(layers[ok], p[key][ok], style, color="0.2" if key == "dZ" else "0.55",
                          label=label)
        ok = np.isfinite(p["spread"]) & (p["spread"] > 0)
        right.semilogy(layers[ok], p["spread"][ok], "o-", color="0.2")
        left.set_title("backward: gradients per layer")
        right.set_title("forward: spread std(A⁽ˡ⁾) per layer")
        for ax in self.axes:
            ax.set_xlabel("layer l (1 = input side)")
            ax.xaxis.set_major_locator(MaxNLocator(integer=True))   # layers are whole numbers
        left.legend(frameon=False, fontsize=8)
        self.fig.suptitle(f"{c['activation']}, init {c['init']}, depth {c['depth']}")
        backward, forward = describe(p)
        self.verdict = backward
        self.readout.value = (f"backward signal ‖dZ‖: <b>{backward}</b>; forward spread: "
                              f"<b>{forward}</b>")
        self.fig.tight_layout()
        self.fig.canvas.draw_idle()


def gradient_norms_explorer(depth=8, activation="sigmoid", init="xavier"):
    """Build the explorer; display it with ``display()``."""
    return GradientNormsExplorer(depth, activation, init)
