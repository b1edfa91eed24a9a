"""Value (reverse mode) and Dual (forward mode) against sympy, finite
differences and the vectorised Network."""

import math

import numpy as np
import pytest
import sympy as sp
from hypothesis import given, settings
from hypothesis import strategies as st

import nnlib
from nnlib.autodiff import DomainError, Dual, Value

pytestmark = [pytest.mark.lesson07, pytest.mark.lesson08]

small = st.floats(-3, 3, allow_nan=False)

xs, ys = sp.symbols("x y")
F = (xs * ys + 3) ** 2 + 1
DFDX, DFDY = sp.diff(F, xs), sp.diff(F, ys)


@settings(max_examples=50, deadline=None)
@given(x=small, y=small)
def test_course_example_against_sympy(x, y):
    vx, vy = Value(x, label="x"), Value(y, label="y")
    f = (vx * vy + 3) ** 2 + 1
    f.backward()
    subs = {xs: x, ys: y}
    assert f.data == pytest.approx(float(F.subs(subs)))
    assert vx.grad == pytest.approx(float(DFDX.subs(subs)), abs=1e-9)
    assert vy.grad == pytest.approx(float(DFDY.subs(subs)), abs=1e-9)
    fx = (Dual(x, 1.0) * Dual(y, 0.0) + 3) ** 2 + 1      # seed x
    fy = (Dual(x, 0.0) * Dual(y, 1.0) + 3) ** 2 + 1      # seed y
    assert fx.primal == pytest.approx(f.data)
    assert fx.tangent == pytest.approx(vx.grad, abs=1e-9)
    assert fy.tangent == pytest.approx(vy.grad, abs=1e-9)
    assert sp.simplify(DFDX - (2 * xs * ys ** 2 + 6 * ys)) == 0


def composite(a, b):
    """Uses every operation: + - * / ** unary -, tanh relu exp log sigmoid, numbers both sides."""
    return ((a * b - 2 / (1 + a ** 2)).tanh() + (a - b).relu() * 3 + (0.5 * b).exp()
            + (a * a + 1).log() - (-b).sigmoid() + (b - 4) / 2 + 1 - a)


@settings(max_examples=60, deadline=None)
@given(a=small, b=small)
def test_every_operation_against_finite_differences(a, b):
    va, vb = Value(a), Value(b)
    out = composite(va, vb)
    out.backward()
    h = 1e-6
    plain = lambda p, q: composite(Dual(p), Dual(q)).primal  # noqa: E731
    if abs(a - b) < 1e-3:
        return                               # relu kink
    da = (plain(a + h, b) - plain(a - h, b)) / (2 * h)
    db = (plain(a, b + h) - plain(a, b - h)) / (2 * h)
    assert va.grad == pytest.approx(da, rel=1e-5, abs=1e-6)
    assert vb.grad == pytest.approx(db, rel=1e-5, abs=1e-6)
    assert composite(Dual(a, 1), Dual(b, 0)).tangent == pytest.approx(va.grad, rel=1e-9,
                                                                       abs=1e-12)
    assert composite(Dual(a, 0), Dual(b, 1)).tangent == pytest.approx(vb.grad, rel=1e-9,
                                                                       abs=1e-12)
    assert out.data == pytest.approx(plain(a, b))


def test_graph_is_topological_and_labels_are_kept():
    x, y = Value(2.0, label="x"), Value(-1.0, label="y")
    m = x * y
    m.label = "m"
    f = (m + 3) ** 2 + 1
    nodes, edges = f.graph()
    assert nodes[-1] is f and max(nodes.index(x), nodes.index(y)) < nodes.index(m)
    position = {id(n): i for i, n in enumerate(nodes)}
    assert all(position[id(p)] < position[id(c)] for p, c in edges)
    assert [n.op for n in nodes if n.op] == ["*", "+", "**2", "+"]
    assert len(edges) == 7          # x,y->m; m,3->k; k->h; h,1->g


def test_shared_node_accumulates_and_two_backward_passes_add_up():
    x = Value(3.0)
    f = x * x + x               # df/dx = 2x + 1
    f.backward()
    assert x.grad == 7.0
    f.backward()                # as in micrograd and PyTorch: gradients add up
    assert x.grad == 14.0 and f.grad == 2.0
    f.zero_grad()
    assert all(node.grad == 0.0 for node in f.graph()[0])
    f.backward()
    assert x.grad == 7.0


def test_value_gradients_of_a_tiny_network_equal_network_backprop():
    rng = np.random.default_rng(0)
    net = nnlib.Network([nnlib.Dense(2, 3, "tanh", rng=0), nnlib.Dense(3, 1, "sigmoid", rng=1)])
    X, y = rng.normal(size=(4, 2)), np.array([0, 1, 1, 0])
    net.backprop(X, y, loss="binary_cross_entropy")
    W = [[[Value(w) for w in row] for row in layer.W] for layer in net.layers]
    b = [[Value(v) for v in layer.b] for layer in net.layers]
    total = Value(0.0)
    for xn, yn in zip(X, y):
        a = [Value(v) for v in xn]
        for layer_W, layer_b, layer in zip(W, b, net.layers):
            z = [sum((a[i] * layer_W[i][j] for i in range(len(a))), layer_b[j])
                 for j in range(len(layer_b))]
            a = [zj.tanh() if layer.activation.name == "tanh" else zj.sigmoid() for zj in z]
        p = a[0]
        total = total - (p.log() * yn + (1 - p).log() * (1 - yn))
    loss = total / len(X)
    loss.backward()
    for layer, layer_W, layer_b in zip(net.layers, W, b):
        np.testing.assert_allclose([[w.grad for w in row] for row in layer_W], layer.dW,
                                   rtol=1e-9)
        np.testing.assert_allclose([v.grad for v in layer_b], layer.db, rtol=1e-9)


def test_power_needs_a_number():
    with pytest.raises(TypeError, match="plain number"):
        Value(2.0) ** Value(2.0)
    with pytest.raises(TypeError, match="plain number"):
        Dual(2.0) ** Dual(2.0)


def test_repr_and_reverse_operators():
    assert "x=2" in repr(Value(2, label="x"))
    assert (10 - Value(4)).data == 6 and (8 / Value(2)).data == 4
    assert (10 - Dual(4, 1)).tangent == -1 and (8 / Dual(2, 1)).tangent == pytest.approx(-2)
    assert math.isclose((Value(0.0).sigmoid()).data, 0.5)


def test_power_zero_is_one_with_derivative_zero():
    x = Value(0.0)
    y = x ** 0
    y.backward()
    assert (y.data, x.grad) == (1.0, 0.0)
    d = Dual(0.0, 1.0) ** 0
    assert (d.primal, d.tangent) == (1.0, 0.0)
    z = Value(0.0)
    (z ** 1).backward()
    assert z.grad == 1.0
    s = Value(0.0) ** 0.5               # sqrt at 0: infinite slope, as in PyTorch
    assert s.data == 0.0 and s._local == (math.inf,)


@pytest.mark.parametrize("x", [-40.0, -100.0, -700.0, 40.0, 0.3])
def test_sigmoid_is_accurate_in_both_tails(x):
    want = float(nnlib.activations.sigmoid(np.array(x)))
    slope = float(nnlib.activations.sigmoid.derivative(np.array(x)))
    v = Value(x)
    s = v.sigmoid()
    s.backward()
    d = Dual(x, 1.0).sigmoid()
    assert s.data == pytest.approx(want, rel=1e-12) and d.primal == pytest.approx(want, rel=1e-12)
    assert v.grad == pytest.approx(slope, rel=1e-9) and d.tangent == pytest.approx(slope, rel=1e-9)
    assert v.grad > 0


def test_log_of_a_tiny_sigmoid():
    """Before: sigmoid(-40) rounded to 0 and log raised a math domain error."""
    x = Value(-40.0)
    out = x.sigmoid().log()
    out.backward()
    assert out.data == pytest.approx(-40.0, rel=1e-12)
    assert x.grad == pytest.approx(1.0, rel=1e-12)          # d/dx log s(x) = 1 - s(x)
    assert Dual(-40.0, 1.0).sigmoid().log().primal == pytest.approx(-40.0, rel=1e-12)


@pytest.mark.parametrize("make, match", [
    (lambda: Value(1.0) / Value(0.0), "division by zero"),
    (lambda: Value(1.0) / 0, "division by zero"),
    (lambda: 1 / Value(0.0), "division by zero"),
    (lambda: Dual(1.0, 1.0) / 0.0, "division by zero"),
    (lambda: 2 / Dual(0.0), "division by zero"),
    (lambda: Value(0.0) ** -1, r"0 \*\* -1 is undefined"),
    (lambda: Dual(0.0) ** -2.5, r"0 \*\* -2.5 is undefined"),
    (lambda: Value(-8.0) ** (1 / 3), "not a real number"),
    (lambda: Value(0.0).log(), "log needs a positive number, got 0"),
    (lambda: Dual(-1.0).log(), "log needs a positive number, got -1"),
])
def test_undefined_operations_say_so(make, match):
    with pytest.raises(DomainError, match=match) as err:
        make()
    assert isinstance(err.value, ValueError) and isinstance(err.value, ZeroDivisionError)


def test_overflow_and_wrong_kinds_are_clear():
    with pytest.raises(OverflowError, match=r"exp\(1000\) overflows a float"):
        Value(1000.0).exp()
    with pytest.raises(OverflowError, match="too large for a float"):
        Dual(1e200) ** 2
    with pytest.raises(TypeError, match="Value needs a real number, got str"):
        Value("2")
    with pytest.raises(TypeError, match="Value needs a real number, got complex"):
        Value(1.0) + 2j
    with pytest.raises(TypeError, match="Value needs a real number, got Dual"):
        Value(1.0) + Dual(1.0)
    with pytest.raises(TypeError, match="plain number n, got bool"):
        Value(2.0) ** True
