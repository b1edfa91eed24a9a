"""Turn the worked solutions into an nbgrader course: one assignment per lesson.

Each notebook in notebooks/solutions/ becomes the nbgrader *source* notebook
``<course>/source/<lesson>/<lesson>.ipynb``, marked up the way nbgrader reads it:

- a cell with a ``### BEGIN SOLUTION`` / ``### END SOLUTION`` region is a
  solution cell (``solution: true``, editable); in the release that region
  becomes the workbook's own stub (the ``### STUB`` line, exactly as in the
  student notebook, see tools/sync_solutions.py and tools/nbgrader_stubs.py),
  so the release runs top to bottom before anything is solved;
- a cell that calls an exercise check with ``strict=True`` is an autograded
  test cell (``grade: true``), worth POINTS_PER_CHECK points per check.
  Students see the cell of their own notebook: the check prints its verdict
  and never raises.  A hidden test (nbgrader's ``### BEGIN HIDDEN TESTS``,
  removed from the release, put back when grading) runs the check again with
  ``strict=True``, so a wrong answer fails in the grading run;
- every other cell is locked (read-only, and restored from the source when
  grading, so an edited set-up cell cannot change a grade).

Points: 1 per check, so a lesson's maximum is its number of checks.

    python tools/assignments.py                    # all lessons -> _build/course
    python tools/assignments.py --course DIR 03 10 # some lessons, another course dir
    python tools/assignments.py --no-generate      # only write source/ and the config

Without --no-generate it then runs ``nbgrader generate_assignment`` (nbgrader
must be importable by this Python: ``make assignments`` uses .venv-teach).
The release lands in ``<course>/release/<lesson>/<lesson>.ipynb``.
"""

from __future__ import annotations

import argparse
import json
import os
import pathlib
import re
import subprocess
import sys

import nbformat
from badges import set_badge
from sync_solutions import BEGIN, END, student_source

ROOT = pathlib.Path(__file__).resolve().parent.parent
COURSE = ROOT / "_build" / "course"
POINTS_PER_CHECK = 1
CHECK_CALL = re.compile(r"checks\.(?P<check>\w+)\((?P<args>[^\n]*?),\s*strict=True\)")
HIDDEN = ("### BEGIN HIDDEN TESTS", "### END HIDDEN TESTS")

CONFIG = '''\
"""nbgrader configuration of the nnlib-workbook course (written by tools/assignments.py)."""
import sys

sys.path.insert(0, {tools!r})   # tools/nbgrader_stubs.py: the workbook's own stubs

c = get_config()  # noqa: F821 (nbgrader defines it)
c.CourseDirectory.course_id = "nnlib-workbook"   # root: the directory nbgrader runs in
# The release gets the stub written below each solution (### STUB ...), not
# nbgrader's `raise NotImplementedError()`, so Run All works before solving.
from nbgrader.converters import GenerateAssignment  # noqa: E402
from nbgrader.preprocessors import ClearSolutions  # noqa: E402
from nbgrader_stubs import WorkbookStubs  # noqa: E402

c.GenerateAssignment.preprocessors = [
    WorkbookStubs if p is ClearSolutions else p
    for p in GenerateAssignment.class_traits()["preprocessors"].default()]
# Lessons train networks; a cell may take longer than nbgrader's default 30 s.
c.Execute.timeout = 600
'''


def _meta(kind, grade_id, points=0):
    """nbgrader cell metadata (schema 3) for a 'solution', 'test' or 'locked' cell."""
    meta = {"grade": kind == "test", "grade_id": grade_id, "locked": kind != "solution",
            "schema_version": 3, "solution": kind == "solution"}
    if kind == "test":
        meta["points"] = points
    return meta


def test_source(source, lesson, index):
    """A check cell's source as an autograded test: (source, check names).

    What students see is their notebook's cell: each check without strict=True,
    printing its verdict.  A hidden test (removed from the release, put back
    for grading) calls each check again with strict=True and its print muted,
    so a wrong answer raises AssertionError with the check's message."""
    calls = CHECK_CALL.findall(source)
    if not calls or len(calls) != source.count("strict=True"):
        raise ValueError(f"{lesson} cell {index}: expected each strict=True in a "
                         f"`checks.NAME(..., strict=True)` call on one line, got:\n{source}")
    hidden = [HIDDEN[0], "import contextlib, io",
              "with contextlib.redirect_stdout(io.StringIO()):   # printed above already",
              *(f"    checks.{check}({args}, strict=True)" for check, args in calls), HIDDEN[1]]
    return student_source(source) + "\n" + "\n".join(hidden), [check for check, _ in calls]


def _unique(grade_id, taken):
    base, n = grade_id, 2
    while grade_id in taken:
        grade_id, n = f"{base}_{n}", n + 1
    taken.add(grade_id)
    return grade_id


def source_notebook(solution, root=ROOT):
    """The nbgrader source notebook of one solution notebook: (notebook, points).

    Raises ValueError when a solution region is not closed, sits in a cell
    that is not code, or a lesson has an exercise without a check below it."""
    lesson = solution.stem
    nb = nbformat.read(solution, as_version=4)
    set_badge(nb, f"notebooks/{solution.name}", root)   # the student's badge, not solutions/
    taken, points, open_exercise = set(), 0, None
    for index, cell in enumerate(nb.cells):
        cell.metadata.pop("nbgrader", None)
        lines = [line.strip() for line in cell.source.split("\n")]
        if BEGIN in lines:
            if cell.cell_type != "code" or lines.count(BEGIN) != lines.count(END):
                raise ValueError(f"{lesson} cell {index}: unbalanced or non-code solution region")
            if open_exercise is not None:
                raise ValueError(f"{lesson} cell {open_exercise}: exercise without a check")
            open_exercise = index
            meta = _meta("solution", _unique(f"answer_{index:02d}", taken))
        elif cell.cell_type == "code" and "strict=True" in cell.source:
            cell.source, checks = test_source(cell.source, lesson, index)
            worth = POINTS_PER_CHECK * len(checks)
            meta = _meta("test", _unique(f"check_{checks[0]}", taken), worth)
            points += worth
            open_exercise = None
        else:
            meta = _meta("locked", _unique(f"{cell.cell_type}_{index:02d}", taken))
        cell.metadata["nbgrader"] = meta
    if open_exercise is not None:
        raise ValueError(f"{lesson} cell {open_exercise}: exercise without a check")
    return nb, points


def write_course(course, solutions):
    """Write source/<lesson>/<lesson>.ipynb for each solution notebook and the
    nbgrader_config.py; returns {lesson: maximum points}."""
    course.mkdir(parents=True, exist_ok=True)
    (course / "nbgrader_config.py").write_text(
        CONFIG.format(tools=str(ROOT / "tools")), encoding="utf-8")
    maxima = {}
    for solution in solutions:
        nb, maxima[solution.stem] = source_notebook(solution)
        folder = course / "source" / solution.stem
        folder.mkdir(parents=True, exist_ok=True)
        nbformat.write(nb, folder / solution.name)
    (course / "points.json").write_text(json.dumps(maxima, indent=1) + "\n", encoding="utf-8")
    return maxima


def nbgrader(course, *args):
    """Run one nbgrader command in the course directory (raises on failure)."""
    bin_dir = str(pathlib.Path(sys.executable).parent)    # nbgrader calls `alembic` by name
    env = {**os.environ, "PATH": bin_dir + os.pathsep + os.environ.get("PATH", "")}
    cmd = [sys.executable, "-m", "nbgrader", *args]
    done = subprocess.run(cmd, cwd=course, capture_output=True, text=True, env=env)
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(args)} failed:\n{done.stdout}{done.stderr}")
    return done


def check_release(release, solution):
    """Raise RuntimeError unless every solution cell of the release notebook is
    the workbook's stub (nbgrader ignores a config file it cannot load, and
    would then write its own `raise NotImplementedError()`), and no solution,
    hidden test or strict check is left in it."""
    got = nbformat.read(release, as_version=4).cells
    want = nbformat.read(solution, as_version=4).cells
    if len(got) != len(want):
        raise RuntimeError(f"{release}: {len(got)} cells, the solution has {len(want)}")
    for index, (cell, master) in enumerate(zip(got, want)):
        if cell.metadata["nbgrader"]["solution"] and cell.source != student_source(master.source):
            raise RuntimeError(f"{release} cell {index} is not the workbook's stub:\n"
                               f"{cell.source}")
        for leak in (BEGIN, END, "### STUB", "HIDDEN TESTS", "strict=True"):
            if leak in cell.source:
                raise RuntimeError(f"{release} cell {index} still holds {leak!r}")


def lessons(numbers, solutions_dir=ROOT / "notebooks" / "solutions"):
    """The solution notebooks, all or those whose name starts with one of ``numbers``."""
    found = sorted(solutions_dir.glob("*.ipynb"))
    chosen = [p for p in found if not numbers or p.name[:2] in numbers]
    missing = set(numbers) - {p.name[:2] for p in chosen}
    if missing:
        raise SystemExit(f"no solution notebook for lesson(s) {sorted(missing)}; "
                         f"there are {[p.name[:2] for p in found]}")
    return chosen


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("numbers", nargs="*", help="lesson numbers, e.g. 03 10 (default: all)")
    ap.add_argument("--course", type=pathlib.Path, default=COURSE)
    ap.add_argument("--no-generate", action="store_true", help="skip generate_assignment")
    args = ap.parse_args(argv)
    course = args.course.resolve()
    chosen = lessons(args.numbers)
    maxima = write_course(course, chosen)
    if not args.no_generate:        # one nbgrader process for all (its start-up takes seconds)
        every = len(chosen) == len(lessons([]))
        for lesson in ["*"] if every else [s.stem for s in chosen]:
            nbgrader(course, "generate_assignment", lesson, "--force")
    for solution in chosen:
        lesson, points = solution.stem, maxima[solution.stem]
        if not args.no_generate:
            check_release(course / "release" / lesson / solution.name, solution)
        print(f"{lesson}: {points} point(s)"
              + ("" if args.no_generate else f" -> {course / 'release' / lesson}"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
