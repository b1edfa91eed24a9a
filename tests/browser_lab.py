"""JupyterLab on 127.0.0.1 and pages in headless Chromium, shared by the
browser tests (tests/test_browser.py) and the browser benchmark
(benchmarks/bench_browser.py).  Not a test module itself.

``lab_server(root)`` serves ``root`` (a folder holding the notebooks) with a
token and the app exposed to page scripts (``window.jupyterapp``), so that
``kernel_eval(page, code)`` can run code in the open notebook's kernel and read
what it prints: tests compare what the page paints with what the kernel
computes.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import socket
import subprocess
import sys
import time
import urllib.request
from types import SimpleNamespace

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run",
                 "--disable-quic"]


@contextlib.contextmanager
def chromium():
    """Headless Chromium (Playwright driving the system browser), closed after use."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        try:
            yield browser
        finally:
            browser.close()


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def lab_server(root):
    """A JupyterLab server for ``root / "notebooks"``; stopped on exit."""
    notify = root / "settings" / "@jupyterlab" / "apputils-extension"
    notify.mkdir(parents=True, exist_ok=True)   # no "news?" toast over the widgets
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
           "--LabApp.news_url=", "--LabApp.expose_app_in_browser=True",
           "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate"]
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


def open_notebook(page, lab, name):
    """Open notebooks/NAME in a fresh workspace and wait for its kernel."""
    workspace = name.replace(".ipynb", "").replace("_", "-")
    page.goto(f"{lab.url}/lab/workspaces/{workspace}/tree/{name}?reset&token={lab.token}")
    page.wait_for_selector(".jp-Notebook .jp-Cell", timeout=60_000)
    page.wait_for_selector("text=Kernel status: Idle", state="attached", timeout=60_000)
    page.wait_for_timeout(1500)


_EVAL = """async (code) => {
  const panel = window.jupyterapp.shell.currentWidget;
  const kernel = panel.sessionContext.session.kernel;
  let out = "", err = "";
  const future = kernel.requestExecute({code, store_history: false});
  future.onIOPub = (msg) => {
    const t = msg.header.msg_type;
    if (t === "stream") out += msg.content.text;
    if (t === "error") err += msg.content.ename + ": " + msg.content.evalue;
  };
  await future.done;
  return [out, err];
}"""


def kernel_eval(page, code):
    """Run ``code`` in the current notebook's kernel; returns what it printed.
    An exception in the kernel raises RuntimeError with its message."""
    out, err = page.evaluate(_EVAL, code)
    if err:
        raise RuntimeError(f"kernel: {err}")
    return out


def write_notebook(path, *sources):
    """A notebook with one code cell per source string (no outputs)."""
    import json

    cells = [{"cell_type": "code", "metadata": {}, "execution_count": None, "outputs": [],
              "source": src} for src in sources]
    nb = {"cells": cells, "metadata": {"kernelspec": {"name": "python3",
                                                      "display_name": "Python 3",
                                                      "language": "python"}},
          "nbformat": 4, "nbformat_minor": 5}
    path.write_text(json.dumps(nb))


#: an output area showing a traceback
ERROR_OUTPUT = ".jp-OutputArea-output[data-mime-type='application/vnd.jupyter.stderr']"


def run_all_cells(page, timeout=120):
    """Run every cell of the open notebook (JupyterLab's own command, so no
    keystroke can land in a cell; asked again while no cell has started, as
    the notebook may not be the current widget yet); True when all finished."""
    deadline, asked_at = time.time() + timeout, 0.0
    while time.time() < deadline:
        prompts = page.eval_on_selector_all(
            ".jp-CodeCell .jp-InputArea-prompt", "els => els.map(e => e.textContent)")
        if prompts and all(any(ch.isdigit() for ch in p) for p in prompts):
            return True
        if page.locator(ERROR_OUTPUT, has_text="Error").count():
            return False                     # a cell raised: the cells below never run
        started = any("*" in p or any(ch.isdigit() for ch in p) for p in prompts)
        if not started and time.time() > asked_at + 10:
            page.locator(".jp-Notebook").first.click()
            page.evaluate("window.jupyterapp.commands.execute('notebook:run-all-cells')")
            asked_at = time.time()
        time.sleep(0.3)
    return False
