"""A feed-forward network: a list of Dense layers applied in order.

    A(0) = X,   Z(l) = A(l-1) W(l) + b(l),   A(l) = f_l(Z(l)),   y_pred = A(L)

Backprop runs the layers in reverse order (L, L-1, ..., 1): each layer turns
dL/dA(l) into dL/dW(l), dL/db(l) and dL/dA(l-1) for the layer below it.
"""

from __future__ import annotations

import numpy as np

from . import activations as _act
from . import losses as _losses
from . import optim as _optim
from .epochs import History, diverged, epoch_batches
from .layers import Dense, check_layer_arrays, share_one_buffer
from .validation import as_inputs, batch_size_of, non_negative, rng_from, whole_number

__all__ = ["Network", "History"]


class Network:
    """``Network([Dense(2, 16, "tanh"), Dense(16, 3, "softmax")])``."""

    def __init__(self, layers):
        layers = list(layers)
        if not layers:
            raise ValueError("Network needs at least one layer, got an empty list")
        for i, layer in enumerate(layers):
            if not isinstance(layer, Dense):
                raise TypeError(f"layer {i} must be a Dense, got {type(layer).__name__}")
            first = next(j for j, other in enumerate(layers) if other is layer)
            if first != i:
                raise ValueError(f"layer {i} is the same Dense object as layer {first}; "
                                 "expected a new Dense for every layer (they would share "
                                 "weights and overwrite each other's gradients)")
        for i, (a, b) in enumerate(zip(layers, layers[1:])):
            if a.n_out != b.n_in:
                raise ValueError(f"layer sizes do not agree: layer {i} has {a.n_out} outputs "
                                 f"but layer {i + 1} expects {b.n_in} inputs")
        self.layers = layers
        self._theta, self._grad = share_one_buffer(layers)
        self._views = [(la.W, la.b, la.dW, la.db) for la in layers]

    n_in = property(lambda self: self.layers[0].n_in)
    n_out = property(lambda self: self.layers[-1].n_out)

    def __repr__(self):
        return "Network([" + ", ".join(map(repr, self.layers)) + "])"

    # --- forward ----------------------------------------------------------
    def forward(self, X, cache=True):
        """y_pred = A(L) for inputs X (N, n_in); returns (N, n_out).

        cache=False evaluates without touching the layers' backprop caches."""
        self._check_arrays()
        return self._run(as_inputs(X, self.n_in), cache)

    __call__ = forward

    def _run(self, A, cache=True):
        """The forward pass on inputs that were validated already."""
        for layer in self.layers:
            A = layer.forward(A, cache=cache, check=False)
        return A


    def predict(self, X):
        """Class labels for softmax (argmax), one sigmoid (p > 0.5 -> 1) or sign
        outputs (-1/1), shape (N,); otherwise the raw outputs (N, n_out)."""
        A = self.forward(X, cache=False)
        labels = self.layers[-1].activation.labels(A)
        return A if labels is None else labels

    def parameters(self):
        """[W1, b1, W2, b2, ...]: the arrays themselves (updated in place)."""
        return [p for layer in self.layers for p in (layer.W, layer.b)]

    def gradients(self):
        """[dW1, db1, dW2, db2, ...] in the order of ``parameters()``."""
        return [g for layer in self.layers for g in (layer.dW, layer.db)]

    def flat(self):
        """(theta, grad): every parameter and every gradient as one 1-D array
        each (views: the layers' W, b, dW, db share their memory), so that an
        optimizer updates all weights in one operation.  None when some
        layer's array was replaced by another one since the network was built."""
        for layer, (W, b, dW, db) in zip(self.layers, self._views):
            if layer.W is not W or layer.b is not b or layer.dW is not dW or layer.db is not db:
                return None
        return self._theta, self._grad

    def _check_arrays(self):
        """Hand-set W, b must be writeable float64 arrays of agreeing shapes."""
        if self.flat() is None:             # else: still the network's own views, fine
            check_layer_arrays(self.layers)

    # --- backward ---------------------------------------------------------
    def prepare(self, X, y, loss):
        """Validate once: (X, Y, loss object) with Y in the loss's own form."""
        self._check_arrays()
        loss = _losses.get(loss)
        out, need = self.layers[-1].activation, _act.fused_output(loss.name)
        if need is not None and out is not need:
            raise ValueError(f"loss {loss.name!r} expects a {need.name} output layer, "
                             f"got {out.name!r}")
        X = as_inputs(X, self.n_in)
        return X, loss.target(y, (X.shape[0], self.n_out)), loss

    def backprop(self, X, y, loss="mse", l1=0.0, l2=0.0):
        """Fill every layer's dW, db; return L = data loss + l1 sum|W| + l2 sum W^2."""
        X, Y, loss = self.prepare(X, y, loss)
        return self._backprop(X, Y, loss, non_negative(l1, "l1"), non_negative(l2, "l2"))

    def _backprop(self, X, Y, loss, l1, l2):
        """backprop on validated arrays: Dense.backward from layer L down to 1."""
        A, top, last = self._run(X), self.layers[-1], len(self.layers) - 1
        if top.activation.fused_loss == loss.name:    # the 1/p of the loss cancels f'
            dZ = A - Y
            dZ /= len(X)
            dA = top.backward(dZ=dZ, need_dX=last > 0)
        else:
            dA = top.backward(loss.grad(A, Y), need_dX=last > 0)
        for i in range(last - 1, -1, -1):             # layer L-1 first, layer 1 last
            dA = self.layers[i].backward(dA, need_dX=i > 0)
        return float(loss.value(A, Y)) + self.penalty(l1, l2, add_gradient=True)

    def penalty(self, l1=0.0, l2=0.0, add_gradient=False):
        """l1 sum|W| + l2 sum W^2 over weights (not biases); add_gradient=True
        also adds its gradient l1 sign(W) + 2 l2 W to each dW."""
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
        return self._step(X, Y, loss, optimizer, non_negative(l1, "l1"), non_negative(l2, "l2"))

    def _step(self, X, Y, loss, optimizer, l1, l2):
        value = self._backprop(X, Y, loss, l1, l2)
        if not np.isfinite(value):        # one scalar, checked before any weight moves
            raise FloatingPointError(f"the loss is {value}; weights left unchanged. "
                                     f"Try a lower learning rate than lr={optimizer.lr}")
        optimizer.step(self)     # raises (and changes nothing) if a new weight is not finite
        return value

    def evaluate(self, X, y, loss="mse", l1=0.0, l2=0.0):
        """(loss, accuracy) on a data set without training (the caches are
        left alone); accuracy is None for regression outputs."""
        X, Y, loss = self.prepare(X, y, loss)
        return self._evaluate(X, Y, loss, non_negative(l1, "l1"), non_negative(l2, "l2"))

    def _evaluate(self, X, Y, loss, l1, l2):
        A, act = self._run(X, cache=False), self.layers[-1].activation
        truth = act.labels(Y)
        accuracy = None if truth is None else np.count_nonzero(act.labels(A) == truth) / len(X)
        return float(loss.value(A, Y)) + self.penalty(l1, l2), accuracy

    def fit(self, X, y, loss="cross_entropy", optimizer=None, epochs=100, batch_size=None,
            l1=0.0, l2=0.0, rng=None, validation_data=None, callback=None):
        """Train for ``epochs`` passes over (X, y); returns a History.

        optimizer defaults to SGD(lr=0.1); batch_size=None is full batch;
        ``rng`` shuffles the mini-batches; callback(epoch, history) runs after
        every epoch and may return False to stop early.  Everything is
        checked before the first step.
        """
        optimizer = _optim.SGD(lr=0.1) if optimizer is None else _optim.get(optimizer)
        X, Y, loss = self.prepare(X, y, loss)          # validate once, not per step
        val = self._validation_set(validation_data, callback, loss)
        l1, l2, rng = non_negative(l1, "l1"), non_negative(l2, "l2"), rng_from(rng)
        N, bs, epochs = len(X), batch_size_of(batch_size, len(X)), whole_number(epochs, "epochs")
        out = self.layers[-1].activation
        truth = out.labels(Y)                          # None for regression
        history = History()
        for epoch in range(epochs):
            total = correct = 0.0
            for idx in epoch_batches(N, bs, rng):
                Xb, Yb = X[idx], Y[idx]
                try:
                    total += self._step(Xb, Yb, loss, optimizer, l1, l2) * len(Xb)
                except FloatingPointError as err:
                    raise diverged(err, epoch, history) from None
                if truth is not None:
                    correct += np.count_nonzero(out.labels(self.layers[-1].A) == truth[idx])
            history.record(total / N, None if truth is None else correct / N,
                           *(self._evaluate(*val, loss, l1, l2) if val else (None, None)))
            if callback is not None and callback(epoch, history) is False:
                break
        return history

    def _validation_set(self, data, callback, loss):
        """validation_data as validated (X, Y), or None; checks the callback too."""
        if callback is not None and not callable(callback):
            raise TypeError(f"callback must be callable(epoch, history) or None, "
                            f"got {type(callback).__name__}")
        if data is None:
            return None
        if not isinstance(data, (tuple, list)) or len(data) != 2:
            raise TypeError("validation_data must be a pair (X_val, y_val) or None, "
                            f"got {type(data).__name__} {_length(data)}".rstrip())
        try:
            return self.prepare(*data, loss)[:2]
        except (TypeError, ValueError) as err:
            raise type(err)(f"validation_data: {err}") from None

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


def _length(data):
    return f"of length {len(data)}" if isinstance(data, (tuple, list)) else ""
