"""What a student sees, measured in the page: JupyterLab + headless Chromium
on this machine (server, kernel and browser local), counting repaints where
they happen.

- Playground (issue 11 targets): painted fps during Play (every paint of
  playground.js is traced by performance.now()), p50/p95 gap between painted
  frames, bytes of one frame's buffers, and control -> first repaint (typing
  a new noise value into the slider's readout, Enter to the next paint).
- Every other explorer (matplotlib figures, figure_view.js): slider -> repaint,
  from the key that sets the slider (Enter after typing a value into its
  readout; an arrow key on the handle of a slider of named options) to the
  first change of the figure canvas' pixel hash (checked on every animation
  frame).

Explorers are measured two ways: in the lessons themselves (``--page
lessons``, the default: each lesson notebook opened and run in its own page
and kernel, as a student has it; the slider is moved with the arrow keys on
its handle), and all in one page beside the Playground (``--page one``: a
heavier page, and typed values).

Run: python benchmarks/bench_browser.py   (prints a table; ~6 minutes)
     python benchmarks/bench_browser.py --only explorers --rounds 3
     (--help lists the options)
"""

from __future__ import annotations

import argparse
import json
import pathlib
import statistics
import time

from _page import gaps, kernel_eval, load_average, notebook_page, stop_watching, watch

#: lesson notebook: its explorers, in the order their figures appear
LESSONS = {
    "01_perceptron_to_layers.ipynb": ["neuron (01)"],
    "02_activations.ipynb": ["activation (02)"],
    "03_softmax.ipynb": ["softmax (03)"],
    "04_networks_as_functions.ipynb": ["forward pass (04)"],
    "05_losses_and_regularization.ipynb": ["outlier (05)", "regularization (05)"],
    "06_gradient_descent.ipynb": ["descent (06)"],
    "07_chain_rule.ipynb": ["chain rule (07)"],
    "09_backprop_matrix_form.ipynb": ["gradient norms (09)"],
    "11_regression.ipynb": ["fit (11)"],
    "12_real_data_digits.ipynb": ["digits (12)"],
}
NOTEBOOKS = pathlib.Path(__file__).resolve().parents[1] / "notebooks"
#: the keys pressed on a slider's handle: one step each
ARROWS = ["ArrowRight"] * 3 + ["ArrowLeft"] * 2
EXPLORERS = {   # name: code that builds it (the lessons' own calls, smaller data)
    "neuron (01)": "W.neuron_explorer()",
    "activation (02)": "W.activation_explorer(activation='sigmoid', z=3.0)",
    "softmax (03)": "W.softmax_explorer(logits=(2.0, 1.0, 0.1))",
    "forward pass (04)": "W.forward_pass_explorer(net4, np.random.default_rng(0).normal"
                         "(size=(6, 2)))",
    "outlier (05)": "W.outlier_explorer(outlier=8.0)",
    "regularization (05)": "W.regularization_explorer(epochs=100)",
    "descent (06)": "W.descent_explorer(lr=0.05)",
    "chain rule (07)": "W.chain_rule_stepper()",
    "gradient norms (09)": "W.gradient_norms_explorer()",
    "fit (11)": "W.fit_explorer(X11, np.sin(X11[:, 0]), X11 + 0.05, np.sin(X11[:, 0] + 0.05), "
                "epochs=200)",
    "digits (12)": "W.digit_browser(net12, X12, y12)",
}
SETUP = """%matplotlib widget
import numpy as np, nnlib, nnlib.widgets as W
from nnlib.widgets.playground import Playground
from sklearn.datasets import load_digits
net4 = nnlib.Network([nnlib.Dense(2, 3, "tanh", rng=0), nnlib.Dense(3, 2, "softmax", rng=1)])
d = load_digits(); X12, y12 = d.data[:50] / 16, d.target[:50]
net12 = nnlib.Network([nnlib.Dense(64, 16, "relu", rng=0), nnlib.Dense(16, 10, "softmax", rng=1)])
X11 = np.linspace(-3, 3, 20)[:, None]
ex = {}
"""
PLAYGROUND = ".nnlib-playground"
#: the explorer's first slider: its label, its kind, then five values across its
#: range to type, or (a slider of named options, whose readout takes no typing)
#: five arrow keys to press on its handle
SLIDER = """import json
c = [c for c in ex[{name!r}].controls.values()
     if type(c).__name__ in ('IntSlider', 'FloatSlider', 'FloatLogSlider', 'SelectionSlider')]
s = c[0] if c else None
kind = type(s).__name__
if s is None:
    print("[]")
elif kind == 'SelectionSlider':
    s.index = 0
    print(json.dumps([s.description, kind] + ["ArrowRight"] * 3 + ["ArrowLeft"] * 2))
else:
    lo, hi = (s.min, s.max) if kind != 'FloatLogSlider' else (s.base ** s.min, s.base ** s.max)
    print(json.dumps([s.description, kind]
                     + [lo + (hi - lo) * f for f in (0.3, 0.6, 0.4, 0.7, 0.5)]))"""


def play(page, hidden, seconds=5.0):
    """Painted fps, p50 and p95 gaps (ms), bytes per frame during Play."""
    kernel_eval(page, f"pg.pause(); pg.layers.clear()\nfor s in {hidden}: pg.layers.add(s)\n"
                      "pg._structure_changed()")
    page.wait_for_timeout(500)
    page.evaluate("() => { window.__pgTrace = []; }")     # every paint of playground.js
    kernel_eval(page, "pg.play()")
    page.wait_for_timeout(int(seconds * 1000))
    info = json.loads(kernel_eval(page, "import json; pg.pause(); print(json.dumps("
                                        "[pg.view.bytes_sent, pg.epoch]))"))
    t = page.evaluate("window.__pgTrace")[3:]        # the first frames warm up
    p50, p95 = gaps(t)
    return dict(fps=(len(t) - 1) / ((t[-1] - t[0]) / 1000), p50=p50, p95=p95,
                bytes=info[0], epochs_per_s=info[1] / seconds)


def latency(page, control, values, paints, wait_ms):
    """Set the slider ``control`` to each of ``values``, as a student can: a
    number is typed into its readout + Enter; "ArrowRight"/"ArrowLeft" is
    pressed on its handle (turned round when the slider is at that end, so
    every press moves it).  Per value: the time (ms) from that key to the
    first paint after it, read from the JS list ``paints`` (inf: none came),
    and its parts [key -> message out, -> frame in, -> paint] (see _page)."""
    total, parts = [], []
    for v in values:
        start = page.evaluate("performance.now()")
        control.click()
        if str(v).startswith("Arrow"):
            now, end = (control.get_attribute(a) for a in ("aria-valuenow", "aria-valuemax"
                                                           if v == "ArrowRight" else
                                                           "aria-valuemin"))
            if now is not None and now == end:
                v = "ArrowLeft" if v == "ArrowRight" else "ArrowRight"
            page.keyboard.press(str(v))
        else:
            page.keyboard.press("Control+A")
            page.keyboard.type(str(v))
            page.keyboard.press("Enter")
        page.wait_for_timeout(wait_ms)
        enter = [e for e in page.evaluate("window.__keys") if e > start][-1]
        after = [p for p in page.evaluate(paints) if p > enter]
        total.append(after[0] - enter if after else float("inf"))
        ws = [m for m in page.evaluate("window.__ws") if m[0] > enter]
        sent = [t for t, n in ws if n < 0]
        got = [(n, t) for t, n in ws if n > 0 and (not after or t < after[0])]
        if sent and got and after:
            frame = max(got)[1]
            parts.append([sent[0] - enter, frame - sent[0], after[0] - frame])
    return total, parts


def measure_playground(page):
    page.locator(PLAYGROUND).first.scroll_into_view_if_needed()
    watch(page, "canvas.pg-out")                # for its Enter listener
    rows = {"Playground 2-8-8-2 tanh spirals, 10 epochs/frame": play(page, [8, 8]),
            "Playground 6 hidden layers x 8": play(page, [8] * 6)}
    kernel_eval(page, "pg.layers.clear()\nfor s in (8, 8): pg.layers.add(s)\n"
                      "pg._structure_changed()")
    readout = page.locator(".widget-slider:has-text('noise') .widget-readout")
    values = [0.15, 0.2, 0.25, 0.3, 0.2, 0.1, 0.15]
    stop_watching(page)
    return rows, latency(page, readout.first, values, "window.__pgTrace", 600)[0]


def measure_explorer(page, index, name, shots):
    """Slider -> repaint (ms) of the explorer in cell ``index``, one per
    value; None when it has no number slider.  Its figure, as painted after
    the moves, is saved in the folder ``shots``."""
    found = json.loads(kernel_eval(page, SLIDER.format(name=name)))
    if not found:
        return None
    label, kind, values = found[0], found[1], found[2:]
    text = [v if kind == "SelectionSlider" else str(round(v)) if kind == "IntSlider"
            else f"{v:.3g}" for v in values]
    cell = page.locator(".jp-Notebook .jp-Cell").nth(index)
    cell.scroll_into_view_if_needed()
    page.wait_for_timeout(500)
    watch(page, f".jp-Notebook .jp-Cell:nth-child({index + 1}) canvas.nnlib-figure")
    part = ".noUi-handle" if kind == "SelectionSlider" else ".widget-readout"
    control = cell.locator(f".widget-slider:has-text({label!r}) {part}").first
    try:
        return latency(page, control, text, "window.__changes", 900)
    finally:
        stop_watching(page)
        shot = shots / f"{name.split(' (')[0].replace(' ', '_')}.png"
        cell.locator("canvas.nnlib-figure").first.screenshot(path=str(shot))


def measure_in_lesson(page, k, name, shots):
    """Slider -> repaint (ms) of the ``k``-th explorer figure of the open
    lesson: arrow keys on the handle of the first slider in its output.
    None when it has none.  Its figure after the moves goes to ``shots``."""
    page.evaluate("(k) => { document.querySelectorAll('canvas.nnlib-figure').forEach("
                  "(c, i) => { c.id = i === k ? 'bench-figure' : ''; }); }", k)
    area = page.locator(".jp-OutputArea-output:has(#bench-figure)").first
    area.scroll_into_view_if_needed()
    page.wait_for_timeout(500)
    handles = area.locator(".widget-slider .noUi-handle")
    if not handles.count():
        return None
    watch(page, "#bench-figure")
    try:
        return latency(page, handles.first, ARROWS, "window.__changes", 900)
    finally:
        stop_watching(page)
        page.locator("#bench-figure").screenshot(path=str(shots / f"{name.split(' (')[0]}.png"))


def measure_lessons(chosen, rounds, shots):
    """{explorer: [per-round latencies]} with each lesson in its own page."""
    found = {}
    for lesson, names in LESSONS.items():
        if not any(n in chosen for n in names):
            continue
        with notebook_page(lesson=NOTEBOOKS / lesson) as (page, _):
            page.wait_for_timeout(3000)
            for _ in range(rounds):
                for k, name in enumerate(names):
                    if name in chosen:
                        found.setdefault(name, []).append(
                            measure_in_lesson(page, k, name.replace(" ", "_"), shots))
    return found


def span(rounds):
    """p50 of each round's latencies, in the order measured, and of all
    moves together ("p50" for one round, "p50, p50, ... | all" for more);
    then the p50 of each part over all rounds ("out / frame / paint")."""
    p50s = [statistics.median(total) for total, _ in rounds]
    every = statistics.median([t for total, _ in rounds for t in total])
    text = (f"{p50s[0]:.1f}" if len(p50s) == 1 else
            ", ".join(f"{p:.0f}" for p in p50s) + f" | {every:.0f}")
    parts = [p for _, ps in rounds for p in ps]
    split = " / ".join(f"{statistics.median(col):.0f}" for col in zip(*parts)) if parts else "-"
    return text, split


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--only", choices=("all", "playground", "explorers"), default="all")
    parser.add_argument("--explorer", default="", help="measure only explorers whose name "
                        "contains this text (e.g. 'depth' or '04')")
    parser.add_argument("--rounds", type=int, default=1, help="measure each explorer this "
                        "many times in the same page; the table shows each round's p50")
    parser.add_argument("--page", choices=("lessons", "one"), default="lessons",
                        help="explorers in their lessons (default) or all in one page")
    args = parser.parse_args()
    chosen = [n for n in EXPLORERS if args.explorer in n] if args.only != "playground" else []
    in_lessons = chosen if args.page == "lessons" else []
    cells = [SETUP, "pg = Playground('spirals', hidden=(8, 8), rng=0)\npg"]
    cells += [f"ex[{name!r}] = {EXPLORERS[name]}\nex[{name!r}]" for name in chosen
              if name not in in_lessons]
    load = [load_average()]
    rows, pg_latency, explorers = {}, None, {}
    with notebook_page(*cells, run=len(cells) > 2 or args.only != "explorers") as (page, root):
        page.wait_for_timeout(3000)
        if args.only != "explorers":
            rows, pg_latency = measure_playground(page)
        for _ in range(args.rounds):
            for k, name in enumerate(n for n in chosen if n not in in_lessons):
                values = measure_explorer(page, k + 2, name, root)
                explorers.setdefault(name, []).append(values)
        page.screenshot(path=str(root / "bench.png"), full_page=True)
    if in_lessons:                  # after that page has closed: one lab, one kernel at a time
        explorers.update(measure_lessons(in_lessons, args.rounds, root))
    load.append(load_average())
    print(f"\nmeasured {time.strftime('%Y-%m-%d %H:%M')}, load average {load[0]} at the "
          f"start, {load[1]} at the end; 2 cores, all local\n")
    print(f"{'measure':<58} {'value':>22}  target")
    for name, r in rows.items():
        target = ">= 30" if "2-8-8-2" in name else ">= 20"
        print(f"{name + ': painted fps':<58} {r['fps']:>22.1f}  {target}")
        print(f"{'  p50 / p95 gap between painted frames (ms)':<58} "
              f"{r['p50']:>10.1f} / {r['p95']:>9.1f}  p95 <= 100")
        print(f"{'  bytes per frame':<58} {r['bytes']:>22,}  <= 20,000")
        print(f"{'  epochs trained per second':<58} {r['epochs_per_s']:>22.0f}")
    if pg_latency:
        print(f"{'Playground noise slider -> first repaint, p50 (ms)':<58} "
              f"{statistics.median(pg_latency):>22.1f}  <= 50")
    for name, rounds in explorers.items():
        text, split = ("no slider", "") if rounds[0] is None else span(rounds)
        print(f"{name + ': slider -> repaint, p50 (ms)':<58} {text:>22}  <= 100   {split}")
    where = "each in its lesson, arrow keys" if in_lessons else "all in one page, typed values"
    print(f"\n(explorers: {where}; last column: p50 ms of key -> message out / -> frame in "
          "/ -> repaint)")
    print(f"\nscreenshots (the page, each explorer's figure after its moves): {root}")


if __name__ == "__main__":
    main()
