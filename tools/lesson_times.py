"""How long each lesson takes: measured run time and an estimate of class time.

For every student notebook in notebooks/ it prints one markdown table row:
the time the lesson's title cell states for self-study, its number of
sections (``## `` headings) and graded exercises (checks with strict=True in
its solutions twin), the measured wall time of running it top to bottom in a
fresh kernel (nbclient, headless, as nbgrader's autograder does), and an
ESTIMATE of class time:

    class minutes = 3 per section + 5 per exercise, rounded up to 5

(3 minutes to present and discuss a section, 5 for students to write an
exercise and read its verdict; a rule of thumb, not a measurement).

    python tools/lesson_times.py            # every lesson
    python tools/lesson_times.py 03 10      # some lessons
"""

from __future__ import annotations

import argparse
import math
import pathlib
import re
import sys
import time

import nbformat
from nbclient import NotebookClient

ROOT = pathlib.Path(__file__).resolve().parent.parent
NOTEBOOKS = ROOT / "notebooks"
PER_SECTION, PER_EXERCISE = 3, 5


def stated_minutes(nb):
    """The 'About N minutes' of the title cell, or None."""
    found = re.search(r"About (\d+) minutes", nb.cells[0].source)
    return int(found.group(1)) if found else None


def sections(nb):
    return sum(line.startswith("## ") for c in nb.cells if c.cell_type == "markdown"
               for line in c.source.split("\n"))


def exercises(path):
    twin = NOTEBOOKS / "solutions" / path.name
    if not twin.exists():
        return 0
    cells = nbformat.read(twin, as_version=4).cells
    return sum(c.cell_type == "code" and "strict=True" in c.source for c in cells)


def class_estimate(n_sections, n_exercises):
    """Minutes: PER_SECTION per section + PER_EXERCISE per exercise, up to a multiple of 5."""
    return 5 * math.ceil((PER_SECTION * n_sections + PER_EXERCISE * n_exercises) / 5)


def run_seconds(path, timeout=600):
    """Wall time of executing the notebook in a fresh kernel, in its own folder."""
    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(nb, timeout=timeout, kernel_name="python3",
                            resources={"metadata": {"path": str(path.parent)}})
    start = time.perf_counter()
    client.execute()
    return time.perf_counter() - start


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("numbers", nargs="*", help="lesson numbers, e.g. 03 10 (default: all)")
    args = ap.parse_args(argv)
    paths = [p for p in sorted(NOTEBOOKS.glob("[0-9][0-9]_*.ipynb"))
             if not args.numbers or p.name[:2] in args.numbers]
    print("| lesson | stated (self-study) | sections | exercises | run time | "
          "class estimate |")
    print("|---|---|---|---|---|---|")
    for path in paths:
        nb = nbformat.read(path, as_version=4)
        n_sec, n_ex = sections(nb), exercises(path)
        stated = stated_minutes(nb)
        print(f"| {path.stem} | {stated if stated else '?'} min | {n_sec} | {n_ex} | "
              f"{run_seconds(path):.0f} s | ~{class_estimate(n_sec, n_ex)} min |", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
