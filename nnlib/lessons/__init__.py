"""One module per notebook: ``lNN_topic.py`` holds lesson NN's computations
(the numbers its figures and explorers show) and its exercise checks, with
``LESSON = NN``.  Pure numpy: views live in ``nnlib.widgets`` and read their
numbers from here.

Where does lesson 13 go?  ``nnlib/lessons/l13_topic.py`` with ``LESSON = 13``
and an ``__all__`` of its checks; add it to ``MODULES`` below (``nnlib.checks``
collects the checks from there); its tests go to ``tests/test_lesson13.py``.

The check engine (``_engine``) and the claim helper (``_claims``) live here too.
"""

from importlib import import_module

from ._claims import Claim, ClaimError, claim
from ._engine import Verdict, compare, exercise_check, verdict

#: the lesson modules, in teaching order
MODULES = ("l01_perceptron", "l02_activations", "l03_softmax", "l04_forward_pass",
           "l05_losses", "l06_descent", "l07_chain_rule", "l08_modes", "l09_backprop",
           "l10_playground", "l11_regression", "l12_digits", "l13_autodiff_from_scratch",
           "l14_two_layer_by_hand")


def lesson_modules():
    """The lesson modules themselves (imported on demand), in teaching order."""
    return [import_module(f"{__name__}.{name}") for name in MODULES]


__all__ = ["Claim", "ClaimError", "claim", "Verdict", "compare", "exercise_check", "verdict",
           "MODULES", "lesson_modules"]
