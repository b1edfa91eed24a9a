"""tools/assignments.py without nbgrader: how a solution notebook is marked up
for nbgrader, and that it refuses what it cannot grade.  (The end-to-end run
with nbgrader itself is tests/test_nbgrader.py.)"""

import pathlib
import sys

import nbformat
import pytest

import nnlib

ROOT = pathlib.Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))
import assignments  # noqa: E402
from sync_solutions import student_source  # noqa: E402

SOLUTIONS = sorted((ROOT / "notebooks" / "solutions").glob("*.ipynb"))
HIDDEN = ("### BEGIN HIDDEN TESTS", "### END HIDDEN TESTS")


def notebook(tmp_path, *sources):
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell("# 99 · A test")] + [
        nbformat.v4.new_code_cell(s) for s in sources])
    path = tmp_path / "99_test.ipynb"
    nbformat.write(nb, path)
    return path


EXERCISE = "def f(z):\n    ### BEGIN SOLUTION\n    return 2 * z\n    ### END SOLUTION\n" \
           "    ### STUB return z"


@pytest.mark.parametrize("solution", SOLUTIONS, ids=lambda p: p.stem[:2])
def test_every_lesson_is_marked_up(solution):
    nb, points = assignments.source_notebook(solution)
    cells = nbformat.read(solution, as_version=4).cells
    n_checks = sum(c.source.count("strict=True") for c in cells if c.cell_type == "code")
    meta = [c.metadata["nbgrader"] for c in nb.cells]
    assert points == n_checks > 0
    assert sum(m.get("points", 0) for m in meta if m["grade"]) == n_checks
    assert sum(m["solution"] for m in meta) == sum("### BEGIN SOLUTION" in c.source
                                                   for c in cells)
    assert len({m["grade_id"] for m in meta}) == len(meta)          # nbgrader needs unique ids
    assert all(m["locked"] != m["solution"] for m in meta)
    assert "solutions" not in nb.cells[0].source                      # the student's badge


def test_a_check_is_shown_as_in_the_student_notebook_and_rerun_strictly_hidden():
    source, names = assignments.test_source(
        'ok["softmax"] = checks.two_layer_softmax(softmax, strict=True)\nprint(ok)', "14", 12)
    assert names == ["two_layer_softmax"]
    visible, hidden = source.split("\n" + HIDDEN[0] + "\n")
    assert visible == 'ok["softmax"] = checks.two_layer_softmax(softmax)\nprint(ok)'
    assert hidden.split("\n")[-2:] == ["    checks.two_layer_softmax(softmax, strict=True)",
                                        HIDDEN[1]]
    two, names = assignments.test_source("checks.a(f, strict=True)\nchecks.b(g, x, strict=True)",
                                         "99", 3)
    assert names == ["a", "b"] and two.count("strict=True") == 2


def test_a_muted_strict_check_raises_with_its_message_and_prints_nothing(capsys):
    from nnlib import checks
    source, _ = assignments.test_source("checks.stable_softmax(my_softmax, strict=True);",
                                        "03", 21)
    hidden = source.split(HIDDEN[0])[1].split(HIDDEN[1])[0]
    with pytest.raises(AssertionError, match="softmax"):
        exec(hidden, {"checks": checks, "my_softmax": lambda z: z})
    assert capsys.readouterr().out == ""
    exec(hidden, {"checks": checks, "my_softmax": nnlib.softmax})     # the right answer


@pytest.mark.parametrize("source", [
    "checks.momentum_step(step,\n    beta, strict=True)",       # its arguments span two lines
    "checks.gd_step(gd_step, strict=True) and f(strict=True)",  # strict=True outside a check
])
def test_a_check_it_cannot_grade_is_refused(source):
    with pytest.raises(ValueError, match="expected each strict=True"):
        assignments.test_source(source, "99", 3)


@pytest.mark.parametrize("sources, message", [
    ((EXERCISE,), "cell 1: exercise without a check"),
    ((EXERCISE, EXERCISE, "checks.f(f, strict=True)"), "cell 1: exercise without a check"),
    (("def f(z):\n    ### BEGIN SOLUTION\n    return z", "checks.f(f, strict=True)"),
     "unbalanced"),
])
def test_a_lesson_it_cannot_grade_is_refused(tmp_path, sources, message):
    with pytest.raises(ValueError, match=message):
        assignments.source_notebook(notebook(tmp_path, *sources))


def fake_release(tmp_path, solution, stub):
    """What generate_assignment writes, with ``stub(source)`` for solution cells."""
    nb, _ = assignments.source_notebook(solution)
    for cell in nb.cells:
        if cell.metadata["nbgrader"]["solution"]:
            cell.source = stub(cell.source)
        cell.source = cell.source.split("\n" + HIDDEN[0])[0]
    path = tmp_path / solution.name
    nbformat.write(nb, path)
    return path


def test_check_release_accepts_the_workbook_stub_and_refuses_nbgraders(tmp_path):
    solution = notebook(tmp_path, EXERCISE, "checks.f(f, strict=True)")
    (tmp_path / "release").mkdir()
    good = fake_release(tmp_path / "release", solution, student_source)
    assignments.check_release(good, solution)
    default = fake_release(tmp_path / "release", solution, lambda s: student_source(s).replace(
        "    return z", "    raise NotImplementedError()"))       # nbgrader's own stub
    with pytest.raises(RuntimeError, match="not the workbook's stub"):
        assignments.check_release(default, solution)
