"""The Playground: train a small network live inside JupyterLab.

    from nnlib.widgets.playground import Playground
    pg = Playground("spirals", hidden=(8, 8), activation="tanh")
    pg              # shows it; Play trains in the kernel's event loop

Training runs as an asyncio task in the kernel (no threads): each frame
trains ``epochs per frame`` epochs with ``Network.fit``, then updates the
figure's artists in place (PlaygroundView) and yields to the event loop, so
Pause, Step and every slider respond between frames.  Problems (a diverging
run, a bad CSV) are shown in the message line, never as a traceback.
``pg.train(epochs)`` trains synchronously (for scripts, tests and lessons).
"""

from __future__ import annotations

import asyncio
import pathlib

import numpy as np

from .. import Dense, Network, datasets, optim
from ..activations import names as activation_names
from ..network import History
from ..validation import rng_from
from ._base import Explorer, canvas_of, new_figure
from .playground_controls import DATASETS, lay_out, make_controls
from .playground_state import SETTINGS, SHOWN, check_points, read_csv, read_state, write_state
from .playground_views import PlaygroundView

__all__ = ["DATASETS", "Playground"]


class Playground(Explorer):
    """See the module docstring.  State for tests: ``net``, ``X``, ``y``,
    ``is_test``, ``history``, ``epoch``, ``running``, ``message``, ``controls``,
    ``layer_controls`` and ``view`` (the figure's artists)."""

    def __init__(self, dataset="spirals", hidden=(8, 8), activation="tanh", lr=0.03,
                 optimizer="adam", batch_size=32, noise=0.1, train_ratio=0.7, l1=0.0, l2=0.0,
                 n=300, epochs_per_frame=10, resolution=64, X=None, y=None, rng=0):
        import ipywidgets as w

        self.rng, self.n, self.resolution = rng_from(rng), n, resolution
        self.running, self.task, self.epoch = False, None, 0
        self.controls = make_controls(dataset, noise, train_ratio, batch_size, lr, optimizer,
                                      l1, l2, epochs_per_frame)
        self.epoch_label = w.HTML()
        self.message_box = w.HTML()
        self.param_now = w.HTML()            # the selected weight's value as training runs
        self.message = ""
        self.layers_box = w.VBox()
        self.layer_controls = []
        for size in hidden:
            self._add_layer_control(size, activation)
        self.fig, _ = new_figure(figsize=(9, 4))
        self.fig.canvas.mpl_connect("button_press_event", self._on_click)
        self._wire()
        self.widget = lay_out(self.controls, self.layers_box, self.epoch_label,
                              self.message_box, self.param_now, canvas_of(self.fig))
        if X is not None:
            self.set_data(X, y)
        else:
            self._new_data()

    # --- controls ------------------------------------------------------------------
    def _wire(self):
        c = self.controls
        for key in ("dataset", "noise", "ratio"):
            c[key].observe(lambda ch: self._new_data(), names="value")
        c["regenerate"].on_click(lambda _: self._new_data())
        c["load_csv"].on_click(lambda _: self.load_csv(c["csv"].value))
        c["add_layer"].on_click(lambda _: self.add_layer())
        c["remove_layer"].on_click(lambda _: self.remove_layer())
        c["lr"].observe(lambda ch: setattr(self.optimizer, "lr", ch["new"]), names="value")
        c["optimizer"].observe(lambda ch: self._new_optimizer(), names="value")
        c["play"].on_click(lambda _: self.play())
        c["pause"].on_click(lambda _: self.pause())
        c["step"].on_click(lambda _: self.step())
        c["reset"].on_click(lambda _: self.reset())
        c["param"].observe(self._show_param, names="value")
        c["param_value"].observe(self._set_param, names="value")
        c["save"].on_click(lambda _: self.save(c["file"].value))
        c["load"].on_click(lambda _: self.load(c["file"].value))

    def _add_layer_control(self, size=4, activation="tanh"):
        import ipywidgets as w

        s = w.IntSlider(value=size, min=1, max=16,
                        description=f"layer {len(self.layer_controls) + 1}")
        a = w.Dropdown(options=activation_names(), value=activation, layout={"width": "110px"})
        for ctl in (s, a):
            ctl.observe(lambda ch: self.reset(), names="value")
        self.layer_controls.append((s, a))
        self.layers_box.children = [w.HBox(pair) for pair in self.layer_controls]

    def add_layer(self, size=4, activation="tanh"):
        """Append a hidden layer (max 6) and rebuild the network."""
        if len(self.layer_controls) >= 6:
            return self._say("at most 6 hidden layers")
        self._add_layer_control(size, activation)
        self.reset()

    def remove_layer(self):
        """Drop the last hidden layer (a network with none is a linear model)."""
        if self.layer_controls:
            self.layer_controls.pop()
            self.layers_box.children = self.layers_box.children[:-1]
            self.reset()

    def _say(self, text, error=False):
        self.message = text
        color = "#B00020" if error else "#333"
        self.message_box.value = f"<span style='color:{color}'>{text}</span>" if text else ""

    # --- data -------------------------------------------------------------------------
    @property
    def regression(self):
        return self.y.dtype.kind == "f"

    def _new_data(self):
        name = self.controls["dataset"].value
        if name == "custom":
            return
        kwargs = {"n": self.n, "noise": self.controls["noise"].value, "rng": self.rng}
        if name in ("spirals", "blobs"):     # two spirals (as in TF Playground); three blobs
            kwargs["classes"] = 2 if name == "spirals" else 3
        X, y = datasets.load(name, **kwargs)
        self._set_arrays(X, y)

    def set_data(self, X, y):
        """Use your own points: X (N, 2) or (N, 1); y int labels or floats.
        Bad data gives a message in the widget and changes nothing."""
        try:
            X, y = check_points(X, y)
        except (ValueError, TypeError) as err:
            return self._say(f"data not used: {err}", error=True)
        self._use_points(X, y)

    def _use_points(self, X, y):
        self.controls["dataset"].value = "custom"    # its observer ignores "custom"
        self._set_arrays(X, y)

    def _set_arrays(self, X, y):
        self.X, self.y = X, y if y.dtype.kind == "f" else y.astype(int)
        order = self.rng.permutation(len(X))
        self.is_test = np.zeros(len(X), dtype=bool)
        self.is_test[order[int(round(self.controls["ratio"].value * len(X))):]] = True
        self._say("")
        self.reset()

    def load_csv(self, path):
        """Read x1,x2,label rows (a header line is skipped); a bad file gives a
        message in the widget, nothing else changes."""
        try:
            X, y = read_csv(path)
        except (OSError, ValueError) as err:
            return self._say(f"CSV not loaded: {err}", error=True)
        self._use_points(X, y)

    def _on_click(self, event):
        if event.inaxes is self.view.ax_net:     # an edge or a bias: edit it below
            key = self.view.pick(event.xdata, event.ydata)
            if key is not None:
                self.controls["param"].value = key
            return
        if event.inaxes is not self.view.ax_out or self.X.shape[1] != 2 or self.regression:
            return
        label = int(self.controls["click_class"].value)
        self.X = np.vstack([self.X, [[event.xdata, event.ydata]]])
        self.y = np.append(self.y, label)
        self.is_test = np.append(self.is_test, False)
        if label >= self.net.n_out:
            return self.reset()              # a new class: the output layer grows
        self.view.set_points(self.X, self.y, self.is_test)
        self.draw()

    # --- network -------------------------------------------------------------------
    def _build(self):
        sizes = [self.X.shape[1]] + [s.value for s, _ in self.layer_controls]
        acts = [a.value for _, a in self.layer_controls]
        layers = [Dense(a, b, f, rng=self.rng) for a, b, f in zip(sizes, sizes[1:], acts)]
        if self.regression:
            layers.append(Dense(sizes[-1], 1, "linear", rng=self.rng))
            self.loss = "mse"
        else:
            layers.append(Dense(sizes[-1], max(int(self.y.max()) + 1, 2), "softmax",
                                rng=self.rng))
            self.loss = "cross_entropy"
        return Network(layers)

    def _new_optimizer(self):
        self.optimizer = optim.get(self.controls["optimizer"].value, lr=self.controls["lr"].value)

    def reset(self):
        """New random weights for the current structure; history and epoch cleared."""
        self.pause()
        self.net = self._build()
        self._new_optimizer()
        self.history, self.epoch = History(), 0
        self._new_view()

    def _new_view(self):
        if getattr(self, "view", None) is not None:
            self.view.disconnect()
        self.view = PlaygroundView(self.fig, self.net, self.X, self.y, self.regression,
                                   self.resolution)
        self.view.set_points(self.X, self.y, self.is_test)
        self._param_options()
        self.draw()

    def _param_options(self):
        """Every weight and bias by name; none is chosen until the student picks
        one here or clicks its edge or bias square in the drawing."""
        opts = [("— click an edge or a bias —", None)]
        for l, layer in enumerate(self.net.layers, start=1):
            opts += [(f"W{l}[{i},{j}]", (l - 1, "W", (i, j))) for i in range(layer.n_in)
                     for j in range(layer.n_out)]
            opts += [(f"b{l}[{j}]", (l - 1, "b", (j,))) for j in range(layer.n_out)]
        self.controls["param"].options = opts
        self.controls["param"].value = None

    def _selected(self):
        """(array, index) of the weight or bias chosen in the dropdown, or None."""
        key = self.controls["param"].value
        if key is None:
            return None
        l, name, idx = key
        return getattr(self.net.layers[l], name), idx

    def _show_param(self, change=None):
        """Put the chosen weight's value on the slider and highlight it."""
        chosen = self._selected()
        if chosen is not None:
            array, idx = chosen
            self.controls["param_value"].value = float(array[idx])
        self.view.selected = self.controls["param"].value
        if change is not None and not self.running:
            self.draw()                          # show the highlight now

    def _show_param_now(self):
        """The chosen weight's value as training runs, in a label: a slider set
        from the kernel every frame would send its rounded value back."""
        chosen = self._selected()
        if chosen is None:
            self.param_now.value = ""
            return
        array, idx = chosen
        self.param_now.value = f"<span style='color:#555'>now {float(array[idx]):+.4f}</span>"

    def _set_param(self, change):
        """The slider moved: set the weight, unless the new value is only the
        slider's rounding of the weight (the browser sends that back when it
        shows a value between two steps; it must not overwrite the weight)."""
        chosen = self._selected()
        if chosen is None:
            return
        array, idx = chosen
        if abs(change["new"] - array[idx]) <= self.controls["param_value"].step / 2:
            return
        array[idx] = change["new"]
        self.draw()

    # --- training ---------------------------------------------------------------------
    def train(self, epochs=1):
        """Train ``epochs`` epochs now; returns True, or False after divergence."""
        train, test = ~self.is_test, self.is_test
        validation = (self.X[test], self.y[test]) if test.any() else None
        try:
            h = self.net.fit(self.X[train], self.y[train], loss=self.loss,
                             optimizer=self.optimizer, epochs=epochs,
                             batch_size=self.controls["batch"].value,
                             l1=self.controls["l1"].value, l2=self.controls["l2"].value,
                             rng=self.rng, validation_data=validation)
        except FloatingPointError as err:
            self.pause()
            self._say(f"Stopped at epoch {self.epoch + 1}: {err}", error=True)
            return False
        self.epoch += len(h.loss)
        self.history.loss += h.loss
        self.history.val_loss += h.val_loss
        self.history.accuracy += h.accuracy
        self.history.val_accuracy += h.val_accuracy
        return True

    def step(self):
        """One epoch, then redraw (the Step button)."""
        self.train(1)
        self.draw()

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

    async def _run(self, frame_pause=0.01):
        while self.running:
            if not self.train(self.controls["speed"].value):
                break
            self.draw()
            await asyncio.sleep(frame_pause)     # let widget messages in: Pause works
        self.running = False

    def draw(self):
        h = self.history
        acc = ""
        if h.val_accuracy:
            acc = f", test accuracy {h.val_accuracy[-1]:.2f}"
        elif h.accuracy:
            acc = f", train accuracy {h.accuracy[-1]:.2f}"
        loss = f"test loss {h.val_loss[-1]:.3f}" if h.val_loss else (
            f"train loss {h.loss[-1]:.3f}" if h.loss else "untrained")
        self.epoch_label.value = f"<b>Epoch {self.epoch}</b> &nbsp; {loss}{acc}"
        self._show_param_now()
        self.view.update(self.net, self.history, self.epoch)
        self.view.render()

    # --- files ------------------------------------------------------------------------------
    def save(self, stem):
        """Write ``stem.npz`` (Network.save) and ``stem.json`` (data and settings)."""
        settings = {key: self.controls[key].value for key in SHOWN + SETTINGS}
        try:
            paths = write_state(stem, self.net, settings, self.X, self.y, self.is_test,
                                self.epoch)
        except (OSError, ValueError) as err:
            return self._say(f"not exported: {err}", error=True)
        self._say("exported to {} and {}".format(*paths))

    def load(self, stem):
        """Read what ``save`` wrote; a bad or foreign file leaves everything as it was."""
        try:
            state = read_state(stem)
            for key, value in state["settings"].items():
                self._check_setting(key, value)
        except (OSError, ValueError) as err:
            return self._say(f"not imported: {err}", error=True)
        self.pause()
        for key, value in state["settings"].items():
            self.controls[key].value = value
        self.layer_controls.clear()
        self.layers_box.children = []
        net = state["net"]
        for layer in net.layers[:-1]:
            self._add_layer_control(layer.n_out, layer.activation.name)
        self._use_points(state["X"], state["y"])
        self.is_test, self.net = state["is_test"], net
        self._new_optimizer()
        self.history, self.epoch = History(), state["epoch"]
        self._new_view()
        self._say(f"imported {pathlib.Path(stem).with_suffix('.npz')}")

    def _check_setting(self, key, value):
        """ValueError unless ``value`` is one the control ``key`` can take."""
        control = self.controls[key]
        if hasattr(control, "options"):
            valid = value in control.options
        else:
            valid = (isinstance(value, (int, float)) and not isinstance(value, bool)
                     and np.isfinite(value) and value > 0)
        if not valid:
            raise ValueError(f"{key} = {value!r} is not a value the playground offers")
