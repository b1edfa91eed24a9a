"""The workbook in a real browser: JupyterLab on 127.0.0.1 (with a token) and
Debian's Chromium driven by Playwright.  Each test opens a lesson, runs all
cells, and checks that its widgets render and react.  Any JavaScript console
error or a traceback in an output fails the test; a screenshot of the page
is saved whenever a check fails (its path is in the failure message)."""

import importlib.util
import os
import re
import shutil
import time

import pytest
from browser_lab import CHROMIUM, chromium, kernel_eval, lab_server, write_notebook

from conftest import require

pytestmark = pytest.mark.browser
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    """A JupyterLab server on a free 127.0.0.1 port serving a temporary copy of
    notebooks/; stopped at the end even when a test fails."""
    require(os.path.exists(CHROMIUM), "Chromium not found at /usr/bin/chromium "
            "(install it with: apt-get install chromium)")
    require(importlib.util.find_spec("playwright") is not None, "playwright is not installed")
    root = tmp_path_factory.mktemp("lab")
    shutil.copytree(os.path.join(ROOT, "notebooks"), root / "notebooks")
    with lab_server(root) as server:
        yield server


@pytest.fixture(scope="module")
def browser(lab):
    with chromium() as b:
        yield b


class Lesson:
    """A page with one notebook open (``scale``: device pixels per CSS pixel,
    2 for a HiDPI screen); collects console errors."""

    def __init__(self, browser, lab, name, shots, scale=1):
        self.page = browser.new_page(viewport={"width": 1400, "height": 1000},
                                     device_scale_factor=scale)
        self.errors, self.name, self.shots = [], name, shots
        self.page.on("console", lambda m: m.type == "error" and self.errors.append(m.text))
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        # Everything the page loads comes from the local server, except the Binder
        # badge image. This machine has no internet, so it is answered with an empty
        # SVG; any other outside request is recorded and fails the test.
        self.outside = []
        self.page.route(lambda url: not url.startswith(lab.url), self._outside)
        # a fresh workspace per lesson, so no other notebook is restored beside it
        workspace = name.replace(".ipynb", "").replace("_", "-")
        self.page.goto(f"{lab.url}/lab/workspaces/{workspace}/tree/{name}?reset&token={lab.token}")
        self.page.wait_for_selector(".jp-Notebook .jp-Cell", timeout=60_000)
        self.page.wait_for_selector("text=Kernel status: Idle", state="attached",
                                    timeout=60_000)                 # the kernel is up
        self.page.wait_for_timeout(2000)                             # and connected

    def _outside(self, route):
        url = route.request.url
        if url.startswith("https://mybinder.org/badge_logo.svg"):
            route.fulfill(status=200, content_type="image/svg+xml",
                          body="<svg xmlns='http://www.w3.org/2000/svg'/>")
        else:
            self.outside.append(url)
            route.abort()

    def fail(self, message):
        path = self.shots / f"{self.name.replace('.ipynb', '')}-failure.png"
        self.page.screenshot(path=str(path), full_page=True)
        pytest.fail(f"{message} (screenshot: {path})")

    def run_all(self, timeout=120):
        """Run All Cells through the command palette (the kernel was just
        started); asked once more if no cell has started after 15 s (on a busy
        machine the palette's first keystrokes can land in a cell)."""
        deadline, asked, asked_at = time.time() + timeout, 0, 0.0
        while time.time() < deadline:
            prompts = self.page.eval_on_selector_all(
                ".jp-CodeCell .jp-InputArea-prompt", "els => els.map(e => e.textContent)")
            if prompts and all(any(ch.isdigit() for ch in p) for p in prompts):
                break
            started = any("*" in p or any(ch.isdigit() for ch in p) for p in prompts)
            if asked == 0 or (asked == 1 and not started and time.time() > asked_at + 15):
                self.page.keyboard.press("Escape")
                self.page.locator(".jp-Notebook").first.click()
                self.page.keyboard.press("Control+Shift+C")
                self.page.keyboard.type("Run All Cells")
                self.page.wait_for_timeout(300)
                self.page.keyboard.press("Enter")
                asked, asked_at = asked + 1, time.time()
            time.sleep(0.5)
        else:
            self.fail(f"{self.name}: not every cell finished within {timeout} s")
        tracebacks = self.page.locator(
            ".jp-OutputArea-output[data-mime-type='application/vnd.jupyter.stderr']",
            has_text="Traceback")
        if tracebacks.count():
            self.fail(f"{self.name}: a cell raised: {tracebacks.first.inner_text()[:500]}")

    def widget(self, has):
        area = self.page.locator(f".jp-OutputArea-output:has({has})").first
        try:
            area.wait_for(timeout=30_000)
        except Exception:  # noqa: BLE001 - turned into a failure with a screenshot
            self.fail(f"{self.name}: no rendered widget containing {has}")
        area.scroll_into_view_if_needed()
        return area

    def wait_until(self, condition, message, timeout=20):
        deadline = time.time() + timeout
        while time.time() < deadline:
            if condition():
                return
            time.sleep(0.3)
        self.fail(message)

    def type_into_readout(self, area, text):
        """Set a slider by typing into its readout, as a student can."""
        area.locator(".widget-readout").first.click()
        self.page.keyboard.press("Control+A")
        self.page.keyboard.type(text)
        self.page.keyboard.press("Enter")

    def no_console_errors(self):
        keep = os.environ.get("NNLIB_SCREENSHOTS")    # for maintainers: see what passed
        if keep:
            os.makedirs(keep, exist_ok=True)
            self.page.screenshot(path=os.path.join(keep, self.name.replace(".ipynb", ".png")))
        if self.outside:
            self.fail(f"{self.name}: the page requested outside addresses: {self.outside[:5]}")
        if self.errors:
            self.fail(f"{self.name}: JavaScript console errors: {self.errors[:5]}")


@pytest.fixture
def open_lesson(browser, lab, tmp_path):
    pages = []

    def opener(name, scale=1):
        if not (lab.root / "notebooks" / name).exists():
            pytest.fail(f"{name} is missing from notebooks/")
        lesson = Lesson(browser, lab, name, tmp_path, scale)
        pages.append(lesson)
        return lesson

    yield opener
    for lesson in pages:
        lesson.page.close()


def test_welcome_widget_reacts(open_lesson):
    lesson = open_lesson("00_welcome.ipynb")
    lesson.run_all()
    area = lesson.widget(".widget-slider")
    before = area.inner_text()
    lesson.type_into_readout(area, "-1.5")
    lesson.wait_until(lambda: "2.25" in area.inner_text() and area.inner_text() != before,
                      "the environment-check label did not follow the slider")
    lesson.no_console_errors()


def test_activation_explorer_slider_changes_the_figure(open_lesson):
    lesson = open_lesson("02_activations.ipynb")
    lesson.run_all()
    area = lesson.widget(".widget-dropdown")
    figure = area.locator("canvas.nnlib-figure").first
    figure.wait_for(timeout=30_000)
    lesson.page.wait_for_timeout(1000)
    before = figure.screenshot()
    lesson.type_into_readout(area, "-2")
    lesson.wait_until(lambda: "z = -2.00" in area.inner_text(),
                      "the readout did not follow the z slider")
    lesson.wait_until(lambda: figure.screenshot() != before,
                      "moving the z slider did not change the figure")
    lesson.no_console_errors()


def test_chain_rule_stepper_next_advances(open_lesson):
    lesson = open_lesson("07_chain_rule.ipynb")
    lesson.run_all()
    area = lesson.widget("button:has-text('Next')")
    start = area.inner_text()
    area.locator("button:has-text('Next')").first.click()
    lesson.wait_until(lambda: area.inner_text() != start, "Next did not change the stepper")
    text = area.inner_text()
    if "Step" not in text or "∂" not in text:
        lesson.fail(f"unexpected stepper text after Next: {text[:300]}")
    lesson.no_console_errors()


def test_playground_play_advances_the_epoch(open_lesson):
    lesson = open_lesson("10_playground.ipynb")
    lesson.run_all(timeout=180)
    area = lesson.widget("button:has-text('Play')")
    label = area.locator("text=/Epoch \\d+/").first

    def epoch():
        found = re.search(r"Epoch (\d+)", label.inner_text())
        return int(found.group(1)) if found else -1

    start = epoch()
    area.locator("button:has-text('Play')").first.click()
    lesson.wait_until(lambda: epoch() > start + 10, "Play did not advance the epoch counter")
    area.locator("button:has-text('Pause')").first.click()
    lesson.no_console_errors()


# --- the painted Playground against the kernel's own numbers -----------------------
SAMPLE = """([every]) => {
  const root = document.querySelector(".nnlib-playground");
  const c = root.querySelector("canvas.pg-out"), ctx = c.getContext("2d");
  const d = ctx.getImageData(0, 0, c.width, c.height).data, res = 64, px = c.width / res;
  const out = [];
  for (let j = 0; j < res; j += every) for (let i = 0; i < res; i += every) {
    const x = Math.floor((i + 0.5) * px), y = Math.floor((j + 0.5) * px), k = 4 * (y * c.width + x);
    out.push([i, j, d[k], d[k + 1], d[k + 2]]);
  }
  const loss = root.querySelector("canvas.pg-loss"), lctx = loss.getContext("2d");
  const ld = lctx.getImageData(36, 24, loss.width - 44, loss.height - 44).data;
  let ink = 0;
  for (let k = 0; k < ld.length; k += 4) if (ld[k + 3] > 0) ink++;
  return {samples: out, ink, xmax: +loss.dataset.xmax, points: +loss.dataset.points,
          epoch: +root.dataset.epoch, painted: +root.dataset.painted};
}"""

PREDICT = """
import json, numpy as np
from nnlib.colors import CLASS_COLORS, hex_to_rgb
x0, x1, y0, y1 = pg.model.extent
t = (np.arange(64) + 0.5) / 64
gx, gy = np.meshgrid(x0 + t * (x1 - x0), y1 - t * (y1 - y0))   # row 0 = top
pred = pg.net.forward(np.c_[gx.ravel(), gy.ravel()], cache=False).argmax(axis=1)
print(json.dumps({"pred": pred.tolist(), "epoch": pg.epoch, "k": int(pg.net.n_out),
                  "colors": [hex_to_rgb(c) for c in CLASS_COLORS]}))
"""


def painted_class(rgb, colors):
    """The class whose region colour (white mixed towards it) is nearest to rgb."""
    import numpy as np

    rgb = np.asarray(rgb, float) / 255
    best, dist = None, np.inf
    for k, c in enumerate(colors):
        d = np.asarray(c) - 1.0
        a = np.clip(np.dot(rgb - 1.0, d) / np.dot(d, d), 0, 1)
        gap = np.linalg.norm(1.0 + a * d - rgb)
        if gap < dist:
            best, dist = k, gap
    return best


def check_frame(lesson, when, losses=True):
    """The painted output agrees with the kernel's prediction at sampled grid
    points (>= 99 %); the loss axis covers the epoch and holds one point per
    epoch (when ``losses``); returns the page's state."""
    import json

    page = lesson.page
    deadline, state, truth = time.time() + 20, None, None
    while time.time() < deadline:                 # the painted frame is the current one
        truth = json.loads(kernel_eval(page, PREDICT))
        state = page.evaluate(SAMPLE, [2])
        if state["epoch"] == truth["epoch"]:
            time.sleep(0.3)
            again = page.evaluate(SAMPLE, [2])
            if again["painted"] == state["painted"]:
                break
        time.sleep(0.2)
    else:
        lesson.fail(f"{when}: the page never painted epoch {truth['epoch']}")
    colors = truth["colors"][:truth["k"]]
    agree = [painted_class(s[2:], colors) == truth["pred"][s[1] * 64 + s[0]]
             for s in state["samples"]]
    share = sum(agree) / len(agree)
    if share < 0.99:
        lesson.fail(f"{when}: painted output agrees with the kernel at {share:.1%} of points")
    if losses and (state["xmax"] < truth["epoch"] or state["points"] != truth["epoch"]):
        lesson.fail(f"{when}: loss axis 0..{state['xmax']} with {state['points']} points "
                    f"at epoch {truth['epoch']}")
    return state


def test_playground_paints_the_kernels_frames(open_lesson, lab):
    write_notebook(lab.root / "notebooks" / "pg_frames.ipynb",
                   "from nnlib.widgets.playground import Playground\n"
                   "pg = Playground('spirals', hidden=(8, 8), rng=0)\npg")
    lesson = open_lesson("pg_frames.ipynb")
    lesson.run_all()
    area = lesson.widget(".nnlib-playground")
    button = lambda name: area.locator(f"button:has-text('{name}')").first  # noqa: E731
    button("Play").click()
    lesson.page.wait_for_timeout(1500)
    button("Pause").click()
    trained = check_frame(lesson, "after Play, Pause")
    if trained["epoch"] < 10 or trained["ink"] < 50:
        lesson.fail(f"Play trained {trained['epoch']} epochs, loss curve ink {trained['ink']}")
    button("Step").click()
    check_frame(lesson, "after Step")
    button("Reset").click()
    reset = check_frame(lesson, "after Reset")
    if reset["ink"] or reset["points"]:
        lesson.fail(f"after Reset the loss chart still shows a curve ({reset['ink']} pixels)")
    kernel_eval(lesson.page, "pg.controls['dataset'].value = 'xor'")
    button("Play").click()
    lesson.page.wait_for_timeout(800)
    kernel_eval(lesson.page, "pg.controls['noise'].value = 0.2")   # while training
    check_frame(lesson, "after a data-set change while training")
    button("+ layer").click()
    button("Step").click()
    check_frame(lesson, "after adding a layer")
    kernel_eval(lesson.page, "pg.controls['dataset'].value = 'blobs'")        # 3 classes
    button("Step").click()
    check_frame(lesson, "with three classes")
    clicks_edit_the_model(lesson, area)
    kernel_eval(lesson.page, "pg.controls['dataset'].value = 'regression_1d'")
    button("Step").click()
    lesson.wait_until(lambda: "test loss" in area.inner_text(), "regression did not train")
    lesson.no_console_errors()


def clicks_edit_the_model(lesson, area):
    """A click on the output adds a point of the chosen class; a click on an
    edge or a bias selects it; hovering a neuron shows its map enlarged."""
    page = lesson.page
    n = int(kernel_eval(page, "pg.controls['click_class'].value = 1\nprint(len(pg.X))"))
    area.locator("canvas.pg-points").click(position={"x": 128, "y": 128})
    lesson.wait_until(lambda: kernel_eval(page, "print(len(pg.X), pg.y[-1])").split()
                      == [str(n + 1), "1"], "a click on the output did not add a point")
    net = area.locator("canvas.pg-net")
    geo = page.evaluate("() => { const g = document.querySelector('.nnlib-playground')"
                        ".pgGeometry; return {edges: g.edges, b: g.biases[1], c: g.cells[1][0],"
                        " box: g.box}; }")
    e = geo["edges"][3]
    x, y = e["x0"] + 0.3 * (e["x1"] - e["x0"]), e["y0"] + 0.3 * (e["y1"] - e["y0"])
    net.click(position={"x": x, "y": y})
    key = nearest_edge(geo["edges"], x, y)          # edges cross: the one drawn nearest
    want = str(tuple(key[:2]) + (tuple(key[2:]),))
    lesson.wait_until(lambda: kernel_eval(page, "print(pg.controls['param'].value)").strip()
                      == want, f"a click on edge {key} did not select it")
    b = geo["b"]
    net.click(position={"x": b["x"] + 3.5, "y": b["y"] + 3.5})
    want = str((b["key"][0], "b", (b["key"][2],)))
    lesson.wait_until(lambda: kernel_eval(page, "print(pg.controls['param'].value)").strip()
                      == want, f"a click on bias {b['key']} did not select it")
    c, box = geo["c"], geo["box"]
    net.hover(position={"x": c["x"] + box / 2, "y": c["y"] + box / 2})
    lesson.wait_until(lambda: kernel_eval(page, "print(pg.model.hover, len(pg.view.hover_map))")
                      .split() == ["(1,", "0)", "4096"], "hovering a neuron sent no map")
    page.mouse.move(0, 0)


def nearest_edge(edges, x, y):
    """The key of the edge nearest to (x, y), away from its ends."""
    import math

    best, dist = None, math.inf
    for e in edges:
        dx, dy = e["x1"] - e["x0"], e["y1"] - e["y0"]
        s = ((x - e["x0"]) * dx + (y - e["y0"]) * dy) / (dx * dx + dy * dy)
        d = math.hypot(e["x0"] + s * dx - x, e["y0"] + s * dy - y)
        if 0.05 < s < 0.95 and d < dist:
            best, dist = e["key"], d
    return best


STATE = """
import json, numpy as np
print(json.dumps({"hidden": [list(h) if isinstance(h, tuple) else h for h in pg.layers.hidden()],
                  "epoch": pg.epoch, "lr": pg.controls["lr"].value, "n": len(pg.X),
                  "weights": float(sum(np.abs(p).sum() for p in pg.net.parameters()))}))
"""


def test_playground_export_then_import_brings_the_state_back(open_lesson, lab, tmp_path):
    """Export writes the files the student named; after more changes, Import
    restores that state (layers, epoch, settings, weights) and the page shows
    the restored model, with no traceback."""
    import json

    write_notebook(lab.root / "notebooks" / "pg_files.ipynb",
                   "from nnlib.widgets.playground import Playground\n"
                   "pg = Playground('spirals', hidden=(8, 8), rng=0)\npg")
    lesson = open_lesson("pg_files.ipynb")
    lesson.run_all()
    page, area = lesson.page, lesson.widget(".nnlib-playground")
    button = lambda name: area.locator(f"button:has-text('{name}')").first  # noqa: E731
    for _ in range(3):
        button("Step").click()
    lesson.wait_until(lambda: json.loads(kernel_eval(page, STATE))["epoch"] > 0,
                      "Step did not train")
    saved = json.loads(kernel_eval(page, STATE))
    stem = tmp_path / "run.1"                  # a dot in the stem: run.1.npz, run.1.json
    field = area.locator(".widget-text:has-text('file') input").first
    field.fill(str(stem))
    field.press("Enter")
    button("Export").click()
    lesson.wait_until(lambda: "exported" in area.inner_text(), "Export said nothing")
    for suffix in (".npz", ".json"):
        if not (tmp_path / f"run.1{suffix}").exists():
            lesson.fail(f"Export did not write run.1{suffix}: {sorted(tmp_path.iterdir())}")
    button("+ layer").click()
    kernel_eval(page, "pg.controls['lr'].value = 0.001")
    button("Step").click()
    changed = json.loads(kernel_eval(page, STATE))
    if changed == saved:
        lesson.fail("the state did not change before the import")
    button("Import").click()
    lesson.wait_until(lambda: "imported" in area.inner_text(), "Import said nothing")
    back = json.loads(kernel_eval(page, STATE))
    if back != saved:
        lesson.fail(f"Import did not bring the state back: {back} != {saved}")
    check_frame(lesson, "after Import")        # the loss chart comes back with the state
    tracebacks = page.locator(".jp-OutputArea-output", has_text="Traceback")
    if tracebacks.count():
        lesson.fail(f"a traceback after Import: {tracebacks.first.inner_text()[:300]}")
    lesson.no_console_errors()


# --- an explorer's painted figure against the kernel's own full drawing -----------
PAINTED = """(sel) => { const c = document.querySelector(sel);
  return {url: c.toDataURL("image/png"), w: c.width, h: c.height}; }"""

FRESH = """
import base64, io
buf = io.BytesIO()
e.fig.savefig(buf, format="png", dpi=e.fig.dpi)
print(base64.b64encode(buf.getvalue()).decode())
"""


def painted_against_fresh(lesson, selector):
    """(pixels that differ, pixels in all) between the canvas as painted and
    a full drawing of the same figure state in the kernel (savefig)."""
    import base64
    import io

    import numpy as np
    from PIL import Image

    def decode(data):
        return np.asarray(Image.open(io.BytesIO(base64.b64decode(data))).convert("RGB"), int)

    painted = lesson.page.evaluate(PAINTED, selector)
    mine = decode(painted["url"].split(",", 1)[1])
    fresh = decode(kernel_eval(lesson.page, FRESH).strip())
    if mine.shape != fresh.shape:
        lesson.fail(f"painted canvas {mine.shape} and the kernel's figure {fresh.shape} differ "
                    "in size")
    return int(np.count_nonzero(np.abs(mine - fresh).max(axis=2) > 0)), mine.shape[0] * \
        mine.shape[1]


@pytest.mark.parametrize("build, moves", [
    ("from nnlib.widgets.forward_pass import forward_pass_explorer\n"
     "net = nnlib.Network([nnlib.Dense(2, 4, 'tanh', rng=1), nnlib.Dense(4, 3, 'relu', rng=2),"
     " nnlib.Dense(3, 2, 'softmax', rng=3)])\n"
     "e = forward_pass_explorer(net, np.random.default_rng(0).normal(size=(6, 2)))",
     ["e.controls['sample'].value = 2", "e.controls['x1'].value = -0.5",
      "e.controls['sample'].value = 4", "e.controls['x2'].value = 1.2"]),
    ("from nnlib.widgets.backprop import gradient_norms_explorer\ne = gradient_norms_explorer()",
     ["e.controls['depth'].value = 11", "e.controls['activation'].value = 'relu'",
      "e.controls['depth'].value = 4"]),
], ids=["forward pass (04)", "depth (09)"])
def test_explorer_paints_what_the_kernel_draws(open_lesson, lab, build, moves):
    """After each control change the canvas in the page equals a full drawing
    of the figure in the kernel, pixel for pixel (every channel exact): no
    stale content, nothing drawn twice, nothing missing.  Skipping the blit's
    background restore fails it (5,136 of 339,200 pixels differ on the first
    move of the forward-pass explorer)."""
    write_notebook(lab.root / "notebooks" / "explorer_frames.ipynb",
                   "%matplotlib widget\nimport numpy as np\nimport nnlib\n" + build + "\ne")
    lesson = open_lesson("explorer_frames.ipynb")
    lesson.run_all()
    canvas = "canvas.nnlib-figure"
    area = lesson.widget("canvas.nnlib-figure")
    lesson.page.wait_for_timeout(1500)
    for move in [*moves, "typed 3 into the first slider"]:
        if move.startswith("typed"):
            lesson.type_into_readout(area, "3")        # as a student does, in the page
        else:
            kernel_eval(lesson.page, move)
        lesson.page.wait_for_timeout(1200)              # the frame is sent and painted
        wrong, total = painted_against_fresh(lesson, canvas)
        if wrong:                        # measured: 0 on every move, 5,136 with a stale blit
            lesson.fail(f"after {move!r}: {wrong} of {total} painted pixels differ from the "
                        "kernel's full drawing of the same figure")
    frame_problem_is_shown_in_the_page(lesson, area, canvas)
    lesson.no_console_errors()


def test_an_explorer_is_drawn_at_the_screens_pixel_ratio(open_lesson, lab):
    """On a HiDPI screen (2 device pixels per CSS pixel) the kernel draws the
    figure at twice the pixels and the page shows it, pixel for pixel, in the
    same CSS size as on a plain screen; a slider move keeps it so."""
    import json

    write_notebook(lab.root / "notebooks" / "hidpi.ipynb",
                   "from nnlib.widgets import softmax_explorer\ne = softmax_explorer()\ne")
    lesson = open_lesson("hidpi.ipynb", scale=2)
    lesson.run_all()
    canvas = "canvas.nnlib-figure"
    area = lesson.widget(canvas)
    lesson.wait_until(lambda: kernel_eval(lesson.page, "print(e.view.ratio)").strip() == "2.0",
                      "the page did not report its pixel ratio to the kernel")
    for move in ("drawn", "typed -2 into z1"):
        if move.startswith("typed"):
            lesson.type_into_readout(area, "-2")
        lesson.page.wait_for_timeout(1200)
        size = lesson.page.evaluate("(s) => { const c = document.querySelector(s), "
                                    "r = c.getBoundingClientRect(); return [c.width, c.height, "
                                    "r.width, r.height]; }", canvas)
        css = json.loads(kernel_eval(lesson.page, "import json; print(json.dumps(e.view.size))"))
        if size != [2 * css[0], 2 * css[1], *css]:
            lesson.fail(f"{move}: canvas {size[:2]} px shown at {size[2:]} CSS px; expected "
                        f"{[2 * v for v in css]} px at {css}")
        wrong, total = painted_against_fresh(lesson, canvas)
        if wrong:
            lesson.fail(f"{move}: {wrong} of {total} painted pixels differ from the kernel's "
                        "drawing at dpi ratio 2")
    lesson.no_console_errors()


def frame_problem_is_shown_in_the_page(lesson, area, canvas):
    """A frame the page cannot decode is reported under the figure, in the page
    (no console error, the last good picture stays); the next good frame
    clears the note and is painted."""
    note = area.locator(".nnlib-figure-error")
    kernel_eval(lesson.page, "e.view.frame = b'not a PNG'")
    lesson.wait_until(lambda: "could not be shown" in note.inner_text(),
                      "a broken frame was not reported under the figure")
    kernel_eval(lesson.page, "e.view.draw()")
    lesson.wait_until(lambda: note.inner_text() == "", "a good frame did not clear the note")
    lesson.page.wait_for_timeout(800)
    wrong, total = painted_against_fresh(lesson, canvas)
    if wrong:
        lesson.fail(f"after a broken frame and a good one: {wrong} of {total} pixels differ")
