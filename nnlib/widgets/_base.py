"""What every explorer shares: a figure drawn in the kernel by Agg, shown by
``FigureView`` (painted by the page), repainted fast when a control moves
(see ``_frames``); on the static course site, a picture of it instead (see
``_static``)."""

from __future__ import annotations

from ._frames import Blit
from ._static import on_site, show_static


def new_figure(**subplots_kw):
    """(fig, axes) of pyplot with interactive display off, for a figure that
    is not an explorer's: lesson 13's graph (shown as its ipympl canvas) and
    the Playground's picture on the static site.  Explorers draw on
    ``explorer_figure``."""
    import matplotlib.pyplot as plt

    with plt.ioff():
        return plt.subplots(**subplots_kw)


def explorer_figure(**subplots_kw):
    """(fig, axes) for an explorer: a Figure on an Agg canvas of its own, not
    registered with pyplot (so no backend shows it by itself); ``canvas_of``
    puts it on the page."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    figure_kw = {k: subplots_kw.pop(k) for k in ("figsize", "dpi") if k in subplots_kw}
    fig = Figure(**figure_kw)
    FigureCanvasAgg(fig)
    return fig, fig.subplots(**subplots_kw)


def canvas_of(fig, redraw=None):
    """The browser view of ``fig`` (a ``FigureView``); ``redraw`` draws the
    whole figure and sends it (default: draw, then send)."""
    from .figure_view import FigureView

    return FigureView(fig, redraw)


def legend_below(ax, ncol, **kwargs):
    """The key under ``ax``, out of the way of the artists a control moves: a
    key inside the axes would be drawn again on every frame to stay on top
    (text is the costliest part of a frame).  Call ``fig.tight_layout()``
    after it so the figure makes room."""
    return ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.2), ncol=ncol,
                     frameon=False, **{"fontsize": 8, **kwargs})


class Explorer:
    """Base for the apps: ``controls`` (dict), ``fig``, ``widget`` (the box)."""

    _blit = None

    def _finish(self, update, moving=()):
        """Wire every control to ``update``, lay out [controls, figure, readout]
        (``self.readout`` is an HTML line for text), and draw once.  ``moving``:
        the artists the controls change; ``_repaint()`` redraws only them."""
        import ipywidgets as w

        self.readout = w.HTML()
        for control in self.controls.values():
            control.observe(update, names="value")
        if moving:
            self._blit = Blit(self.fig, moving)
        self.view = canvas_of(self.fig, redraw=lambda: self._repaint(full=True))
        self.widget = w.VBox([w.HBox(list(self.controls.values())), self.view, self.readout])
        update()

    def static_figure(self):
        """The figure the static site shows for this app: its first frame."""
        return getattr(self, "fig", None)

    def static_controls(self):
        """The controls whose values the static site lists under that figure."""
        return self.controls

    def _repaint(self, full=False):
        """Show the artists' new state: only the moving artists over the kept
        background, or the whole figure when ``full`` (something outside the
        moving artists changed: limits, ticks, a colour bar) or when there is
        no background yet."""
        if full or self._blit is None or not self._blit.repaint():
            self.fig.canvas.draw()
        self.view.send()

    def _ipython_display_(self):
        from IPython.display import display

        if on_site():            # the static course site: a picture and a "run live" note
            line = getattr(self, "readout", None) or getattr(self, "text", None)
            readout = getattr(line, "value", "")
            return show_static(self.static_figure(), self.static_controls(), readout)
        display(self.widget)
