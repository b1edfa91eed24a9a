"""Shared test set-up: tools that a user's machine may lack.

On a user's machine a test whose tool is missing (Chromium, repo2docker) is
skipped with a one-line reason; in CI (CI=true) it fails instead, so CI can
never silently skip it.
"""

import os

import pytest


def require(available, reason):
    """Skip (or, in CI, fail) when a needed tool is not available."""
    if available:
        return
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"{reason} (CI=true: this test must run in CI)")
    pytest.skip(reason)


@pytest.fixture(autouse=True)
def _close_figures():
    """Widgets open figures; close them after each test (keeps memory flat)."""
    yield
    import sys

    plt = sys.modules.get("matplotlib.pyplot")
    if plt is not None:
        plt.close("all")
