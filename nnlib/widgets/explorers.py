"""Explorers of lessons 01-03: one neuron, one activation, softmax.

Each class builds ipywidgets controls and a matplotlib figure, and updates
the figure's artists in place when a control moves.  ``neuron_explorer()``,
``activation_explorer()`` and ``softmax_explorer()`` build them.
"""

from __future__ import annotations

import numpy as np

from .. import activations as _act
from ..activations import softmax
from ..plotting import sign_cmap
from ._base import Explorer, canvas_of, new_figure


class NeuronExplorer(Explorer):
    """One neuron a = f(w1 x1 + w2 x2 + b) shown over the input plane.

    The image is the output a on a grid; the dashed line is z = 0, the
    boundary where a sign neuron flips.  XOR's four points are drawn on top.
    """

    def __init__(self, w1=1.0, w2=1.0, b=-0.5, activation="sign", resolution=80):
        import ipywidgets as w

        s = dict(min=-3.0, max=3.0, step=0.1, continuous_update=True)
        self.controls = {"w1": w.FloatSlider(value=w1, description="w₁", **s),
                         "w2": w.FloatSlider(value=w2, description="w₂", **s),
                         "b": w.FloatSlider(value=b, description="b", **s),
                         "activation": w.Dropdown(options=_act.names(), value=activation,
                                                  description="f")}
        lin = np.linspace(-0.5, 1.5, resolution)
        self.gx, self.gy = np.meshgrid(lin, lin)
        self.fig, self.ax = new_figure(figsize=(4.6, 3.8))
        self.image = self.ax.imshow(np.zeros_like(self.gx), origin="lower", cmap=sign_cmap(),
                                    extent=(lin[0], lin[-1], lin[0], lin[-1]), aspect="equal")
        self.fig.colorbar(self.image, ax=self.ax, label="output a")
        (self.line,) = self.ax.plot([], [], "k--", lw=1.5)
        pts = np.array([[0, 0], [0, 1], [1, 0], [1, 1]])
        self.ax.scatter(pts[:, 0], pts[:, 1], c=["#E69F00", "#0072B2", "#0072B2", "#E69F00"],
                        s=90, edgecolors="k", zorder=3)
        self.ax.set_xlim(lin[0], lin[-1])
        self.ax.set_ylim(lin[0], lin[-1])
        self.ax.set_xlabel("$x_1$")
        self.ax.set_ylabel("$x_2$")
        self.label = w.HTML()
        for c in self.controls.values():
            c.observe(self._update, names="value")
        self.widget = w.VBox([w.HBox([self.controls["w1"], self.controls["w2"]]),
                              w.HBox([self.controls["b"], self.controls["activation"]]),
                              canvas_of(self.fig), self.label])
        self._update()

    def output(self, X):
        """a = f(X w + b) for X (N, 2) with the current slider values."""
        c = {k: v.value for k, v in self.controls.items()}
        return _act.get(c["activation"])(X @ np.array([c["w1"], c["w2"]]) + c["b"])

    def _update(self, change=None):
        c = {k: v.value for k, v in self.controls.items()}
        grid = np.c_[self.gx.ravel(), self.gy.ravel()]
        a = self.output(grid).reshape(self.gx.shape)
        self.image.set_data(a)
        lim = max(np.abs(a).max(), 1e-9)
        self.image.set_clim(-lim, lim)
        x = np.array([-0.5, 1.5])              # the boundary w1 x1 + w2 x2 + b = 0
        if abs(c["w2"]) > 1e-9:
            self.line.set_data(x, -(c["w1"] * x + c["b"]) / c["w2"])
        elif abs(c["w1"]) > 1e-9:
            self.line.set_data(np.full(2, -c["b"] / c["w1"]), x)
        else:
            self.line.set_data([], [])
        self.ax.set_title(f"a = {c['activation']}({c['w1']:.1f} x₁ {c['w2']:+.1f} x₂ "
                          f"{c['b']:+.1f})", fontsize=10)
        xor = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], dtype=float)
        side = self.output(xor) > (0 if c["activation"] in ("sign", "tanh", "linear",
                                                            "leaky_relu", "elu") else 0.5)
        ok = np.sum(side == np.array([False, True, True, False]))
        self.label.value = (f"XOR points on the correct side: <b>{max(ok, 4 - ok)} of 4</b> "
                            "(a single neuron never gets all four)")
        self.fig.canvas.draw_idle()


def neuron_explorer(**kwargs):
    """Build a NeuronExplorer (w1, w2, b, activation, resolution)."""
    return NeuronExplorer(**kwargs)


def saturated(activation, z, fraction=0.05):
    """Boolean mask of z where |f'(z)| <= fraction * max |f'| (flat regions)."""
    d = np.abs(_act.get(activation).derivative(z))
    return d <= fraction * d.max()


class ActivationExplorer(Explorer):
    """f(z) and f'(z) on one figure; a point moves along f with the z slider,
    and the tangent through it has slope f'(z).  Saturated regions
    (|f'| <= 5 % of its maximum) are shaded."""

    Z = np.linspace(-6, 6, 601)

    def __init__(self, activation="sigmoid", z=1.0):
        import ipywidgets as w

        self.controls = {"activation": w.Dropdown(options=_act.names(), value=activation,
                                                  description="f"),
                         "z": w.FloatSlider(value=z, min=-6, max=6, step=0.1, description="z")}
        self.fig, self.ax = new_figure(figsize=(6.2, 3.6))
        ax = self.ax
        (self.f_line,) = ax.plot(self.Z, self.Z, lw=2.2, color="#0072B2", label="f(z)")
        (self.df_line,) = ax.plot(self.Z, self.Z, lw=1.8, ls="--", color="#D55E00",
                                  label="f′(z)")
        (self.tangent,) = ax.plot([], [], color="#009E73", lw=1.5, label="tangent, slope f′(z)")
        (self.point,) = ax.plot([], [], "o", color="#009E73", ms=9, zorder=4)
        self.shade = None
        ax.axhline(0, color="0.8", lw=0.8, zorder=0)
        ax.axvline(0, color="0.8", lw=0.8, zorder=0)
        ax.set_xlim(-6, 6)
        ax.set_xlabel("z")
        ax.legend(loc="upper left", frameon=False, fontsize=9)
        self.readout = w.HTML()
        self.controls["activation"].observe(self._change_activation, names="value")
        self.controls["z"].observe(self._move_point, names="value")
        self.widget = w.VBox([w.HBox(list(self.controls.values())), canvas_of(self.fig),
                              self.readout])
        self._change_activation()

    def _change_activation(self, change=None):
        act = _act.get(self.controls["activation"].value)
        f, df = act(self.Z), act.derivative(self.Z)
        self.f_line.set_ydata(f)
        self.df_line.set_ydata(df)
        lo, hi = min(-1.2, f.min(), df.min()) - 0.3, max(1.2, f.max(), df.max()) + 0.3
        self.ax.set_ylim(lo, hi)
        if self.shade is not None:
            self.shade.remove()
        self.shade = self.ax.fill_between(self.Z, lo, hi, where=saturated(act, self.Z),
                                          color="0.85", alpha=0.6, lw=0, zorder=0,
                                          label="_saturated")
        self.ax.set_title(f"{act.name}: shaded where f′(z) is (almost) zero")
        self._move_point()

    def _move_point(self, change=None):
        act = _act.get(self.controls["activation"].value)
        z = float(self.controls["z"].value)
        fz, slope = float(act(np.array(z))), float(act.derivative(np.array(z)))
        self.point.set_data([z], [fz])
        dz = np.array([-1.5, 1.5])
        self.tangent.set_data(z + dz, fz + slope * dz)
        flat = bool(saturated(act, np.r_[self.Z, z])[-1])
        self.readout.value = (f"z = {z:+.2f} &nbsp; f(z) = <b>{fz:+.4f}</b> &nbsp; "
                              f"f′(z) = <b>{slope:+.4f}</b>"
                              + (" &nbsp; <i>saturated: almost no gradient passes</i>"
                                 if flat else ""))
        self.fig.canvas.draw_idle()


def activation_explorer(**kwargs):
    """Build an ActivationExplorer (activation, z)."""
    return ActivationExplorer(**kwargs)


class SoftmaxExplorer(Explorer):
    """Logit sliders and a temperature T; bars show softmax(z / T)."""

    def __init__(self, logits=(2.0, 1.0, 0.1), temperature=1.0):
        import ipywidgets as w

        self.controls = {f"z{i + 1}": w.FloatSlider(value=v, min=-5, max=5, step=0.1,
                                                    description=f"z{i + 1}")
                         for i, v in enumerate(logits)}
        self.controls["T"] = w.FloatLogSlider(value=temperature, base=10, min=-1, max=1,
                                              step=0.05, description="T")
        self.fig, self.ax = new_figure(figsize=(4.8, 3.2))
        k = len(logits)
        from ..colors import CLASS_COLORS
        self.bars = self.ax.bar(range(1, k + 1), np.zeros(k), color=CLASS_COLORS[:k])
        self.texts = [self.ax.text(i + 1, 0, "", ha="center", va="bottom") for i in range(k)]
        self.ax.set_ylim(0, 1.1)
        self.ax.set_xticks(range(1, k + 1), [f"class {i + 1}" for i in range(k)])
        self.ax.set_ylabel("probability")
        for c in self.controls.values():
            c.observe(self._update, names="value")
        sliders = [self.controls[f"z{i + 1}"] for i in range(k)]
        self.widget = w.HBox([w.VBox(sliders + [self.controls["T"]]), canvas_of(self.fig)])
        self._update()

    @property
    def logits(self):
        return np.array([self.controls[f"z{i + 1}"].value for i in range(len(self.bars))])

    def _update(self, change=None):
        T = self.controls["T"].value
        self.probabilities = softmax(self.logits / T)
        for bar, text, p in zip(self.bars, self.texts, self.probabilities):
            bar.set_height(p)
            text.set_position((bar.get_x() + bar.get_width() / 2, p + 0.01))
            text.set_text(f"{p:.2f}")
        self.ax.set_title(f"softmax(z / T), T = {T:.2f}")
        self.fig.canvas.draw_idle()


def softmax_explorer(**kwargs):
    """Build a SoftmaxExplorer (logits, temperature)."""
    return SoftmaxExplorer(**kwargs)
