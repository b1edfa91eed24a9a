"""A fully connected (dense) layer.

Forward, for a batch of N rows:   Z = X W + b,   A = f(Z)
    X (N, n_in), W (n_in, n_out), b (n_out,), Z and A (N, n_out)
Backward, given dA = dL/dA (N, n_out):
    dZ = dA * f'(Z)          (softmax: the Jacobian of each row)
    dW = X^T dZ              (n_in, n_out)
    db = sum_n dZ            (n_out,)
    dX = dZ W^T              (N, n_in)   -> the previous layer's dA
"""

from __future__ import annotations

import numpy as np

from .activations import get_layer_activation
from .validation import as_inputs, rng_from

__all__ = ["Dense", "INITS", "share_one_buffer", "check_layer_arrays"]


def _std_xavier(n_in, n_out):
    return np.sqrt(2.0 / (n_in + n_out))


def _std_he(n_in, n_out):
    return np.sqrt(2.0 / n_in)


#: name -> standard deviation of the normal draw of W, given (n_in, n_out).
#: "auto" picks "he" for relu-like layers and "xavier" otherwise.
INITS = {
    "xavier": _std_xavier,                  # Glorot: keeps variance for tanh/sigmoid
    "he": _std_he,                          # He: keeps variance for relu
    "small": lambda n_in, n_out: 0.01,      # tiny weights -> vanishing signals
    "normal": lambda n_in, n_out: 1.0,      # unit weights -> exploding signals
    "zeros": lambda n_in, n_out: 0.0,       # all neurons identical: cannot break symmetry
}


class Dense:
    """Dense layer ``Dense(n_in, n_out, activation="relu", init="auto", rng=None)``.

    ``init`` is a name from ``INITS`` ("auto", "xavier", "he", "small",
    "normal", "zeros") or a number used as the standard deviation of W.
    Biases start at zero.  ``rng`` is a Generator, an int seed or None.
    """

    def __init__(self, n_in, n_out, activation="relu", init="auto", rng=None):
        for value, name in ((n_in, "n_in"), (n_out, "n_out")):
            if isinstance(value, bool) or not isinstance(value, (int, np.integer)) or value < 1:
                raise ValueError(f"Dense: {name} must be a positive int, got {value!r}")
        self.activation = get_layer_activation(activation)
        self.init = init
        std = self._init_std(init, int(n_in), int(n_out))
        self.W = rng_from(rng).normal(0.0, 1.0, size=(n_in, n_out)) * std
        self.b = np.zeros(n_out)
        self.dW = np.zeros_like(self.W)
        self.db = np.zeros_like(self.b)
        self.X = self.Z = self.A = None

    def _init_std(self, init, n_in, n_out):
        if isinstance(init, (int, float)) and not isinstance(init, bool):
            if not np.isfinite(init) or init < 0:
                raise ValueError(f"Dense: init as a number is a std and must be >= 0, got {init}")
            return float(init)
        if init == "auto":
            init = self.activation.init        # the table says: "he" for relu-like units
        if init not in INITS:
            raise ValueError(f"Dense: unknown init {init!r}; expected one of "
                             f"{['auto', *INITS]} or a number (the std of W)")
        return INITS[init](n_in, n_out)

    @property
    def n_in(self):
        return self.W.shape[0]

    @property
    def n_out(self):
        return self.W.shape[1]

    def forward(self, X, cache=True, check=True):
        """A = f(X W + b); X (N, n_in) -> A (N, n_out).

        cache=True keeps X, Z, A for backward; cache=False only evaluates
        (drawing a map over a grid must not replace the training batch's cache).
        check=False skips the input check, for a caller (Network) that has
        validated the network's input once."""
        if check:
            X = as_inputs(X, self.n_in, "Dense input X")
        Z = self.pre_activation(X, check=False)
        A = self.activation(Z)
        if cache:
            self.X, self.Z, self.A = X, Z, A
        return A

    def pre_activation(self, X, check=True):
        """Z = X W + b, X (N, n_in) -> Z (N, n_out); caches nothing (forward
        applies f to it; lessons show it beside A)."""
        if check:
            X = as_inputs(X, self.n_in, "Dense input X")
        return X @ self.W + self.b

    def backward(self, dA=None, dZ=None, need_dX=True):
        """Fills dW, db; returns dX (N, n_in), or None when need_dX is False.

        Give dA = dL/dA (N, n_out); or dZ = dL/dZ directly when a fused output
        gradient already combines the loss with f' (softmax + cross-entropy)."""
        if self.Z is None:
            raise ValueError("Dense.backward needs a forward pass first (no cached X, Z, A)")
        if (dA is None) == (dZ is None):
            raise TypeError("Dense.backward takes exactly one of dA (dL/dA) or dZ (dL/dZ)")
        if dZ is None:
            dZ = self.activation.backward(self.Z, self.A, _like(dA, self.A, "dA"))
        else:
            dZ = _like(dZ, self.Z, "dZ")
        # dW = X^T dZ, db = sum_n dZ; dX = dZ W^T
        np.matmul(self.X.T, dZ, out=self.dW)
        np.add.reduce(dZ, axis=0, out=self.db)
        return dZ @ self.W.T if need_dX else None

    def __repr__(self):
        return f"Dense({self.n_in}, {self.n_out}, activation={self.activation.name!r})"


def _like(grad, ref, name):
    """grad as a float array shaped like the cached ``ref`` (A or Z)."""
    grad = np.asarray(grad, dtype=float)
    if grad.shape != ref.shape:
        raise ValueError(f"Dense.backward: {name} must have the shape of "
                         f"{name[1:]} {ref.shape}, got {grad.shape}")
    return grad


def share_one_buffer(layers):
    """Re-home every layer's W, b (and dW, db) as views of one flat buffer
    (values unchanged); returns the two buffers (theta, grad)."""
    arrays = [(layer, name) for layer in layers for name in ("W", "b")]
    theta = np.concatenate([np.ravel(getattr(la, n)).astype(float) for la, n in arrays])
    grad = np.zeros_like(theta)
    start = 0
    for layer, name in arrays:
        shape = np.shape(getattr(layer, name))
        stop = start + int(np.prod(shape))
        setattr(layer, name, theta[start:stop].reshape(shape))
        setattr(layer, "d" + name, grad[start:stop].reshape(shape))
        start = stop
    return theta, grad


def check_layer_arrays(layers):
    """Refuse hand-set W, b that are not writeable float64 arrays of shapes
    agreeing with their neighbours and with dW, db (TypeError / ValueError)."""
    n_in = np.shape(layers[0].W)[:1]
    for i, layer in enumerate(layers):
        n_out = np.shape(layer.W)[1:2]
        for name, want in (("W", n_in + n_out), ("b", n_out)):
            p = getattr(layer, name)
            if not isinstance(p, np.ndarray) or p.dtype != np.float64:
                got = f"{type(p).__name__} of dtype {getattr(p, 'dtype', '?')}"
                raise TypeError(f"layer {i}: {name} must be a float64 numpy array, got "
                                f"{got}; set it with np.asarray(values, dtype=float)")
            if not p.flags.writeable:
                raise ValueError(f"layer {i}: {name} is read-only; expected a writeable "
                                 f"array (set it to a copy, e.g. layer.{name} = W.copy())")
            if p.shape != want or np.shape(getattr(layer, "d" + name)) != want:
                raise ValueError(f"layer {i}: {name} (and d{name}) must have shape {want}, "
                                 f"got {p.shape}")
        n_in = n_out
