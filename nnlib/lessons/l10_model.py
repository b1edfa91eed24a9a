"""Lesson 10: the Playground's state, without any widget: data, network,
optimizer, settings, training steps and the arrays of one frame.

Data flow: the controls write ``settings`` (and call ``generate``, ``reset``,
``set_hidden``, ...); ``train(epochs)`` trains; ``frame()`` returns the arrays
the browser paints; clicks come back as ``add_point`` and ``set_parameter``.

A frame (every array small and typed, so it travels as raw buffers):

- ``out``: the output over the plane on a res x res grid (row 0 = top).
  Classes: uint8 ``32 k + c`` with k the predicted class (argmax of the
  softmax) and c = round(31 (p_k - 1/K) / (1 - 1/K)) its confidence;
  2-D regression: uint8 ``round(127.5 (v / max|v| + 1))``; 1-D: float32 (res,)
  the predicted curve.
- ``maps``: uint8 (neurons, m*m) (1-D input: (neurons, m)), every neuron's
  activation a over a coarse m x m grid, ``round(127.5 (a / max|a| + 1))``,
  input neurons first, output neurons last.
- ``weights`` float32 (all W.ravel() concatenated, layer by layer),
  ``biases`` float32 (all b), ``loss`` float32 (k, 2) the train and test
  losses of the epochs since ``loss_from`` (NaN without test points).
"""

from __future__ import annotations

import numpy as np

from .. import Dense, Network, datasets, optim
from ..network import History
from ..validation import rng_from

LESSON = 10
MAX_LAYERS = 6
DEFAULTS = dict(dataset="spirals", noise=0.1, ratio=0.7, batch=32, lr=0.03, optimizer="adam",
                l1=0.0, l2=0.0, speed=10, click_class=0)


def quantize(values, scale):
    """uint8 code of values/scale in [-1, 1]: round(127.5 (v / scale + 1));
    ``scale`` a number or one per column."""
    t = np.clip(values / np.maximum(scale, 1e-12), -1.0, 1.0)
    return np.round(127.5 * (t + 1.0)).astype(np.uint8)


def training_failure(err, epoch):
    """The message for an error raised while training epoch ``epoch``: a
    diverging run names the learning rate, anything else its type, so a
    failing Step or Play task is shown to the student and never lost."""
    if isinstance(err, FloatingPointError):
        return f"Stopped at epoch {epoch}: {err}"
    return f"Training stopped at epoch {epoch}: {type(err).__name__}: {err}"


def split_points(n, ratio, rng):
    """Train/test split: ``is_test`` (n,) bool with n_train = round(ratio n)
    clipped to 1..n-1 (1 when n = 1), so there is always a training point and,
    from two points on, a test point.  ``rng``: a np.random.Generator."""
    n_train = min(max(int(round(ratio * n)), 1), max(n - 1, 1))
    is_test = np.ones(n, dtype=bool)
    is_test[rng.permutation(n)[:n_train]] = False
    return is_test


class PlaygroundModel:
    """See the module docstring.  State: ``settings`` (dict, DEFAULTS' keys),
    ``hidden`` [(size, activation)], ``X`` (N, D), ``y`` (N,), ``is_test`` (N,),
    ``net``, ``optimizer``, ``history``, ``epoch``, ``loss`` (its name)."""

    def __init__(self, settings=None, hidden=((8, "tanh"), (8, "tanh")), n=300,
                 resolution=64, map_size=16, rng=0):
        self.settings = dict(DEFAULTS, **(settings or {}))
        self.hidden = [(int(s), a) for s, a in hidden]
        self.n, self.res, self.m = n, resolution, map_size
        self.rng = rng_from(rng)
        self.selected = self.hover = None
        self.generate()

    # --- data -------------------------------------------------------------------
    @property
    def regression(self):
        return self.y.dtype.kind == "f"

    @property
    def dim(self):
        return self.X.shape[1]

    def generate(self):
        """A fresh sample of the chosen data set (nothing for "custom")."""
        name = self.settings["dataset"]
        if name == "custom":
            return
        kwargs = {"n": self.n, "noise": self.settings["noise"], "rng": self.rng}
        if name in ("spirals", "blobs"):     # two spirals (as in TF Playground); three blobs
            kwargs["classes"] = 2 if name == "spirals" else 3
        self.use_points(*datasets.load(name, **kwargs))

    def use_points(self, X, y, is_test=None):
        """Take checked points (playground_state.check_points), split them
        (or keep the given split) and start over."""
        self.X, self.y = X, (y if y.dtype.kind == "f" else y.astype(int))
        self.is_test = self.split() if is_test is None else np.asarray(is_test, dtype=bool)
        self._grids()
        self.reset()

    def split(self):
        """is_test (N,) for the current points and train ratio (see split_points)."""
        return split_points(len(self.X), self.settings["ratio"], self.rng)

    def add_point(self, x, y, label):
        """A clicked training point; a new class grows the output layer
        (the network starts over)."""
        self.X = np.vstack([self.X, [[float(x), float(y)]]])
        self.y = np.append(self.y, int(label))
        self.is_test = np.append(self.is_test, False)
        if label >= self.net.n_out:
            self.reset()

    def _grids(self):
        """The output grid (res^2 or res points, cell centres, row 0 = top),
        its extent (xmin, xmax, ymin, ymax) and the coarse map grid."""
        lo, hi = self.X.min(axis=0) - 0.3, self.X.max(axis=0) + 0.3
        self.extent = tuple(float(v) for pair in zip(lo, hi) for v in pair)

        def axis(k, n, flip=False):
            t = (np.arange(n) + 0.5) / n
            return lo[k] + (1 - t if flip else t) * (hi[k] - lo[k])

        if self.dim == 2:
            gx, gy = np.meshgrid(axis(0, self.res), axis(1, self.res, flip=True))
            mx, my = np.meshgrid(axis(0, self.m), axis(1, self.m, flip=True))
            self.grid, self.map_grid = np.c_[gx.ravel(), gy.ravel()], np.c_[mx.ravel(), my.ravel()]
        else:
            self.grid, self.map_grid = axis(0, self.res)[:, None], axis(0, self.m)[:, None]

    # --- network ------------------------------------------------------------------
    def set_hidden(self, hidden):
        """New hidden layers [(size, activation)] (at most MAX_LAYERS); starts over."""
        if len(hidden) > MAX_LAYERS:
            raise ValueError(f"at most {MAX_LAYERS} hidden layers, got {len(hidden)}")
        self.hidden = [(int(s), a) for s, a in hidden]
        self.reset()

    def reset(self):
        """New random weights for the current structure; history and epoch cleared."""
        sizes = [self.dim] + [s for s, _ in self.hidden]
        layers = [Dense(a, b, f, rng=self.rng)
                  for a, b, (_, f) in zip(sizes, sizes[1:], self.hidden)]
        if self.regression:
            layers.append(Dense(sizes[-1], 1, "linear", rng=self.rng))
            self.loss = "mse"
        else:
            k = max(int(self.y.max()) + 1, 2)
            layers.append(Dense(sizes[-1], k, "softmax", rng=self.rng))
            self.loss = "cross_entropy"
        self.net = Network(layers)
        self.new_optimizer()
        self.history, self.epoch, self.loss_sent, self.selected = History(), 0, 0, None

    def new_optimizer(self):
        self.optimizer = optim.get(self.settings["optimizer"], lr=self.settings["lr"])

    def set_parameter(self, key, value):
        """Set one weight or bias: key = (layer, "W", (i, j)) or (layer, "b", (j,))."""
        l, name, idx = key
        getattr(self.net.layers[l], name)[tuple(idx)] = float(value)

    def parameter(self, key):
        l, name, idx = key
        return float(getattr(self.net.layers[l], name)[tuple(idx)])

    # --- training -----------------------------------------------------------------
    def train(self, epochs=1):
        """Train ``epochs`` epochs.  Returns None, or a message saying why
        training stopped or did not start (the state is then unchanged)."""
        train, test = ~self.is_test, self.is_test
        if not train.any():
            return "no training points: every point is a test point (raise train %)"
        validation = (self.X[test], self.y[test]) if test.any() else None
        s = self.settings
        try:
            h = self.net.fit(self.X[train], self.y[train], loss=self.loss,
                             optimizer=self.optimizer, epochs=epochs, batch_size=s["batch"],
                             l1=s["l1"], l2=s["l2"], rng=self.rng, validation_data=validation)
        except Exception as err:  # noqa: BLE001 - every failure becomes the message
            return training_failure(err, self.epoch + 1)
        self.epoch += len(h.loss)
        for name in ("loss", "val_loss", "accuracy", "val_accuracy"):
            getattr(self.history, name).extend(getattr(h, name))
        return None

    def summary(self):
        """One line: epoch, test (or train) loss and accuracy."""
        h = self.history
        acc = (f", test accuracy {h.val_accuracy[-1]:.2f}" if h.val_accuracy else
               f", train accuracy {h.accuracy[-1]:.2f}" if h.accuracy else "")
        loss = (f"test loss {h.val_loss[-1]:.3f}" if h.val_loss else
                f"train loss {h.loss[-1]:.3f}" if h.loss else "untrained")
        return f"Epoch {self.epoch}  {loss}{acc}"

    # --- frames -------------------------------------------------------------------
    def layout(self):
        """What changes only with the structure or the data: sizes,
        activation names, dim, regression, extent, res, m, classes."""
        return dict(sizes=[self.net.n_in] + [la.n_out for la in self.net.layers],
                    activations=[la.activation.name for la in self.net.layers],
                    dim=self.dim, regression=bool(self.regression), extent=self.extent,
                    res=self.res, m=self.m, classes=int(self.net.n_out))

    def points(self):
        """float32 (N, 2) coordinates (1-D: x and target), uint8 labels and test flags."""
        xy = self.X if self.dim == 2 else np.c_[self.X[:, 0], self.y]
        labels = np.zeros(len(self.y), np.uint8) if self.regression else self.y
        return dict(xy=xy.astype(np.float32), labels=labels.astype(np.uint8),
                    is_test=self.is_test.astype(np.uint8))

    def activations(self, X):
        """[A0 = X, A1, ..., AL]: every layer's output for the rows of X."""
        acts = [X]
        for layer in self.net.layers:
            acts.append(layer.forward(acts[-1], cache=False))
        return acts

    def output_codes(self, A):
        """The ``out`` array of a frame from the network's output A on the grid."""
        if self.dim == 1:
            return A[:, 0].astype(np.float32)
        if self.regression:
            return quantize(A[:, 0], np.abs(A[:, 0]).max())
        k = A.shape[1]
        top = A.argmax(axis=1)
        conf = (A.max(axis=1) - 1 / k) / (1 - 1 / k)
        return (32 * top + np.round(31 * np.clip(conf, 0, 1))).astype(np.uint8)

    def predicted_class(self, X):
        """What ``out`` encodes for points X (N, 2): the class of argmax."""
        return self.net.forward(np.asarray(X, float), cache=False).argmax(axis=1)

    def frame(self, full_loss=False):
        """The arrays of one frame (see the module docstring) and ``info``."""
        out = self.output_codes(self.net.forward(self.grid, cache=False))
        acts = self.activations(self.map_grid)
        maps = np.concatenate([quantize(a, np.abs(a).max(axis=0)).T for a in acts])
        start = 0 if full_loss else self.loss_sent
        h = self.history
        val = h.val_loss if h.val_loss else [np.nan] * len(h.loss)
        loss = np.c_[h.loss[start:], val[start:]].astype(np.float32).reshape(-1, 2)
        self.loss_sent = len(h.loss)
        hover = np.zeros(0, np.uint8)
        if self.hover is not None:
            l, i = self.hover
            a = self.activations(self.grid)[l][:, i]
            hover = quantize(a, np.abs(a).max())
        weights = np.concatenate([la.W.ravel() for la in self.net.layers]).astype(np.float32)
        biases = np.concatenate([la.b for la in self.net.layers]).astype(np.float32)
        info = dict(epoch=self.epoch, loss_from=start, selected=self.selected,
                    hover=self.hover, summary=self.summary())
        return dict(out=out, maps=maps, weights=weights, biases=biases, loss=loss,
                    hover_map=hover, info=info)
