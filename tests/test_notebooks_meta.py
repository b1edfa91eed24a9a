"""Notebooks as files: committed without outputs, student twins in sync with
the worked solutions, every lesson numbered and following the template."""

import json
import pathlib
import subprocess
import sys

import pytest

ROOT = pathlib.Path(__file__).resolve().parent.parent
NOTEBOOKS = sorted(p for p in (ROOT / "notebooks").rglob("*.ipynb")
                   if ".ipynb_checkpoints" not in p.parts)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_has_no_outputs(path):
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    dirty = [i for i, c in enumerate(cells) if c.get("outputs") or c.get("execution_count")]
    assert not dirty, f"{path.name}: cells {dirty} hold outputs; run `make strip`"


def test_student_notebooks_match_solutions():
    result = subprocess.run([sys.executable, str(ROOT / "tools" / "sync_solutions.py"),
                             "--check"], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("path", [p for p in NOTEBOOKS if p.parent.name == "notebooks"],
                         ids=lambda p: p.name)
def test_lesson_is_numbered_and_titled(path):
    assert path.name[:2].isdigit() and path.name[2] == "_", path.name
    first = json.loads(path.read_text(encoding="utf-8"))["cells"][0]
    assert first["cell_type"] == "markdown"
    assert "".join(first["source"]).startswith(f"# {path.name[:2]} ·"), \
        "the first cell starts with '# NN · Title'"


def test_sync_tool_makes_stubs(tmp_path):
    sys.path.insert(0, str(ROOT / "tools"))
    from sync_solutions import student_source

    src = ("def f(z):\n    ### BEGIN SOLUTION\n    return z * 2\n    ### END SOLUTION\n"
           "    ### STUB return np.zeros_like(z)\ncheck(f, strict=True)")
    out = student_source(src)
    assert "z * 2" not in out and "# YOUR CODE HERE" in out
    assert "return np.zeros_like(z)" in out and "strict" not in out
    with pytest.raises(ValueError):
        student_source("### BEGIN SOLUTION\nx = 1")
