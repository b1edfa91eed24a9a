"""Explorers of lessons 11-12: a regression fit against network size, and a
browser of digit predictions."""

from __future__ import annotations

import numpy as np

from .. import Adam, Dense, Network
from ._base import Explorer, canvas_of, new_figure

SIZES = (1, 2, 4, 8, 16, 32)


def fit_regression(hidden, X, y, loss="mse", epochs=4000, rng=0):
    """A 1-hidden-1 tanh network with a linear output, trained full batch."""
    net = Network([Dense(X.shape[1], hidden, "tanh", rng=rng),
                   Dense(hidden, 1, "linear", rng=rng + 1)])
    net.fit(X, y, loss=loss, optimizer=Adam(lr=0.03), epochs=epochs)
    return net


def rmse(net, X, y):
    """Root mean squared error of a one-output network."""
    return float(np.sqrt(np.mean((net(X)[:, 0] - y) ** 2)))


class FitExplorer(Explorer):
    """Hidden size and loss -> the fitted curve over train and test points and
    their errors.  All fits are trained once, when the explorer is built."""

    def __init__(self, X_train, y_train, X_test, y_test, sizes=SIZES, epochs=4000):
        import ipywidgets as w

        self.data = (X_train, y_train, X_test, y_test)
        self.nets = {(h, loss): fit_regression(h, X_train, y_train, loss, epochs)
                     for h in sizes for loss in ("mse", "mae")}
        middle = sizes[len(sizes) // 2]
        self.controls = {"hidden": w.SelectionSlider(options=list(sizes), value=middle,
                                                     description="hidden"),
                         "loss": w.ToggleButtons(options=["mse", "mae"], description="loss")}
        self.fig, self.ax = new_figure(figsize=(6, 3.6))
        self.ax.scatter(X_train[:, 0], y_train, color="#0072B2", s=22, label="train", zorder=3)
        self.ax.scatter(X_test[:, 0], y_test, color="0.7", s=8, label="test", zorder=2)
        lo, hi = min(X_train.min(), X_test.min()), max(X_train.max(), X_test.max())
        self.xs = np.linspace(lo, hi, 300)[:, None]
        (self.curve,) = self.ax.plot([], [], color="#D55E00", lw=2.2, label="network", zorder=4)
        self.ax.legend(frameon=False, fontsize=8, loc="lower right")
        self.ax.set_xlabel("x")
        self.ax.set_ylabel("y")
        self._finish(self._update)

    def _update(self, change=None):
        key = (self.controls["hidden"].value, self.controls["loss"].value)
        net = self.nets[key]
        self.curve.set_data(self.xs[:, 0], net(self.xs)[:, 0])
        Xtr, ytr, Xte, yte = self.data
        self.errors = (rmse(net, Xtr, ytr), rmse(net, Xte, yte))
        self.ax.set_title(f"{key[0]} hidden neurons, {key[1]} loss", fontsize=10)
        self.readout.value = (f"train RMSE <b>{self.errors[0]:.3f}</b> &nbsp; "
                              f"test RMSE <b>{self.errors[1]:.3f}</b>")
        self.fig.canvas.draw_idle()


def fit_explorer(X_train, y_train, X_test, y_test, sizes=SIZES, epochs=4000):
    """Build a FitExplorer (trains 2 x len(sizes) small networks)."""
    return FitExplorer(X_train, y_train, X_test, y_test, sizes, epochs)


class DigitBrowser(Explorer):
    """Step through test images: the 8x8 image and the predicted class
    probabilities as bars (the true class in green, a wrong guess in red)."""

    def __init__(self, net, images, labels):
        import ipywidgets as w

        self.net, self.images, self.labels = net, np.asarray(images), np.asarray(labels)
        self.P = net(self.images.reshape(len(self.images), -1))
        self.controls = {"index": w.IntSlider(value=0, min=0, max=len(self.images) - 1,
                                              description="test image"),
                         "mistakes": w.Checkbox(value=False, description="only mistakes")}
        self.fig, (self.ax_img, self.ax_bar) = new_figure(ncols=2, figsize=(7, 2.8),
                                                          width_ratios=[1, 2])
        self.img = self.ax_img.imshow(np.zeros((8, 8)), cmap="gray_r", vmin=0, vmax=1)
        self.ax_img.set_axis_off()
        self.bars = self.ax_bar.bar(range(10), np.zeros(10), color="0.6")
        self.ax_bar.set_xticks(range(10))
        self.ax_bar.set_ylim(0, 1.05)
        self.ax_bar.set_ylabel("probability")
        for c in self.controls.values():
            c.observe(self._update, names="value")
        self.widget = w.VBox([w.HBox(list(self.controls.values())), canvas_of(self.fig)])
        self._update()

    @property
    def shown(self):
        """Indices the slider walks through (all, or only the mistakes)."""
        if self.controls["mistakes"].value:
            wrong = np.flatnonzero(self.P.argmax(axis=1) != self.labels)
            return wrong if wrong.size else np.arange(len(self.labels))
        return np.arange(len(self.labels))

    def _update(self, change=None):
        shown = self.shown
        self.controls["index"].max = len(shown) - 1
        n = shown[min(self.controls["index"].value, len(shown) - 1)]
        p, true = self.P[n], int(self.labels[n])
        pred = int(p.argmax())
        self.img.set_data(self.images[n].reshape(8, 8))
        for k, bar in enumerate(self.bars):
            bar.set_height(p[k])
            bar.set_color("#009E73" if k == true else "#D55E00" if k == pred else "0.6")
        self.current = n
        self.ax_img.set_title(f"true {true}, predicted {pred}", fontsize=10)
        self.fig.canvas.draw_idle()


def digit_browser(net, images, labels):
    """Build a DigitBrowser for 8x8 images (values in [0, 1]) and their labels."""
    return DigitBrowser(net, images, labels)
