"""Vanishing and exploding gradients (lesson 09).

``gradient_norms`` builds a deep stack of equal Dense layers, backpropagates
one batch, and returns ||dW(l)|| (Frobenius norm) for every layer l = 1..L.
Backprop multiplies by W(l)^T and f'(Z(l)) once per layer on its way down,
so these norms shrink (|f'| <= 1/4 for sigmoid) or grow geometrically.
"""

from __future__ import annotations

import numpy as np

from .. import Dense, Network
from ..validation import rng_from
from ._base import Explorer


def deep_network(depth, activation, init, width=32, n_in=2, rng=None):
    """depth hidden Dense(width) layers with one activation and init, then a
    linear output."""
    rng = rng_from(rng)
    layers = [Dense(n_in, width, activation, init=init, rng=rng)]
    layers += [Dense(width, width, activation, init=init, rng=rng) for _ in range(depth - 1)]
    return Network(layers + [Dense(width, 1, "linear", init=init, rng=rng)])


def gradient_norms(depth=8, activation="sigmoid", init="xavier", width=32, n=64, rng=0):
    """||dW|| per layer (first layer first) after one backprop of an mse loss
    on random inputs X (n, 2) and targets y (n,).  Returns an array (depth + 1,)."""
    rng = rng_from(rng)
    net = deep_network(depth, activation, init, width, rng=rng)
    X, y = rng.normal(size=(n, 2)), rng.normal(size=n)
    with np.errstate(over="ignore", invalid="ignore"):
        net.backprop(X, y, loss="mse")
    return np.array([np.linalg.norm(layer.dW) for layer in net.layers])


class GradientNormsExplorer(Explorer):
    """Widget: depth, activation, init -> bar chart of ||dW|| per layer (log scale)."""

    def __init__(self, depth=8, activation="sigmoid", init="xavier"):
        import ipywidgets as w
        import matplotlib.pyplot as plt

        from ..activations import names
        from ..layers import INITS

        self.controls = {
            "depth": w.IntSlider(value=depth, min=2, max=20, description="depth"),
            "activation": w.Dropdown(options=[a for a in names() if a != "sign"],
                                     value=activation, description="activation"),
            "init": w.Dropdown(options=[i for i in INITS if i != "zeros"], value=init,
                               description="init"),
        }
        with plt.ioff():
            self.fig, self.ax = plt.subplots(figsize=(6.5, 3.2))
        self._finish(self._update)

    def _update(self, change=None):
        c = {k: v.value for k, v in self.controls.items()}
        self.norms = gradient_norms(c["depth"], c["activation"], c["init"])
        ax = self.ax
        ax.clear()
        finite = np.isfinite(self.norms) & (self.norms > 0)
        ax.bar(np.arange(1, len(self.norms) + 1)[finite], self.norms[finite], color="#0072B2")
        ax.set_yscale("log")
        ax.set_xlabel("layer l (1 = next to the input, last = output)")
        ax.set_ylabel("‖dW‖")
        ax.set_title(f"{c['activation']}, init {c['init']}, depth {c['depth']}")
        ratio = self.norms[0] / self.norms[-1] if self.norms[-1] else np.inf
        biggest = np.nanmax(self.norms)
        verdict = ("exploding" if not np.isfinite(biggest) or biggest > 1e3 else
                   "vanishing" if ratio < 1e-2 or biggest < 1e-6 else "healthy")
        self.verdict = verdict
        self.readout.value = (f"first / last layer gradient norm: <b>{ratio:.3g}</b>, "
                              f"largest norm {biggest:.3g}: <b>{verdict}</b>")
        self.fig.tight_layout()
        self.fig.canvas.draw_idle()


def gradient_norms_explorer(depth=8, activation="sigmoid", init="xavier"):
    """Build the explorer; display it with ``display()``."""
    return GradientNormsExplorer(depth, activation, init)


def backward_order(net, X, y, loss="mse"):
    """Indices (1-based) of the layers in the order backprop visits them.

    Wraps each layer's backward step for one call of ``net.backprop``; for a
    layered network the answer is always L, L-1, ..., 1.
    """
    order = []
    try:
        for l, layer in enumerate(net.layers, start=1):
            def traced(dZ, need_dX=True, _l=l, _f=layer._backward_z):
                order.append(_l)
                return _f(dZ, need_dX)
            layer._backward_z = traced
        net.backprop(X, y, loss=loss)
    finally:
        for layer in net.layers:          # back to the class's own method
            layer.__dict__.pop("_backward_z", None)
    return order


def scalar_graph_gradients(net, X, y):
    """The gradients of the mse loss of ``net`` computed by building the whole
    computation from scalar ``Value`` nodes (one node per multiply and add),
    then one reverse pass.  Returns (loss, grads in net.parameters() order,
    number of nodes)."""
    from ..autodiff import Value

    params = [[[Value(w) for w in row] for row in layer.W] for layer in net.layers]
    biases = [[Value(b) for b in layer.b] for layer in net.layers]
    Y = np.asarray(y, dtype=float).reshape(len(X), -1)
    total = Value(0.0)
    for xn, yn in zip(X, Y):
        a = [Value(v) for v in xn]
        for W, b, layer in zip(params, biases, net.layers):
            z = [sum((a[i] * W[i][j] for i in range(len(a))), b[j]) for j in range(len(b))]
            name = layer.activation.name
            a = z if name == "linear" else [getattr(zj, name)() for zj in z]
        for aj, yj in zip(a, yn):
            total = total + (aj - float(yj)) ** 2
    loss = total / Y.size
    loss.backward()
    grads = []
    for W, b in zip(params, biases):
        grads += [np.array([[w.grad for w in row] for row in W]), np.array([v.grad for v in b])]
    return loss.data, grads, len(loss.graph()[0])
