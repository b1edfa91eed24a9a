"""The smallest widget: the environment check of lesson 00."""

from __future__ import annotations

import platform


def versions():
    """Versions of Python and the libraries the workbook uses, as a dict."""
    from importlib.metadata import PackageNotFoundError, version

    found = {"python": platform.python_version()}
    for name in ("nnlib", "numpy", "matplotlib", "ipywidgets", "ipympl", "jupyterlab",
                 "sympy", "scikit-learn", "torch"):
        try:
            found[name] = version(name)
        except PackageNotFoundError:
            found[name] = "not installed"
    return found


def environment_check():
    """A slider that squares its value live: if it moves, widgets work.

    Returns a VBox with ``.slider`` and ``.label`` attributes (for tests).
    """
    import ipywidgets as w

    slider = w.FloatSlider(value=2.0, min=-3, max=3, step=0.1, description="z")
    label = w.HTML()

    def show(change=None):
        z = slider.value
        label.value = f"z = {z:.1f} &nbsp;→&nbsp; z² = <b>{z * z:.2f}</b>"

    slider.observe(show, names="value")
    show()
    box = w.VBox([w.HTML("Move the slider: the line below should change at once."),
                  slider, label])
    box.slider, box.label = slider, label
    return box
