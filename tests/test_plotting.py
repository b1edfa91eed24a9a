"""Plot helpers draw what they claim (Agg backend, no screen)."""

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402

import nnlib  # noqa: E402
from nnlib import plotting  # noqa: E402


@pytest.mark.lesson02
@pytest.mark.parametrize("name", nnlib.activations.names())
def test_plot_activation_draws_f_and_its_derivative(name):
    act = nnlib.activations.get(name)
    f_line, df_line = plotting.plot_activation(name)
    z = f_line.get_xdata()
    np.testing.assert_allclose(f_line.get_ydata(), act(z))
    np.testing.assert_allclose(df_line.get_ydata(), act.derivative(z))
    # curves are neutral greys: colour keeps meaning sign or class only
    assert (f_line.get_color(), df_line.get_color()) == (plotting.CURVE, plotting.DERIVATIVE)
    plt.close("all")


@pytest.mark.lesson00
def test_colour_key_shows_the_sign_scale_and_the_class_colours():
    from matplotlib.colors import to_hex, to_rgb

    from nnlib import colors

    image, points = plotting.plot_colour_key(vmax=2.0, n_classes=3)
    cmap, (lo, hi) = image.get_cmap(), image.get_clim()
    assert (lo, hi) == (-2.0, 2.0)
    for t, hexcode in ((0.0, colors.NEGATIVE), (0.5, colors.ZERO), (1.0, colors.POSITIVE)):
        assert cmap(t)[:3] == pytest.approx(to_rgb(hexcode), abs=1 / 255)
    values = image.get_array().ravel()
    assert values[0] == -2.0 and values[-1] == 2.0
    assert [to_hex(p.get_facecolor()[0]) for p in points] == [
        c.lower() for c in colors.CLASS_COLORS[:3]]
    # the sign colours never appear among the class colours
    assert not {colors.NEGATIVE, colors.POSITIVE} & set(colors.CLASS_COLORS)
    plt.close("all")


def test_decision_boundary_colours_follow_the_prediction():
    X, y = nnlib.datasets.blobs(80, rng=0)
    net = nnlib.Network([nnlib.Dense(2, 8, "tanh", rng=0), nnlib.Dense(8, 2, "softmax", rng=1)])
    net.fit(X, y, optimizer=nnlib.SGD(lr=0.5), epochs=100)
    image, points = plotting.plot_decision_boundary(net, X, y, resolution=50)
    rgb = image.get_array()
    assert rgb.shape == (50, 50, 3)
    grid, _ = plotting.grid_over(X, 50)
    labels = net.predict(grid).reshape(50, 50)
    # pixels predicted as class 0 are closer to class 0's colour than class 1's
    c0, c1 = (np.array(matplotlib.colors.to_rgb(c)) for c in plotting.CLASS_COLORS[:2])
    d0 = np.linalg.norm(rgb - (1 - 0.55 * (1 - c0)), axis=2)
    d1 = np.linalg.norm(rgb - (1 - 0.55 * (1 - c1)), axis=2)
    assert np.mean((d0 < d1) == (labels == 0)) > 0.99
    assert len(points.get_offsets()) == 80
    plt.close("all")


def test_plot_history():
    history = nnlib.History()
    history.loss, history.val_loss = [1.0, 0.5, 0.25], [1.1, 0.7, 0.5]
    lines = plotting.plot_history(history)
    assert [list(line.get_ydata()) for line in lines] == [history.loss, history.val_loss]
    plt.close("all")


@pytest.mark.lesson00
def test_environment_check_widget_reacts():
    from nnlib.widgets import environment_check

    box = environment_check()
    box.slider.value = -1.5
    assert "2.25" in box.label.value


def test_widgets_package_re_exports_every_app_and_nnlib_stays_light():
    import subprocess
    import sys

    import nnlib.widgets as widgets

    for name in widgets.__all__:
        assert callable(getattr(widgets, name)), name
    code = "import sys, nnlib; print('ipywidgets' in sys.modules, 'matplotlib' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True).stdout
    assert out.split() == ["False", "False"]          # numpy only at import time


def _decoded(frame):
    import io

    from PIL import Image

    return np.asarray(Image.open(io.BytesIO(frame)).convert("RGBA"))


def test_canvas_of_shows_a_figure_view_that_sends_the_whole_picture():
    """The page gets the figure as one PNG of exactly the kernel's pixels;
    a HiDPI page gets it drawn at its pixel ratio, in the same CSS size."""
    from nnlib.widgets._base import canvas_of, explorer_figure

    fig, ax = explorer_figure(figsize=(3, 2))
    ax.plot([0, 1], [1, 0])
    view = canvas_of(fig)
    view.draw()
    assert view.frames == 1 and view.size == [300, 200]
    np.testing.assert_array_equal(_decoded(view.frame),
                                  np.asarray(fig.canvas.buffer_rgba()))
    view._message(None, {"type": "ratio", "ratio": 2}, [])
    assert view.frames == 2 and _decoded(view.frame).shape == (400, 600, 4)
    assert view.size == [300, 200]                      # same place on the page
    for bad in ({"type": "ratio", "ratio": "x"}, {"type": "ratio", "ratio": float("nan")},
                {"type": "other"}, ["ratio"], {"type": "ratio", "ratio": 2.0}):
        view._message(None, bad, [])                    # ignored, nothing redrawn
    assert view.frames == 2 and view.ratio == 2.0


def test_an_explorer_figure_is_not_pyplots():
    import matplotlib.pyplot as plt

    from nnlib.widgets._base import explorer_figure

    before = plt.get_fignums()
    fig, axes = explorer_figure(ncols=2, figsize=(4, 2))
    assert plt.get_fignums() == before and len(axes) == 2
    assert type(fig.canvas).__name__ == "FigureCanvasAgg"


# --- explorers repaint only what moved, and send whole frames (widgets/_frames.py) ----
def _explorers():
    from nnlib import widgets as W

    net4 = nnlib.Network([nnlib.Dense(2, 3, "tanh", rng=0), nnlib.Dense(3, 2, "softmax", rng=1)])
    rng = np.random.default_rng(0)
    net12 = nnlib.Network([nnlib.Dense(64, 16, "relu", rng=0),
                           nnlib.Dense(16, 10, "softmax", rng=1)])
    return {"neuron": (lambda: W.neuron_explorer(activation="tanh"), "w1", 2.5),
            "activation": (lambda: W.activation_explorer(z=3.0), "z", -4.0),
            "softmax": (W.softmax_explorer, "z1", -3.0),
            "forward pass": (lambda: W.forward_pass_explorer(net4, rng.normal(size=(6, 2))),
                             "sample", 4),
            "outlier": (W.outlier_explorer, "outlier", -5.0),
            "regularization": (lambda: W.regularization_explorer(epochs=30), "strength", 0.01),
            "descent": (W.descent_explorer, "beta", 0.2),
            "chain rule": (W.chain_rule_stepper, "x", -1.5),
            "depth": (W.gradient_norms_explorer, "depth", 15),
            "digits": (lambda: W.digit_browser(net12, rng.uniform(size=(20, 64)),
                                               rng.integers(0, 10, 20)), "index", 7)}


@pytest.mark.parametrize("name", list(_explorers()))
def test_a_slider_move_repaints_exactly_what_a_fresh_drawing_shows(name, monkeypatch):
    """The blitted frame (kept background + the moving artists) equals the
    figure drawn from scratch: nothing stale left behind, nothing missing."""
    import io

    from PIL import Image

    from nnlib.widgets._frames import Blit

    blits = []
    repaint = Blit.repaint
    monkeypatch.setattr(Blit, "repaint", lambda self: blits.append(repaint(self)) or blits[-1])
    build, control, value = _explorers()[name]
    e = build()                                  # drawn once, whole: the background is kept
    blits.clear()
    e.controls[control].value = value
    assert blits == [True]                       # the move was blitted, not drawn whole
    painted = np.asarray(e.fig.canvas.get_renderer().buffer_rgba()).astype(int)
    with io.BytesIO() as png:
        e.fig.savefig(png, format="png", dpi=e.fig.dpi)
        fresh = np.asarray(Image.open(png).convert("RGBA")).astype(int)
    differ = (np.abs(painted - fresh).max(axis=2) > 8).mean()
    assert painted.shape == fresh.shape and differ < 1e-3, f"{differ:.2%} of pixels differ"
    plt.close(e.fig)


def test_the_repaint_moves_what_the_control_changed():
    from nnlib import widgets as W

    e = W.activation_explorer(z=3.0)
    before = np.asarray(e.fig.canvas.get_renderer().buffer_rgba()).copy()
    e.controls["z"].value = -3.0
    after = np.asarray(e.fig.canvas.get_renderer().buffer_rgba())
    assert (before != after).any(axis=2).mean() > 1e-3     # the point and tangent moved
    plt.close(e.fig)


@pytest.mark.parametrize("alpha", [255, 10])
def test_png_bytes_decode_to_the_pixels(alpha):
    import io

    from PIL import Image

    from nnlib.widgets._frames import png_bytes

    pixels = np.random.default_rng(0).integers(0, 256, (7, 5, 4), dtype=np.uint8)
    pixels[:, :, 3] = 255
    pixels[2, 3, 3] = alpha                      # one see-through pixel: RGBA, else RGB
    image = Image.open(io.BytesIO(png_bytes(pixels)))
    assert image.mode == ("RGB" if alpha == 255 else "RGBA")
    np.testing.assert_array_equal(np.asarray(image.convert("RGBA")), pixels)


def test_an_explorer_sends_one_whole_frame_per_move():
    """Every move sends exactly one frame, the whole figure (never a diff
    against a frame the page may not hold)."""
    from nnlib import widgets as W

    e = W.softmax_explorer()
    frames = []
    e.view.observe(lambda change: frames.append(change["new"]), names="frame")
    for v in (1.5, -2.0, 0.5):
        e.controls["z1"].value = v
    assert len(frames) == 3 and e.view.frames == 4            # + the first drawing
    for frame in frames:
        assert frame.startswith(b"\x89PNG")
        assert _decoded(frame).shape[:2] == (e.fig.bbox.height, e.fig.bbox.width)
    np.testing.assert_array_equal(_decoded(frames[-1]),
                                  np.asarray(e.fig.canvas.buffer_rgba()))
