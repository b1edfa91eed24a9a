"""What every explorer shares: a figure made without showing it, put in a box."""

from __future__ import annotations


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
    return fig.canvas


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

    def _ipython_display_(self):
        from IPython.display import display

        display(self.widget)
