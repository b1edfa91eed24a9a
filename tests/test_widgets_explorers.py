"""Explorers of lessons 01-03 driven through their controls (no browser)."""

import matplotlib

matplotlib.use("Agg")

import numpy as np  # noqa: E402
import pytest  # noqa: E402

import nnlib  # noqa: E402
from nnlib.widgets.explorers import (  # noqa: E402
    activation_explorer,
    neuron_explorer,
    saturated,
    softmax_explorer,
)


@pytest.mark.lesson01
def test_neuron_image_is_the_neuron_output_and_the_line_is_z_equal_0():
    n = neuron_explorer(w1=1.0, w2=-2.0, b=0.3, activation="tanh")
    grid = np.c_[n.gx.ravel(), n.gy.ravel()]
    np.testing.assert_allclose(n.image.get_array(), np.tanh(grid @ [1.0, -2.0] + 0.3).reshape(
        n.gx.shape))
    before = n.image.get_array().copy()
    n.controls["b"].value = -1.0
    assert not np.allclose(n.image.get_array(), before)
    x, y = n.line.get_data()
    np.testing.assert_allclose(1.0 * np.asarray(x) - 2.0 * np.asarray(y) - 1.0, 0, atol=1e-12)
    n.controls["activation"].value = "sigmoid"
    assert np.all(n.image.get_array() > 0)
    n.controls["w2"].value = 0.0                      # vertical boundary x1 = -b / w1
    x, _ = n.line.get_data()
    np.testing.assert_allclose(x, 1.0)
    assert "of 4" in n.label.value and "4 of 4" not in n.label.value


@pytest.mark.lesson02
@pytest.mark.parametrize("name", nnlib.activations.names())
def test_activation_explorer_curves_point_and_tangent(name):
    e = activation_explorer(activation="linear")
    e.controls["activation"].value = name
    act = nnlib.activations.get(name)
    np.testing.assert_allclose(e.f_line.get_ydata(), act(e.Z))
    np.testing.assert_allclose(e.df_line.get_ydata(), act.derivative(e.Z))
    e.controls["z"].value = 1.3
    (px,), (py,) = e.point.get_data()
    assert px == pytest.approx(1.3) and py == pytest.approx(float(act(np.array(1.3))))
    tx, ty = (np.asarray(v) for v in e.tangent.get_data())
    slope = (ty[1] - ty[0]) / (tx[1] - tx[0])
    assert slope == pytest.approx(float(act.derivative(np.array(1.3))))


@pytest.mark.lesson02
def test_saturation_shading_is_computed():
    z = np.linspace(-6, 6, 601)
    sig = saturated("sigmoid", z)
    assert sig[0] and sig[-1] and not sig[300]
    assert not saturated("linear", z).any()
    assert saturated("sign", z).all()            # f' = 0 everywhere: no gradient at all
    assert saturated("relu", z)[:300].all() and not saturated("relu", z)[301:].any()
    e = activation_explorer(activation="sigmoid", z=5.0)
    assert "saturated" in e.readout.value
    e.controls["z"].value = 0.0
    assert "saturated" not in e.readout.value


@pytest.mark.lesson03
def test_softmax_bars_follow_logits_and_temperature():
    s = softmax_explorer(logits=(1.0, 2.0, 3.0))
    heights = [b.get_height() for b in s.bars]
    np.testing.assert_allclose(heights, nnlib.softmax(np.array([1.0, 2.0, 3.0])))
    s.controls["z1"].value = 4.0
    np.testing.assert_allclose([b.get_height() for b in s.bars],
                               nnlib.softmax(np.array([4.0, 2.0, 3.0])))
    s.controls["T"].value = 10.0
    hot = [b.get_height() for b in s.bars]
    assert max(hot) - min(hot) < 0.1                    # high temperature: nearly uniform
    np.testing.assert_allclose(sum(hot), 1.0)
