"""FastText (widgets/_fast_text.py) draws where and what a Text draws."""

import itertools

import matplotlib

matplotlib.use("Agg")

import numpy as np  # noqa: E402
import pytest  # noqa: E402
from matplotlib.backends.backend_agg import FigureCanvasAgg  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402

from nnlib.widgets._fast_text import FastText, fast_text, fast_title  # noqa: E402


def ink(make, **kwargs):
    """The pixels of one label drawn alone, and the box of its ink."""
    fig = Figure(figsize=(2, 1), dpi=100)
    FigureCanvasAgg(fig)
    ax = fig.add_axes((0, 0, 1, 1))
    ax.set_axis_off()
    make(ax, 0.5, 0.5, **kwargs)
    fig.canvas.draw()
    pixels = np.asarray(fig.canvas.buffer_rgba())[..., :3].astype(int)
    dark = np.argwhere(pixels.min(axis=2) < 200)
    return pixels, (dark.min(axis=0).tolist() + dark.max(axis=0).tolist()) if dark.size else None


def text(ax, x, y, **kwargs):
    return ax.text(x, y, **kwargs)


@pytest.mark.parametrize("s, size, ha, va", [
    (s, size, ha, va) for s, size in (("-0.63", 7), ("0.47", 12), ("12.50", 9))
    for ha, va in itertools.product(("left", "center", "right"),
                                    ("baseline", "bottom", "center", "top"))])
def test_fast_text_inks_the_box_a_text_inks(s, size, ha, va):
    _, want = ink(text, s=s, fontsize=size, ha=ha, va=va)
    _, got = ink(fast_text, s=s, fontsize=size, ha=ha, va=va)
    # glyphs at whole pixels: the ink may sit up to 2 px from where a Text puts it
    assert got is not None and np.abs(np.subtract(got, want)).max() <= 2, (got, want)


def test_fast_text_has_the_colour_and_the_text_of_a_text():
    pixels, _ = ink(fast_text, s="8", fontsize=20, color="#D55E00")
    darkest = pixels.reshape(-1, 3)[pixels.sum(axis=2).argmin()]
    assert np.abs(darkest - [0xD5, 0x5E, 0x00]).max() <= 2
    t = FastText(0, 0, "1.25", fontsize=7)
    t.set_text("-3.00")
    assert t.get_text() == "-3.00" and isinstance(t, matplotlib.text.Text)


@pytest.mark.parametrize("kwargs", [dict(rotation=30), dict(s="$x^2$"), dict(s="a\nb")])
def test_what_fast_text_does_not_handle_is_drawn_by_text_itself(kwargs):
    kwargs = {"s": "-0.63", "fontsize": 12, **kwargs}
    want, _ = ink(text, **kwargs)
    got, _ = ink(fast_text, **kwargs)
    np.testing.assert_array_equal(got, want)


def test_an_empty_or_hidden_fast_text_draws_nothing():
    blank, box = ink(fast_text, s="")
    assert box is None
    _, box = ink(fast_text, s="0.5", visible=False)
    assert box is None


def test_a_fast_title_sits_where_set_title_puts_a_title():
    """Above the axes, outside them (not clipped), at the title's size."""
    boxes = []
    for make in ("set_title", "fast_title"):
        fig = Figure(figsize=(3, 2), dpi=100)
        FigureCanvasAgg(fig)
        ax = fig.add_axes((0.1, 0.1, 0.8, 0.6))
        ax.set_axis_off()
        if make == "set_title":
            ax.set_title("L1, λ = 0.003: accuracy 0.97")
        else:
            fast_title(ax, "L1, λ = 0.003: accuracy 0.97")
        fig.canvas.draw()
        pixels = np.asarray(fig.canvas.buffer_rgba())[..., :3].astype(int)
        dark = np.argwhere(pixels.min(axis=2) < 200)
        boxes.append(dark.min(axis=0).tolist() + dark.max(axis=0).tolist())
    assert boxes[1][2] < 0.3 * 200                      # above the axes (top at 30 % height)
    assert np.abs(np.subtract(*boxes)).max() <= 2, boxes
