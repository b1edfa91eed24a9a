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

    return fig.canvas if isinstance(fig.canvas, w.DOMWidget) else w.Output()


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
