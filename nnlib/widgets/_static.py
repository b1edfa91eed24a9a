"""What a widget shows on the static course site, where no kernel runs.

The site build (``docs/build.py``) executes every lesson with
``NNLIB_STATIC_SITE=1`` in the kernel's environment.  Then an explorer
displays, instead of its live widget, a PNG of its first frame (the figure
as it was built), the settings that frame was drawn with, its readout, and a
note saying how to run it live: JupyterLab on your own machine
(``make lab``) or Binder.

The kernel does not know which notebook it runs, so the note's two links
carry the placeholders ``LAB_LINK`` and ``BINDER_LINK`` as their ``href``;
the site build puts each page's own addresses in their place.  Outside the
site build nothing here is used: a notebook shows the live widget.
"""

from __future__ import annotations

import html
import io
import os

SITE_ENV = "NNLIB_STATIC_SITE"
LAB_LINK, BINDER_LINK = "nnlib-live:lab", "nnlib-live:binder"
NOTE_CLASS = "nnlib-live"


def on_site():
    """True inside the site build (``NNLIB_STATIC_SITE`` set, not "0")."""
    return os.environ.get(SITE_ENV, "") not in ("", "0")


def figure_png(fig):
    """The figure as PNG bytes, drawn now (Agg), at the figure's own dpi."""
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=fig.dpi, bbox_inches="tight")
    return buffer.getvalue()


def settings_line(controls):
    """'lr = 0.01 · beta = 0.9': the value of every control that has one
    (buttons have none), so a reader knows what the picture was drawn with."""
    shown = []
    for key, control in (controls or {}).items():
        if type(control).__name__ in ("Text", "Textarea"):   # a field to type into
            continue
        value = getattr(control, "value", None)
        if isinstance(value, (bool, int, float, str)) and value != "":
            name = getattr(control, "description", "") or key
            text = f"{value:.4g}" if isinstance(value, float) else str(value)
            shown.append(f"{html.escape(name)} = {html.escape(text)}")
    return " · ".join(shown)


def live_note(settings="", readout="", picture=True):
    """The HTML below a widget's picture: what it is and how to run it live."""
    what = ("A picture of the widget's first frame" if picture else
            "This cell shows an interactive widget here")
    parts = [f'<div class="{NOTE_CLASS}">']
    if readout:
        parts.append(f'<p class="{NOTE_CLASS}-readout">{readout}</p>')
    if settings:
        parts.append(f'<p class="{NOTE_CLASS}-settings">Settings: {settings}</p>')
    parts.append(f"<p><b>Run this live.</b> {what}; its controls need a running Python kernel. "
                 f'Open the lesson in <a class="{NOTE_CLASS}-lab" href="{LAB_LINK}">JupyterLab '
                 f"on your machine</a> (<code>make lab</code> in the repository starts it) or "
                 f'on <a class="{NOTE_CLASS}-binder" href="{BINDER_LINK}">Binder</a> '
                 f"(in the browser, a minute or two to start).</p></div>")
    return "".join(parts)


def show_static(fig=None, controls=None, readout=""):
    """Display the picture of ``fig`` (if any) and the live note, as two
    outputs: the site stores the PNG as an image file of its own."""
    from IPython.display import HTML, Image, display

    if fig is not None:
        display(Image(data=figure_png(fig)))
    display(HTML(live_note(settings_line(controls), readout, picture=fig is not None)))


def show_widget(widget):
    """For a bare ipywidgets widget (no figure): its controls' values, its last
    text line (the readout) and the note.  The site build registers this as
    the display of every ipywidgets Widget."""
    children = getattr(widget, "children", None) or [widget]
    controls = {f"control {i}": c for i, c in enumerate(children) if hasattr(c, "value")
                and not isinstance(getattr(c, "value", None), str)}
    texts = [c.value for c in children if type(c).__name__ == "HTML" and c.value]
    show_static(None, controls, texts[-1] if texts else "")
