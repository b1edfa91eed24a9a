"""What the browser benchmarks share (bench_browser.py, proto_renderers.py):
a temporary notebook served by JupyterLab and open in headless Chromium, and
the in-page counters that see what is painted.  Not a benchmark itself.

A repaint is counted where it happens: ``WATCH`` hashes the pixels of a
canvas on every animation frame and records ``performance.now()`` whenever
the hash changes (``window.__changes``); it also records every key that
sets a control (Enter in a slider's readout, an arrow key on a slider's
handle: ``window.__keys``), so "control -> repaint" is the time from the key
to the first change after it.
"""

from __future__ import annotations

import contextlib
import pathlib
import sys
import tempfile

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1] / "tests"))
from browser_lab import (  # noqa: E402, F401  (kernel_eval: re-exported for the benchmarks)
    CHROMIUM,
    CHROMIUM_ARGS,
    ERROR_OUTPUT,
    kernel_eval,
    lab_server,
    open_notebook,
    run_all_cells,
    write_notebook,
)

WATCH = """(sel) => { const c = document.querySelector(sel); window.__changes = [];
  const ctx = c.getContext("2d", {willReadFrequently: true}); let last = null;
  const me = window.__watching = (window.__watching || 0) + 1;   // one watcher at a time
  function tick() { const d = ctx.getImageData(0, 0, c.width, c.height).data; let h = 0;
    for (let i = 0; i < d.length; i += 61) h = (h * 31 + d[i]) | 0;
    if (last !== null && h !== last) window.__changes.push(performance.now());
    last = h; if (window.__watching === me) requestAnimationFrame(tick); }
  requestAnimationFrame(tick);
  if (!window.__keys) { window.__keys = [];
    document.addEventListener("keydown", (e) => {
      if (["Enter", "ArrowLeft", "ArrowRight"].includes(e.key))
        window.__keys.push(performance.now()); }, {capture: true}); } }"""


#: installed before the page loads: every websocket message in or out is
#: recorded as [performance.now(), bytes] in window.__ws (out: bytes < 0)
SOCKETS = """(() => { const Native = window.WebSocket; window.__ws = [];
  const size = (d) => d.byteLength || d.size || d.length || 0;
  window.WebSocket = function (...args) { const s = new Native(...args);
    s.addEventListener("message", (e) => window.__ws.push([performance.now(), size(e.data)]));
    const send = s.send.bind(s);
    s.send = (d) => { window.__ws.push([performance.now(), -size(d)]); return send(d); };
    return s; };
  window.WebSocket.prototype = Native.prototype; Object.assign(window.WebSocket, Native); })();"""


def watch(page, selector):
    """Start counting repaints of the canvas ``selector`` (see WATCH)."""
    page.evaluate(WATCH, selector)


def stop_watching(page):
    page.evaluate("window.__watching = (window.__watching || 0) + 1")


def gaps(times):
    """(p50, p95) of the gaps between successive times (ms)."""
    g = sorted(b - a for a, b in zip(times, times[1:]))
    return g[len(g) // 2], g[int(0.95 * (len(g) - 1))]


def load_average():
    with open("/proc/loadavg") as f:
        return " ".join(f.read().split()[:3])


@contextlib.contextmanager
def notebook_page(*cells, name="bench.ipynb", run=True, timeout=240, lesson=None):
    """A notebook of ``cells`` (or a copy of the lesson notebook ``lesson``, a
    path) in a temporary folder, served by JupyterLab and open in headless
    Chromium (1400 x 1000); all cells run when ``run``.  Yields (page, root);
    server and browser stop on exit."""
    import shutil

    from playwright.sync_api import sync_playwright

    root = pathlib.Path(tempfile.mkdtemp())
    (root / "notebooks").mkdir()
    if lesson is not None:
        name = pathlib.Path(lesson).name
        shutil.copy(lesson, root / "notebooks" / name)
    else:
        write_notebook(root / "notebooks" / name, *cells)
    with lab_server(root) as lab, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        try:
            page = browser.new_page(viewport={"width": 1400, "height": 1000})
            page.add_init_script(SOCKETS)
            open_notebook(page, lab, name)
            finished = run_all_cells(page, timeout=timeout) if run else True
            errors = page.locator(ERROR_OUTPUT, has_text="Error")
            if errors.count():
                raise RuntimeError(f"a cell of {name} failed: {errors.first.inner_text()[:800]}")
            if not finished:
                raise RuntimeError(f"not every cell of {name} finished in {timeout} s")
            yield page, root
        finally:
            browser.close()
