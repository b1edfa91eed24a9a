"""nbgrader preprocessor: a solution region becomes the workbook's own stub.

nbgrader's ClearSolutions replaces every ``### BEGIN SOLUTION`` ...
``### END SOLUTION`` region with one fixed text (``raise
NotImplementedError()``), which would stop Run All at the first exercise and
leave later cells without the names they use.  The workbook writes a stub for
each region (``### STUB return np.zeros_like(z)``); this subclass uses
tools/sync_solutions.py's ``student_source``, so a release cell is exactly the
student notebook's cell.  Cells without a region are left to ClearSolutions.

Loaded by the nbgrader_config.py that tools/assignments.py writes; imports
nbgrader, so it runs only in .venv-teach.
"""

from __future__ import annotations

from nbgrader.preprocessors import ClearSolutions
from sync_solutions import BEGIN, student_source


class WorkbookStubs(ClearSolutions):
    """ClearSolutions with per-region stubs taken from ``### STUB`` lines."""

    def _replace_solution_region(self, cell, language):
        if cell.cell_type != "code" or BEGIN not in cell.source:
            return super()._replace_solution_region(cell, language)
        cell.source = student_source(cell.source)
        return True
