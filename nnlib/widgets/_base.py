"""What every explorer shares: a figure made without showing it, put in a box
(on the static course site: a picture of it, see ``_static``)."""

from __future__ import annotations

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
    _draw_at_once(fig.canvas)
    return fig.canvas


def _draw_at_once(canvas):
    """Make the explorers' ``canvas.draw_idle()`` draw and send the image at
    once when the browser view is up.  ipympl's own draw_idle only asks the
    browser to ask back for a draw: a round trip kernel -> browser -> kernel
    before any drawing starts (100-300 ms on a busy 2-core machine).  Before
    the view has connected (``syncing_data_url``) the ipympl path is kept.
    Drawing per change cannot pile up: the browser sends the next slider value
    only once the kernel is idle again (ipywidgets' message throttle)."""
    ask_browser = canvas.draw_idle

    def draw_idle(*args, **kwargs):
        if getattr(canvas, "syncing_data_url", True):
            return ask_browser(*args, **kwargs)
        canvas.draw()

    canvas.draw_idle = draw_idle


class Explorer:
    """Base for the apps: ``controls`` (dict), ``fig``, ``widget`` (the box)."""

    def _finish(self, update):
        """Wire every control to ``update``, lay out [controls, figure, readout]
        (``self.readout`` is an HTML line for text), and draw once."""
        import ipywidgets as w

        self.readout = w.HTML()
        for control in self.controls.values():
            control.observe(update, names="value")
        self.widget = w.VBox([w.HBox(list(self.controls.values())), canvas_of(self.fig),
                              self.readout])
        update()

    def static_figure(self):
        """The figure the static site shows for this app: its first frame."""
        return getattr(self, "fig", None)

    def static_controls(self):
        """The controls whose values the static site lists under that figure."""
        return self.controls

    def _ipython_display_(self):
        from IPython.display import display

        if on_site():            # the static course site: a picture and a "run live" note
            line = getattr(self, "readout", None) or getattr(self, "text", None)
            readout = getattr(line, "value", "")
            return show_static(self.static_figure(), self.static_controls(), readout)
        display(self.widget)
