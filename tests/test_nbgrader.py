"""The teachers' kit end to end: nbgrader generates the release of every lesson
from the worked solutions, autogrades three students and the gradebook agrees.

- "solved" hands in the release with every solution cell filled from
  notebooks/solutions/ (what a perfect student types): full marks;
- "stub" hands in the release unchanged: zero marks;
- "partial" hands in lesson 03 only, with a softmax that skips the max trick
  (the typical mistake) and a correct gradient: exactly one of two points.

Scores are read from nbgrader's own CSV export and compared with the number of
checks counted here, independently of tools/assignments.py, in the solution
notebooks (1 point per check, the rule in docs/teachers.md).

nbgrader runs in .venv-teach (``make teach-setup``): skipped without it, a
failure in CI.  All lessons, one nbgrader process per student; the three run
in parallel in copies of one course directory (each copy has its own
gradebook, so no two processes write one SQLite file).  On the 2-core
development machine, busy with other work, it took 3.1 to 4.0 minutes (about
2.8 minutes of CPU), most of it running the 13 lessons for two students.
"""

from __future__ import annotations

import csv
import os
import pathlib
import shutil
import subprocess

import nbformat
import pytest

from conftest import require

pytestmark = pytest.mark.teach

ROOT = pathlib.Path(__file__).resolve().parent.parent
TEACH = ROOT / ".venv-teach" / "bin"
SOLUTIONS = ROOT / "notebooks" / "solutions"
MARKERS = ("### BEGIN SOLUTION", "### END SOLUTION", "### STUB")
NAIVE_SOFTMAX = ("def my_softmax(Z):\n    E = np.exp(Z)                      # no max trick\n"
                 "    return E / E.sum(axis=-1, keepdims=True)")


def env():
    """nbgrader's environment: .venv-teach first on PATH (nbgrader calls
    `alembic` by name); no NNLIB_STRICT_CLAIMS, as in a classroom."""
    out = {k: v for k, v in os.environ.items() if k != "NNLIB_STRICT_CLAIMS"}
    out["PATH"] = f"{TEACH}{os.pathsep}{out.get('PATH', '')}"
    return out


def nbgrader(course, *args):
    return subprocess.Popen([str(TEACH / "python"), "-m", "nbgrader", *args], cwd=course,
                            env=env(), stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                            text=True)


def finish(proc, what, timeout=1500):
    out, _ = proc.communicate(timeout=timeout)
    assert proc.returncode == 0, f"{what} failed:\n{out[-4000:]}"
    return out


def points_by_hand(solution):
    """1 point per exercise check: the calls of a check with strict=True."""
    cells = nbformat.read(solution, as_version=4).cells
    return sum(c.source.count("strict=True") for c in cells if c.cell_type == "code")


def answer(source):
    """A solution cell's source as a student would type it: no markers."""
    return "\n".join(x for x in source.split("\n") if not x.strip().startswith(MARKERS))


def hand_in(course, student, release, fill):
    """Copy a release notebook into submitted/<student>/, its solution cells
    replaced by fill(release cell, solution cell) where that is not None."""
    nb = nbformat.read(release, as_version=4)
    master = nbformat.read(SOLUTIONS / release.name, as_version=4)
    for cell, solution in zip(nb.cells, master.cells):
        new = fill(cell, solution) if cell.metadata["nbgrader"]["solution"] else None
        if new is not None:
            cell.source = new
    folder = course / "submitted" / student / release.parent.name
    folder.mkdir(parents=True)
    nbformat.write(nb, folder / release.name)


def scores(course):
    """{(lesson, student): (score, max_score)} from `nbgrader export` (CSV)."""
    with open(course / "grades.csv", newline="") as f:
        return {(r["assignment"], r["student_id"]): (float(r["score"]), float(r["max_score"]))
                for r in csv.DictReader(f)}


@pytest.fixture(scope="module")
def course(tmp_path_factory):
    """Generate every lesson's release once, then autograde three students in
    three copies of the course (in parallel); returns {student: course dir}."""
    require((TEACH / "nbgrader").exists(), "nbgrader is not installed in .venv-teach "
            "(make teach-setup)")
    base = tmp_path_factory.mktemp("course") / "course"
    made = subprocess.run([str(TEACH / "python"), str(ROOT / "tools" / "assignments.py"),
                           "--course", str(base)], env=env(), capture_output=True, text=True,
                          timeout=900)
    assert made.returncode == 0, made.stdout + made.stderr
    releases = sorted(base.glob("release/*/*.ipynb"))
    dirs = {}
    for student in ("solved", "stub", "partial"):
        dirs[student] = base.with_name(student)
        shutil.copytree(base, dirs[student])
    for release in releases:
        hand_in(dirs["solved"], "solved", release, lambda cell, sol: answer(sol.source))
        hand_in(dirs["stub"], "stub", release, lambda cell, sol: None)
    partial = next(r for r in releases if r.name.startswith("03_"))
    hand_in(dirs["partial"], "partial", partial, lambda cell, sol: (
        NAIVE_SOFTMAX if "def my_softmax" in sol.source else answer(sol.source)))
    running = {s: nbgrader(d, "autograde", "*") for s, d in dirs.items()}
    for student, proc in running.items():
        finish(proc, f"autograde of {student}")
        finish(nbgrader(dirs[student], "export"), f"export for {student}")
    return dirs


def lessons():
    return sorted(SOLUTIONS.glob("*.ipynb"))


def test_every_lesson_with_exercises_is_an_assignment(course):
    released = sorted(p.name for p in course["stub"].glob("release/*/*.ipynb"))
    assert released == [p.name for p in lessons()]
    assert all(points_by_hand(p) > 0 for p in lessons())


@pytest.mark.parametrize("solution", lessons(), ids=lambda p: p.stem[:2])
def test_solutions_get_full_marks_and_stubs_zero(course, solution):
    lesson, maximum = solution.stem, float(points_by_hand(solution))
    assert scores(course["solved"])[lesson, "solved"] == (maximum, maximum)
    assert scores(course["stub"])[lesson, "stub"] == (0.0, maximum)


def test_one_wrong_answer_loses_exactly_its_point(course):
    assert scores(course["partial"])["03_softmax", "partial"] == (1.0, 2.0)


@pytest.mark.parametrize("solution", lessons(), ids=lambda p: p.stem[:2])
def test_release_is_the_student_notebook(course, solution):
    """Every release cell is the student twin's cell (tools/sync_solutions.py);
    only the exercises are editable, and every check cell is graded."""
    release = course["stub"] / "release" / solution.stem / solution.name
    got = nbformat.read(release, as_version=4).cells
    want = nbformat.read(ROOT / "notebooks" / solution.name, as_version=4).cells
    master = nbformat.read(solution, as_version=4).cells
    assert [c.source for c in got] == [c.source for c in want]
    for cell, worked in zip(got, master):
        meta = cell.metadata["nbgrader"]
        assert meta["locked"] != meta["solution"]
        assert cell.metadata.get("editable", True) == meta["solution"]
        assert meta.get("points", 0) == worked.source.count("strict=True")


@pytest.mark.parametrize("student", ["solved", "stub"])
def test_graded_notebooks_run_top_to_bottom(course, student):
    """Only a failed check (a grade cell) may raise: the rest of a stub
    notebook runs as the student's own would, and nothing raises when solved."""
    for notebook in sorted(course[student].glob(f"autograded/{student}/*/*.ipynb")):
        for k, cell in enumerate(nbformat.read(notebook, as_version=4).cells):
            errors = [o for o in cell.get("outputs", []) if o.output_type == "error"]
            allowed = student == "stub" and cell.metadata["nbgrader"]["grade"]
            assert not errors or allowed, (notebook.name, k, errors[0].ename, errors[0].evalue)
