"""The chain-rule stepper of lesson 07: any expression, node by node.

A view only.  The student types an expression of x and y (parsed safely by
``nnlib.lessons.l07_chain_rule.build_graph``, never ``eval``-ed); the graph
is ``Value.graph()`` of that expression, laid out by ``graph_layout`` and
drawn by ``plotting.draw_graph`` (no graphviz).  Next/Back walk the steps of
``forward_steps`` (forward mode, seeded at x or y) or ``reverse_steps``
(reverse mode, from the output).  Each node shows its value below it and,
once visited, its derivative above it (∂: d node/d seed in forward mode,
d output/d node in reverse mode); a visited node is filled with the sign
colour (``nnlib.colors``) of that derivative.  A bad expression is reported in
the box, never as a traceback.
"""

from __future__ import annotations

from ..colors import sign_rgb
from ..lessons.l07_chain_rule import build_graph, forward_steps, graph_layout, reverse_steps
from ._base import Explorer, canvas_of, explorer_figure
from ._frames import Blit

EXAMPLE = "(x*y + 3)**2 + 1"
COURSE_NAMES = "mkhg"          # the course's names for the example's intermediate nodes


class ChainRuleStepper(Explorer):
    """Widget: expression box, sliders x and y, order, seed; Back/Next.

    State for tests: ``index`` (steps shown, 0 = none), ``steps``, ``current``,
    ``nodes`` (graph order), ``circles`` {index: Circle}, ``error`` (a message
    or ""), ``controls``, ``fig``, ``text``."""

    CURRENT_EDGE = "#000000"

    def __init__(self, expression=EXAMPLE, x=2.0, y=-1.0, mode="reverse", seed="x"):
        import ipywidgets as w

        self.controls = {
            "expression": w.Text(value=expression, description="f(x, y) =",
                                 continuous_update=False),
            "x": w.FloatSlider(value=x, min=-3, max=3, step=0.5, description="x"),
            "y": w.FloatSlider(value=y, min=-3, max=3, step=0.5, description="y"),
            "mode": w.ToggleButtons(options=["forward", "reverse"], value=mode,
                                    description="order"),
            "seed": w.Dropdown(options=["x", "y"], value=seed, description="seed"),
            "back": w.Button(description="Back", icon="arrow-left"),
            "next": w.Button(description="Next", icon="arrow-right", button_style="primary"),
        }
        self.fig, self.ax = explorer_figure(figsize=(7.5, 3.0))
        self.view = canvas_of(self.fig, redraw=lambda: self._repaint(full=True))
        # moving x or y changes only the value labels: those are repainted over
        # the kept picture; a new graph or new step colours draw the whole figure
        self._blit = Blit(self.fig, [])
        self._drawn, self._coloured = None, False
        self.text = w.HTML()
        for name in ("expression", "x", "y", "mode", "seed"):
            self.controls[name].observe(self._restart, names="value")
        self.controls["next"].on_click(lambda _: self.next())
        self.controls["back"].on_click(lambda _: self.back())
        c = self.controls
        self.widget = w.VBox([c["expression"], w.HBox([c["x"], c["y"]]),
                              w.HBox([c["mode"], c["seed"], c["back"], c["next"]]),
                              self.view, self.text])
        self._restart()

    @property
    def current(self):
        return self.steps[self.index - 1] if self.index else None

    def _restart(self, change=None):
        c = {k: v.value for k, v in self.controls.items() if hasattr(v, "value")}
        self.controls["seed"].disabled = c["mode"] == "reverse"   # reverse needs no seed
        self.index, self.steps, self.nodes, self.error = 0, [], [], ""
        names = COURSE_NAMES if c["expression"].replace(" ", "") == EXAMPLE.replace(" ", "") \
            else ()
        try:
            self.out, self.inputs = build_graph(c["expression"], {"x": c["x"], "y": c["y"]},
                                                names)
            self.steps = (forward_steps(self.out, self.inputs[c["seed"]]) if c["mode"] ==
                          "forward" else reverse_steps(self.out, self.inputs))
            self.nodes = self.out.graph()[0]
        except (ValueError, TypeError) as err:
            self.error, self.steps = str(err), []
        if self.nodes and self._shape() == self._drawn:
            self._relabel()          # x or y moved: same graph, new values (no new artists)
            self._show(full=self._coloured)
        else:
            self._draw_graph()
            self._show(full=True)

    def _shape(self):
        """What the drawing depends on besides the values: each node's label,
        operation and parents (by index)."""
        at = {id(n): i for i, n in enumerate(self.nodes)}
        return tuple((n.label, n.op, tuple(at[id(p)] for p in n.parents)) for n in self.nodes)

    def _value_text(self, node):
        op = f"{node.op}  " if node.op else ""
        return f"{op}= {node.data:.3g}"

    def _relabel(self):
        for i, n in enumerate(self.nodes):
            self.value_labels[i].set_text(self._value_text(n))

    def next(self):
        self.index = min(self.index + 1, len(self.steps))
        self._show(full=True)

    def back(self):
        self.index = max(self.index - 1, 0)
        self._show(full=True)

    def _draw_graph(self):
        from ..plotting import draw_graph

        ax = self.ax
        ax.clear()
        self.circles, self.derivative_labels, self.value_labels = {}, {}, {}
        self._drawn = self._shape()
        if not self.nodes:
            ax.axis("off")
            self._blit.track([])
            return
        at = {id(n): i for i, n in enumerate(self.nodes)}
        pos = graph_layout(self.nodes, tuple(self.inputs))
        edges = [(at[id(p)], i) for i, n in enumerate(self.nodes) for p in n.parents]
        labels = {i: n.label for i, n in enumerate(self.nodes)}
        self.circles = draw_graph(ax, pos, edges, labels, radius=0.36)
        for i, n in enumerate(self.nodes):
            px, py = pos[i]
            self.value_labels[i] = ax.text(px, py - 0.42, self._value_text(n), ha="center",
                                           va="top", fontsize=8, color="0.3")
            self.derivative_labels[i] = ax.text(px, py + 0.42, "", ha="center", va="bottom",
                                                fontsize=8, fontweight="bold")
        ax.set_ylim(min(p[1] for p in pos.values()) - 1.0, max(p[1] for p in pos.values()) + 0.9)
        self._blit.track([*self.value_labels.values(), *self.derivative_labels.values()])

    def _show(self, full=True):
        """Colour the visited nodes, write the table, repaint: only the labels
        over the kept picture unless ``full``."""
        if self.error:
            self.text.value = (f"<p style='color:#B00020'><b>Cannot step through this "
                               f"expression:</b> {self.error}</p>")
            self._blit.track([])
            self._repaint(full=True)
            return
        shown = self.steps[: self.index]
        # the fill stops short of the darkest colour so the node's name stays legible
        vmax = max([abs(s["derivative"]) for s in self.steps] + [1e-12])
        for i, circle in self.circles.items():
            circle.set_facecolor("white")
            circle.set_edgecolor("0.25")
            circle.set_linewidth(1.5)
            self.derivative_labels[i].set_text("")
        for s in shown:
            self.circles[s["node"]].set_facecolor(sign_rgb(s["derivative"], 1.6 * vmax) / 255)
            self.derivative_labels[s["node"]].set_text(f"∂ {s['derivative']:.3g}")
        if self.current:
            self.circles[self.current["node"]].set_edgecolor(self.CURRENT_EDGE)
            self.circles[self.current["node"]].set_linewidth(3.5)
        self._coloured = bool(shown)
        self.text.value = self._table()
        self._repaint(full=full)

    def _term(self, s, t):
        other, local, part = t
        a, b = self.nodes[s["node"]], self.nodes[other]
        if self.controls["mode"].value == "forward":
            return f"∂{a.label}/∂{b.label} = {local:.4g} → {part:+.4g}"
        return f"∂{b.label}/∂{a.label} = {local:.4g} → {part:+.4g}"

    def _table(self):
        mode = self.controls["mode"].value
        start = ("the inputs (seed " + self.controls["seed"].value + ")" if mode == "forward"
                 else "the output (gradient 1)")
        rows = "".join(
            f"<tr style='{'font-weight:bold' if i == self.index - 1 else ''}'><td>{i + 1}</td>"
            f"<td>{self.nodes[s['node']].label} = {s['value']:.4g}</td>"
            f"<td>{'; '.join(self._term(s, t) for t in s['terms']) or 'start: 1'}</td>"
            f"<td>{s['meaning']} = {s['derivative']:+.4g}</td></tr>"
            for i, s in enumerate(self.steps[: self.index]))
        done = ""
        if self.steps and self.index == len(self.steps):
            found = [s for s in self.steps if self.nodes[s["node"]] in self.inputs.values()]
            found = found if mode == "reverse" else self.steps[-1:]
            done = ("<p>Done in " + str(len(self.steps)) + f" steps ({mode} mode): " +
                    ", ".join(f"<b>{s['meaning']} = {s['derivative']:+.4g}</b>" for s in found)
                    + "</p>")
        return (f"<p><b>{mode.capitalize()} mode</b>: accumulate from {start}. "
                f"Step {self.index} of {len(self.steps)}.</p><table><tr><th>#</th><th>node"
                f"</th><th>terms (local derivative → contribution)</th><th>derivative</th>"
                f"</tr>{rows}</table>{done}")


def chain_rule_stepper(expression=EXAMPLE, x=2.0, y=-1.0, mode="reverse", seed="x"):
    """Build the stepper (see ChainRuleStepper); display it with ``display()``."""
    return ChainRuleStepper(expression, x, y, mode, seed)


def node_colors(stepper):
    """{node index: facecolor as '#rrggbb'} of a stepper's graph (for tests)."""
    from matplotlib.colors import to_hex

    return {i: to_hex(c.get_facecolor()) for i, c in stepper.circles.items()}


__all__ = ["ChainRuleStepper", "chain_rule_stepper", "node_colors"]
