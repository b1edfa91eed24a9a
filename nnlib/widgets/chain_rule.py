"""The chain-rule stepper of lesson 07, for f(x, y) = (xy + 3)^2 + 1.

The function is split into single operations (the names of the course):

    m = x y,   k = m + 3,   h = k^2,   g = h + 1        (f = g)

``chain_rule_steps(x, y, mode)`` lists, step by step, the local derivative
used, its value at (x, y) and the running product:

* mode "forward" starts at the inputs (dm/dx first).  The running product
  after a step is d(node)/dx: how the node moves when x moves.  One sweep
  gives the derivatives with respect to ONE input, so dy needs a second sweep.
* mode "reverse" starts at the output (dg/dh first).  The running product is
  dg/d(node): how the output moves when the node moves.  One sweep reaches
  every input, so df/dx and df/dy come out together.
"""

from __future__ import annotations

from ._base import Explorer, canvas_of, new_figure

POSITIONS = {"x": (0, 0.8), "y": (0, -0.8), "m": (1.6, 0), "k": (3.0, 0), "h": (4.4, 0),
             "g": (5.8, 0)}
OPS = {"m": "m = xy", "k": "k = m + 3", "h": "h = k²", "g": "g = h + 1"}
EDGES = [("x", "m"), ("y", "m"), ("m", "k"), ("k", "h"), ("h", "g")]


def _locals(x, y):
    """Local derivatives of each single operation, as (symbol, formula, value)."""
    m = x * y
    k = m + 3
    return {("m", "x"): ("∂m/∂x", "y", y), ("m", "y"): ("∂m/∂y", "x", x),
            ("k", "m"): ("∂k/∂m", "1", 1.0), ("h", "k"): ("∂h/∂k", "2k", 2 * k),
            ("g", "h"): ("∂g/∂h", "1", 1.0)}


def chain_rule_steps(x, y, mode="reverse"):
    """The steps of one accumulation order: a list of dicts with keys
    node, symbol, formula, local (value), product (running), meaning."""
    if mode not in ("forward", "reverse"):
        raise ValueError(f"mode must be 'forward' or 'reverse', got {mode!r}")
    loc = _locals(float(x), float(y))
    steps = []
    if mode == "forward":
        for var in ("x", "y"):                      # one sweep per input
            product = 1.0
            for node, parent in (("m", var), ("k", "m"), ("h", "k"), ("g", "h")):
                symbol, formula, value = loc[(node, parent)]
                product *= value
                steps.append({"node": node, "edge": (parent, node), "symbol": symbol,
                              "formula": formula, "local": value, "product": product,
                              "meaning": f"∂{node}/∂{var}"})
    else:
        product = 1.0
        for node, parent in (("g", "h"), ("h", "k"), ("k", "m")):
            symbol, formula, value = loc[(node, parent)]
            product *= value
            steps.append({"node": parent, "edge": (parent, node), "symbol": symbol,
                          "formula": formula, "local": value, "product": product,
                          "meaning": f"∂g/∂{parent}"})
        dg_dm = product
        for var in ("x", "y"):                      # the sweep branches at m
            symbol, formula, value = loc[("m", var)]
            steps.append({"node": var, "edge": (var, "m"), "symbol": symbol,
                          "formula": formula, "local": value, "product": dg_dm * value,
                          "meaning": f"∂g/∂{var}"})
    return steps


class ChainRuleStepper(Explorer):
    """Widget: sliders x, y; forward/reverse toggle; Back/Next buttons.

    State for tests: ``index`` (steps shown, 0 = none), ``steps``,
    ``current`` (the last step shown or None), ``controls``, ``fig``, ``text``.
    """

    HIGHLIGHT, DONE = "#F0B429", "#CFE8FC"

    def __init__(self, x=2.0, y=-1.0, mode="reverse"):
        import ipywidgets as w

        from ..plotting import draw_graph

        self.controls = {
            "x": w.FloatSlider(value=x, min=-3, max=3, step=0.5, description="x"),
            "y": w.FloatSlider(value=y, min=-3, max=3, step=0.5, description="y"),
            "mode": w.ToggleButtons(options=["forward", "reverse"], value=mode,
                                    description="order"),
            "back": w.Button(description="Back", icon="arrow-left"),
            "next": w.Button(description="Next", icon="arrow-right", button_style="primary"),
        }
        self.fig, ax = new_figure(figsize=(6.4, 2.4))
        self.fig.subplots_adjust(0, 0, 1, 1)
        self.circles = draw_graph(ax, POSITIONS, EDGES)
        for name, op in OPS.items():
            px, py = POSITIONS[name]
            ax.text(px, py - 0.55, op, ha="center", va="top", fontsize=10, color="0.3")
        self.text = w.HTML()
        self.index = 0
        for name in ("x", "y", "mode"):
            self.controls[name].observe(self._restart, names="value")
        self.controls["next"].on_click(lambda _: self.next())
        self.controls["back"].on_click(lambda _: self.back())
        self.widget = w.VBox([w.HBox([self.controls["x"], self.controls["y"]]),
                              w.HBox([self.controls["mode"], self.controls["back"],
                                      self.controls["next"]]), canvas_of(self.fig), self.text])
        self._restart()

    @property
    def current(self):
        return self.steps[self.index - 1] if self.index else None

    def _restart(self, change=None):
        c = self.controls
        self.steps = chain_rule_steps(c["x"].value, c["y"].value, c["mode"].value)
        self.index = 0
        self._show()

    def next(self):
        self.index = min(self.index + 1, len(self.steps))
        self._show()

    def back(self):
        self.index = max(self.index - 1, 0)
        self._show()

    def _show(self):
        x, y, mode = (self.controls[k].value for k in ("x", "y", "mode"))
        shown = self.steps[: self.index]
        visited = {s["node"] for s in shown}
        if shown:                 # where each sweep starts counts as visited too
            visited |= {"g"} if mode == "reverse" else {s["edge"][0] for s in shown
                                                         if s["edge"][0] in ("x", "y")}
        for name, circle in self.circles.items():
            circle.set_facecolor(self.DONE if name in visited else "white")
        if self.current:
            self.circles[self.current["node"]].set_facecolor(self.HIGHLIGHT)
        start = "the inputs (∂m/∂x first)" if mode == "forward" else "the output (∂g/∂h first)"
        rows = "".join(
            f"<tr style='{'font-weight:bold' if i == self.index - 1 else ''}'>"
            f"<td>{i + 1}</td><td>{s['symbol']} = {s['formula']}</td>"
            f"<td>{s['local']:+.4g}</td><td>{s['meaning']} = {s['product']:+.4g}</td></tr>"
            for i, s in enumerate(self.steps[: self.index]))
        done = ""
        if self.index == len(self.steps):
            done = (f"<p>Done: ∂f/∂x = 2xy² + 6y = <b>{2 * x * y * y + 6 * y:+.4g}</b>, "
                    f"∂f/∂y = 2x²y + 6x = <b>{2 * x * x * y + 6 * x:+.4g}</b> "
                    f"({len(self.steps)} steps in {mode} mode)</p>")
        self.text.value = (
            f"<p><b>{mode.capitalize()} mode</b>: accumulate from {start}. "
            f"Step {self.index} of {len(self.steps)}.</p>"
            "<table><tr><th>#</th><th>local derivative</th><th>value</th>"
            f"<th>running product</th></tr>{rows}</table>{done}")
        self.fig.canvas.draw_idle()


def chain_rule_stepper(x=2.0, y=-1.0, mode="reverse"):
    """Build the stepper (see ChainRuleStepper); display it with ``display()``."""
    return ChainRuleStepper(x, y, mode)
