"""Value keeps micrograd's habits: its constructor form, _prev/_op for drawing,
hand-written _backward hooks, gradients that accumulate over backward() calls,
and the same numbers as PyTorch on expressions in the style of micrograd's
own engine tests (written afresh here, not copied)."""

import random

import pytest

from nnlib.autodiff import Value

pytestmark = [pytest.mark.lesson07, pytest.mark.lesson08]


def expression(lib_x, lib_y):
    """Mixes relu, powers, division, reverse operators and a reused node."""
    a = 3 * lib_x - 1 + lib_y
    b = (a * lib_y).relu() + a ** 2
    a = a + 2 * a + (lib_x - lib_y).relu()
    c = b / 4.0 - a * lib_x
    c = c + 5.0 / (b + 1) + (-lib_y)
    return (c * c).relu() + c ** 3 / 10


@pytest.mark.parametrize("x, y", [(-4.0, 2.0), (1.5, -0.5), (0.25, 3.0)])
def test_value_and_torch_agree_including_accumulation(x, y):
    torch = pytest.importorskip("torch")
    vx, vy = Value(x), Value(y)
    out = expression(vx, vy)
    tx = torch.tensor(x, dtype=torch.float64, requires_grad=True)
    ty = torch.tensor(y, dtype=torch.float64, requires_grad=True)
    tout = expression(tx, ty)
    assert out.data == pytest.approx(tout.item(), rel=1e-12)
    for _ in range(2):                       # the second pass adds up in both
        out.backward()
        tout.backward(retain_graph=True)
        assert vx.grad == pytest.approx(tx.grad.item(), rel=1e-10)
        assert vy.grad == pytest.approx(ty.grad.item(), rel=1e-10)


def test_tanh_exp_log_chain_against_torch():
    torch = pytest.importorskip("torch")
    v = Value(0.7)
    out = ((v * 2).tanh() + (v / 3).exp() * (v + 1).log() - v.sigmoid()) / v
    out.backward()
    t = torch.tensor(0.7, dtype=torch.float64, requires_grad=True)
    tout = ((t * 2).tanh() + (t / 3).exp() * (t + 1).log() - t.sigmoid()) / t
    tout.backward()
    assert (out.data, v.grad) == pytest.approx((tout.item(), t.grad.item()), rel=1e-12)


def test_plus_equals_makes_a_new_node_as_in_micrograd():
    x = Value(1.0)
    c = x * 2
    old = c
    c += c + 1                               # no __iadd__: c is rebound, old is kept
    c.backward()
    assert old.data == 2.0 and c.data == 5.0 and x.grad == 4.0 and c._prev[0] is old


def test_micrograd_constructor_with_a_handwritten_backward():
    a, b = Value(2.0, label="a"), Value(-3.0, label="b")
    out = Value(a.data * b.data, (a, b), "*", label="out")

    def _backward():
        a.grad += b.data * out.grad
        b.grad += a.data * out.grad

    out._backward = _backward
    top = out.tanh()
    top.backward()
    slope = 1 - top.data ** 2
    assert (a.grad, b.grad) == pytest.approx((-3.0 * slope, 2.0 * slope))
    assert out._op == "*" and set(out._prev) == {a, b} and out.label == "out"


def test_micrograd_constructor_without_a_backward_is_refused_clearly():
    a = Value(2.0)
    orphan = Value(4.0, (a,), "square")
    before = a.grad
    with pytest.raises(ValueError, match="op 'square'.*micrograd-style _backward"):
        (orphan + 1).backward()
    assert a.grad == before
    with pytest.raises(TypeError, match="a name goes in label="):
        Value(2.0, "x")                      # nnlib's old positional label


def test_stepping_backward_by_hand_as_in_the_micrograd_lecture():
    x, w, b = Value(2.0), Value(-1.5), Value(0.5)
    n = x * w + b
    o = n.tanh()
    o.grad = 1.0
    o._backward()                            # one node at a time, output first
    n._backward()
    n._prev[0]._backward()
    assert n.grad == pytest.approx(1 - o.data ** 2)
    assert (x.grad, w.grad, b.grad) == pytest.approx((-1.5 * n.grad, 2.0 * n.grad, n.grad))


def trace(root):
    """The walk micrograd's graph-drawing notebook does: nodes and edges
    found through _prev only."""
    nodes, edges = set(), set()

    def build(v):
        if v not in nodes:
            nodes.add(v)
            for child in v._prev:
                edges.add((child, v))
                build(child)
    build(root)
    return nodes, edges


def test_graph_drawing_through_prev_and_op_matches_graph():
    x, y = Value(1.0, label="x"), Value(-2.0, label="y")
    f = ((x * y + 3) ** 2).tanh() + x
    f.backward()
    nodes, edges = trace(f)
    ours, our_edges = f.graph()
    assert nodes == set(ours) and edges == set(our_edges)
    labels = [f"{{ {n.label} | data {n.data:.4f} | grad {n.grad:.4f} }}" for n in nodes]
    ops = sorted(n._op for n in nodes if n._op)
    assert ops == ["*", "**2", "+", "+", "tanh"] and len(labels) == len(nodes) == 8


def test_a_micrograd_style_training_loop_learns():
    """Neurons built from Values, zeroed with p.grad = 0 (micrograd's
    Module.zero_grad) before each backward(): the loss goes down."""
    rng = random.Random(0)
    params = [Value(rng.uniform(-1, 1)) for _ in range(3)]
    data = [((x1, x2), 1.0 if x1 + x2 > 0 else -1.0)
            for x1, x2 in ((rng.uniform(-1, 1), rng.uniform(-1, 1)) for _ in range(20))]

    def loss():
        w1, w2, b = params
        margins = [(1 + -y * (w1 * x1 + w2 * x2 + b)).relu() for (x1, x2), y in data]
        return sum(margins) * (1.0 / len(data))

    first = loss().data
    for _ in range(30):
        total = loss()
        for p in params:
            p.grad = 0
        total.backward()
        for p in params:
            p.data -= 0.1 * p.grad
    assert loss().data < 0.5 * first
