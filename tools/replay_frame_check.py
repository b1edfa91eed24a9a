"""Replay the browser test's frame checks on the Playground of an older commit.

Issue 11 asked for a browser test that fails on the Playground it reported
(matplotlib in the kernel, frames shipped through ipympl) and passes on the
browser-drawn one.  ``tests/test_browser.py::test_playground_paints_the_kernels_frames``
is that test for today's Playground; it reads today's canvases.  This script
runs the same steps (Play, Pause, Step, Reset, a data-set change while
training, a new layer, three classes) on an older checkout, in JupyterLab and
headless Chromium, and applies the same two checks to what that page painted:

- the output's colour class at sampled grid points against the model's own
  prediction in the kernel (>= 99 % must agree; samples under a data point's
  marker are left out, as today's points sit on a canvas of their own);
- after Reset, no loss curve left in the loss chart (pixels of the train or
  test line colours inside the loss axes, the key excluded).

Run (the commit before the browser-drawn Playground landed):

    git worktree add /tmp/old-playground a692736^
    python tools/replay_frame_check.py /tmp/old-playground

It prints one line per check and exits 1 if any failed.  Measured on
2026-12-02 against a692736^, two runs: all six fail each time (98.3-98.5 %
agreement after Play/Pause and Step, near the threshold; 59-78 % and
876-1,642 loss-curve pixels left after Reset; 44-74 % after the data-set
change, the new layer and three classes); the page shows two sets of tick
labels and the old loss curves at epoch 1.  The old tree's
nnlib is imported by the notebook's kernel (PYTHONPATH); nothing of it is
installed.
"""

from __future__ import annotations

import json
import os
import pathlib
import sys
import tempfile

HERE = pathlib.Path(__file__).resolve().parents[1]
sys.path.insert(0, str(HERE / "tests"))
from browser_lab import (  # noqa: E402
    chromium,
    kernel_eval,
    lab_server,
    open_notebook,
    run_all_cells,
    write_notebook,
)
from test_browser import painted_class  # noqa: E402

#: the old figure's painted pixels inside its output axes and loss axes, and
#: what the kernel's model predicts at the same places
PREDICT = """
import json, numpy as np
from nnlib.colors import CLASS_COLORS, hex_to_rgb
v, fig = pg.view, pg.fig
H = fig.bbox.height
ax = v.ax_out
b = ax.get_window_extent()
(x0, x1), (y0, y1) = ax.get_xlim(), ax.get_ylim()
t = (np.arange(32) + 0.5) / 32
U, V = np.meshgrid(t, t)
data = np.c_[x0 + U.ravel() * (x1 - x0), y1 - V.ravel() * (y1 - y0)]
pix = np.c_[b.x0 + U.ravel() * b.width, H - (b.y1 - V.ravel() * b.height)]
marks = ax.transData.transform(pg.X)
marks[:, 1] = H - marks[:, 1]
far = np.min(np.linalg.norm(pix[:, None] - marks[None], axis=2), axis=1) > 7
pred = pg.net.forward(data, cache=False).argmax(axis=1)
lb = v.ax_loss.get_window_extent()
key = v.ax_loss.get_legend().get_window_extent()
print(json.dumps({"pix": pix[far].round().astype(int).tolist(), "pred": pred[far].tolist(),
                  "loss_box": [lb.x0 + 2, H - lb.y1 + 2, lb.x1 - 2, H - lb.y0 - 2],
                  "key_box": [key.x0, H - key.y1, key.x1, H - key.y0],
                  "epoch": pg.epoch, "k": int(pg.net.n_out),
                  "colors": [hex_to_rgb(c) for c in CLASS_COLORS]}))
"""

READ = """([pix, lossBox, keyBox]) => {
  const c = document.querySelector(".jupyter-matplotlib-figure canvas");
  const d = c.getContext("2d").getImageData(0, 0, c.width, c.height).data;
  const at = (x, y) => { const k = 4 * (y * c.width + x); return [d[k], d[k + 1], d[k + 2]]; };
  const lines = [[0x00, 0x72, 0xB2], [0xD5, 0x5E, 0x00]];      // the old train / test lines
  let ink = 0;
  for (let y = Math.ceil(lossBox[1]); y < lossBox[3]; y++)
    for (let x = Math.ceil(lossBox[0]); x < lossBox[2]; x++) {
      if (x >= keyBox[0] && x <= keyBox[2] && y >= keyBox[1] && y <= keyBox[3]) continue;
      const p = at(x, y), near = (l) => l.reduce((s, v, i) => s + Math.abs(v - p[i]), 0) < 60;
      if (lines.some(near)) ink++;
    }
  return {samples: pix.map(([x, y]) => at(x, y)), ink};
}"""


def check(page, when, results, expect_no_curve=False):
    page.wait_for_timeout(1500)                     # the frame is sent and painted
    truth = json.loads(kernel_eval(page, PREDICT))
    seen = page.evaluate(READ, [truth["pix"], truth["loss_box"], truth["key_box"]])
    colors = truth["colors"][:truth["k"]]
    agree = [painted_class(rgb, colors) == p for rgb, p in zip(seen["samples"], truth["pred"])]
    share = sum(agree) / max(len(agree), 1)
    ok = share >= 0.99 and not (expect_no_curve and seen["ink"])
    extra = f", loss-curve pixels left {seen['ink']}" if expect_no_curve else ""
    print(f"{'ok  ' if ok else 'FAIL'} {when}: painted output agrees with the kernel at "
          f"{share:.1%} of {len(agree)} points (epoch {truth['epoch']}){extra}")
    results.append(ok)


def main():
    tree = pathlib.Path(sys.argv[1]).resolve()
    os.environ["PYTHONPATH"] = str(tree)
    root = pathlib.Path(tempfile.mkdtemp())
    (root / "notebooks").mkdir()
    write_notebook(root / "notebooks" / "old_pg.ipynb",
                   "%matplotlib widget\nimport nnlib\nprint(nnlib.__file__)\n"
                   "from nnlib.widgets.playground import Playground\n"
                   "pg = Playground('spirals', hidden=(8, 8), rng=0)\npg")
    results = []
    with lab_server(root) as lab, chromium() as browser:
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        open_notebook(page, lab, "old_pg.ipynb")
        run_all_cells(page)
        print("kernel imports", kernel_eval(page, "print(nnlib.__file__)").strip())
        page.wait_for_timeout(3000)
        button = lambda name: page.locator(f"button:has-text('{name}')").first  # noqa: E731
        button("Play").click()
        page.wait_for_timeout(1500)
        button("Pause").click()
        check(page, "after Play, Pause", results)
        button("Step").click()
        check(page, "after Step", results)
        button("Reset").click()
        check(page, "after Reset", results, expect_no_curve=True)
        kernel_eval(page, "pg.controls['dataset'].value = 'xor'")
        button("Play").click()
        page.wait_for_timeout(800)
        kernel_eval(page, "pg.controls['noise'].value = 0.2")        # while training
        button("Pause").click()
        check(page, "after a data-set change while training", results)
        button("+ layer").click()
        button("Step").click()
        check(page, "after adding a layer", results)
        kernel_eval(page, "pg.controls['dataset'].value = 'blobs'")
        button("Step").click()
        check(page, "with three classes", results)
        page.screenshot(path=str(root / "old_playground.png"))
    print(f"{results.count(False)} of {len(results)} checks failed; page: "
          f"{root / 'old_playground.png'}")
    return 1 if not all(results) else 0


if __name__ == "__main__":
    sys.exit(main())
