"""The Playground: train a small network live inside JupyterLab.

    from nnlib.widgets.playground import Playground
    pg = Playground("spirals", hidden=(8, 8), activation="tanh")
    pg              # shows it; Play trains in the kernel's event loop

Data flows one way: the controls (ipywidgets) write settings into the plain
model (``pg.model``, nnlib.lessons.l10_model.PlaygroundModel); the model
trains and computes a frame of arrays; the canvas (``pg.view``, an anywidget)
paints it in the browser and reports clicks back as model edits.  Live
training is an asyncio task in the kernel (no threads): a frame trains
``epochs/frame`` epochs, sends the frame and yields, so Pause, Step, Reset and
every control respond between frames.  Any problem (a diverging run, a bad
CSV, an error of the training task) is shown in the message line.
``pg.train(epochs)`` trains synchronously (scripts, tests, lessons).
"""

from __future__ import annotations

import asyncio
import time

from ..lessons.l10_model import MAX_LAYERS, PlaygroundModel
from ._base import Explorer
from .playground_canvas import PlaygroundCanvas
from .playground_controls import DATASETS, LayerControls, lay_out, make_controls
from .playground_edit import Editing
from .playground_files import Files
from .playground_state import check_points

__all__ = ["DATASETS", "Playground"]
FRAME_SECONDS = 1 / 60          # no more frames than the browser can paint


class Playground(Editing, Explorer):
    """See the module docstring.  For tests: ``model``, ``view``, ``controls``,
    ``layer_controls``, ``running``, ``task``, ``message``; ``net``, ``X``, ``y``,
    ``is_test``, ``history``, ``epoch`` read through to the model."""

    def __init__(self, dataset="spirals", hidden=(8, 8), activation="tanh", lr=0.03,
                 optimizer="adam", batch_size=32, noise=0.1, train_ratio=0.7, l1=0.0, l2=0.0,
                 n=300, epochs_per_frame=10, resolution=64, X=None, y=None, rng=0):
        import ipywidgets as w

        self.running, self.task, self.message, self._quiet = False, None, "", False
        settings = dict(dataset=dataset, noise=noise, ratio=train_ratio, batch=batch_size,
                        lr=lr, optimizer=optimizer, l1=l1, l2=l2, speed=epochs_per_frame)
        self.controls = make_controls(**settings)
        self.epoch_label, self.message_box, self.param_now = w.HTML(), w.HTML(), w.HTML()
        self.layers = LayerControls(self._structure_changed)
        for size in hidden:
            self.layers.add(size, activation)
        self.model = PlaygroundModel(settings, self.layers.hidden(), n=n,
                                     resolution=resolution, rng=rng)
        self.view = PlaygroundCanvas(on_event=self._on_event)
        self.files = Files(self)
        self._wire()
        self.widget = lay_out(self.controls, self.layers.box, self.epoch_label,
                              self.message_box, self.param_now, self.view)
        if X is not None:
            self.set_data(X, y)
        self._push()

    # read-through names used by lessons and tests
    net = property(lambda self: self.model.net)
    X = property(lambda self: self.model.X)
    y = property(lambda self: self.model.y)
    is_test = property(lambda self: self.model.is_test)
    history = property(lambda self: self.model.history)
    epoch = property(lambda self: self.model.epoch)
    optimizer = property(lambda self: self.model.optimizer)
    regression = property(lambda self: self.model.regression)
    layer_controls = property(lambda self: self.layers.pairs)

    # --- controls -> model ----------------------------------------------------------
    def _wire(self):
        c = self.controls
        for key in ("batch", "l1", "l2", "speed", "click_class", "lr", "optimizer", "dataset",
                    "noise", "ratio"):
            c[key].observe(lambda ch, key=key: self._setting(key, ch["new"]), names="value")
        c["regenerate"].on_click(lambda _: self._setting("dataset", c["dataset"].value))
        c["load_csv"].on_click(lambda _: self.load_csv(c["csv"].value))
        c["add_layer"].on_click(lambda _: self.add_layer())
        c["remove_layer"].on_click(lambda _: self.remove_layer())
        c["play"].on_click(lambda _: self.play())
        c["pause"].on_click(lambda _: self.pause())
        c["step"].on_click(lambda _: self.step())
        c["reset"].on_click(lambda _: self.reset())
        c["param"].observe(self._show_param, names="value")
        c["param_value"].observe(self._set_param, names="value")
        c["save"].on_click(lambda _: self.save(c["file"].value))
        c["load"].on_click(lambda _: self.load(c["file"].value))

    def _setting(self, key, value):
        if self._quiet:
            return
        m = self.model
        m.settings[key] = value
        if key == "lr":
            m.optimizer.lr = value
        elif key == "optimizer":
            m.new_optimizer()
        elif key in ("dataset", "noise"):
            if m.settings["dataset"] != "custom":
                self.pause()
                m.generate()
                self._say("")
                self._push()
        elif key == "ratio":
            self.pause()
            m.use_points(m.X, m.y)
            self._push()

    def _structure_changed(self):
        if not self._quiet:
            self.pause()
            self.model.set_hidden(self.layers.hidden())
            self._push()

    def add_layer(self, size=4, activation="tanh"):
        """Append a hidden layer (at most MAX_LAYERS) and start over."""
        if len(self.layers.pairs) >= MAX_LAYERS:
            return self._say(f"at most {MAX_LAYERS} hidden layers")
        self.layers.add(size, activation)
        self._structure_changed()

    def remove_layer(self):
        """Drop the last hidden layer (a network with none is a linear model)."""
        if self.layers.pairs:
            self.layers.pop()
            self._structure_changed()

    def _say(self, text, error=False):
        self.message = text
        color = "#B00020" if error else "#333"
        self.message_box.value = f"<span style='color:{color}'>{text}</span>" if text else ""

    # --- data -----------------------------------------------------------------------
    def set_data(self, X, y):
        """Use your own points: X (N, 2) or (N, 1); y int labels or floats.
        Bad data gives a message in the widget and changes nothing."""
        try:
            X, y = check_points(X, y)
        except (ValueError, TypeError) as err:
            return self._say(f"data not used: {err}", error=True)
        self.use_points(X, y)

    def use_points(self, X, y, is_test=None):
        """Checked points become the custom data set (the network starts over)."""
        self.pause()
        self._quiet = True
        self.controls["dataset"].value = "custom"
        self._quiet = False
        self.model.settings["dataset"] = "custom"
        self.model.use_points(X, y, is_test)
        self._say("")
        self._push()

    load_csv = property(lambda self: self.files.load_csv)
    save = property(lambda self: self.files.save)
    load = property(lambda self: self.files.load)

    # --- training -------------------------------------------------------------------
    def train(self, epochs=1):
        """Train ``epochs`` epochs now; returns True, or False (with a message)."""
        problem = self.model.train(epochs)
        if problem:
            self.pause()
            self._say(problem, error=True)
        return problem is None

    def step(self):
        """One epoch, then a frame (the Step button)."""
        self.pause()
        self.train(1)
        self.draw()

    def reset(self):
        """New random weights; history and epoch cleared (the Reset button)."""
        self.pause()
        self.model.reset()
        self._push()

    def play(self):
        """Start training in the kernel's event loop (the Play button)."""
        if self.running:
            return self.task
        self.running = True
        self._say("")
        self.task = asyncio.ensure_future(self._run())
        return self.task

    def pause(self):
        self.running = False

    async def _run(self):
        try:
            while self.running:
                start = time.perf_counter()
                if not self.train(self.model.settings["speed"]):
                    break
                self.draw()
                await asyncio.sleep(max(0.002, FRAME_SECONDS - (time.perf_counter() - start)))
        except Exception as err:  # noqa: BLE001 - shown to the student, never lost
            self._say(f"training stopped: {type(err).__name__}: {err}", error=True)
        finally:
            self.running = False

    # --- frames ---------------------------------------------------------------------
    def static_figure(self):
        """The static site's picture (no canvas there): see playground_picture."""
        from .playground_picture import picture

        return picture(self.model)

    def static_controls(self):
        """The training settings (not the click, weight-edit and file tools)."""
        tools = ("click_class", "param", "param_value", "file", "csv")
        return {k: c for k, c in self.controls.items() if k not in tools}

    def _push(self):
        """After a new structure or data set: layout, points, weight list, a frame."""
        self.view.set_layout(self.model.layout())
        self.view.set_points(self.model.points())
        self._quiet = True
        self._param_options()
        self._quiet = False
        self.model.selected = None
        self.draw()

    def draw(self, full_loss=False):
        """Send the current frame to the browser and update the labels."""
        self.epoch_label.value = "<b>{}</b> &nbsp; {}".format(*self.model.summary().split("  "))
        key = self.controls["param"].value
        self.param_now.value = ("" if key is None else
                                f"<span style='color:#555'>now "
                                f"{self.model.parameter(key):+.4f}</span>")
        self.view.show(self.model.frame(full_loss=full_loss))
