"""Lesson 07: the stepper's steps against sympy, the widget driven by its
buttons, and the exercise checks accept right and reject wrong answers."""

import matplotlib

matplotlib.use("Agg")

import numpy as np  # noqa: E402
import pytest  # noqa: E402
import sympy as sp  # noqa: E402

from nnlib import checks  # noqa: E402
from nnlib.widgets.chain_rule import chain_rule_stepper, chain_rule_steps  # noqa: E402

pytestmark = pytest.mark.lesson07
X, Y = sp.symbols("x y")
M = X * Y
K = M + 3
H = K ** 2
G = H + 1
# d(node)/dx and dg/d(node), derived by sympy from the composed expressions
FORWARD = {v: [sp.diff(e, v) for e in (M, K, H, G)] for v in (X, Y)}
Kv, Mv, Hv = sp.symbols("k m h")
REVERSE = [1, sp.diff((Kv ** 2) + 1, Kv).subs(Kv, K), sp.diff((Mv + 3) ** 2 + 1, Mv).subs(Mv, M)]
POINTS = [(2.0, -1.0), (0.5, 3.0), (-2.5, 1.5), (0.0, 0.0)]


@pytest.mark.parametrize("x, y", POINTS)
def test_forward_steps_carry_d_node_d_input(x, y):
    steps = chain_rule_steps(x, y, "forward")
    assert [s["symbol"] for s in steps[:4]] == ["∂m/∂x", "∂k/∂m", "∂h/∂k", "∂g/∂h"]
    assert [s["symbol"] for s in steps[4:]] == ["∂m/∂y", "∂k/∂m", "∂h/∂k", "∂g/∂h"]
    expected = [float(e.subs({X: x, Y: y})) for v in (X, Y) for e in FORWARD[v]]
    assert [s["product"] for s in steps] == pytest.approx(expected)
    f = (X * Y + 3) ** 2 + 1
    assert steps[3]["product"] == pytest.approx(float(sp.diff(f, X).subs({X: x, Y: y})))
    assert steps[7]["product"] == pytest.approx(float(sp.diff(f, Y).subs({X: x, Y: y})))


@pytest.mark.parametrize("x, y", POINTS)
def test_reverse_steps_start_at_the_output_and_reach_both_inputs(x, y):
    steps = chain_rule_steps(x, y, "reverse")
    assert [s["symbol"] for s in steps] == ["∂g/∂h", "∂h/∂k", "∂k/∂m", "∂m/∂x", "∂m/∂y"]
    subs = {X: x, Y: y}
    expected = [float(sp.sympify(e).subs(subs)) for e in REVERSE]
    f = (X * Y + 3) ** 2 + 1
    expected += [float(sp.diff(f, X).subs(subs)), float(sp.diff(f, Y).subs(subs))]
    assert [s["product"] for s in steps] == pytest.approx(expected)
    local = {"∂g/∂h": 1, "∂h/∂k": 2 * (x * y + 3), "∂k/∂m": 1, "∂m/∂x": y, "∂m/∂y": x}
    assert all(s["local"] == pytest.approx(local[s["symbol"]]) for s in steps)


@pytest.mark.parametrize("mode", ["forward", "reverse"])
@pytest.mark.parametrize("x, y", POINTS[:3])
def test_stepper_widget_follows_next_and_back(mode, x, y):
    st = chain_rule_stepper()
    st.controls["mode"].value = mode
    st.controls["x"].value, st.controls["y"].value = x, y
    expected = chain_rule_steps(x, y, mode)
    assert st.index == 0 and st.current is None
    for n in range(1, len(expected) + 1):
        st.controls["next"].click()
        assert st.index == n
        assert st.current["local"] == pytest.approx(expected[n - 1]["local"])
        assert st.current["product"] == pytest.approx(expected[n - 1]["product"])
        assert f"Step {n} of {len(expected)}" in st.text.value
        face = st.circles[expected[n - 1]["node"]].get_facecolor()
        assert matplotlib.colors.to_hex(face) == st.HIGHLIGHT.lower()
    st.controls["next"].click()
    assert st.index == len(expected) and "Done" in st.text.value
    st.controls["back"].click()
    assert st.index == len(expected) - 1
    st.controls["x"].value = x + 0.5            # moving a slider starts over
    assert st.index == 0


def test_mode_names_the_starting_point():
    st = chain_rule_stepper(mode="forward")
    assert "from the inputs (∂m/∂x first)" in st.text.value
    st.controls["mode"].value = "reverse"
    assert "from the output (∂g/∂h first)" in st.text.value
    with pytest.raises(ValueError, match="'forward' or 'reverse'"):
        chain_rule_steps(1, 2, "backward")


def test_check_dh_dk():
    assert checks.local_dh_dk(lambda k: 2 * k, strict=True)
    for wrong in (lambda k: k ** 2, lambda k: k, lambda k: np.full_like(k, 2.0),
                  lambda k: np.zeros_like(k)):
        assert not checks.local_dh_dk(wrong)
        with pytest.raises(AssertionError):
            checks.local_dh_dk(wrong, strict=True)


def test_check_df_dy():
    assert checks.df_dy(lambda x, y: 2 * x ** 2 * y + 6 * x, strict=True)
    wrongs = [lambda x, y: 2 * x * y ** 2 + 6 * y, lambda x, y: (x * y + 3) * x,
              lambda x, y: 2 * (x * y + 3), lambda x, y: np.zeros_like(x)]
    messages = [checks.df_dy(w).message for w in wrongs]
    assert "that is ∂f/∂x" in messages[0] and "dropped the 2" in messages[1]
    assert all(not checks.df_dy(w) for w in wrongs)
