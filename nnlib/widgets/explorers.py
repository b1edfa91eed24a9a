"""Explorers of lessons 01-03: one neuron, one activation, softmax.

Views only: each class builds ipywidgets controls and a matplotlib figure
through the ``Explorer`` base, and updates the figure's artists in place when
a control moves; the numbers come from ``nnlib.lessons.l01_perceptron``,
``l02_activations`` and ``l03_softmax``.  Colours come from ``nnlib.colors``
(sign of a value) and ``nnlib.plotting`` (curves).  ``neuron_explorer()``,
``activation_explorer()`` and ``softmax_explorer()`` build them.
"""

from __future__ import annotations

import numpy as np

from .. import activations as _act
from ..colors import CLASS_COLORS, NEGATIVE, POSITIVE, ZERO
from ..lessons import l01_perceptron as L01
from ..lessons import l02_activations as L02
from ..lessons import l03_softmax as L03
from ..plotting import CURVE, DERIVATIVE, sign_cmap
from ._base import Explorer, explorer_figure, legend_below
from ._fast_text import fast_text

#: kept for old imports; the computation lives in nnlib.lessons.l02_activations
saturated = L02.saturated


def nice_limit(value):
    """The smallest of 1, 2, 5 x 10^k that is >= value (> 0): a colour scale
    that stays put while a slider moves, so its colour bar need not be redrawn."""
    value = max(float(value), 1e-9)
    decade = 10.0 ** np.floor(np.log10(value))
    return float(next(m * decade for m in (1, 2, 5, 10) if m * decade >= value * (1 - 1e-12)))


class NeuronExplorer(Explorer):
    """One neuron a = f(w1 x1 + w2 x2 + b) shown over the input plane.

    The image is the output a on a grid in the sign colours (nnlib.colors);
    the dashed line is z = 0, the boundary where a sign neuron flips.  XOR's
    four points are drawn on top in the colour of their label (-1 orange
    circles, +1 purple squares): a point sits right where the map under it
    has its colour.  The numbers come from nnlib.lessons.l01_perceptron.
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
        self.fig, self.ax = explorer_figure(figsize=(4.6, 3.8))
        self.image = self.ax.imshow(np.zeros_like(self.gx), origin="lower", cmap=sign_cmap(),
                                    extent=(lin[0], lin[-1], lin[0], lin[-1]), aspect="equal")
        self.fig.colorbar(self.image, ax=self.ax, label="output a")
        (self.line,) = self.ax.plot([], [], "k--", lw=1.5)
        for label, color, marker in ((-1, NEGATIVE, "o"), (1, POSITIVE, "s")):
            pts = L01.XOR_X[L01.XOR_Y == label]
            self.ax.scatter(pts[:, 0], pts[:, 1], c="white", marker=marker, s=260, zorder=3,
                            linewidths=0)                      # a halo, so it shows on its colour
            self.ax.scatter(pts[:, 0], pts[:, 1], c=color, marker=marker, s=110,
                            edgecolors="k", linewidths=1.5, zorder=4, label=f"label {label:+d}")
        self.ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.16), ncol=2, frameon=False,
                       fontsize=8)
        self.ax.set_xlim(lin[0], lin[-1])
        self.ax.set_ylim(lin[0], lin[-1])
        self.ax.set_xlabel("$x_1$")
        self.ax.set_ylabel("$x_2$")
        self.fig.tight_layout()
        self._finish(self._update, moving=[self.image, self.line, self.ax.title,
                                           *self.ax.collections])

    @property
    def label(self):
        """The readout line (kept under its old name)."""
        return self.readout

    def _values(self):
        c = {k: v.value for k, v in self.controls.items()}
        return np.array([c["w1"], c["w2"]]), c["b"], c["activation"]

    def output(self, X):
        """a = f(X w + b) for X (N, 2) with the current slider values."""
        w_, b, f = self._values()
        return L01.neuron_output(X, w_, b, f)

    def _update(self, change=None):
        w_, b, f = self._values()
        a = self.output(np.c_[self.gx.ravel(), self.gy.ravel()]).reshape(self.gx.shape)
        self.image.set_data(a)
        lim = nice_limit(np.abs(a).max())
        scale_moved = self.image.get_clim() != (-lim, lim)
        if scale_moved:                            # the colour bar moves only on a new limit
            self.image.set_clim(-lim, lim)
        self.line.set_data(*L01.boundary_line(w_, b, (-0.5, 1.5)))
        self.ax.set_title(f"a = {f}({w_[0]:.1f} x₁ {w_[1]:+.1f} x₂ {b:+.1f})", fontsize=10)
        self.readout.value = (f"XOR points on the side of their label (z > 0 means +1): "
                              f"<b>{L01.xor_correct(w_, b)} of 4</b> "
                              "(a single neuron never gets all four)")
        self._repaint(full=scale_moved)


def neuron_explorer(**kwargs):
    """Build a NeuronExplorer (w1, w2, b, activation, resolution)."""
    return NeuronExplorer(**kwargs)


class ActivationExplorer(Explorer):
    """f(z) and f'(z) on one figure; a point moves along f with the z slider,
    and the tangent through it has slope f'(z).  Saturated regions
    (|f'| <= 5 % of its maximum, nnlib.lessons.l02_activations.saturated) are
    shaded.  The point has the sign colour of f(z).  The dropdown lists every
    activation of the table (activations.names())."""

    Z = np.linspace(-6, 6, 601)

    def __init__(self, activation="sigmoid", z=1.0):
        import ipywidgets as w

        self.controls = {"activation": w.Dropdown(options=_act.names(), value=activation,
                                                  description="f"),
                         "z": w.FloatSlider(value=z, min=-6, max=6, step=0.1, description="z")}
        self.fig, self.ax = explorer_figure(figsize=(6.2, 3.6))
        ax = self.ax
        (self.f_line,) = ax.plot(self.Z, self.Z, lw=2.2, color=CURVE, label="f(z)")
        (self.df_line,) = ax.plot(self.Z, self.Z, lw=1.8, ls="--", color=DERIVATIVE,
                                  label="f′(z)")
        (self.tangent,) = ax.plot([], [], color=CURVE, lw=1.8, ls="-.",
                                  label="tangent, slope f′(z)")
        (self.point,) = ax.plot([], [], "o", ms=10, mec="k", zorder=4)
        self.shade = None
        ax.axhline(0, color="0.8", lw=0.8, zorder=0)
        ax.axvline(0, color="0.8", lw=0.8, zorder=0)
        ax.set_xlim(-6, 6)
        ax.set_xlabel("z")
        legend_below(ax, ncol=3, fontsize=9)
        ax.set_title("sigmoid: shaded where f′(z) is (almost) zero")   # room for it
        self.fig.tight_layout()
        self._drawn = None
        self._finish(self._update, moving=[self.tangent, self.point])

    def _update(self, change=None):
        act = _act.get(self.controls["activation"].value)
        new_curves = act.name != self._drawn
        if new_curves:
            self._draw_curves(act)
        self._move_point(act)
        self._repaint(full=new_curves)

    def _draw_curves(self, act):
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
        self._drawn = act.name

    def _move_point(self, act):
        z = float(self.controls["z"].value)
        fz, slope = float(act(np.array(z))), float(act.derivative(np.array(z)))
        self.point.set_data([z], [fz])
        self.point.set_markerfacecolor(POSITIVE if fz > 0 else NEGATIVE if fz < 0 else ZERO)
        dz = np.array([-1.5, 1.5])
        self.tangent.set_data(z + dz, fz + slope * dz)
        flat = bool(saturated(act, np.r_[self.Z, z])[-1])
        self.readout.value = (f"z = {z:+.2f} &nbsp; f(z) = <b>{fz:+.4f}</b> &nbsp; "
                              f"f′(z) = <b>{slope:+.4f}</b>"
                              + (" &nbsp; <i>saturated: almost no gradient passes</i>"
                                 if flat else ""))


def activation_explorer(**kwargs):
    """Build an ActivationExplorer (activation, z)."""
    return ActivationExplorer(**kwargs)


class SoftmaxExplorer(Explorer):
    """Logit sliders and a temperature T; bars (one class colour each) show
    softmax(z / T) from nnlib.lessons.l03_softmax.tempered_softmax."""

    def __init__(self, logits=(2.0, 1.0, 0.1), temperature=1.0):
        import ipywidgets as w

        self.controls = {f"z{i + 1}": w.FloatSlider(value=v, min=-5, max=5, step=0.1,
                                                    description=f"z{i + 1}")
                         for i, v in enumerate(logits)}
        self.controls["T"] = w.FloatLogSlider(value=temperature, base=10, min=-1, max=1,
                                              step=0.05, description="T")
        self.fig, self.ax = explorer_figure(figsize=(4.8, 3.2))
        k = len(logits)
        self.bars = self.ax.bar(range(1, k + 1), np.zeros(k), color=CLASS_COLORS[:k],
                                edgecolor="0.15")
        self.texts = [fast_text(self.ax, i + 1, 0, "", ha="center", va="bottom")
                      for i in range(k)]
        self.ax.set_ylim(0, 1.1)
        self.ax.set_xticks(range(1, k + 1), [f"class {i + 1}" for i in range(k)])
        self.ax.set_ylabel("probability")
        self.ax.set_title("softmax(z / T), T = 1.00")     # sized for tight_layout
        self.fig.tight_layout()
        self._finish(self._update, moving=[*self.bars, *self.texts, self.ax.title])

    @property
    def logits(self):
        return np.array([self.controls[f"z{i + 1}"].value for i in range(len(self.bars))])

    def _update(self, change=None):
        T = self.controls["T"].value
        self.probabilities = L03.tempered_softmax(self.logits, T)
        for bar, text, p in zip(self.bars, self.texts, self.probabilities):
            bar.set_height(p)
            text.set_position((bar.get_x() + bar.get_width() / 2, p + 0.01))
            text.set_text(f"{p:.2f}")
        self.ax.set_title(f"softmax(z / T), T = {T:.2f}")
        self.readout.value = (f"largest probability <b>{self.probabilities.max():.2f}</b> "
                              f"for class {int(self.probabilities.argmax()) + 1}")
        self._repaint()


def softmax_explorer(**kwargs):
    """Build a SoftmaxExplorer (logits, temperature)."""
    return SoftmaxExplorer(**kwargs)
