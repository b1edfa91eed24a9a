"""What every explorer shares: a figure made without showing it, put in a box,
repainted fast when a control moves (see ``_frames``); on the static course
site, a picture of it instead (see ``_static``)."""

from __future__ import annotations

from ._frames import Blit, full_frames, send_at_once
from ._static import on_site, show_static


def new_figure(**subplots_kw):
    """(fig, axes) created with interactive display off, so the figure appears
    only inside its widget (ipympl) or not at all (tests, Agg)."""
    import matplotlib.pyplot as plt

    with plt.ioff():
        return plt.subplots(**subplots_kw)


def canvas_of(fig):
    """The ipympl canvas widget when the widget backend is active; otherwise an
    empty Output so the box still builds (tests, static backends)."""
    import ipywidgets as w

    if not isinstance(fig.canvas, w.DOMWidget):
        return w.Output()
    fig.canvas.header_visible = False      # no "Figure 3" title bar above each app
    # ipympl sets the image its browser view opens with only when the canvas
    # itself is displayed; inside a box it stays empty, and the view then
    # draws a "broken" image when it gets its size. Set it as display would.
    fig.canvas._repr_mimebundle_()
    send_at_once(fig.canvas)
    full_frames(fig.canvas)
    return fig.canvas


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
        # pyplot redraws a figure whenever an artist changes (interactive mode):
        # a whole draw, mid-update, before ``_repaint`` draws the finished state
        self.fig.stale_callback = None
        if moving:
            self._blit = Blit(self.fig, moving)
        self.widget = w.VBox([w.HBox(list(self.controls.values())), canvas_of(self.fig),
                              self.readout])
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
            self.fig.canvas.draw_idle()

    def _ipython_display_(self):
        from IPython.display import display

        if on_site():            # the static course site: a picture and a "run live" note
            line = getattr(self, "readout", None) or getattr(self, "text", None)
            readout = getattr(line, "value", "")
            return show_static(self.static_figure(), self.static_controls(), readout)
        display(self.widget)
