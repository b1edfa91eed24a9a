"""Make the student notebooks from the worked solutions (one source of truth).

Each notebook in notebooks/solutions/ is the master.  Its student twin in
notebooks/ is the same notebook with every exercise reduced to its stub:

    def sigmoid_prime(z):
        ### BEGIN SOLUTION
        s = sigmoid(z)
        return s * (1 - s)
        ### END SOLUTION
        ### STUB return np.zeros_like(z)

becomes, in the student notebook,

    def sigmoid_prime(z):
        # YOUR CODE HERE
        return np.zeros_like(z)

and every ``strict=True`` in a check call is dropped, so the student's checks
print a verdict instead of raising.  Lesson notebooks without a solutions
twin are left alone.

    python tools/sync_solutions.py           # rewrite the student notebooks
    python tools/sync_solutions.py --check   # exit 1 if any is out of date
"""

from __future__ import annotations

import argparse
import pathlib
import re
import sys

import nbformat
from badges import set_badge

ROOT = pathlib.Path(__file__).resolve().parent.parent / "notebooks"
BEGIN, END, STUB = "### BEGIN SOLUTION", "### END SOLUTION", "### STUB"
STRICT = re.compile(r",\s*strict=True(?=\s*\))")


def student_source(source):
    """The student version of one code cell's source."""
    out, inside = [], False
    for line in source.split("\n"):
        stripped = line.strip()
        indent = line[: len(line) - len(line.lstrip())]
        if stripped == BEGIN:
            inside = True
            out.append(f"{indent}# YOUR CODE HERE")
        elif stripped == END:
            inside = False
        elif stripped.startswith(STUB):
            out.append(indent + stripped[len(STUB):].strip())
        elif not inside:
            out.append(line)
    if inside:
        raise ValueError(f"{BEGIN} without {END} in:\n{source}")
    return STRICT.sub("", "\n".join(out))


def student_notebook(solution, root):
    """The student twin of a solution notebook, with its own Binder badge."""
    nb = nbformat.read(solution, as_version=4)
    for cell in nb.cells:
        if cell.cell_type == "code":
            cell.source = student_source(cell.source)
    return set_badge(nb, f"notebooks/{solution.name}", root)


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--check", action="store_true", help="only report stale notebooks")
    ap.add_argument("--root", type=pathlib.Path, default=ROOT)
    args = ap.parse_args(argv)
    stale = []
    for solution in sorted((args.root / "solutions").glob("*.ipynb")):
        target = args.root / solution.name
        text = nbformat.writes(student_notebook(solution, args.root.parent)) + "\n"
        if not target.exists() or target.read_text(encoding="utf-8") != text:
            stale.append(target)
            if not args.check:
                target.write_text(text, encoding="utf-8")
    for path in stale:
        print(("out of date: " if args.check else "wrote ") + str(path))
    return 1 if (args.check and stale) else 0


if __name__ == "__main__":
    sys.exit(main())
