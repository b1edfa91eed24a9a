"""What a student sees, measured in the page: JupyterLab + headless Chromium
on this machine (server, kernel and browser local), counting repaints where
they happen.

- Playground (issue 11 targets): painted fps during Play (every paint of
  playground.js is traced by performance.now()), p50/p95 gap between painted
  frames, bytes of one frame's buffers, and control -> first repaint (typing
  a new noise value into the slider's readout, Enter to the next paint).
- Every other explorer (ipympl figures): slider -> repaint, from the Enter key
  to the first change of the figure canvas' pixel hash (checked on every
  animation frame).

Run: python benchmarks/bench_browser.py   (prints a table; ~3 minutes)
"""

from __future__ import annotations

import json
import pathlib
import statistics
import sys
import tempfile
import time

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1] / "tests"))
from browser_lab import (  # noqa: E402
    CHROMIUM,
    CHROMIUM_ARGS,
    kernel_eval,
    lab_server,
    open_notebook,
    run_all_cells,
    write_notebook,
)

EXPLORERS = {   # name: code that builds it (the lessons' own calls, smaller data)
    "neuron (01)": "W.neuron_explorer()",
    "activation (02)": "W.activation_explorer(activation='sigmoid', z=3.0)",
    "softmax (03)": "W.softmax_explorer(logits=(2.0, 1.0, 0.1))",
    "forward pass (04)": "W.forward_pass_explorer(net4, np.random.default_rng(0).normal"
                         "(size=(6, 2)))",
    "outlier (05)": "W.outlier_explorer(outlier=8.0)",
    "regularization (05)": "W.regularization_explorer()",
    "descent (06)": "W.descent_explorer(lr=0.05)",
    "gradient norms (09)": "W.gradient_norms_explorer()",
    "digits (12)": "W.digit_browser(net12, X12, y12)",
}
SETUP = """%matplotlib widget
import numpy as np, nnlib, nnlib.widgets as W
from nnlib.widgets.playground import Playground
from sklearn.datasets import load_digits
net4 = nnlib.Network([nnlib.Dense(2, 3, "tanh", rng=0), nnlib.Dense(3, 2, "softmax", rng=1)])
d = load_digits(); X12, y12 = d.data[:50] / 16, d.target[:50]
net12 = nnlib.Network([nnlib.Dense(64, 16, "relu", rng=0), nnlib.Dense(16, 10, "softmax", rng=1)])
ex = {}
"""
PAINTS = """() => { window.__pgTrace = []; }"""
HASH = """(sel) => { const c = document.querySelector(sel); window.__changes = [];
  const ctx = c.getContext("2d", {willReadFrequently: true}); let last = null;
  window.__stop = false;
  function tick() { const d = ctx.getImageData(0, 0, c.width, c.height).data; let h = 0;
    for (let i = 0; i < d.length; i += 61) h = (h * 31 + d[i]) | 0;
    if (last !== null && h !== last) window.__changes.push(performance.now());
    last = h; if (!window.__stop) requestAnimationFrame(tick); }
  requestAnimationFrame(tick);
  window.__enter = [];
  document.addEventListener("keydown", (e) => { if (e.key === "Enter")
    window.__enter.push(performance.now()); }, {capture: true}); }"""


def gaps(times):
    g = sorted(b - a for a, b in zip(times, times[1:]))
    return g[len(g) // 2], g[int(0.95 * (len(g) - 1))]


def play(page, hidden, seconds=5.0):
    """Painted fps, p50 and p95 gaps (ms), bytes per frame during Play."""
    kernel_eval(page, f"pg.pause(); pg.layers.clear()\nfor s in {hidden}: pg.layers.add(s)\n"
                      "pg._structure_changed()")
    page.wait_for_timeout(500)
    page.evaluate(PAINTS)
    kernel_eval(page, "pg.play()")
    page.wait_for_timeout(int(seconds * 1000))
    info = json.loads(kernel_eval(page, "import json; pg.pause(); print(json.dumps("
                                        "[pg.view.bytes_sent, pg.epoch]))"))
    t = page.evaluate("window.__pgTrace")[3:]        # the first frames warm up
    p50, p95 = gaps(t)
    return dict(fps=(len(t) - 1) / ((t[-1] - t[0]) / 1000), p50=p50, p95=p95,
                bytes=info[0], epochs_per_s=info[1] / seconds)


def type_value(page, readout, value):
    readout.click()
    page.keyboard.press("Control+A")
    page.keyboard.type(str(value))
    page.keyboard.press("Enter")


def control_latency(page, values):
    """Noise readout: Enter -> first Playground paint (ms), one per value."""
    out = []
    readout = page.locator(".widget-slider:has-text('noise') .widget-readout").first
    for v in values:
        page.evaluate(PAINTS)
        start = page.evaluate("performance.now()")
        type_value(page, readout, v)
        page.wait_for_timeout(600)
        enter = [e for e in page.evaluate("window.__enter") if e > start][-1]
        after = [p for p in page.evaluate("window.__pgTrace") if p > enter]
        out.append(after[0] - enter if after else float("inf"))
    return out


def explorer_latency(page, index, values, label=""):
    """Cell ``index``'s slider whose label contains ``label`` (the first one
    when empty): Enter -> first figure repaint (ms)."""
    cell = page.locator(".jp-Notebook .jp-Cell").nth(index)
    cell.scroll_into_view_if_needed()
    page.wait_for_timeout(500)
    canvas = f".jp-Notebook .jp-Cell:nth-child({index + 1}) .jupyter-matplotlib-figure canvas"
    page.evaluate(HASH, canvas)
    out = []
    readout = cell.locator(f".widget-slider:has-text({label!r}) .widget-readout").first
    for v in values:
        start = page.evaluate("performance.now()")
        type_value(page, readout, v)
        page.wait_for_timeout(900)
        enter = [e for e in page.evaluate("window.__enter") if e > start][-1]
        after = [c for c in page.evaluate("window.__changes") if c > enter]
        out.append(after[0] - enter if after else float("inf"))
    page.evaluate("window.__stop = true")
    return out


def main():
    from playwright.sync_api import sync_playwright

    root = pathlib.Path(tempfile.mkdtemp())
    (root / "notebooks").mkdir()
    cells = [SETUP, "pg = Playground('spirals', hidden=(8, 8), rng=0)\npg"]
    cells += [f"ex[{name!r}] = {code}\nex[{name!r}]" for name, code in EXPLORERS.items()]
    write_notebook(root / "notebooks" / "bench.ipynb", *cells)
    with open("/proc/loadavg") as f:
        load = f.read().split()[:3]
    with lab_server(root) as lab, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        open_notebook(page, lab, "bench.ipynb")
        run_all_cells(page, timeout=240)
        page.wait_for_timeout(3000)
        page.locator(".nnlib-playground").first.scroll_into_view_if_needed()
        page.evaluate(HASH, "canvas.pg-out")       # installs the Enter listener
        rows = [("Playground 2-8-8-2 tanh spirals, 10 epochs/frame", play(page, [8, 8])),
                ("Playground 6 hidden layers x 8", play(page, [8] * 6))]
        kernel_eval(page, "pg.layers.clear()\nfor s in (8, 8): pg.layers.add(s)\n"
                          "pg._structure_changed()")
        latency = control_latency(page, [0.15, 0.2, 0.25, 0.3, 0.2, 0.1, 0.15])
        explorers = {}
        for k, name in enumerate(EXPLORERS):
            values = json.loads(kernel_eval(page, (
                f"import json\nc = [c for c in ex[{name!r}].controls.values() "
                "if type(c).__name__ in ('IntSlider', 'FloatSlider')]\n"
                "s = c[0] if c else None\n"
                "lo, hi = (s.min, s.max) if s is not None and not hasattr(s, 'base') else "
                "(None, None)\n"
                "print(json.dumps([] if lo is None else [s.description] + "
                "[lo + (hi - lo) * f for f in (0.3, 0.6, 0.4, 0.7, 0.5)]))")))
            if not values:
                explorers[name] = None
                continue
            label, values = values[0], values[1:]
            if all(float(v).is_integer() for v in values[:1]):
                values = [round(v) for v in values]
            explorers[name] = explorer_latency(page, k + 2, [f"{v:.3g}" for v in values], label)
        page.screenshot(path=str(root / "bench.png"), full_page=True)
        browser.close()
    print(f"\nmeasured {time.strftime('%Y-%m-%d %H:%M')}, load average {' '.join(load)}, "
          "2 cores, all local\n")
    print(f"{'measure':<58} {'value':>22}  target")
    for name, r in rows:
        target = ">= 30" if "2-8-8-2" in name else ">= 20"
        print(f"{name + ': painted fps':<58} {r['fps']:>22.1f}  {target}")
        print(f"{'  p50 / p95 gap between painted frames (ms)':<58} "
              f"{r['p50']:>10.1f} / {r['p95']:>9.1f}  p95 <= 100")
        print(f"{'  bytes per frame':<58} {r['bytes']:>22,}  <= 20,000")
        print(f"{'  epochs trained per second':<58} {r['epochs_per_s']:>22.0f}")
    print(f"{'Playground noise slider -> first repaint, p50 (ms)':<58} "
          f"{statistics.median(latency):>22.1f}  <= 50")
    for name, values in explorers.items():
        text = "no slider" if values is None else f"{statistics.median(values):.1f}"
        print(f"{name + ': slider -> repaint, p50 (ms)':<58} {text:>22}  <= 100")
    print(f"\nscreenshot: {root / 'bench.png'}")


if __name__ == "__main__":
    main()
