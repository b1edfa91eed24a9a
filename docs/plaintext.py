"""nnlib's docstrings are plain text, written to be read with help() or in the
source: formulas typed as ``L = 1/(N K) sum |y_pred - y|``, shapes and
examples in indented blocks.  reST would read ``|...|`` as a substitution,
``*`` as emphasis and an indented line as a block quote, and mangle them.

``as_rest(lines)`` turns such a docstring into reST that shows it as
written: every indented block (formula tables, shapes, examples) becomes a
literal block, kept with its alignment; in the prose, the characters reST
would act on are escaped, outside ````literal````, ``**bold**`` and ``*emphasis*``
spans;
bullet lists (``- item`` with its continuation lines) stay lists.  Connected to
autodoc's ``autodoc-process-docstring`` in docs/conf.py.
"""

from __future__ import annotations

import re

# kept as reST: ``code``, **bold** and *emphasis* of words (not "dA * f'(Z)")
LITERAL = re.compile(r"(``.+?``|\*\*\S(?:.*?\S)?\*\*"
                     r"|(?<![\w*])\*[A-Za-z][\w -]*?[A-Za-z]\*(?![\w*]))")
TRAILING_UNDERSCORE = re.compile(r"(?<=\w)_(?=\W|$)")


def escape_prose(line):
    """Escape |, * and a word's trailing _ outside ``literal``, **bold** and
    *emphasis* spans."""
    parts = LITERAL.split(line)
    for i in range(0, len(parts), 2):          # even parts are outside ``...``
        text = parts[i].replace("\\", "\\\\").replace("|", "\\|").replace("*", "\\*")
        parts[i] = TRAILING_UNDERSCORE.sub(r"\\_", text)
    return "".join(parts)


def _indent(line):
    return len(line) - len(line.lstrip())


def as_rest(lines):
    """The reST for a plain-text docstring given as lines (autodoc's dedented
    form); returns a new list."""
    out, i, in_list = [], 0, False
    while i < len(lines):
        line = lines[i]
        if line.lstrip().startswith(("- ", "* ")) and _indent(line) == 0:
            in_list = True
        elif not line.strip():
            in_list = False
        if in_list and _indent(line) == 2:          # a list item's continuation line
            out.append(escape_prose(line))
            i += 1
            continue
        if line.strip() and _indent(line) > 0:
            block = []
            while i < len(lines) and (not lines[i].strip() or _indent(lines[i]) > 0):
                block.append(lines[i])
                i += 1
            while block and not block[-1].strip():
                block.pop()
            language = "pycon" if block[0].lstrip().startswith(">>>") else "text"
            if out and out[-1].strip():
                out.append("")
            out += [f".. code-block:: {language}", ""] + block + [""]
            continue
        if line.lstrip().startswith(">>>"):          # an example at the left margin
            block = []
            while i < len(lines) and lines[i].strip():
                block.append("   " + lines[i])
                i += 1
            if out and out[-1].strip():
                out.append("")
            out += [".. code-block:: pycon", ""] + block + [""]
            continue
        out.append(escape_prose(line))
        i += 1
    return out


def process_docstring(app, what, name, obj, options, lines):
    """autodoc hook: rewrite ``lines`` in place."""
    lines[:] = as_rest(lines)
