"""Binder badges, built from the one place that holds the
repository's public address: ``[project.urls] Repository`` in pyproject.toml.

Every notebook gets one badge line right after its title (first markdown
cell) that opens *that* notebook on Binder in JupyterLab
(``urlpath=lab/tree/<path>``).  There is no Colab badge: Colab has neither
nnlib nor ipympl's widget manager, so the lessons would not run there.
The README gets one between the markers ``<!-- badges -->`` and
``<!-- /badges -->`` that opens the lab at the welcome notebook.

    python tools/badges.py           # write the badges
    python tools/badges.py --check   # exit 1 if any is missing or stale
"""

from __future__ import annotations

import argparse
import pathlib
import re
import sys
from urllib.parse import quote

import nbformat

ROOT = pathlib.Path(__file__).resolve().parent.parent
BADGE_PREFIX = "[![Binder]"
README_BLOCK = re.compile(r"<!-- badges -->.*?<!-- /badges -->", re.S)


def repository(root=ROOT):
    """(owner/name, branch) from the repository URL in pyproject.toml."""
    text = (root / "pyproject.toml").read_text(encoding="utf-8")
    found = re.search(r'^Repository\s*=\s*"([^"]+)"', text, re.M)   # [project.urls]
    url = found.group(1) if found else ""
    match = re.fullmatch(r"https://github\.com/([^/]+/[^/]+?)/?", url)
    if not match:
        raise ValueError(f"pyproject.toml [project.urls] Repository must be a GitHub URL, "
                         f"got {url!r}")
    return match.group(1), "main"


def badge_line(relpath, root=ROOT):
    """The markdown badge line for a notebook at ``relpath`` (from the repo root)."""
    repo, branch = repository(root)
    binder = (f"https://mybinder.org/v2/gh/{repo}/{branch}"
              f"?urlpath={quote('lab/tree/' + relpath, safe='')}")
    return f"{BADGE_PREFIX}(https://mybinder.org/badge_logo.svg)]({binder})"


def with_badge(source, line):
    """Markdown ``source`` with its badge line replaced by, or added as, ``line``
    (right after the title line)."""
    lines = [x for x in source.split("\n") if not x.startswith(BADGE_PREFIX)]
    return "\n".join(lines[:1] + [line] + lines[1:])


def set_badge(nb, relpath, root=ROOT):
    """Put the badge for ``relpath`` into the notebook's first cell (in place)."""
    first = nb.cells[0]
    if first.cell_type != "markdown":
        raise ValueError(f"{relpath}: the first cell must be the markdown title")
    first.source = with_badge(first.source, badge_line(relpath, root))
    return nb


def notebooks(root=ROOT):
    return sorted(p for p in (root / "notebooks").rglob("*.ipynb")
                  if ".ipynb_checkpoints" not in p.parts)


def readme_text(text, root=ROOT):
    line = badge_line("notebooks/00_welcome.ipynb", root)
    return README_BLOCK.sub(f"<!-- badges -->\n{line}\n<!-- /badges -->", text)


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--check", action="store_true", help="only report missing or stale badges")
    ap.add_argument("--root", type=pathlib.Path, default=ROOT)
    args = ap.parse_args(argv)
    stale = []
    for path in notebooks(args.root):
        rel = path.relative_to(args.root).as_posix()
        old = path.read_text(encoding="utf-8")
        new = nbformat.writes(set_badge(nbformat.reads(old, as_version=4), rel, args.root)) + "\n"
        if new != old:
            stale.append(path)
            if not args.check:
                path.write_text(new, encoding="utf-8")
    readme = args.root / "README.md"
    text = readme.read_text(encoding="utf-8")
    if readme_text(text, args.root) != text:
        stale.append(readme)
        if not args.check:
            readme.write_text(readme_text(text, args.root), encoding="utf-8")
    for path in stale:
        print(("missing or stale badge: " if args.check else "wrote badge: ") + str(path))
    return 1 if args.check and stale else 0


if __name__ == "__main__":
    sys.exit(main())
