"""The depth explorer of lesson 09: what happens to the signals layer by layer.

A view only: the numbers come from ``nnlib.lessons.l09_backprop.layer_profile``
(one backprop through the public API). Left: the backward signal ||dZ(l)||
and the weight gradient ||dW(l)|| per layer; right: the spread std(A(l)) of
the forward activations. The readout names only what these numbers show:
the factor per layer of the backward signal and of the forward spread.
"""

from __future__ import annotations

import numpy as np
from matplotlib.ticker import MaxNLocator

from ..lessons.l09_backprop import depth_ratio, layer_profile
from ._base import Explorer, explorer_figure, legend_below

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
        self.fig, self.axes = explorer_figure(ncols=2, figsize=(9.5, 3.2))
        left, right = self.axes
        self.lines = {}
        for key, style, label in (("dZ", "o-", "‖dZ⁽ˡ⁾‖ (backward signal)"),
                                  ("dW", "s--", "‖dW⁽ˡ⁾‖ = ‖A⁽ˡ⁻¹⁾ᵀ dZ⁽ˡ⁾‖")):
            (self.lines[key],) = left.semilogy([], [], style, label=label,
                                               color="0.2" if key == "dZ" else "0.55")
        (self.lines["spread"],) = right.semilogy([], [], "o-", color="0.2")
        left.set_title("backward: gradients per layer")
        right.set_title("forward: spread std(A⁽ˡ⁾) per layer")
        for ax in self.axes:
            ax.set_xlabel("layer l (1 = input side)")
            ax.xaxis.set_major_locator(MaxNLocator(integer=True))   # layers are whole numbers
        legend_below(left, ncol=2)
        self.title = self.fig.suptitle("sigmoid, init xavier, depth 8")   # room for it
        self.fig.tight_layout()       # once: the layout stays while the controls move
        self._kind = None
        self._finish(self._update, moving=[*self.lines.values(), self.title])

    def _set_limits(self, activation, init):
        """Axes that hold every depth the slider offers for this activation and
        init: moving the depth slider then redraws only the curves, and a
        deeper network visibly reaches further right and further down."""
        depths = range(self.controls["depth"].min, self.controls["depth"].max + 1)
        profiles = []
        for depth in depths:
            try:
                profiles.append(layer_profile(depth, activation, init))
            except (ValueError, FloatingPointError):
                continue
        for ax in self.axes:
            ax.set_xlim(0.5, depths[-1] + 1.5)
        for ax, keys in zip(self.axes, (("dZ", "dW"), ("spread",))):
            ylim = _decades(*(p[k] for p in profiles for k in keys))
            if ylim is not None:
                ax.set_ylim(ylim)

    def _update(self, change=None):
        c = {k: v.value for k, v in self.controls.items()}
        try:
            self.profile = p = layer_profile(c["depth"], c["activation"], c["init"])
        except (ValueError, FloatingPointError) as err:     # e.g. signals overflow to inf
            self.verdict = "not measurable"
            self.readout.value = f"<b>Cannot run this network:</b> {err}"
            return
        layers = np.arange(1, len(p["dZ"]) + 1)
        for key, line in self.lines.items():
            ok = np.isfinite(p[key]) & (p[key] > 0)
            line.set_data(layers[ok], p[key][ok])
        kind = (c["activation"], c["init"])
        moved = kind != self._kind
        if moved:          # new axes ranges: tick labels change, the whole figure is drawn
            self._kind = kind
            self._set_limits(*kind)
        self.title.set_text(f"{c['activation']}, init {c['init']}, depth {c['depth']}")
        backward, forward = describe(p)
        self.verdict = backward
        self.readout.value = (f"backward signal ‖dZ‖: <b>{backward}</b>; forward spread: "
                              f"<b>{forward}</b>")
        self._repaint(full=moved)


def _decades(*values):
    """(10^floor(log10 min), 10^ceil(log10 max)) over the finite positive
    entries of the arrays ``values``, widened to at least two decades; None
    when there are none."""
    v = np.concatenate([np.asarray(x, dtype=float).ravel() for x in values] + [np.empty(0)])
    v = v[np.isfinite(v) & (v > 0)]
    if not v.size:
        return None
    lo, hi = np.floor(np.log10(v.min())), np.ceil(np.log10(v.max()))
    if hi - lo < 2:
        lo, hi = lo - 1, hi + 1
    return float(10.0 ** lo), float(10.0 ** hi)


def gradient_norms_explorer(depth=8, activation="sigmoid", init="xavier"):
    """Build the explorer; display it with ``display()``."""
    return GradientNormsExplorer(depth, activation, init)
