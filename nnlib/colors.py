"""The workbook's one colour code, defined here and nowhere else.

- **Sign of a value** (weights, activations, neuron maps, edges): orange for
  negative, white for zero, purple for positive (the ColorBrewer PuOr
  scheme, colour-blind safe). ``sign_rgb`` turns values into these colours
  for the browser-drawn views; ``plotting.sign_cmap()`` is the same scale for
  matplotlib.
- **Classes** (data points, predicted regions): bluish green, sky blue,
  yellow, ... from the Okabe-Ito palette, picked apart from the sign colours,
  drawn with a dark outline; ``CLASS_MARKERS`` gives figures that draw one
  scatter per class a shape per class, so colour is not the only cue.

Numpy only, so the core and the widgets share it without matplotlib.
"""

from __future__ import annotations

import numpy as np

#: value < 0, value = 0, value > 0 (ColorBrewer PuOr end and middle colours)
NEGATIVE, ZERO, POSITIVE = "#E66101", "#F7F7F7", "#5E3C99"

#: one colour per class (Okabe-Ito, without its orange/purple-like members)
CLASS_COLORS = ["#009E73", "#56B4E9", "#F0E442", "#000000", "#0072B2", "#D55E00",
                "#CC79A7", "#999999"]
#: one matplotlib marker per class, so classes differ in shape too
CLASS_MARKERS = ["o", "s", "^", "D", "v", "P", "X", "*"]


def hex_to_rgb(color):
    """'#RRGGBB' -> (r, g, b) floats in [0, 1]."""
    color = color.lstrip("#")
    return tuple(int(color[i:i + 2], 16) / 255 for i in (0, 2, 4))


def sign_rgb(values, vmax=1.0):
    """Colours of the sign code for an array of values: uint8, shape
    values.shape + (3,).

    t = clip(v / vmax, -1, 1); colour = ZERO + |t| (NEGATIVE or POSITIVE - ZERO),
    a straight line in RGB from white to each end."""
    if not vmax > 0:
        raise ValueError(f"vmax must be positive, got {vmax!r}")
    t = np.clip(np.asarray(values, dtype=float) / vmax, -1.0, 1.0)[..., None]
    zero, neg, pos = (np.array(hex_to_rgb(c)) for c in (ZERO, NEGATIVE, POSITIVE))
    rgb = zero + np.abs(t) * np.where(t < 0, neg - zero, pos - zero)
    return np.round(255 * rgb).astype(np.uint8)
