"""Sphinx configuration of the static course site (``make site``).

Sphinx + myst-nb + sphinx-book-theme, the stack Jupyter Book 1 is made of,
used directly: no extra layer between this file and the build.  The pages
come from a folder that ``docs/build.py`` stages (the student notebooks, not
the solutions; the landing page with the lesson map; the API pages), so
run the build through it: ``python docs/build.py`` or ``make site``.

What this file decides:

- every lesson is executed at build time (myst-nb, cached per notebook and
  per version of ``nnlib``), in the map's order, and an error in a cell fails
  the build;
- the kernels get ``NNLIB_STATIC_SITE=1`` and an IPython start-up file
  (``docs/ipython_startup.py``) that makes ``%matplotlib widget`` draw inline
  PNGs, so figures are images and each widget shows a picture of its first
  frame with a "run this live" note (``nnlib/widgets/_static.py``);
- nothing is loaded from the network: MathJax 2 comes from the
  ``jupyter-server-mathjax`` package and is copied into ``_static``; the
  ipywidgets scripts myst-nb would load from a CDN are turned off; images
  with an outside address (the Binder badge) become plain text links.
"""

from __future__ import annotations

import hashlib
import os
import pathlib
import shutil
import sys
from urllib.parse import quote

HERE = pathlib.Path(__file__).resolve().parent
ROOT = HERE.parent
BUILD = pathlib.Path(os.environ.get("NNLIB_SITE_BUILD", ROOT / "_build" / "site"))
sys.path.insert(0, str(ROOT))            # autodoc reads this checkout's nnlib
sys.path.insert(0, str(ROOT / "tools"))  # badges.repository: the one public address

sys.path.insert(0, str(HERE))            # plaintext: nnlib's docstrings as written
from badges import repository  # noqa: E402
from plaintext import process_docstring  # noqa: E402


def _digest(paths):
    digest = hashlib.sha256()
    for path in paths:
        digest.update(path.relative_to(ROOT).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


_LIBRARY = sorted((ROOT / "nnlib").rglob("*.py")) + sorted((ROOT / "nnlib").rglob("*.js"))
#: a lesson's cached outputs are reused only while the library (and the start-up
#: file) it ran on are unchanged
LESSON_KEY = _digest([*_LIBRARY, HERE / "ipython_startup.py"])
#: Sphinx re-reads every page when this changes: it does not notice a changed
#: docstring (autodoc) or a changed hook in these files by itself
nnlib_site_sources = _digest([*_LIBRARY, *sorted(HERE.glob("*.py"))])


# --- the kernels that execute the lessons -------------------------------------------
IPYTHONDIR = BUILD / "ipython"
_startup = IPYTHONDIR / "profile_default" / "startup"
_startup.mkdir(parents=True, exist_ok=True)
shutil.copyfile(HERE / "ipython_startup.py", _startup / "00-nnlib-site.py")
os.environ.update(
    IPYTHONDIR=str(IPYTHONDIR),
    NNLIB_STATIC_SITE="1",
    NNLIB_STRICT_CLAIMS="1",         # a lesson sentence its cell contradicts fails the build
    MPLBACKEND="module://matplotlib_inline.backend_inline",
    PYTHONPATH=os.pathsep.join([str(ROOT), *filter(None, [os.environ.get("PYTHONPATH")])]),
)

# --- project ----------------------------------------------------------------------------
project = "nnlib workbook"
author = "the nnlib-workbook authors"
copyright = "the nnlib-workbook authors, MIT licence"
html_title = "nnlib workbook"
extensions = ["myst_nb", "sphinx.ext.autodoc", "sphinx.ext.autosummary", "sphinx.ext.mathjax"]
root_doc = "index"
exclude_patterns = ["_build", "**.ipynb_checkpoints", "solutions"]
suppress_warnings = ["image.nonlocal_uri"]   # the badge image becomes a text link below

# --- notebooks (myst-nb) ------------------------------------------------------------
nb_execution_mode = "cache"
nb_execution_cache_path = str(BUILD / "jupyter_cache" / LESSON_KEY)
for _old in (BUILD / "jupyter_cache").glob("*"):   # outputs of an older nnlib: never reused
    if _old.name != LESSON_KEY and _old.is_dir():
        shutil.rmtree(_old)
nb_execution_timeout = 600             # per cell; the longest lesson cell takes ~1 min here
nb_execution_raise_on_error = True
nb_execution_show_tb = True
nb_merge_streams = True
nb_ipywidgets_js = {}                  # no require.js / widget manager from a CDN
myst_enable_extensions = ["dollarmath", "amsmath"]
myst_update_mathjax = False            # its settings are MathJax 3/4's; ours is MathJax 2
myst_heading_anchors = 3

# --- maths: MathJax 2 from the jupyter-server-mathjax package, served from _static -----
# That package ships one combined configuration (TeX input, HTML-CSS output, STIX
# web fonts).  Its font probe would load url('about:blank'), which Chromium
# reports as a console error; a local() source probes the same way, silently.
mathjax_path = "mathjax/MathJax.js?config=TeX-AMS-MML_HTMLorMML-full"
mathjax2_config = {
    "HTML-CSS": {"availableFonts": [], "webFont": "STIX-Web", "imageFont": None,
                 "preferredFont": None,
                 "styles": {"@font-face": {"font-family": "MathJax_Blank",
                                           "src": "local('MathJax_Blank')"}}},
    "messageStyle": "none",
    "tex2jax": {"inlineMath": [["\\(", "\\)"]], "displayMath": [["\\[", "\\]"]],
                "processEscapes": True},
}

# --- API reference (autodoc) -----------------------------------------------------------
autodoc_default_options = {"members": True, "member-order": "bysource"}
autodoc_typehints = "none"
add_module_names = False

# --- theme ----------------------------------------------------------------------------
html_theme = "sphinx_book_theme"
html_static_path = [str(HERE / "_static")]
html_css_files = ["site.css"]
html_show_sourcelink = False
html_theme_options = {
    "home_page_in_toc": True,
    "show_navbar_depth": 1,
    "use_download_button": True,       # the lesson's .ipynb (the student version)
    "use_fullscreen_button": False,
    "use_repository_button": False,    # its icon and address would be the only outside link
    "navigation_with_keys": False,
}
html_last_updated_fmt = None
html_context = {"default_mode": "light"}   # without it the theme logs an error on a first visit

_REPO, _BRANCH = repository(ROOT)
LAB_BASE = "http://localhost:8888/lab/tree/"      # where `make lab` opens JupyterLab


def live_links(pagename):
    """(JupyterLab, Binder) addresses of the lesson on page ``pagename``."""
    binder = (f"https://mybinder.org/v2/gh/{_REPO}/{_BRANCH}"
              f"?urlpath={quote(f'lab/tree/notebooks/{pagename}.ipynb', safe='')}")
    return f"{LAB_BASE}{pagename}.ipynb", binder


def _outside_images_to_links(app, doctree):
    """An image with an outside address (the Binder badge) would be a request to
    the network; keep its link and show its alt text instead."""
    from docutils import nodes

    for image in list(doctree.findall(nodes.image)):
        if "://" in image["uri"]:
            alt = image.get("alt", "") or "external image"
            text = "Run this lesson on Binder" if alt == "Binder" else alt
            image.replace_self(nodes.inline(text, text, classes=["nnlib-outside-image"]))


def _fill_live_links(app, pagename, templatename, context, doctree):
    """Put this page's own addresses into the widgets' "run this live" notes."""
    if "body" in context and "nnlib-live:" in context["body"]:
        lab, binder = live_links(pagename)
        context["body"] = (context["body"].replace('href="nnlib-live:lab"', f'href="{lab}"')
                           .replace('href="nnlib-live:binder"', f'href="{binder}"'))


def _copy_mathjax(app, exception):
    """MathJax 2 (TeX input, HTML-CSS output, STIX web fonts, English) into _static."""
    if exception is not None or app.builder.format != "html":
        return
    import jupyter_server_mathjax

    source = pathlib.Path(jupyter_server_mathjax.__file__).parent / "static"
    target = pathlib.Path(app.outdir) / "_static" / "mathjax"
    if (target / "MathJax.js").exists():
        return
    skip = shutil.ignore_patterns("SVG", "*.md")          # the SVG output ships no code
    shutil.copytree(source, target, ignore=skip, dirs_exist_ok=True)
    for lang in (target / "localization").iterdir():
        if lang.is_dir() and lang.name != "en":
            shutil.rmtree(lang)


def setup(app):
    app.add_config_value("nnlib_site_sources", "", "env")
    app.connect("doctree-read", _outside_images_to_links)
    app.connect("html-page-context", _fill_live_links)
    app.connect("build-finished", _copy_mathjax)
    app.connect("autodoc-process-docstring", process_docstring)
