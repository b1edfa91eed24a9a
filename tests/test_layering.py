"""Imports point down only: widgets -> checks -> lessons -> core, and inside
the core nothing imports plotting (matplotlib) but plotting itself."""

import ast
import pathlib

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[1] / "nnlib"
TIER = {"core": 0, "lessons": 1, "checks": 2, "widgets": 3}


def tier_of(module):
    """'nnlib.widgets.playground' -> 'widgets'; core modules -> 'core'."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 and parts[1] in TIER else "core"


def module_name(path):
    rel = path.relative_to(ROOT.parent).with_suffix("")
    parts = list(rel.parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports_of(path):
    """Absolute names of the nnlib modules a file imports."""
    name = module_name(path)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = ".".join(base[:len(base) - node.level + 1])
                target = f"{base}.{node.module}" if node.module else base
            else:
                target = node.module or ""
            targets = [target] + [f"{target}.{a.name}" for a in node.names]
        elif isinstance(node, ast.Import):
            targets = [a.name for a in node.names]
        else:
            continue
        yield from (t for t in targets if t.split(".")[0] == "nnlib")


FILES = sorted(ROOT.rglob("*.py"))


@pytest.mark.parametrize("path", FILES, ids=[module_name(p) for p in FILES])
def test_imports_point_down(path):
    me = module_name(path)
    for target in imports_of(path):
        if target.startswith("nnlib.") and (ROOT / target.split(".", 1)[1].replace(".", "/")
                                             ).with_suffix(".py").exists() is False and \
                not (ROOT / target.split(".", 1)[1].replace(".", "/")).is_dir():
            continue          # a name imported from a module, not a module
        assert TIER[tier_of(target)] <= TIER[tier_of(me)], f"{me} imports {target} (points up)"
        if tier_of(me) == "core" and me != "nnlib.plotting":
            assert target != "nnlib.plotting", f"{me} imports plotting (matplotlib) into the core"


def test_every_lesson_module_is_listed_in_teaching_order():
    """lessons.MODULES names one module per notebook, in order; a lesson may
    keep more modules (l10_model beside l10_playground), each with its LESSON."""
    import importlib

    from nnlib import lessons

    numbers = [int(name[1:3]) for name in lessons.MODULES]
    assert numbers == list(range(1, len(numbers) + 1))
    for path in (ROOT / "lessons").glob("l[0-9][0-9]_*.py"):
        module = importlib.import_module(f"nnlib.lessons.{path.stem}")
        assert module.LESSON == int(path.stem[1:3]), path.name
        assert module.LESSON in numbers, f"{path.name}: lesson {module.LESSON} is not listed"
