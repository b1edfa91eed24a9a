"""Lesson 07: the stepper's steps on typed expressions against sympy and a
fresh Value graph, the safe parser, the widget driven by its controls, and
the exercise checks (right answers accepted, each wrong kind named)."""

import matplotlib

matplotlib.use("Agg")

import numpy as np  # noqa: E402
import pytest  # noqa: E402
import sympy as sp  # noqa: E402

from nnlib import checks  # noqa: E402
from nnlib.autodiff import Value  # noqa: E402
from nnlib.lessons.l07_chain_rule import (  # noqa: E402
    build_graph,
    forward_steps,
    graph_layout,
    reverse_steps,
)
from nnlib.widgets.chain_rule import chain_rule_stepper, node_colors  # noqa: E402

pytestmark = pytest.mark.lesson07
X, Y = sp.symbols("x y")
# each typed text with the same function written for sympy (independent of the parser)
SIG = sp.Lambda(X, 1 / (1 + sp.exp(-X)))
SYMPY = {"(x*y + 3)**2 + 1": (X * Y + 3) ** 2 + 1,
         "x*y + x": X * Y + X,
         "x*x*y - y/x": X * X * Y - Y / X,
         "(x*y).tanh() + x.exp()": sp.tanh(X * Y) + sp.exp(X),
         "(x - 2*y).sigmoid() * (x*x + 1).log()": SIG(X - 2 * Y) * sp.log(X * X + 1),
         "-(x + y)**3 / 4 + (y*y).relu()": -(X + Y) ** 3 / 4 + Y * Y}
EXPRESSIONS = list(SYMPY)
POINTS = [(2.0, -1.0), (0.5, 3.0), (-1.5, 1.5)]


def sympy_of(text):
    return SYMPY[text]


@pytest.mark.parametrize("text", EXPRESSIONS)
@pytest.mark.parametrize("x, y", POINTS)
def test_reverse_sweep_equals_sympy_and_a_fresh_backward(text, x, y):
    out, inputs = build_graph(text, {"x": x, "y": y})
    steps = reverse_steps(out, inputs)
    found = {out.graph()[0][s["node"]].label: s["derivative"] for s in steps}
    f = sympy_of(text)
    at = {X: x, Y: y}
    for var, sym in (("x", X), ("y", Y)):
        assert found[var] == pytest.approx(float(sp.diff(f, sym).subs(at)), rel=1e-9, abs=1e-12)
    fresh, fresh_inputs = build_graph(text, {"x": x, "y": y})   # a new graph: grads are 0
    fresh.backward()
    assert [found[v] for v in "xy"] == pytest.approx([fresh_inputs[v].grad for v in "xy"])
    assert steps[0]["node"] == len(out.graph()[0]) - 1 and steps[0]["derivative"] == 1.0


@pytest.mark.parametrize("text", EXPRESSIONS)
@pytest.mark.parametrize("seed", ["x", "y"])
def test_forward_sweep_carries_d_node_d_seed(text, seed):
    x, y = 0.7, -1.3
    out, inputs = build_graph(text, {"x": x, "y": y})
    steps = forward_steps(out, inputs[seed])
    f = sympy_of(text)
    want = float(sp.diff(f, {"x": X, "y": Y}[seed]).subs({X: x, Y: y}))
    assert steps[-1]["derivative"] == pytest.approx(want, rel=1e-9, abs=1e-12)
    nodes = out.graph()[0]
    assert [s["node"] for s in steps] == [i for i, n in enumerate(nodes) if n.parents]


def test_a_variable_used_twice_collects_one_term_per_use():
    out, inputs = build_graph("x*y + x", {"x": 3.0, "y": 2.0})
    nodes = out.graph()[0]
    step_x = next(s for s in reverse_steps(out, inputs) if nodes[s["node"]] is inputs["x"])
    assert len(step_x["terms"]) == 2                      # through x*y and through + x
    assert sorted(t[2] for t in step_x["terms"]) == [1.0, 2.0]      # 1 and y
    assert step_x["derivative"] == 3.0                    # y + 1


def test_a_seed_the_expression_does_not_use_has_derivative_zero():
    out, inputs = build_graph("x*x", {"x": 1.5, "y": 2.0})
    assert forward_steps(out, inputs["y"])[-1]["derivative"] == 0.0
    assert forward_steps(out, inputs["x"])[-1]["derivative"] == 3.0
    with pytest.raises(TypeError, match="seed"):
        forward_steps(out, "y")
    st = chain_rule_stepper("x*x", mode="forward", seed="y")
    assert not st.error and len(st.steps) == 1


def test_course_example_uses_the_course_names_and_order():
    out, inputs = build_graph("(x*y + 3)**2 + 1", {"x": 2.0, "y": -1.0}, "mkhg")
    nodes = out.graph()[0]
    rev = [nodes[s["node"]].label for s in reverse_steps(out, inputs)]
    assert rev[:4] == ["g", "h", "k", "m"] and set(rev[4:]) == {"x", "y"}
    fwd = forward_steps(out, inputs["x"])
    assert [s["meaning"] for s in fwd] == ["∂m/∂x", "∂k/∂x", "∂h/∂x", "∂g/∂x"]
    assert [s["derivative"] for s in fwd] == pytest.approx([-1, -1, -2, -2])


@pytest.mark.parametrize("text, words", [
    ("__import__('os').system('true')", "not allowed"), ("x.__class__", "not allowed"),
    ("x**y", "plain number"), ("9**9**9", "plain number"), ("z + 1", "unknown name 'z'"),
    ("x +", "cannot read"), ("", "expected an expression"), ("3 + 4", "does not use"),
    ("(-x).log()", "log"), ("x / 0", "division"), ("x*1e308*10", "not finite"),
    ("9.0**99999 * x", "cannot evaluate"), ("x.tanh(1)", "not allowed"),
    ("[x]", "not allowed"), ("x" * 201, "longer than"), (None, "expected an expression")])
def test_bad_expressions_are_value_errors_naming_the_problem(text, words):
    with pytest.raises(ValueError, match=words.replace("(", r"\(")):
        build_graph(text, {"x": 2.0, "y": -1.0})


def test_layout_puts_every_edge_left_to_right():
    out, inputs = build_graph("(x*y).tanh() + x.exp() - y/x", {"x": 2.0, "y": -1.0})
    nodes, edges = out.graph()
    pos = graph_layout(nodes, tuple(inputs))
    at = {id(n): i for i, n in enumerate(nodes)}
    assert all(pos[at[id(p)]][0] < pos[at[id(c)]][0] for p, c in edges)
    assert len(set(pos.values())) == len(nodes)            # no two nodes on one spot


@pytest.mark.parametrize("mode", ["forward", "reverse"])
def test_stepper_widget_follows_next_and_back_on_a_typed_expression(mode):
    st = chain_rule_stepper(mode=mode)
    st.controls["expression"].value = "x*y + x"
    st.controls["x"].value, st.controls["y"].value = 1.5, -2.0
    out, inputs = build_graph("x*y + x", {"x": 1.5, "y": -2.0})
    expected = (forward_steps(out, inputs["x"]) if mode == "forward"
                else reverse_steps(out, inputs))
    assert st.index == 0 and st.current is None and len(st.steps) == len(expected)
    white = matplotlib.colors.to_hex("white")
    assert set(node_colors(st).values()) == {white}
    for n in range(1, len(expected) + 1):
        st.controls["next"].click()
        assert st.index == n and f"Step {n} of {len(expected)}" in st.text.value
        assert st.current["derivative"] == pytest.approx(expected[n - 1]["derivative"])
        assert st.circles[st.current["node"]].get_linewidth() > 3
        if st.current["derivative"]:                       # filled with its sign colour
            assert node_colors(st)[st.current["node"]] != white
    st.controls["next"].click()
    assert st.index == len(expected) and "Done" in st.text.value
    st.controls["back"].click()
    assert st.index == len(expected) - 1
    st.controls["y"].value = 1.0                           # moving a slider starts over
    assert st.index == 0


def test_stepper_shows_a_bad_expression_in_the_box():
    st = chain_rule_stepper()
    st.controls["expression"].value = "x.__class__"
    assert st.error and "not allowed" in st.text.value and st.steps == []
    st.controls["next"].click()                            # nothing to step, no traceback
    st.controls["expression"].value = "x + y"
    assert not st.error and len(st.steps) == 3


def test_stepper_colours_follow_the_sign_code():
    from nnlib.colors import NEGATIVE, POSITIVE

    st = chain_rule_stepper("x - y", x=1.0, y=1.0, mode="reverse")
    for _ in st.steps:
        st.next()
    nodes = st.nodes
    colours = node_colors(st)
    i_x = next(i for i, n in enumerate(nodes) if n is st.inputs["x"])
    i_y = next(i for i, n in enumerate(nodes) if n is st.inputs["y"])
    neg, pos = (np.array(matplotlib.colors.to_rgb(c)) for c in (NEGATIVE, POSITIVE))
    cx, cy = (np.array(matplotlib.colors.to_rgb(colours[i])) for i in (i_x, i_y))
    assert np.linalg.norm(cx - pos) < np.linalg.norm(cx - neg)      # df/dx = +1
    assert np.linalg.norm(cy - neg) < np.linalg.norm(cy - pos)      # df/dy = -1


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
              lambda x, y: 2 * (x * y + 3), lambda x, y: 2 * x ** 2 * y + 6 * x + 1,
              lambda x, y: np.zeros_like(x)]
    messages = [checks.df_dy(w).message for w in wrongs]
    assert "that is ∂f/∂x" in messages[0] and "dropped the 2" in messages[1]
    assert "constant" in messages[3]
    assert all(not checks.df_dy(w) for w in wrongs)


def _mutating_k(k):
    k *= 2
    return k


def _mutating_xy(x, y):
    x *= 2 * x * y + 6
    return x


WRONG_TYPES = {
    "local_dh_dk": [(lambda k: None, "returned None"), (_mutating_k, "in place"),
                    (lambda k: list(2 * k), "Python list"), (lambda k: 2 * k + 0j, "complex"),
                    (lambda k: (lambda z: 2 * z), "must hold numbers")],
    "df_dy": [(lambda x, y: None, "returned None"), (_mutating_xy, "in place"),
              (lambda x, y: list(2 * x ** 2 * y + 6 * x), "Python list"),
              (lambda x, y: 2 * x ** 2 * y + 6 * x + 0j, "complex"),
              (lambda x, y: Value(1.0), "must hold numbers")],
}


@pytest.mark.parametrize("name, wrong, words",
                         [(n, w, t) for n, cases in WRONG_TYPES.items() for w, t in cases])
def test_checks_name_wrong_types_without_raising(name, wrong, words):
    v = getattr(checks, name)(wrong)
    assert not v and words in v.message


@pytest.mark.parametrize("mode", ["forward", "reverse"])
def test_moving_x_relabels_the_same_graph_as_a_fresh_stepper_draws(mode):
    """x and y change values, not the graph: the stepper keeps its artists
    and writes the new values, exactly what a stepper built at that x shows,
    in the same steps; a new expression draws a new graph."""
    def texts(st):
        return sorted(t.get_text() for t in st.ax.texts), [round(s["derivative"], 12)
                                                          for s in st.steps]

    st = chain_rule_stepper(mode=mode)
    circles = dict(st.circles)
    st.controls["x"].value = -1.5
    st.next()
    st.next()
    fresh = chain_rule_stepper(x=-1.5, mode=mode)
    fresh.next()
    fresh.next()
    assert st.circles == circles                        # the same artists, relabelled
    assert texts(st) == texts(fresh)
    assert node_colors(st) == node_colors(fresh)
    st.controls["expression"].value = "x + y"
    assert len(st.circles) == 3 and texts(st) == texts(chain_rule_stepper("x + y", x=-1.5,
                                                                          mode=mode))
