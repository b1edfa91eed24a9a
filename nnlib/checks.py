"""Exercise self-checks, by name: ``checks.stable_sigmoid(my_sigmoid)``.

A thin facade: each check lives with its lesson in ``nnlib.lessons.lNN_*``
and is named once, in that module's ``__all__``.  This module collects those
names from ``lessons.MODULES`` (in teaching order), so a new check needs no
edit here.  In a student notebook a check prints a verdict and never raises;
with ``strict=True`` (solution notebooks, tests) a wrong answer raises
AssertionError.  The returned ``Verdict`` is truthy when the answer is right.
"""

from .lessons import Verdict, claim, compare, lesson_modules, verdict


def _lesson_checks():
    """{check name: function} from every lesson module's ``__all__``; a name
    claimed by two lessons is an error (one home per check)."""
    found, home = {}, {}
    for module in lesson_modules():
        for name in module.__all__:
            if name in found:
                raise ImportError(f"check {name!r} is defined by both {home[name]} and "
                                  f"{module.__name__}; give one of them another name")
            found[name], home[name] = getattr(module, name), module.__name__
    return found


globals().update(_lesson_checks())

__all__ = ["Verdict", "claim", "compare", "verdict", *_lesson_checks()]
