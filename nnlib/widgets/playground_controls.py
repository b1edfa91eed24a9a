"""The Playground's controls and their layout (ipywidgets), kept apart from
what the controls do (playground.py).  Keys of the dict are the names tests
and lessons use: ``pg.controls["lr"].value = 0.1``; they are also the keys of
the model's settings (nnlib.lessons.l10_model.DEFAULTS)."""

from __future__ import annotations

from .. import optim
from ..activations import names as activation_names

DATASETS = ["circles", "xor", "blobs", "spirals", "moons", "regression_1d"]
PENALTIES = [0.0, 0.0001, 0.001, 0.003, 0.01, 0.03]


def make_controls(dataset, noise, ratio, batch, lr, optimizer, l1, l2, speed):
    """Every control of the Playground by name, set to the given values."""
    import ipywidgets as w

    return {
        "dataset": w.Dropdown(options=DATASETS + ["custom"], value=dataset,
                              description="data"),
        "noise": w.FloatSlider(value=noise, min=0, max=0.5, step=0.01, description="noise"),
        "ratio": w.FloatSlider(value=ratio, min=0.1, max=0.9, step=0.05,
                               description="train %"),
        "batch": w.IntSlider(value=batch, min=1, max=128, description="batch"),
        "regenerate": w.Button(description="Regenerate"),
        "click_class": w.ToggleButtons(options=[0, 1, 2], value=0,
                                       description="click adds"),
        "csv": w.Text(placeholder="path/to/points.csv (x1,x2,label)", description="CSV"),
        "load_csv": w.Button(description="Load CSV"),
        "add_layer": w.Button(description="+ layer"),
        "remove_layer": w.Button(description="− layer"),
        "lr": w.FloatLogSlider(value=lr, base=10, min=-4, max=0, step=0.1,
                               description="lr"),
        "optimizer": w.Dropdown(options=optim.names(), value=optimizer,
                                description="optimizer"),
        "l1": w.SelectionSlider(options=PENALTIES, value=l1, description="L1"),
        "l2": w.SelectionSlider(options=PENALTIES, value=l2, description="L2"),
        "speed": w.IntSlider(value=speed, min=1, max=50,
                             description="epochs/frame"),
        "play": w.Button(description="Play", icon="play", button_style="success"),
        "pause": w.Button(description="Pause", icon="pause"),
        "step": w.Button(description="Step", icon="step-forward"),
        "reset": w.Button(description="Reset", icon="undo"),
        "param": w.Dropdown(description="weight"),
        "param_value": w.FloatSlider(min=-5, max=5, step=0.05, description="value"),
        "file": w.Text(value="playground_state", description="file"),
        "save": w.Button(description="Export"),
        "load": w.Button(description="Import"),
    }


def lay_out(c, layers_box, epoch_label, message_box, param_now, canvas):
    """Run buttons and the epoch line on top, the message, the figure, then
    three fixed-width columns: data, network, training."""
    import ipywidgets as w

    data = w.VBox([w.HTML("<b>data</b>"), c["dataset"], c["noise"], c["ratio"], c["batch"],
                   c["regenerate"], c["click_class"], w.HBox([c["csv"], c["load_csv"]])])
    network = w.VBox([w.HTML("<b>hidden layers</b>"), layers_box,
                      w.HBox([c["add_layer"], c["remove_layer"]]),
                      w.HTML("<b>edit a weight or bias</b>"), c["param"],
                      w.HBox([c["param_value"], param_now])])
    training = w.VBox([w.HTML("<b>training</b>"), c["lr"], c["optimizer"], c["l1"], c["l2"],
                       c["speed"], w.HBox([c["file"], c["save"], c["load"]])])
    for column in (data, network, training):        # readable fixed-width columns
        for ctl in column.children:
            if hasattr(ctl, "description") and hasattr(ctl.style, "description_width"):
                ctl.style.description_width = "90px"
                ctl.layout.width = "320px"
        column.layout = w.Layout(width="340px")
    c["csv"].layout.width = "230px"
    c["file"].layout.width = "170px"
    c["param_value"].style.description_width = "90px"
    c["param_value"].layout.width = "240px"
    top = w.HBox([c["play"], c["pause"], c["step"], c["reset"], epoch_label])
    return w.VBox([top, message_box, canvas,
                   w.HBox([data, network, training], layout=w.Layout(flex_flow="row wrap"))])


class LayerControls:
    """One (size slider, activation dropdown) pair per hidden layer, in
    ``box``; any change calls ``changed()``."""

    def __init__(self, changed):
        import ipywidgets as w

        self.pairs, self.changed, self.box = [], changed, w.VBox()

    def add(self, size=4, activation="tanh"):
        import ipywidgets as w

        s = w.IntSlider(value=size, min=1, max=16, description=f"layer {len(self.pairs) + 1}")
        a = w.Dropdown(options=activation_names(), value=activation, layout={"width": "110px"})
        for ctl in (s, a):
            ctl.observe(lambda ch: self.changed(), names="value")
        self.pairs.append((s, a))
        self.box.children = [*self.box.children, w.HBox([s, a])]

    def pop(self):
        self.pairs.pop()
        self.box.children = self.box.children[:-1]

    def clear(self):
        self.pairs.clear()
        self.box.children = []

    def hidden(self):
        """[(size, activation)] of the hidden layers, first to last."""
        return [(s.value, a.value) for s, a in self.pairs]
