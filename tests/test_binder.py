"""Binder configuration: exact pins that satisfy pyproject's bounds, Python
3.11, and a repo2docker dry run (no Docker) that accepts the configuration."""

import pathlib
import re
import subprocess
import sys

from packaging.requirements import Requirement

from conftest import require

ROOT = pathlib.Path(__file__).resolve().parent.parent
BINDER = ROOT / "binder"


def pyproject_dependencies():
    text = (ROOT / "pyproject.toml").read_text()
    block = re.search(r"^dependencies = \[(.*?)^\]", text, re.S | re.M).group(1)
    return [Requirement(s) for s in re.findall(r'"([^"]+)"', block)]


def pins():
    found = {}
    for line in (BINDER / "requirements.txt").read_text().splitlines():
        line = line.split("#")[0].strip()
        if line and not line.startswith("-e"):
            req = Requirement(line)
            spec = list(req.specifier)
            assert len(spec) == 1 and spec[0].operator == "==", f"not an exact pin: {line}"
            found[req.name.lower().replace("_", "-")] = spec[0].version
    return found


def test_every_runtime_dependency_is_pinned_within_pyproject_bounds():
    pinned = pins()
    for req in pyproject_dependencies():
        name = req.name.lower().replace("_", "-")
        assert name in pinned, f"{req.name} is a dependency but has no pin in binder/"
        assert req.specifier.contains(pinned[name]), \
            f"binder pins {name}=={pinned[name]}, outside pyproject's {req.specifier}"


def test_the_package_itself_and_python_version():
    assert "-e ." in (BINDER / "requirements.txt").read_text().splitlines()
    assert (BINDER / "runtime.txt").read_text().strip() == "python-3.11"


def test_repo2docker_dry_run_accepts_the_configuration():
    exe = pathlib.Path(sys.executable).parent / "jupyter-repo2docker"
    require(exe.exists(), "jupyter-repo2docker is not installed (pip install -e '.[binder]')")
    result = subprocess.run([str(exe), "--no-build", "--no-run", str(ROOT)],
                            capture_output=True, text=True, timeout=300)
    out = result.stdout + result.stderr
    assert result.returncode == 0, out[-2000:]
    assert "python=3.11" in out                                   # runtime.txt was read
    assert 'pip install --no-cache-dir -r "binder/requirements.txt"' in out
