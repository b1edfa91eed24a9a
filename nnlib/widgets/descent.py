"""Lesson 06's explorer: plain gradient descent and momentum side by side on an
ill-conditioned valley, with learning-rate and beta sliders.

A view only: every number (paths, losses, regimes, condition number) comes
from ``nnlib.lessons.l06_descent.valley_report``; a slider change updates the
lines and the text in place and asks for one redraw.
"""

from __future__ import annotations

import numpy as np
from matplotlib.ticker import NullLocator

from ..lessons import l06_descent as lesson
from ._base import Explorer, explorer_figure, legend_below

#: line colours of the two methods (not class or sign colours)
GD_COLOR, MOMENTUM_COLOR = "0.25", "#0072B2"
#: the loss axis of the right panel (log scale)
LOSS_RANGE = (1e-6, 1e3)


def _regimes(run):
    return ", ".join(f"w{i + 1}: {name} (ρ = {rho:.3f})"
                     for i, (name, rho) in enumerate(run["regimes"]))


class DescentExplorer(Explorer):
    """Two panels: the paths of GD and momentum on the loss contours, and their
    loss curves; sliders for the learning rate (lr) and momentum's beta."""

    def __init__(self, lr=0.01, beta=0.9, steps=60):
        import ipywidgets as w

        self.steps = steps
        self.controls = {
            "lr": w.FloatLogSlider(value=lr, base=10, min=-3, max=np.log10(0.2), step=0.01,
                                   description="η (lr)", readout_format=".4f"),
            "beta": w.FloatSlider(value=beta, min=0.0, max=0.99, step=0.01,
                                  description="β")}
        self.fig, (self.ax, self.ax_loss) = explorer_figure(ncols=2, figsize=(9, 3.6),
                                                       width_ratios=(1.4, 1))
        g1, g2 = np.meshgrid(np.linspace(-5, 5, 160), np.linspace(-2, 2, 120))
        self.ax.contour(g1, g2, lesson.valley_loss(np.stack([g1, g2], -1)),
                        levels=np.geomspace(0.02, 60, 12), colors="0.75", linewidths=0.7)
        self.ax.plot([0], [0], "k+", ms=10)
        self.lines, self.curves = {}, {}
        for key, color, label in (("gd", GD_COLOR, "plain GD"),
                                  ("momentum", MOMENTUM_COLOR, "momentum")):
            (self.lines[key],) = self.ax.plot([], [], "o-", color=color, ms=2.5, lw=1.1,
                                              label=label)
            (self.curves[key],) = self.ax_loss.semilogy([], [], color=color, lw=1.6,
                                                        label=label)
        c1, c2 = lesson.VALLEY
        self.ax.set(xlim=(-5, 5), ylim=(-2, 2), xlabel=f"$w_1$ (curvature {c1:g})",
                    ylabel=f"$w_2$ (curvature {c2:g})")
        legend_below(self.ax, ncol=2)
        self.ax_loss.set(xlim=(0, steps), ylim=LOSS_RANGE, xlabel="step", ylabel="loss")
        self.ax_loss.yaxis.set_minor_locator(NullLocator())    # fewer ticks: faster redraw
        self.ax.set_title(f"condition number κ = {lesson.condition_number():g}", fontsize=9)
        self.fig.tight_layout()
        self._finish(self._update, moving=[*self.lines.values(), *self.curves.values()])

    def _update(self, change=None):
        lr, beta = self.controls["lr"].value, self.controls["beta"].value
        self.report = report = lesson.valley_report(lr, beta, self.steps)
        for key in ("gd", "momentum"):
            run = report[key]
            path = np.clip(run["path"], -1e3, 1e3)      # a diverged path leaves the frame
            self.lines[key].set_data(path[:, 0], path[:, 1])
            loss = np.clip(run["loss"], LOSS_RANGE[0], 1e12)
            self.curves[key].set_data(np.arange(len(loss)), loss)
        gd, mom = report["gd"], report["momentum"]
        verdict = ("momentum ends lower" if report["momentum_ahead"] else
                   "momentum does not help here")
        self.readout.value = (
            f"κ = {report['kappa']:g}, η = {lr:.4f}, β = {beta:.2f}. "
            f"Both start at {lesson.START} and take {self.steps} steps with the same η; "
            "momentum: v ← βv + ∇L, w ← w − ηv (nnlib.Momentum).<br>"
            f"plain GD: final loss {gd['final']:.3g}; {_regimes(gd)}<br>"
            f"momentum: final loss {mom['final']:.3g}; {_regimes(mom)}<br>"
            f"<b>{verdict}</b> (ρ: error factor per step, from the eigenvalues of one step)")
        self._repaint()


def descent_explorer(lr=0.01, beta=0.9, steps=60):
    """Build a DescentExplorer (GD versus momentum on lesson 06's valley)."""
    return DescentExplorer(lr, beta, steps)
