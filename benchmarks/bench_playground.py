"""Cost of one Playground frame with the Agg backend, split into
training, updating the artists, drawing (blitting the animated artists over
the cached static background, as the widget does) and encoding the PNG that
ipympl sends to the browser (a diff: only the pixels changed since the last
frame).  Default: spirals, 2-8-8-2 tanh, 10 epochs per frame.

Targets (issue 6): a full frame <= 50 ms (>= 20 fps) with >= 10 epochs per
frame on the default set; a 6 x 8 network still >= 10 fps.
Run: python benchmarks/bench_playground.py
"""

from __future__ import annotations

import io
import statistics
import time

import matplotlib

matplotlib.use("Agg")

from nnlib.widgets.playground import Playground  # noqa: E402


def frame_costs(pg, frames=30):
    """Median seconds of each part of a frame over ``frames`` frames."""
    import numpy as np
    from PIL import Image

    parts = {"train": [], "update artists": [], "draw (blit)": [], "png encode": []}
    pg.view.render()                        # first full draw, outside the timing
    last = np.asarray(pg.fig.canvas.buffer_rgba()).copy()
    epochs = pg.controls["speed"].value
    for _ in range(frames):
        t0 = time.perf_counter()
        pg.train(epochs)
        t1 = time.perf_counter()
        pg.view.update(pg.net, pg.history, pg.epoch)
        t2 = time.perf_counter()
        pg.view.render()
        t3 = time.perf_counter()
        # what ipympl sends after a blit: a PNG of the changed pixels only
        # (unchanged ones transparent), as matplotlib's webagg get_diff_image does
        buff = np.asarray(pg.fig.canvas.buffer_rgba())
        changed = np.any(buff != last, axis=2)
        Image.fromarray(np.where(changed[..., None], buff, 0).astype(np.uint8)).save(
            io.BytesIO(), "png")
        last = buff.copy()
        t4 = time.perf_counter()
        for key, dt in zip(parts, (t1 - t0, t2 - t1, t3 - t2, t4 - t3)):
            parts[key].append(dt)
    return {k: statistics.median(v) for k, v in parts.items()}


def report(name, pg):
    costs = frame_costs(pg)
    total = sum(costs.values())
    epochs = pg.controls["speed"].value
    steps = -(-int((~pg.is_test).sum()) // pg.controls["batch"].value) * epochs
    print(f"\n{name}: {epochs} epochs/frame ({steps} training steps)")
    for key, value in costs.items():
        print(f"  {key:<16} {value * 1e3:7.1f} ms")
    print(f"  {'full frame':<16} {total * 1e3:7.1f} ms  -> {1 / total:5.1f} fps, "
          f"{steps / costs['train']:,.0f} training steps/s")
    return total


def main():
    report("default: spirals, 2-8-8-2 tanh", Playground("spirals", hidden=(8, 8), rng=0))
    report("deep: spirals, 6 hidden layers x 8 tanh",
           Playground("spirals", hidden=(8,) * 6, rng=0))


if __name__ == "__main__":
    main()
