"""How an explorer's matplotlib figure is drawn fast and sent whole.

A control change costs, in the kernel: drawing the figure with Agg (mostly
text: tick labels, titles) and encoding it as PNG; then the page decodes
and paints it (``figure_view``).  Two things here cut that down:

- ``Blit``: draw the figure once without the artists a control moves, keep
  that picture (the *background*), and per change restore it and draw only
  the moving artists over it (matplotlib's blitting).  Tick labels, axes and
  titles that stay are not drawn again.
- ``png_bytes``: every frame is a whole PNG, encoded fast, never a diff
  against a frame the page may not hold (ipympl's diff frames left stale
  curves and two sets of tick labels on screen when its view dropped one).
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
    (never drawn, resized, or a new dpi): then the caller draws the whole
    figure.
    """

    def __init__(self, fig, artists):
        self.fig = fig
        self.track(artists)
        fig.canvas.mpl_connect("draw_event", self._on_draw)

    def track(self, artists):
        """Repaint these ``artists`` from now on (a figure that made new
        ones); the background is kept again at the next full draw."""
        axes = []
        for a in artists:
            if _axes_of(a) is not None and a.axes not in axes:
                axes.append(a.axes)
        frames = [s for ax in axes if ax.axison and ax.get_frame_on()
                  for s in ax.spines.values()]
        self.artists = sorted(list(artists) + frames, key=lambda a: a.get_zorder())
        for a in self.artists:
            a.set_animated(True)
        self.background = None

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
        if self.background is None:
            return False
        renderer, saved = self.background
        if renderer is not self.fig.canvas.get_renderer():     # resized or a new dpi ratio
            return False
        renderer.restore_region(saved)
        self._draw(renderer)
        return True
