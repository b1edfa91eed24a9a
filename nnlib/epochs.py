"""One epoch of ``Network.fit``: its mini-batches and its record.

An epoch visits every training example once.  With N examples and batch size
B it takes ceil(N / B) steps on shuffled index sets (B >= N: one full-batch
step on the whole set, no copy).  ``History`` keeps one number per epoch;
``diverged`` is the error a non-finite loss turns into, with the finished
epochs attached.
"""

from __future__ import annotations

__all__ = ["History", "epoch_batches", "diverged"]


class History:
    """Per-epoch records of ``fit``: loss, val_loss, accuracy, val_accuracy.

    ``loss`` and ``accuracy`` are averaged over the epoch's batches as they
    were trained (as Keras does); accuracies stay empty for regression.
    """

    def __init__(self):
        self.loss, self.val_loss, self.accuracy, self.val_accuracy = [], [], [], []

    def record(self, loss, accuracy=None, val_loss=None, val_accuracy=None):
        """Append one epoch's numbers; None (not measured) is skipped."""
        for values, x in ((self.loss, loss), (self.accuracy, accuracy),
                          (self.val_loss, val_loss), (self.val_accuracy, val_accuracy)):
            if x is not None:
                values.append(x)

    def __repr__(self):
        last = f", last loss {self.loss[-1]:.4g}" if self.loss else ""
        return f"<History: {len(self.loss)} epochs{last}>"


def epoch_batches(n, batch_size, rng):
    """Index sets of one epoch: the whole set (a slice, no copy) or shuffled batches."""
    if batch_size >= n:
        yield slice(None)
        return
    order = rng.permutation(n)
    for start in range(0, n, batch_size):
        yield order[start:start + batch_size]


def diverged(err, epoch, history):
    """The FloatingPointError of a diverged fit, with the finished epochs attached."""
    new = FloatingPointError(f"training diverged in epoch {epoch + 1}: {err} "
                             f"(the history of the {len(history.loss)} finished epoch(s) "
                             "is attached as .history)")
    new.history = history
    return new
