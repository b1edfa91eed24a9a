"""The static course site in a real browser.

Builds the site (``docs/build.py``, what ``make site`` runs: every lesson
executed, cached per notebook and nnlib version), serves it from 127.0.0.1
(http.server in a thread, a free port) and opens every page in headless
Chromium (Playwright).  A page fails on: a link to a file or anchor that does
not exist, an image that did not load, a console error, a request that is not
to 127.0.0.1, maths that MathJax did not typeset; a lesson page fails when it
shows fewer figures than its executed notebook drew, or when a widget's
"run this live" note lacks its links.  A search for "softmax" on the theme's
search page must find the softmax lesson.

``NNLIB_SITE_HTML=dir`` tests an already built site (``dir`` is its html
folder, beside ``src`` and ``jupyter_cache``) instead of building; that is how a
broken copy is checked to fail.  ``NNLIB_SCREENSHOTS=dir`` keeps screenshots
of the landing page, lesson 03 and the activations API page.
"""

from __future__ import annotations

import functools
import html.parser
import http.server
import importlib.util
import os
import pathlib
import re
import subprocess
import sys
import threading
from types import SimpleNamespace
from urllib.parse import unquote, urljoin, urlsplit

import pytest
from browser_lab import CHROMIUM, chromium

from conftest import require

pytestmark = [pytest.mark.site, pytest.mark.browser]
ROOT = pathlib.Path(__file__).resolve().parents[1]
LESSON = re.compile(r"^\d\d_\w+\.html$")
SHOTS = {"index.html": "site-landing.png", "03_softmax.html": "site-lesson-03.png",
         "api/nnlib.activations.html": "site-api-activations.png"}

# after load: MathJax 2 (when the page has it) has typeset everything it queued
_MATH_DONE = """() => new Promise(done => {
  if (!window.MathJax || !window.MathJax.Hub) { done(); return; }
  window.MathJax.Hub.Queue(() => done());
})"""
_PAGE_FACTS = """() => ({
  links: Array.from(document.querySelectorAll('a[href], link[href]'))
      .map(a => a.getAttribute('href')),
  broken_images: Array.from(document.images)
      .filter(i => !i.complete || i.naturalWidth === 0).map(i => i.getAttribute('src')),
  figures: Array.from(document.querySelectorAll('.cell_output img'))
      .filter(i => i.complete && i.naturalWidth > 0 && i.getAttribute('src').includes('_images/'))
      .length,
  math_sources: document.querySelectorAll('.math.notranslate').length,
  math_untypeset: Array.from(document.querySelectorAll('.math.notranslate'))
      .filter(e => !e.querySelector('.MathJax, .MathJax_Display')).length,
  math_errors: !window.MathJax || !window.MathJax.Hub ? 0 : (() => {
      const bad = n => !!n && (n.type === 'merror' || (n.data || []).some(bad));
      return window.MathJax.Hub.getAllJax().filter(j => bad(j.root)).length; })(),
  live_notes: Array.from(document.querySelectorAll('.nnlib-live')).map(n => ({
      lab: (n.querySelector('a.nnlib-live-lab') || {}).href || '',
      binder: (n.querySelector('a.nnlib-live-binder') || {}).href || ''})),
  text: document.body.innerText,
})"""


@pytest.fixture(scope="module")
def site():
    """The built site: ``html`` (folder) and ``executed`` (the executed notebooks)."""
    given = os.environ.get("NNLIB_SITE_HTML")
    if given:
        html_dir = pathlib.Path(given).resolve()
    else:
        for module in ("sphinx", "myst_nb", "sphinx_book_theme", "jupyter_server_mathjax"):
            require(importlib.util.find_spec(module) is not None,
                    f"{module} is not installed (pip install -e '.[site]')")
        out = ROOT / "_build" / "site"
        done = subprocess.run([sys.executable, str(ROOT / "docs" / "build.py"), "--out",
                               str(out)], capture_output=True, text=True)
        noise = "Kernel is running over TCP"
        log = "\n".join(line for line in (done.stdout + done.stderr).splitlines()
                        if noise not in line)
        assert done.returncode == 0, f"the site build failed:\n{log[-6000:]}"
        html_dir = out / "html"
    caches = sorted((html_dir.parent / "jupyter_cache").glob("*/global.db"),
                    key=lambda p: p.stat().st_mtime)
    assert caches, f"no jupyter cache beside {html_dir}"
    return SimpleNamespace(html=html_dir, src=html_dir.parent / "src", cache=caches[-1].parent)


@pytest.fixture(scope="module")
def server(site):
    """http.server on a free 127.0.0.1 port serving the site, in a thread."""
    handler = functools.partial(_QuietHandler, directory=str(site.html))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join(timeout=10)


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def browser(server):
    require(os.path.exists(CHROMIUM), "Chromium not found at /usr/bin/chromium "
            "(install it with: apt-get install chromium)")
    require(importlib.util.find_spec("playwright") is not None, "playwright is not installed")
    with chromium() as b:
        yield b


def pages(site):
    """Every HTML page of the site, as paths relative to its root."""
    return sorted(p.relative_to(site.html).as_posix() for p in site.html.rglob("*.html")
                  if not p.relative_to(site.html).parts[0].startswith("_"))


class _Ids(html.parser.HTMLParser):
    def __init__(self):
        super().__init__()
        self.ids = set()

    def handle_starttag(self, tag, attrs):
        self.ids.update(v for k, v in attrs if k in ("id", "name") and v)


@functools.cache
def ids_in(path):
    parser = _Ids()
    parser.feed(pathlib.Path(path).read_text(encoding="utf-8"))
    return frozenset(parser.ids)


def broken_links(site, base, page_url, hrefs):
    """The hrefs on a page that point into the site at a missing file or anchor."""
    broken = []
    for href in hrefs:
        url = urljoin(page_url, href)
        if not url.startswith(base):
            continue                          # an outside link in the text: not loaded
        parts = urlsplit(url)
        rel = unquote(parts.path[len(urlsplit(base).path):]) or "index.html"
        target = site.html / rel
        if target.is_dir():
            target = target / "index.html"
        if not target.is_file():
            broken.append(f"{href} (no file {rel})")
        elif parts.fragment and target.suffix == ".html" and \
                unquote(parts.fragment) not in ids_in(str(target)):
            broken.append(f"{href} (no anchor #{parts.fragment} in {rel})")
    return broken


def figures_drawn(site, stem):
    """How many PNG figures the lesson drew when the build executed it (the
    executor's own record: the notebook in myst-nb's jupyter cache)."""
    import nbformat
    from jupyter_cache import get_cache

    source = nbformat.read(site.src / f"{stem}.ipynb", as_version=4)
    _, nb = get_cache(str(site.cache)).merge_match_into_notebook(source)
    return sum("image/png" in out.get("data", {}) for cell in nb["cells"]
               if cell["cell_type"] == "code" for out in cell.get("outputs", []))


class Visit:
    """One page opened in the browser: what went wrong while it loaded."""

    def __init__(self, browser, url):
        self.page = browser.new_page(viewport={"width": 1300, "height": 900})
        self.errors, self.outside, self.failed = [], [], []
        self.page.on("console", lambda m: m.type == "error" and self.errors.append(m.text))
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("response", lambda r: r.status >= 400 and self.failed.append(
            f"{r.status} {r.url}"))
        self.page.on("requestfailed", lambda r: self.failed.append(f"failed {r.url}"))
        self.page.route(lambda u: not u.startswith("http://127.0.0.1:"), self._outside)
        self.page.goto(url, wait_until="load")
        self.page.evaluate(_MATH_DONE)
        self.facts = self.page.evaluate(_PAGE_FACTS)

    def _outside(self, route):
        self.outside.append(route.request.url)
        route.abort()

    def close(self):
        self.page.close()


@pytest.fixture(scope="module")
def visited(site, server, browser):
    """Every page opened once: {name: Visit} (closed; facts and problems kept)."""
    keep, visits = os.environ.get("NNLIB_SCREENSHOTS"), {}
    for name in pages(site):
        visit = Visit(browser, server + name)
        if keep and name in SHOTS:
            pathlib.Path(keep).mkdir(parents=True, exist_ok=True)
            visit.page.screenshot(path=str(pathlib.Path(keep) / SHOTS[name]), full_page=False)
        visit.close()
        visits[name] = visit
    return visits


def test_every_page_loads_cleanly(site, server, visited):
    """No page has a broken link or image, a console error, an outside request,
    or maths left untypeset or typeset as an error."""
    problems = []
    assert len([n for n in visited if LESSON.match(n)]) >= 14, list(visited)
    for name, visit in visited.items():
        f = visit.facts
        found = [f"broken link {x}" for x in broken_links(site, server, server + name,
                                                          f["links"])]
        found += [f"image not shown: {src}" for src in f["broken_images"]]
        found += [f"console: {e}" for e in visit.errors]
        found += [f"outside request: {u}" for u in visit.outside]
        found += [f"not loaded: {u}" for u in visit.failed]
        if f["math_untypeset"]:
            found.append(f"maths: {f['math_untypeset']} of {f['math_sources']} not typeset")
        if f["math_errors"]:
            found.append(f"maths: {f['math_errors']} MathJax errors")
        problems += [f"{name}: {p}" for p in found]
    assert not problems, "\n".join(problems)


def test_lesson_pages_show_their_figures_and_live_notes(site, visited):
    """Each lesson page shows every figure its executed notebook drew (and has
    at least one); each widget's note links to that lesson in JupyterLab and
    on Binder; the exercise stubs are there as stubs."""
    problems = []
    lessons = [n for n in visited if LESSON.match(n)]
    for name in lessons:
        stem, f = name[:-5], visited[name].facts
        drawn = figures_drawn(site, stem)
        if drawn == 0 or f["figures"] < drawn:
            problems.append(f"{name}: {f['figures']} figures shown, the notebook drew {drawn}")
        for note in f["live_notes"]:
            if not (note["lab"].endswith(f"/{stem}.ipynb") and f"{stem}.ipynb" in
                    unquote(note["binder"]) and note["binder"].startswith("https://mybinder")):
                problems.append(f"{name}: a 'run this live' note without its links: {note}")
        source = (ROOT / "notebooks" / f"{stem}.ipynb").read_text(encoding="utf-8")
        if "# YOUR CODE HERE" in source and "# YOUR CODE HERE" not in f["text"]:
            problems.append(f"{name}: the exercise stubs are missing")
    widget_lessons = sum(bool(re.search(r"(_explorer|_stepper|Playground)\(", (
        ROOT / "notebooks" / f"{n[:-5]}.ipynb").read_text(encoding="utf-8"))) for n in lessons)
    assert widget_lessons >= 10, "the lessons no longer build explorers? recount"
    notes = sum(len(visited[n].facts["live_notes"]) for n in lessons)
    assert notes >= widget_lessons, f"{notes} 'run this live' notes in {widget_lessons} lessons"
    assert not problems, "\n".join(problems)


def test_no_solution_is_published(site):
    """Only student notebooks are pages: no solutions folder, and no worked
    answer's marker in any page or downloadable notebook."""
    assert not list(site.html.rglob("solutions")), "a solutions folder was published"
    for path in [*site.html.rglob("*.html"), *site.html.rglob("*.ipynb")]:
        text = path.read_text(encoding="utf-8")
        assert "### BEGIN SOLUTION" not in text, f"{path}: a worked solution is published"


def test_landing_page_lists_the_lessons_in_order(site, server, browser):
    """The landing page links every lesson page, in the map's order."""
    visit = Visit(browser, server + "index.html")
    hrefs = visit.page.eval_on_selector_all(
        "article a.reference.internal", "els => els.map(a => a.getAttribute('href'))")
    visit.close()
    linked = [h.split("#")[0] for h in hrefs if LESSON.match(h.split("#")[0])]
    first_seen = list(dict.fromkeys(linked))
    expected = [n for n in pages(site) if LESSON.match(n)]
    assert first_seen == expected, f"landing map {first_seen} != lessons {expected}"


def test_search_finds_softmax(server, browser):
    """The theme's search page finds the softmax lesson."""
    visit = Visit(browser, server + "search.html?q=softmax")
    page = visit.page
    page.wait_for_function(
        "() => document.querySelectorAll('#search-results ul.search li').length > 0 || "
        "/did not match any/.test(document.querySelector('#search-results')?.innerText || '')",
        timeout=30_000)
    hits = page.eval_on_selector_all("#search-results ul.search li a",
                                     "els => els.map(a => a.getAttribute('href'))")
    errors = visit.errors + visit.outside
    visit.close()
    assert any("03_softmax.html" in h for h in hits), f"search for softmax found {hits}"
    assert not errors, errors
