"""How an explorer's matplotlib figure reaches the page (ipympl), fast and whole.

A control change costs, in the kernel: drawing the figure with Agg (mostly
text: tick labels, titles), encoding it as PNG, sending it; then the browser
decodes and paints it.  Three things here cut that down:

- ``Blit``: draw the figure once without the artists a control moves, keep
  that picture (the *background*), and per change restore it and draw only
  the moving artists over it (matplotlib's blitting).  Tick labels, axes and
  titles that stay are not drawn again.
- ``full_frames``: every frame is a whole PNG (``png_bytes``: fast), never a
  diff.  ipympl's diff frames only hold the pixels that changed since the
  frame before; its browser view drops a frame when the next one arrives
  before the first has loaded, and from then on paints diffs over a picture
  it never had (stale curves, two sets of tick labels).  A whole frame can
  be dropped without leaving a trace.
- ``send_at_once``: ``draw_idle()`` draws and sends at once instead of
  asking the browser to ask back for a draw (one round trip less).
"""

from __future__ import annotations

import struct
import zlib

import numpy as np

#: zlib level of the frames' PNG: 1 is the fastest that still compresses a
#: figure (mostly white) ~15x; bytes are cheap, all is local
PNG_LEVEL = 1


def png_bytes(pixels, level=PNG_LEVEL):
    """A PNG file of ``pixels`` (H, W, 4) uint8 RGBA: RGB when every pixel is
    opaque, no row filter, zlib at ``level``.  About 3x faster than PIL's
    encoder (which tries a filter per row) on an explorer's figure."""
    h, w, _ = pixels.shape
    opaque = bool((pixels[:, :, 3] == 255).all())
    channels = pixels[:, :, :3] if opaque else pixels
    rows = np.zeros((h, 1 + w * channels.shape[2]), np.uint8)    # byte 0: filter "none"
    rows[:, 1:] = channels.reshape(h, -1)

    def chunk(kind, data):
        return (struct.pack(">I", len(data)) + kind + data
                + struct.pack(">I", zlib.crc32(kind + data)))

    header = struct.pack(">IIBBBBB", w, h, 8, 2 if opaque else 6, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header)
            + chunk(b"IDAT", zlib.compress(rows.tobytes(), level)) + chunk(b"IEND", b""))


def send_at_once(canvas):
    """Make ``canvas.draw_idle()`` draw and send the image at once when the
    browser view is up.  ipympl's own draw_idle only asks the browser to ask
    back for a draw: a round trip kernel -> browser -> kernel before any
    drawing starts (100-300 ms on a busy 2-core machine).  Before the view
    has connected (``syncing_data_url``) the ipympl path is kept.  Drawing
    per change cannot pile up: the browser sends the next slider value only
    once the kernel is idle again (ipywidgets' message throttle)."""
    ask_browser = canvas.draw_idle

    def draw_idle(*args, **kwargs):
        if getattr(canvas, "syncing_data_url", True):
            return ask_browser(*args, **kwargs)
        canvas.draw()

    canvas.draw_idle = draw_idle


def full_frames(canvas):
    """Make the webagg/ipympl ``canvas`` send every frame as a whole PNG
    (mode "full", ``png_bytes``), replacing its ``get_diff_image``.  It
    keeps ``_last_buff`` (the last frame's pixels), which ipympl reads to
    fill ``_data_url`` before its view connects."""

    def get_diff_image():
        if not canvas._png_is_old:
            return None
        pixels = np.asarray(canvas.get_renderer().buffer_rgba())
        canvas.set_image_mode("full")
        canvas._last_buff = pixels.view(np.uint32).squeeze(2).copy()
        canvas._force_full = canvas._png_is_old = False
        return png_bytes(pixels)

    canvas.get_diff_image = get_diff_image


def _axes_of(artist):
    return getattr(artist, "axes", None)


class Blit:
    """Repaint only the ``artists`` that change (each an Artist of ``fig``).

    They are marked animated, so a full draw of the figure leaves them out;
    right after it (matplotlib's ``draw_event``) the picture is kept as the
    background and the artists are drawn over it, so the frame sent is
    complete.  ``repaint()`` restores the background, draws the artists in
    z-order (with the frame, i.e. the spines, of every axes they are in on
    top, as a full draw has them) and sends the result.  It returns False,
    drawing nothing, when there is no background for the current renderer
    (never drawn, resized, or the browser view not yet connected): then the
    caller draws the whole figure.
    """

    def __init__(self, fig, artists):
        self.fig, self.background = fig, None
        axes = []
        for a in artists:
            if _axes_of(a) is not None and a.axes not in axes:
                axes.append(a.axes)
        frames = [s for ax in axes if ax.axison and ax.get_frame_on()
                  for s in ax.spines.values()]
        self.artists = sorted(list(artists) + frames, key=lambda a: a.get_zorder())
        for a in self.artists:
            a.set_animated(True)
        fig.canvas.mpl_connect("draw_event", self._on_draw)

    def _draw(self, renderer):
        for a in self.artists:
            if a.get_visible():
                a.draw(renderer)

    def _on_draw(self, event):
        renderer = event.renderer
        if self.fig.canvas.is_saving():
            # savefig: the axes draw their animated artists themselves and the
            # picture is not the screen's; the background stays as it was
            for a in self.artists:
                if _axes_of(a) is None and a.get_visible():
                    a.draw(renderer)
            return
        self.background = ((renderer, renderer.copy_from_bbox(self.fig.bbox))
                           if hasattr(renderer, "copy_from_bbox") else None)
        self._draw(renderer)

    def repaint(self):
        canvas = self.fig.canvas
        if self.background is None or getattr(canvas, "syncing_data_url", False):
            return False
        renderer, saved = self.background
        if renderer is not canvas.get_renderer():       # resized or a new dpi ratio
            return False
        renderer.restore_region(saved)
        self._draw(renderer)
        canvas.blit(self.fig.bbox)
        return True
