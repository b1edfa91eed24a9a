"""What the student edits by hand in the Playground: clicks and hovers in the
painted canvas (add a point, select an edge or a bias, hover a neuron) and the
weight editor (a dropdown of every weight and bias, and a value slider).

A mixin of ``Playground`` (playground.py): it reads and writes ``model``,
``controls``, ``view`` and ``running`` there, and asks it to ``draw()``,
``pause()`` or ``_push()`` a new structure.
"""

from __future__ import annotations


class Editing:
    """Canvas events and the weight editor of a Playground."""

    # --- renderer -> model ----------------------------------------------------------
    def _on_event(self, kind, content):
        m = self.model
        if kind == "add" and m.dim == 2 and not m.regression:
            n_out = m.net.n_out
            m.add_point(content["x"], content["y"], int(self.controls["click_class"].value))
            if m.net.n_out != n_out:             # a new class: the output layer grew
                self.pause()
                return self._push()
            self.view.set_points(m.points())
        elif kind == "select":
            l, name, *idx = content["key"]
            key = (int(l), name, tuple(int(i) for i in idx))
            if key in dict(self.controls["param"].options).values():
                self.controls["param"].value = key
            return
        elif kind == "hover":
            m.hover = None if content.get("neuron") is None else tuple(content["neuron"])
        elif kind == "resync":
            return self.draw(full_loss=True)
        if not self.running:
            self.draw()

    # --- weight editing -------------------------------------------------------------
    def _param_options(self):
        """Every weight and bias by name; none chosen until picked here or by a click."""
        opts = [("— click an edge or a bias —", None)]
        for l, layer in enumerate(self.net.layers, start=1):
            opts += [(f"W{l}[{i},{j}]", (l - 1, "W", (i, j))) for i in range(layer.n_in)
                     for j in range(layer.n_out)]
            opts += [(f"b{l}[{j}]", (l - 1, "b", (j,))) for j in range(layer.n_out)]
        if list(self.controls["param"].options) != opts:    # only a new structure
            self.controls["param"].options = opts
        self.controls["param"].value = None

    def _show_param(self, change=None):
        if self._quiet:
            return
        key = self.controls["param"].value
        self.model.selected = None if key is None else [key[0], key[1], *key[2]]
        if key is not None:
            self.controls["param_value"].value = self.model.parameter(key)
        if not self.running:
            self.draw()

    def _set_param(self, change):
        """The slider moved: set the weight, unless the new value is only the
        slider's rounding of it (the browser sends that back; not an edit)."""
        key = self.controls["param"].value
        if key is None:
            return
        if abs(change["new"] - self.model.parameter(key)) <= self.controls["param_value"].step / 2:
            return
        self.model.set_parameter(key, change["new"])
        if not self.running:
            self.draw()
