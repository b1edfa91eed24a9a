"""Build the static course site:  python docs/build.py  (what ``make site`` runs).

Stages the pages into ``_build/site/src`` and runs Sphinx (config: docs/conf.py)
into ``_build/site/html``; serve that folder (``python3 -m http.server -d
_build/site/html``) and open http://localhost:8000.

What is staged, and from where:

- the student notebooks ``notebooks/NN_*.ipynb``, in the map's order (their
  numbers); ``notebooks/solutions/`` is never copied, so no worked solution
  is published;
- ``index.md``: docs/index.md with the lesson map filled in, one row per
  lesson: its title (the notebook's first heading) and what you do there
  (the README's notebook map, the one list of lessons a reader already has);
- ``api/``: one page per nnlib module (autodoc reads the docstrings), and on
  the activations page the table of every activation's formula and
  derivative, typeset from the LaTeX the table itself carries.

Files are copied with their times kept, so Sphinx re-reads only what changed
and myst-nb re-executes only a lesson whose code (or nnlib) changed.
"""

from __future__ import annotations

import argparse
import json
import os
import pathlib
import re
import shutil
import subprocess
import sys

HERE = pathlib.Path(__file__).resolve().parent
ROOT = HERE.parent
LESSON = re.compile(r"^(\d\d)_\w+\.ipynb$")
MAP_ROW = re.compile(r"^\|\s*(\d\d)\s*\|\s*\[[^\]]*\]\(notebooks/(\d\d_\w+)\.ipynb\)"
                     r"\s*\|(.*)\|\s*$")

#: the API reference, in reading order: (module, what the page is about)
API = [
    ("nnlib", "the package: the names most lessons use"),
    ("nnlib.activations", "activations, their derivatives, softmax, the table"),
    ("nnlib.losses", "losses and their gradients"),
    ("nnlib.layers", "the dense layer"),
    ("nnlib.network", "Network: forward, backprop, fit, save and load"),
    ("nnlib.optim", "SGD, Momentum, Adam"),
    ("nnlib.gradcheck", "gradient checks by finite differences"),
    ("nnlib.autodiff", "Value (reverse mode) and Dual (forward mode)"),
    ("nnlib.datasets", "toy data sets"),
    ("nnlib.validation", "input checks and their messages"),
    ("nnlib.serialize", "model files"),
    ("nnlib.colors", "the one colour code"),
    ("nnlib.plotting", "matplotlib helpers"),
    ("nnlib.checks", "the exercise checks (facade)"),
    ("nnlib.widgets", "the explorers and the Playground"),
]
#: packages whose page lists the names they re-export (their own code is elsewhere)
REEXPORTS = {"nnlib", "nnlib.widgets"}


def lessons(root=ROOT):
    """The student notebooks in teaching order (their numbers), solutions excluded."""
    return sorted(p for p in (root / "notebooks").glob("*.ipynb") if LESSON.match(p.name))


def readme_map(root=ROOT):
    """{notebook stem: what you do there} from the README's notebook map."""
    rows = {}
    for line in (root / "README.md").read_text(encoding="utf-8").splitlines():
        found = MAP_ROW.match(line)
        if found:
            rows[found.group(2)] = found.group(3).strip()
    return rows


def title_of(path):
    """The first markdown heading of a notebook ('00 · Welcome to the workbook')."""
    nb = json.loads(path.read_text(encoding="utf-8"))
    for cell in nb["cells"]:
        if cell["cell_type"] == "markdown":
            for line in "".join(cell["source"]).splitlines():
                if line.startswith("# "):
                    return line[2:].strip()
    raise ValueError(f"{path.name}: no '# title' heading in its markdown cells")


def landing(root=ROOT):
    """docs/index.md with the lesson map table and the lesson toctree filled in."""
    what = readme_map(root)
    rows = ["| lesson | what you do there |", "|---|---|"]
    for path in lessons(root):
        doing = what.get(path.stem, "")
        rows.append(f"| {{doc}}`{title_of(path)} <{path.stem}>` | {doing} |")
    text = (HERE / "index.md").read_text(encoding="utf-8")
    text = re.sub(r"<!-- lesson-map:.*?-->", "\n".join(rows), text)
    return text.replace("<!-- lesson-toc -->", "\n".join(p.stem for p in lessons(root)))


def activation_table():
    """reST list-table of every activation's f(z) and f'(z), typeset by MathJax."""
    sys.path.insert(0, str(ROOT))
    from nnlib import activations

    table = activations.TABLE
    entries = table.values() if isinstance(table, dict) else table
    lines = [".. list-table:: The activation table (``TABLE``): each entry's ``formula`` and "
             "``derivative_formula``", "   :header-rows: 1", "",
             "   * - name", "     - f(z)", "     - f'(z)"]
    for entry in entries:
        lines += [f"   * - ``{entry.name}``", f"     - :math:`{entry.formula}`",
                  (f"     - :math:`{entry.derivative_formula}`" if entry.derivative_formula
                   else "     - (a layer's Jacobian, not elementwise)")]
    return "\n".join(lines)


def api_pages():
    """{relative path: reST text} of the API reference."""
    toc = "\n".join(f"   {module}" for module, _ in API)
    rows = "\n".join(f"   * - :doc:`{module}`\n     - {about}" for module, about in API)
    pages = {"api/index.rst": (
        "API reference\n=============\n\n"
        "Generated from the docstrings of ``nnlib``: each function states its formula in the\n"
        "course's notation and the shapes it expects. Rows are samples: ``X`` has shape\n"
        "``(N, D)``, a layer computes ``Z = X W + b`` and ``A = f(Z)``.\n\n"
        f".. list-table::\n   :header-rows: 1\n\n   * - module\n     - what it holds\n{rows}\n\n"
        f".. toctree::\n   :hidden:\n\n{toc}\n")}
    for module, about in API:
        options = "   :imported-members:\n" if module in REEXPORTS else ""
        if module == "nnlib":
            options += "   :no-members:\n"
        text = (f"{module}\n{'=' * len(module)}\n\n*{about}*\n\n"
                f".. automodule:: {module}\n{options}")
        if module == "nnlib":
            text += ("\nThe names it re-exports are documented on their modules' pages: "
                     + ", ".join(f":doc:`{m}`" for m, _ in API[1:8]) + ".\n")
        if module == "nnlib.activations":
            text += "\n" + activation_table() + "\n"
        pages[f"api/{module}.rst"] = text
    return pages


def write_if_changed(path, text):
    """Write only a changed file, so Sphinx does not re-read an unchanged page."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if not path.exists() or path.read_text(encoding="utf-8") != text:
        path.write_text(text, encoding="utf-8")


def stage(src, root=ROOT):
    """Fill ``src`` with the site's pages (and remove what is no longer one)."""
    src.mkdir(parents=True, exist_ok=True)
    wanted = {"index.md": landing(root), **api_pages()}
    for rel, text in wanted.items():
        write_if_changed(src / rel, text)
    for path in lessons(root):
        target = src / path.name
        if not target.exists() or target.read_bytes() != path.read_bytes():
            shutil.copy2(path, target)
        wanted[path.name] = None
    for path in list(src.rglob("*")):        # a lesson renamed or removed since last time
        if path.is_file() and path.relative_to(src).as_posix() not in wanted:
            path.unlink()


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=pathlib.Path, default=ROOT / "_build" / "site",
                    help="build folder (pages in OUT/src, the site in OUT/html)")
    ap.add_argument("--fresh", action="store_true",
                    help="ignore Sphinx's saved state (lessons still come from the cache)")
    args = ap.parse_args(argv)
    out = args.out.resolve()
    stage(out / "src")
    env = dict(os.environ, NNLIB_SITE_BUILD=str(out))
    cmd = [sys.executable, "-m", "sphinx", "-b", "html", "-c", str(HERE), "-q",
           "--keep-going", "-W", str(out / "src"), str(out / "html")]
    if args.fresh:
        cmd.insert(3, "-E")
    done = subprocess.run(cmd, env=env)
    if done.returncode == 0:
        print(f"site built in {out / 'html'}; to read it: "
              f"python3 -m http.server -d {out / 'html'}  and open http://localhost:8000")
    return done.returncode


if __name__ == "__main__":
    sys.exit(main())
