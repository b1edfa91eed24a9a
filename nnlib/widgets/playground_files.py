"""The Playground's files: CSV points, export and import of a whole state.
Reading and checking is playground_state's; this module applies a checked
result to a Playground, or shows why not (nothing changes then)."""

from __future__ import annotations

import pathlib

import numpy as np

from ..activations import names as activation_names
from ..epochs import History
from .playground_state import (
    MAX_HISTORY,
    SETTINGS,
    SHOWN,
    keeps_history,
    read_csv,
    read_state,
    write_state,
)


class Files:
    """``load_csv(path)``, ``save(stem)``, ``load(stem)`` of one Playground."""

    def __init__(self, pg):
        self.pg = pg

    def load_csv(self, path):
        """Rows x1,x2,label; a bad file gives a message, nothing else changes."""
        try:
            X, y = read_csv(path)
        except (OSError, ValueError) as err:
            return self.pg._say(f"CSV not loaded: {err}", error=True)
        self.pg.use_points(X, y)

    def save(self, stem):
        """Write ``stem.npz`` (Network.save) and ``stem.json`` (data and settings)."""
        pg = self.pg
        settings = {key: pg.controls[key].value for key in SHOWN + SETTINGS}
        try:
            paths = write_state(stem, pg.net, settings, pg.X, pg.y, pg.is_test, pg.epoch,
                                pg.history)
        except (OSError, ValueError) as err:
            return pg._say(f"not exported: {err}", error=True)
        kept = ""
        if pg.epoch and not keeps_history(pg.history, pg.epoch):
            why = (f"over {MAX_HISTORY:,} epochs" if pg.epoch > MAX_HISTORY else
                   "it does not cover every epoch, as after importing an older export")
            kept = f" (the loss history is not stored: {why})"
        pg._say("exported to {} and {}{}".format(*paths, kept))

    def load(self, stem):
        """Read what ``save`` wrote; a bad or foreign file leaves everything as it was."""
        pg = self.pg
        try:
            state = read_state(stem)
            for key, value in state["settings"].items():
                check_setting(pg.controls[key], key, value)
            for layer in state["net"].layers[:-1]:
                if layer.activation.name not in activation_names():
                    raise ValueError(f"hidden activation {layer.activation.name!r} is not "
                                     "one the playground offers")
        except (OSError, ValueError) as err:
            return pg._say(f"not imported: {err}", error=True)
        pg.pause()
        pg._quiet = True
        for key, value in state["settings"].items():
            pg.controls[key].value = value
            pg.model.settings[key] = value
        pg.layers.clear()
        for layer in state["net"].layers[:-1]:
            pg.layers.add(layer.n_out, layer.activation.name)
        pg._quiet = False
        pg.model.hidden = pg.layers.hidden()
        pg.use_points(state["X"], state["y"], state["is_test"])
        m = pg.model
        m.net, m.epoch = state["net"], state["epoch"]
        m.history = History()
        for key, values in state["history"].items():
            getattr(m.history, key).extend(float(v) for v in values)
        m.loss_sent = 0                     # the next frame sends the whole loss chart
        m.new_optimizer()
        pg._push()
        pg._say(f"imported {pathlib.Path(stem).with_suffix('.npz')}")


def check_setting(control, key, value):
    """ValueError unless ``value`` is one the control ``key`` can take."""
    if hasattr(control, "options"):
        valid = value in control.options
    else:
        lo, hi = control.min, control.max
        if hasattr(control, "base"):                 # FloatLogSlider: min/max are exponents
            lo, hi = control.base ** lo, control.base ** hi
        valid = (isinstance(value, (int, float)) and not isinstance(value, bool)
                 and bool(np.isfinite(value)) and lo <= value <= hi)
    if not valid:
        raise ValueError(f"{key} = {value!r} is not a value the playground offers")
