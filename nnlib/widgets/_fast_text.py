"""Short labels that a control rewrites on every frame, drawn from cached glyphs.

Agg draws a ``Text`` by laying it out and rasterising every glyph again:
0.6-0.9 ms per label on this machine, most of a frame that rewrites twenty
of them (the forward-pass explorer's values: 15 of its 23 ms).
``FastText`` is a ``Text`` whose ``draw`` pastes each character's bitmap,
rasterised once per font, size and dpi (``_glyph``), into one grey mask and
draws it as an image in the text's colour: ~0.1 ms per label.

Only what the explorers need: one horizontal line, no math, no box, no
path effects; anything else falls back to ``Text.draw``.  Glyphs sit at
whole pixels without kerning (labels of digits), so a label's ink may be up
to 2 px from where a ``Text`` puts it; the same font, size and colour
(tests/test_fast_text.py).
"""

from __future__ import annotations

import functools

import numpy as np
from matplotlib.colors import to_rgba
from matplotlib.text import Text


@functools.lru_cache(maxsize=2048)
def _glyph(path, size, dpi, char):
    """(mask (h, w) uint8, left, descent, advance) of one character in px:
    the mask's left edge sits ``left`` right of the pen, its bottom edge
    ``descent`` below the baseline; the pen then moves ``advance``."""
    from matplotlib.backends.backend_agg import get_hinting_flag
    from matplotlib.font_manager import get_font

    font = get_font(path)
    font.set_size(size, dpi)
    flags = get_hinting_flag()
    font.set_text(char, 0.0, flags=flags)
    font.draw_glyphs_to_bitmap(antialiased=True)
    mask = np.array(font.get_image(), dtype=np.uint8)
    left = font.get_bitmap_offset()[0] / 64
    descent = font.get_descent() / 64
    advance = font.load_char(ord(char), flags=flags).horiAdvance / 64
    return mask, left, descent, advance


@functools.lru_cache(maxsize=64)
def _line_box(path, size, dpi):
    """(ascent, descent) in px of a line of this font, as Text aligns it
    (matplotlib measures a line's height with "lp")."""
    from matplotlib.backends.backend_agg import RendererAgg
    from matplotlib.font_manager import FontProperties

    prop = FontProperties(fname=path, size=size)
    _, h, d = RendererAgg(1, 1, dpi).get_text_width_height_descent("lp", prop, ismath=False)
    return h - d, d


def _mask(path, size, dpi, text):
    """(mask (h, w), w, top) of ``text`` with the pen starting at its left
    edge: ``top`` px of the mask lie above the baseline; w is how far right
    its ink reaches (what Text aligns)."""
    glyphs = [_glyph(path, size, dpi, c) for c in text]
    pens = np.cumsum([0.0] + [g[3] for g in glyphs])
    tops = [m.shape[0] - d for m, _, d, _ in glyphs]
    top, bottom = max(tops), max(d for _, _, d, _ in glyphs)
    width = max(round(p + g[1]) + g[0].shape[1] for p, g in zip(pens, glyphs))
    out = np.zeros((int(round(top + bottom)), max(width, 1)), np.uint8)
    for pen, (m, left, d, _) in zip(pens, glyphs):
        x, y = int(round(pen + left)), int(round(top - (m.shape[0] - d)))
        h, w = m.shape
        region = out[y:y + h, x:x + w]
        np.maximum(region, m[:region.shape[0], :region.shape[1]], out=region)
    return out, width, top


class FastText(Text):
    """A ``Text`` (same constructor, same getters and setters) drawn from
    cached glyph bitmaps; see the module docstring."""

    def _simple(self, text):
        return (text.isprintable() and "$" not in text and not self.get_rotation()
                and self._bbox_patch is None and not self.get_path_effects()
                and not self.get_usetex())

    def draw(self, renderer):
        text = self.get_text()
        if not self.get_visible() or not text:
            return
        if not self._simple(text) or not hasattr(renderer, "draw_image"):
            return super().draw(renderer)
        from matplotlib.font_manager import findfont

        prop = self.get_fontproperties()
        path, size, dpi = findfont(prop), prop.get_size_in_points(), renderer.dpi
        mask, width, top = _mask(path, size, dpi, text)
        x, y = self.get_transform().transform(
            (float(self.convert_xunits(self._x)), float(self.convert_yunits(self._y))))
        if not (np.isfinite(x) and np.isfinite(y)):
            return
        ascent, descent = _line_box(path, size, dpi)
        x -= {"left": 0.0, "center": width / 2, "right": width}[self.get_horizontalalignment()]
        baseline = y + {"baseline": 0.0, "bottom": descent, "top": -ascent,
                        "center": (descent - ascent) / 2,
                        "center_baseline": 0.0}[self.get_verticalalignment()]
        rgba = to_rgba(self.get_color(), self.get_alpha())
        image = np.empty(mask.shape + (4,), np.uint8)
        image[..., :3] = np.round(np.array(rgba[:3]) * 255)
        image[..., 3] = (mask.astype(np.float32) * rgba[3]).round().astype(np.uint8)
        gc = renderer.new_gc()
        self._set_gc_clip(gc)
        # draw_image takes the image's lower-left corner, y upwards
        renderer.draw_image(gc, round(x), round(baseline + top - mask.shape[0]), image[::-1])
        gc.restore()
        self.stale = False


def fast_text(ax, x, y, s, **kwargs):
    """``ax.text(x, y, s, **kwargs)`` as a FastText (data coordinates; not
    clipped to the axes, as ax.text)."""
    return ax.add_artist(FastText(x, y, s, **{"clip_on": False, **kwargs}))


def fast_title(ax, s, fontsize=None, **kwargs):
    """A title over ``ax`` that a control rewrites every frame, as a
    FastText where ``ax.set_title`` would put it: centred, its baseline
    ``axes.titlepad`` points above the axes, in the title's font size."""
    import matplotlib as mpl
    from matplotlib.transforms import ScaledTranslation

    pad = mpl.rcParams["axes.titlepad"] / 72
    where = ax.transAxes + ScaledTranslation(0, pad, ax.figure.dpi_scale_trans)
    return fast_text(ax, 0.5, 1.0, s, transform=where, ha="center", va="baseline",
                     fontsize=fontsize or mpl.rcParams["axes.titlesize"], **kwargs)
