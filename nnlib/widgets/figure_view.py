"""The browser view of an explorer's matplotlib figure: an anywidget whose ES
module (figure_view.js) paints the frames the kernel draws.

The kernel draws the figure with Agg (``Blit`` in ``_frames`` redraws only
the artists a control moves) and ``send()`` puts the whole picture, as one
PNG (``png_bytes``), in the ``frame`` trait: one websocket message.  The
page decodes it off its main thread and draws it 1:1 on a canvas.

Why not ipympl's canvas: its browser view loads each frame through an
``<img>`` and, on every frame, encodes its whole canvas back to a PNG data
URL on the page's main thread (``toDataURL``).  Replacing it took the
explorers from 75-138 to 41-90 ms from a slider to the repaint, p50
(benchmarks/bench_browser.py, same drawing in the kernel).
Its zoom/pan toolbar is not needed by an explorer.

``size`` is the figure's size in CSS pixels (w, h) at its own dpi; the page
reports ``window.devicePixelRatio`` and the kernel then draws that many
pixels per CSS pixel (sharp text on a HiDPI screen) and repaints.
"""

from __future__ import annotations

import pathlib

import anywidget
import numpy as np
import traitlets

from ._frames import png_bytes

#: the largest device pixel ratio the kernel draws at (a 4x frame is 16x the bytes)
MAX_RATIO = 3.0


class FigureView(anywidget.AnyWidget):
    """Shows ``fig`` (a Figure with an Agg canvas).  ``redraw`` (no
    arguments) draws the whole figure and calls ``send()``; it runs again
    when the page asks for another pixel ratio.  ``frames`` counts frames
    sent (for tests)."""

    _esm = pathlib.Path(__file__).with_name("figure_view.js")
    frame = traitlets.Bytes().tag(sync=True)
    size = traitlets.List([0, 0]).tag(sync=True)

    def __init__(self, fig, redraw=None, **kwargs):
        super().__init__(**kwargs)
        self.fig, self.base_dpi, self.ratio = fig, float(fig.dpi), 1.0
        self.redraw = redraw or self.draw
        self.frames = 0
        self.on_msg(self._message)

    def draw(self):
        """Draw the whole figure now and send it."""
        self.fig.canvas.draw()
        self.send()

    def send(self):
        """Send what the figure's canvas holds now, whole."""
        pixels = np.asarray(self.fig.canvas.buffer_rgba())
        w, h = self.fig.get_size_inches() * self.base_dpi
        self.size = [round(float(w)), round(float(h))]
        self.frame = png_bytes(pixels)
        self.frames += 1

    def _message(self, _, content, buffers):
        if not isinstance(content, dict) or content.get("type") != "ratio":
            return
        try:
            ratio = min(max(float(content.get("ratio", 1.0)), 1.0), MAX_RATIO)
        except (TypeError, ValueError):
            return
        if not np.isfinite(ratio) or ratio == self.ratio:
            return
        self.ratio = ratio
        self.fig.set_dpi(self.base_dpi * ratio)
        self.redraw()
