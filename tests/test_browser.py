"""The workbook in a real browser: JupyterLab on 127.0.0.1 (with a token) and
Debian's Chromium driven by Playwright.  Each test opens a lesson, runs all
cells, and checks that its widgets render and react.  Any JavaScript console
error or a traceback in an output fails the test; a screenshot of the page
is saved whenever a check fails (its path is in the failure message)."""

import importlib.util
import os
import secrets
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from types import SimpleNamespace

import pytest

from conftest import require

pytestmark = pytest.mark.browser
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run",
                 "--disable-quic"]


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    """A JupyterLab server on a free 127.0.0.1 port serving a temporary copy of
    notebooks/; stopped at the end even when a test fails."""
    require(os.path.exists(CHROMIUM), "Chromium not found at /usr/bin/chromium "
            "(install it with: apt-get install chromium)")
    require(importlib.util.find_spec("playwright") is not None, "playwright is not installed")
    root = tmp_path_factory.mktemp("lab")
    shutil.copytree(os.path.join(ROOT, "notebooks"), root / "notebooks")
    notify = root / "settings" / "@jupyterlab" / "apputils-extension"
    notify.mkdir(parents=True)        # no "get notified about news?" toast over the widgets
    (notify / "notification.jupyterlab-settings").write_text(
        '{"fetchNews": "false", "checkForUpdates": false}')
    port, token = free_port(), secrets.token_hex(16)
    env = dict(os.environ, JUPYTER_RUNTIME_DIR=str(root / "runtime"),
               JUPYTER_CONFIG_DIR=str(root / "config"),
               JUPYTERLAB_SETTINGS_DIR=str(root / "settings"),
               MPLBACKEND="module://ipympl.backend_nbagg")
    cmd = [sys.executable, "-m", "jupyter", "lab", "--no-browser", "--ServerApp.ip=127.0.0.1",
           f"--ServerApp.port={port}", "--ServerApp.port_retries=0",
           f"--IdentityProvider.token={token}", f"--ServerApp.root_dir={root / 'notebooks'}",
           "--LabApp.news_url=", "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate"]
    if os.getuid() == 0:
        cmd.append("--allow-root")
    log = open(root / "server.log", "w")
    proc = subprocess.Popen(cmd, stdout=log, stderr=subprocess.STDOUT, env=env)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.time() + 90
        while True:
            try:
                with urllib.request.urlopen(f"{url}/api/status?token={token}", timeout=2):
                    break
            except OSError:
                if proc.poll() is not None or time.time() > deadline:
                    raise RuntimeError("jupyter lab did not start; see "
                                       + str(root / "server.log")) from None
                time.sleep(0.5)
        yield SimpleNamespace(url=url, token=token, root=root)
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        log.close()


@pytest.fixture(scope="module")
def browser(lab):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        try:
            yield b
        finally:
            b.close()


class Lesson:
    """A page with one notebook open; collects console errors."""

    def __init__(self, browser, lab, name, shots):
        self.page = browser.new_page(viewport={"width": 1400, "height": 1000})
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
        # Run All Cells through the command palette (the kernel was just started)
        self.page.locator(".jp-Notebook").first.click()
        self.page.keyboard.press("Control+Shift+C")
        self.page.keyboard.type("Run All Cells")
        self.page.wait_for_timeout(300)
        self.page.keyboard.press("Enter")
        deadline = time.time() + timeout
        while time.time() < deadline:
            prompts = self.page.eval_on_selector_all(
                ".jp-CodeCell .jp-InputArea-prompt", "els => els.map(e => e.textContent)")
            if prompts and all(any(ch.isdigit() for ch in p) for p in prompts):
                break
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

    def opener(name):
        if not (lab.root / "notebooks" / name).exists():
            pytest.fail(f"{name} is missing from notebooks/")
        lesson = Lesson(browser, lab, name, tmp_path)
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
    figure = area.locator(".jupyter-matplotlib-figure").first
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
        import re
        found = re.search(r"Epoch (\d+)", label.inner_text())
        return int(found.group(1)) if found else -1

    # The figure must be whole (axes, ticks, labels), not only the parts that
    # the blitted frames repaint, before Play and after Pause: the loss axes
    # (bottom right) hold black pixels only when the static part is there.
    figure = area.locator(".jupyter-matplotlib-figure").first
    lesson.wait_until(lambda: static_ink(figure.screenshot()) >= 200,
                      "the Playground figure never showed its axes and labels")
    start = epoch()
    area.locator("button:has-text('Play')").first.click()
    lesson.wait_until(lambda: epoch() > start + 10, "Play did not advance the epoch counter")
    area.locator("button:has-text('Pause')").first.click()
    area.scroll_into_view_if_needed()
    lesson.wait_until(lambda: static_ink(figure.screenshot()) >= 200,
                      "after Pause the Playground figure lacks its axes and labels")
    lesson.no_console_errors()


def static_ink(png):
    """Near-black pixels in the bottom-right quadrant of a figure screenshot."""
    import io

    import numpy as np
    from PIL import Image

    rgb = np.asarray(Image.open(io.BytesIO(png)).convert("RGB"))
    h, w = rgb.shape[:2]
    return int((rgb[int(0.65 * h):, int(0.55 * w):].max(axis=2) < 60).sum())
