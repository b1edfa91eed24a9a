"""A feed-forward network: a list of Dense layers applied in order.

    A(0) = X,   Z(l) = A(l-1) W(l) + b(l),   A(l) = f_l(Z(l)),   y_pred = A(L)

Backprop runs the layers in reverse order (L, L-1, ..., 1): each layer turns
dL/dA(l) into dL/dW(l), dL/db(l) and dL/dA(l-1) for the layer below it.
"""

from __future__ import annotations

import numpy as np

from . import losses as _losses
from . import optim as _optim
from .layers import Dense
from .validation import as_inputs, non_negative, rng_from

__all__ = ["Network", "History"]


class History:
    """Per-epoch records of ``fit``: loss, val_loss, accuracy, val_accuracy.

    ``loss`` and ``accuracy`` are averaged over the epoch's batches as they
    were trained (as Keras does); accuracies stay empty for regression.
    """

    def __init__(self):
        self.loss, self.val_loss, self.accuracy, self.val_accuracy = [], [], [], []

    def __repr__(self):
        last = f", last loss {self.loss[-1]:.4g}" if self.loss else ""
        return f"<History: {len(self.loss)} epochs{last}>"


class Network:
    """``Network([Dense(2, 16, "tanh"), Dense(16, 3, "softmax")])``."""

    def __init__(self, layers):
        layers = list(layers)
        if not layers:
            raise ValueError("Network needs at least one layer, got an empty list")
        for i, layer in enumerate(layers):
            if not isinstance(layer, Dense):
                raise TypeError(f"layer {i} must be a Dense, got {type(layer).__name__}")
        for i, (a, b) in enumerate(zip(layers, layers[1:])):
            if a.n_out != b.n_in:
                raise ValueError(f"layer sizes do not agree: layer {i} has {a.n_out} outputs "
                                 f"but layer {i + 1} expects {b.n_in} inputs")
        self.layers = layers

    n_in = property(lambda self: self.layers[0].n_in)
    n_out = property(lambda self: self.layers[-1].n_out)

    def __repr__(self):
        return "Network([" + ", ".join(map(repr, self.layers)) + "])"

    # --- forward ----------------------------------------------------------
    def forward(self, X, cache=True):
        """y_pred = A(L) for inputs X (N, n_in); returns (N, n_out).

        cache=False evaluates without touching the layers' backprop caches."""
        A = as_inputs(X, self.n_in)
        if not cache:
            for layer in self.layers:
                A = layer.activation(A @ layer.W + layer.b)
            return A
        return self._forward(A)

    __call__ = forward

    def _forward(self, A):
        for layer in self.layers:
            A = layer._forward(A)
        return A

    def predict(self, X):
        """Class labels for softmax (argmax), one sigmoid (p > 0.5 -> 1) or sign
        outputs (-1/1), shape (N,); otherwise the raw outputs (N, n_out)."""
        A, out = self.forward(X), self.layers[-1].activation.name
        if out == "softmax":
            return A.argmax(axis=1)
        if out in ("sigmoid", "sign") and self.n_out == 1:
            return (A[:, 0] > 0.5).astype(int) if out == "sigmoid" else A[:, 0].astype(int)
        return A

    def parameters(self):
        """[W1, b1, W2, b2, ...]: the arrays themselves (updated in place)."""
        return [p for layer in self.layers for p in (layer.W, layer.b)]

    def gradients(self):
        """[dW1, db1, dW2, db2, ...] in the order of ``parameters()``."""
        return [g for layer in self.layers for g in (layer.dW, layer.db)]

    # --- backward ---------------------------------------------------------
    def prepare(self, X, y, loss):
        """Validate once: (X, Y, loss object) with Y in the loss's own form."""
        loss = _losses.get(loss)
        out = self.layers[-1].activation.name
        need = {"cross_entropy": "softmax", "binary_cross_entropy": "sigmoid"}.get(loss.name)
        if need and out != need:
            raise ValueError(f"loss {loss.name!r} expects a {need} output layer, got {out!r}")
        X = as_inputs(X, self.n_in)
        return X, loss.target(y, (X.shape[0], self.n_out)), loss

    def backprop(self, X, y, loss="mse", l1=0.0, l2=0.0):
        """Fill every layer's dW, db; return L = data loss + l1 sum|W| + l2 sum W^2."""
        X, Y, loss = self.prepare(X, y, loss)
        return self._backprop(X, Y, loss, non_negative(l1, "l1"), non_negative(l2, "l2"))

    def _backprop(self, X, Y, loss, l1, l2):
        A = self._forward(X)
        top = self.layers[-1]
        if (loss.name, top.activation.name) in (("cross_entropy", "softmax"),
                                                ("binary_cross_entropy", "sigmoid")):
            dZ = (A - Y) / len(X)          # fused: the 1/p of the loss cancels f'
        else:
            dZ = top.activation.backward(top.Z, A, loss.grad(A, Y))
        for i in range(len(self.layers) - 1, -1, -1):   # layer L first, layer 1 last
            dA = self.layers[i]._backward_z(dZ, need_dX=i > 0)
            if i:
                below = self.layers[i - 1]
                dZ = below.activation.backward(below.Z, below.A, dA)
        return float(loss.value(A, Y)) + self._penalty(l1, l2, add_gradient=True)

    def _penalty(self, l1, l2, add_gradient=False):
        """l1 sum|W| + l2 sum W^2 over weights (not biases); optionally adds
        its gradient l1 sign(W) + 2 l2 W to each dW."""
        total = 0.0
        if l1 or l2:
            for layer in self.layers:
                W = layer.W
                total += l1 * np.abs(W).sum() + l2 * np.vdot(W, W)
                if add_gradient:
                    layer.dW += l1 * np.sign(W) + (2.0 * l2) * W
        return float(total)

    # --- training ---------------------------------------------------------
    def train_step(self, X, y, loss, optimizer, l1=0.0, l2=0.0):
        """One backprop + optimizer step; returns the loss before the step."""
        X, Y, loss = self.prepare(X, y, loss)
        optimizer = _optim.get(optimizer)
        return self._train_step(X, Y, loss, optimizer, non_negative(l1, "l1"),
                                non_negative(l2, "l2"))

    def _train_step(self, X, Y, loss, optimizer, l1, l2):
        value = self._backprop(X, Y, loss, l1, l2)
        if not np.isfinite(value):
            raise FloatingPointError(f"the loss is {value}; weights left unchanged. "
                                     f"Try a lower learning rate than lr={optimizer.lr}")
        optimizer.step(self)     # raises (and changes nothing) on a non-finite update
        return value

    def evaluate(self, X, y, loss="mse", l1=0.0, l2=0.0):
        """(loss, accuracy) on a data set without training; accuracy is None
        for regression outputs."""
        X, Y, loss = self.prepare(X, y, loss)
        A = self._forward(X)
        return (float(loss.value(A, Y)) + self._penalty(l1, l2),
                self._n_correct(A, self._truth(Y)) / len(X) if self._is_classifier() else None)

    def _is_classifier(self):
        out = self.layers[-1].activation.name
        return out == "softmax" or (out == "sigmoid" and self.n_out == 1)

    def _truth(self, Y):
        """What predictions are compared with: class labels (softmax) or Y > 0.5."""
        return Y.argmax(axis=1) if self.layers[-1].activation.name == "softmax" else Y > 0.5

    def _n_correct(self, A, truth):
        if self.layers[-1].activation.name == "softmax":
            return int(np.count_nonzero(A.argmax(axis=1) == truth))
        return int(np.count_nonzero((A > 0.5) == truth))

    def fit(self, X, y, loss="cross_entropy", optimizer=None, epochs=100, batch_size=None,
            l1=0.0, l2=0.0, rng=None, validation_data=None, callback=None):
        """Train for ``epochs`` passes over (X, y); returns a History.

        optimizer defaults to SGD(lr=0.1); batch_size=None is full batch;
        ``rng`` shuffles the mini-batches; callback(epoch, history) runs after
        every epoch and may return False to stop early.
        """
        optimizer = _optim.SGD(lr=0.1) if optimizer is None else _optim.get(optimizer)
        X, Y, loss = self.prepare(X, y, loss)          # validate once, not per step
        l1, l2, rng = non_negative(l1, "l1"), non_negative(l2, "l2"), rng_from(rng)
        N, bs = len(X), _batch_size(batch_size, len(X))
        classifier = self._is_classifier()
        truth = self._truth(Y) if classifier else None
        history = History()
        for epoch in range(_count(epochs, "epochs")):
            order = rng.permutation(N) if bs < N else None
            total = correct = 0.0
            for start in range(0, N, bs):
                idx = order[start:start + bs] if bs < N else slice(None)
                Xb, Yb = X[idx], Y[idx]
                try:
                    total += self._train_step(Xb, Yb, loss, optimizer, l1, l2) * len(Xb)
                except FloatingPointError as err:
                    raise FloatingPointError(
                        f"training diverged in epoch {epoch + 1}: {err}") from None
                if classifier:
                    correct += self._n_correct(self.layers[-1].A, truth[idx])
            history.loss.append(total / N)
            if classifier:
                history.accuracy.append(correct / N)
            if validation_data is not None:
                val_loss, val_acc = self.evaluate(*validation_data, loss, l1, l2)
                history.val_loss.append(val_loss)
                if val_acc is not None:
                    history.val_accuracy.append(val_acc)
            if callback is not None and callback(epoch, history) is False:
                break
        return history

    # --- files --------------------------------------------------------------
    def save(self, path):
        """Write the layers' sizes, activations and weights to an .npz file."""
        from .serialize import save
        return save(self, path)

    @classmethod
    def load(cls, path):
        """Read a Network written by ``save`` (never unpickles anything)."""
        from .serialize import load
        return load(path)


def _count(value, name):
    if isinstance(value, bool) or not isinstance(value, (int, np.integer)) or value < 0:
        raise ValueError(f"{name} must be a whole number >= 0, got {value!r}")
    return int(value)


def _batch_size(batch_size, n):
    if batch_size is None:
        return n
    if _count(batch_size, "batch_size") == 0:
        raise ValueError("batch_size must be a positive int or None (full batch), got 0")
    return min(int(batch_size), n)
