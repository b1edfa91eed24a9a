"""What the widgets show on the static course site (NNLIB_STATIC_SITE set by
docs/build.py): a PNG of their first frame and a "run this live" note, never
the live widget; outside the site build, the live widget as before."""

import pytest

from nnlib.widgets import _static
from nnlib.widgets.explorers import softmax_explorer
from nnlib.widgets.playground import Playground


@pytest.fixture
def shown(monkeypatch):
    """Everything passed to IPython's display, in order."""
    import IPython.display

    out = []
    monkeypatch.setattr(IPython.display, "display", lambda *objs, **kw: out.extend(objs))
    return out


def test_explorer_on_the_site_shows_a_picture_and_the_note(monkeypatch, shown):
    monkeypatch.setenv(_static.SITE_ENV, "1")
    app = softmax_explorer(logits=(2.0, 1.0, 0.1))
    app._ipython_display_()
    image, note = shown
    assert image.data[:8] == b"\x89PNG\r\n\x1a\n" and len(image.data) > 5000
    html = note.data
    assert f'href="{_static.LAB_LINK}"' in html and f'href="{_static.BINDER_LINK}"' in html
    assert "Run this live" in html and "0.66" in html     # the readout of that first frame


def test_outside_the_site_the_live_widget_is_shown(monkeypatch, shown):
    monkeypatch.delenv(_static.SITE_ENV, raising=False)
    app = softmax_explorer()
    app._ipython_display_()
    assert shown == [app.widget]
    monkeypatch.setenv(_static.SITE_ENV, "0")
    app._ipython_display_()
    assert shown == [app.widget, app.widget]


def test_playground_picture_lists_its_training_settings_only(monkeypatch, shown):
    monkeypatch.setenv(_static.SITE_ENV, "1")
    pg = Playground("moons", hidden=(4,), rng=0, n=60, resolution=16)
    pg._ipython_display_()
    image, note = shown
    assert image.data.startswith(b"\x89PNG")
    assert "lr = 0.03" in note.data and "file =" not in note.data and "value =" not in note.data


def test_settings_line_escapes_and_skips_text_fields():
    import ipywidgets as w

    line = _static.settings_line({"a": w.FloatSlider(value=0.5, description="<b>"),
                                  "t": w.Text(value="typed"), "go": w.Button()})
    assert line == "&lt;b&gt; = 0.5"


def test_a_bare_widget_gets_its_readout_and_the_note(shown):
    from nnlib.widgets.basics import environment_check

    _static.show_widget(environment_check())
    (note,) = shown                              # no picture: it has no figure
    assert "z² = <b>4.00</b>" in note.data and "z = 2" in note.data
    assert "Move the slider" not in note.data    # an instruction a static page cannot follow
