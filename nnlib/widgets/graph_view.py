"""Lesson 13: the computation graph of any micrograd-style node, with each
node's value and gradient (a static matplotlib figure, no graphviz).

A view only: ``nnlib.lessons.l13_autodiff_from_scratch.mirror`` copies the
graph into ``Value`` nodes, ``Value.graph()`` orders them, lesson 07's
``graph_layout`` places them and ``plotting.draw_graph`` draws them.  Below
a node: its operation and value; above it: its gradient  ∂out/∂node; its fill
is the sign colour (``nnlib.colors``) of that gradient.
"""

from __future__ import annotations

from ..colors import sign_rgb
from ..lessons.l07_chain_rule import graph_layout
from ..lessons.l13_autodiff_from_scratch import mirror
from ._base import new_figure


def draw_values(root, ax=None):
    """Draw root's graph (inputs left, root right); returns the figure."""
    from ..plotting import draw_graph

    if ax is None:
        fig, ax = new_figure(figsize=(7.0, 2.8))
    else:
        fig = ax.figure
    nodes, _ = mirror(root).graph()
    at = {id(n): i for i, n in enumerate(nodes)}
    named = tuple(n.label for n in nodes if not n.parents and n.label)
    pos = graph_layout(nodes, named)
    edges = [(at[id(p)], i) for i, n in enumerate(nodes) for p in n.parents]
    labels = {i: n.label or n.op or f"{n.data:g}" for i, n in enumerate(nodes)}
    circles = draw_graph(ax, pos, edges, labels, radius=0.36)
    vmax = max([abs(n.grad) for n in nodes] + [1e-12])
    for i, n in enumerate(nodes):
        px, py = pos[i]
        # the fill stops short of the darkest colour so the node's name stays legible
        circles[i].set_facecolor(sign_rgb(n.grad, 1.6 * vmax) / 255)
        op = f"{n.op}  " if n.op and n.label else ""
        ax.text(px, py - 0.42, f"{op}data {n.data:.3g}", ha="center", va="top", fontsize=8,
                color="0.3")
        ax.text(px, py + 0.42, f"grad {n.grad:.3g}", ha="center", va="bottom", fontsize=8,
                fontweight="bold")
    ax.set_ylim(min(p[1] for p in pos.values()) - 1.0, max(p[1] for p in pos.values()) + 0.9)
    return fig


__all__ = ["draw_values"]
