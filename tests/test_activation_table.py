"""The activation table is the only place that knows an activation: a
throwaway entry appears in names(), in every parametrised activation test,
in Dense/Network and in every widget dropdown that offers activations,
with no other edit.  Softmax is an entry too, and the fused output pairs
are declared once."""

import os
import pathlib
import re
import subprocess
import sys

import numpy as np
import pytest
import throwaway_activation as throwaway
from numgrad import numeric_gradient

import nnlib
from nnlib import activations

pytestmark = pytest.mark.lesson02
TESTS = pathlib.Path(__file__).resolve().parent
TABLE_DRIVEN = ["test_activations.py", "test_network.py"]


@pytest.fixture
def registered():
    act = activations.register(throwaway.make())
    try:
        yield act
    finally:
        activations.unregister(throwaway.NAME)
    assert throwaway.NAME not in activations.layer_names()


def test_a_registered_activation_is_listed_and_works_in_a_network(registered):
    assert throwaway.NAME in activations.names() and throwaway.NAME in activations.layer_names()
    assert activations.get(throwaway.NAME) is registered
    net = nnlib.Network([nnlib.Dense(2, 3, throwaway.NAME, rng=0),
                         nnlib.Dense(3, 1, "linear", rng=1)])
    rng = np.random.default_rng(0)
    X, y = rng.normal(size=(5, 2)), rng.normal(size=5)
    net.backprop(X, y, "mse")
    W = net.layers[0].W
    numeric = numeric_gradient(lambda _: nnlib.losses.mse(net.forward(X, cache=False),
                                                           y[:, None]), W)
    np.testing.assert_allclose(net.layers[0].dW, numeric, rtol=1e-6, atol=1e-9)


def widget_args():
    """Arguments for the builders that need some (small and quick)."""
    rng = np.random.default_rng(0)
    X, y = rng.normal(size=(12, 2)), rng.integers(0, 2, 12)
    net = nnlib.Network([nnlib.Dense(2, 3, "tanh", rng=0), nnlib.Dense(3, 2, "softmax", rng=1)])
    digits = nnlib.Network([nnlib.Dense(64, 10, "softmax", rng=0)])
    return {"forward_pass_explorer": (net, X[:2]),
            "digit_browser": (digits, rng.random((3, 8, 8)), np.arange(3)),
            "fit_explorer": (X[:, :1], y * 1.0, X[:, :1], y * 1.0),
            "Playground": ("moons",)}, {"fit_explorer": {"epochs": 2},
                                        "regularization_explorer": {"epochs": 2},
                                        "Playground": {"hidden": (3,)}}


def dropdowns(widget):
    """Every Dropdown reachable from a widget through .children."""
    import ipywidgets as w

    if isinstance(widget, w.Dropdown):
        yield widget
    for child in getattr(widget, "children", ()):
        yield from dropdowns(child)


#: what nnlib.widgets exports besides apps: functions that draw a figure, no controls
DRAWING_FUNCTIONS = {"draw_values"}


def test_every_activation_dropdown_of_every_widget_offers_a_registered_activation(registered):
    widgets = pytest.importorskip("nnlib.widgets")
    args, kwargs = widget_args()
    hard_coded, offering = [], []
    for name in widgets.__all__:
        if name in DRAWING_FUNCTIONS:
            continue
        app = getattr(widgets, name)(*args.get(name, ()), **kwargs.get(name, {}))
        root = getattr(app, "widget", app)
        menus = [d for d in dropdowns(root) if len(set(d.options) & set(activations.names())) > 1]
        offering += [name] * bool(menus)
        for menu in menus:
            if throwaway.NAME not in menu.options:
                hard_coded.append(f"{name}: {menu.description or 'dropdown'} {menu.options}")
            else:
                menu.value = throwaway.NAME              # choosing it must work too
        plt = sys.modules.get("matplotlib.pyplot")
        if plt is not None:
            plt.close("all")
    assert len(offering) >= 3, offering                 # neuron, activation, gradient norms ...
    assert not hard_coded, "widgets that hard-code their activations: " + "; ".join(hard_coded)


def collected(*args):
    """Run pytest on the table-driven test files with the throwaway registered."""
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(
        [str(TESTS), str(TESTS.parent), os.environ.get("PYTHONPATH", "")]))
    done = subprocess.run([sys.executable, "-m", "pytest", "-p", "throwaway_activation",
                           "-p", "no:cacheprovider", "-q", *args,
                           *[str(TESTS / f) for f in TABLE_DRIVEN]],
                          capture_output=True, text=True, env=env, cwd=TESTS.parent,
                          timeout=600)
    return done.returncode, done.stdout


def test_every_parametrised_activation_test_tests_a_registered_activation():
    code, out = collected("--collect-only")
    assert code == 0, out
    ids = [line for line in out.splitlines() if "::" in line]
    by_function = {}
    for nodeid in ids:
        function, _, params = nodeid.partition("[")
        by_function.setdefault(function, []).append(params)
    builtin = set(activations.names()) - {"sign"}       # sign is left out of gradient cases
    table_driven = [f for f, params in by_function.items()
                    if all(any(re.search(rf"\b{n}\b", p) for p in params) for n in builtin)]
    assert len(table_driven) >= 3, table_driven       # derivative, backward, backprop ...
    for function in table_driven:
        assert any(throwaway.NAME in p for p in by_function[function]), function
    code, out = collected("-k", throwaway.NAME, "-x")
    assert code == 0 and re.search(r"\d+ passed", out), out   # and they pass for it


def test_softmax_is_a_layer_entry_with_its_own_backward_but_not_elementwise():
    softmax = activations.get_layer_activation("softmax")
    assert "softmax" in activations.layer_names() and "softmax" not in activations.names()
    assert not softmax.elementwise and isinstance(softmax, activations.Activation)
    with pytest.raises(TypeError, match="not elementwise.*softmax_jacobian"):
        softmax.derivative(np.zeros(3))
    with pytest.raises(ValueError, match="expected one of"):
        activations.get("softmax")                   # not an elementwise activation


def test_the_fused_output_pairs_are_declared_once_in_the_table():
    pairs = {a.name: a.fused_loss for a in map(activations.get_layer_activation,
                                                activations.layer_names()) if a.fused_loss}
    assert pairs == {"softmax": "cross_entropy", "sigmoid": "binary_cross_entropy"}
    for name, loss in pairs.items():
        assert activations.fused_output(loss).name == name
    assert activations.fused_output("mse") is None


def test_registering_refuses_duplicates_and_built_ins_cannot_be_removed():
    with pytest.raises(ValueError, match="already registered"):
        activations.register(activations.Activation("relu", "f(z)", abs, abs))
    with pytest.raises(TypeError, match="expects an Activation"):
        activations.register("cube")
    with pytest.raises(ValueError, match="built-in"):
        activations.unregister("tanh")
    with pytest.raises(ValueError, match="no registered activation 'cube'"):
        activations.unregister("cube")
