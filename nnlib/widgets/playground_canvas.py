"""The Playground's canvas: an anywidget whose ES module (playground.js, after
its drawing helpers in playground_draw.js) paints frames of numbers sent by
the kernel (see nnlib/lessons/l10_model.py for every array).  The kernel
never draws: no matplotlib, no PNG.

``show(frame)`` sends one frame (one websocket message, raw buffers);
``set_layout``/``set_points`` send what changes rarely.  Clicks and hovers
in the page arrive as messages and are passed to ``on_event(kind, content)``.
"""

from __future__ import annotations

import pathlib

import anywidget
import numpy as np
import traitlets

from ..colors import CLASS_COLORS, ZERO, hex_to_rgb, sign_rgb

INK = "#333333"       # axes, labels, outlines: neutral, neither a sign nor a class colour


def palette():
    """Colours for the browser, from nnlib.colors only: the class colours and
    the sign code sampled at the 256 uint8 codes of l10_model.quantize."""
    rgb = [[round(255 * v) for v in hex_to_rgb(c)] for c in CLASS_COLORS]
    sign = sign_rgb(np.arange(256) / 127.5 - 1.0).ravel().tolist()
    return dict(classes=rgb, sign=sign, ink=INK, zero=ZERO)


class PlaygroundCanvas(anywidget.AnyWidget):
    # one ES module: the drawing helpers (playground_draw.js), then the painter
    _esm = "\n".join(pathlib.Path(__file__).with_name(name).read_text(encoding="utf-8")
                      for name in ("playground_draw.js", "playground.js"))
    palette = traitlets.Dict().tag(sync=True)
    layout_info = traitlets.Dict().tag(sync=True)
    info = traitlets.Dict().tag(sync=True)
    points_xy = traitlets.Bytes().tag(sync=True)
    points_label = traitlets.Bytes().tag(sync=True)
    points_test = traitlets.Bytes().tag(sync=True)
    out = traitlets.Bytes().tag(sync=True)
    maps = traitlets.Bytes().tag(sync=True)
    weights = traitlets.Bytes().tag(sync=True)
    biases = traitlets.Bytes().tag(sync=True)
    loss = traitlets.Bytes().tag(sync=True)
    hover_map = traitlets.Bytes().tag(sync=True)

    def __init__(self, on_event=None, **kwargs):
        super().__init__(palette=palette(), **kwargs)
        self.on_event = on_event
        self.frames = 0
        self.bytes_sent = 0             # of the last frame's buffers
        self.on_msg(self._message)

    def _message(self, _, content, buffers):
        if self.on_event is not None and isinstance(content, dict):
            self.on_event(content.get("type"), content)

    def set_layout(self, layout):
        self.layout_info = layout

    def set_points(self, points):
        with self.hold_sync():
            self.points_xy = points["xy"].tobytes()
            self.points_label = points["labels"].tobytes()
            self.points_test = points["is_test"].tobytes()

    def show(self, frame):
        """Send one frame; ``info`` last, the browser paints on its change."""
        names = ("out", "maps", "weights", "biases", "loss", "hover_map")
        data = {k: np.ascontiguousarray(frame[k]).tobytes() for k in names}
        with self.hold_sync():
            for key, value in data.items():
                setattr(self, key, value)
            self.frames += 1
            self.info = dict(frame["info"], frame=self.frames)
        self.bytes_sent = sum(len(v) for v in data.values())
