"""Interactive explorers for the lessons (ipywidgets + ipympl).

Importing ``nnlib`` never imports this package; importing it pulls in
ipywidgets and matplotlib.  Every builder returns the widget object, whose
controls tests can set (``w.controls["lr"].value = 0.1``) and whose figure
they can inspect.

Families (one module each): ``explorers`` (neuron, activation, softmax,
forward pass, ...), ``chain_rule`` (the stepper), ``playground``.
"""

from .basics import environment_check

__all__ = ["environment_check"]
