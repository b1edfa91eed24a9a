"""Every notebook and the README carry a Binder badge built from the one
repository URL in pyproject.toml, opening that very notebook."""

import json
import pathlib
import shutil
import subprocess
import sys
from urllib.parse import unquote

import pytest

ROOT = pathlib.Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))
import badges  # noqa: E402

NOTEBOOKS = badges.notebooks(ROOT)


def run_check(root):
    return subprocess.run([sys.executable, str(ROOT / "tools" / "badges.py"), "--check",
                           "--root", str(root)], capture_output=True, text=True)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_notebook_has_its_own_badge(path):
    first = "".join(json.loads(path.read_text())["cells"][0]["source"]).split("\n")
    repo, _ = badges.repository(ROOT)
    rel = path.relative_to(ROOT).as_posix()
    line = first[1]
    assert line.startswith("[![Binder]")
    assert f"mybinder.org/v2/gh/{repo}/main?urlpath=" in line
    assert f"lab/tree/{rel})" in unquote(line)                # opens this notebook in the lab
    assert "colab" not in line                                 # lessons need nnlib + ipympl


def test_the_url_comes_from_pyproject_only():
    url = badges.repository(ROOT)[0]
    text = (ROOT / "pyproject.toml").read_text()
    assert f'Repository = "https://github.com/{url}"' in text
    assert f"gh/{url}/main" in (ROOT / "README.md").read_text()


def test_check_passes_on_the_repo_and_fails_on_missing_or_wrong_badges(tmp_path):
    assert run_check(ROOT).returncode == 0
    copy = tmp_path / "repo"
    shutil.copytree(ROOT / "notebooks", copy / "notebooks")
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, copy / name)
    assert run_check(copy).returncode == 0
    target = copy / "notebooks" / "01_perceptron_to_layers.ipynb"
    nb = json.loads(target.read_text())
    first = "".join(nb["cells"][0]["source"])
    wrong = first.replace("01_perceptron_to_layers", "02_activations")
    nb["cells"][0]["source"] = wrong
    target.write_text(json.dumps(nb))
    result = run_check(copy)
    assert result.returncode == 1 and "01_perceptron_to_layers" in result.stdout
    nb["cells"][0]["source"] = "\n".join(x for x in first.split("\n")
                                         if not x.startswith("[![Binder]"))
    target.write_text(json.dumps(nb))
    assert run_check(copy).returncode == 1
    subprocess.run([sys.executable, str(ROOT / "tools" / "badges.py"), "--root", str(copy)],
                   check=True, capture_output=True)
    assert run_check(copy).returncode == 0                      # the tool repairs it


def test_a_non_github_url_is_refused(tmp_path):
    (tmp_path / "pyproject.toml").write_text('[project.urls]\nRepository = "ftp://x/y"\n')
    with pytest.raises(ValueError, match="GitHub URL"):
        badges.repository(tmp_path)
