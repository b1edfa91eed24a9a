"""Lesson 13: the checks of the student's own Scalar accept the worked
solution and reject each classic bug (and None / wrong kinds) by name; the
graph mirror and the graph view."""

import math

import matplotlib

matplotlib.use("Agg")

import numpy as np  # noqa: E402
import pytest  # noqa: E402

from nnlib import checks  # noqa: E402
from nnlib.autodiff import Value  # noqa: E402
from nnlib.gradcheck import numerical_gradient  # noqa: E402
from nnlib.lessons.l13_autodiff_from_scratch import EXPRESSIONS, mirror  # noqa: E402

pytestmark = pytest.mark.lesson13


def make_scalar(add_rule="good", mul_rule="good", tanh_rule="good", pow_rule="good",
                order="good", seed=True):
    """The worked solution's class, with one bug switched on by name."""

    class Scalar:
        def __init__(self, data, _children=(), _op="", label=""):
            self.data, self.grad = float(data), 0.0
            self._prev, self._op, self.label = tuple(_children), _op, label
            self._backward = lambda: None

        def _lift(self, other):
            return other if isinstance(other, Scalar) else Scalar(other)

        def __radd__(self, other):
            return self + other

        def __rmul__(self, other):
            return self * other

        def __neg__(self):
            return self * -1

        def __sub__(self, other):
            return self + (-self._lift(other))

        def __add__(self, other):
            other = self._lift(other)
            out = Scalar(self.data + other.data, (self, other), "+")

            def _backward():
                if add_rule == "assign":
                    self.grad = out.grad
                    other.grad = out.grad
                elif add_rule == "good":
                    self.grad += out.grad
                    other.grad += out.grad

            out._backward = _backward
            return out

        def __mul__(self, other):
            other = self._lift(other)
            out = Scalar(self.data * other.data, (self, other), "*")

            def _backward():
                if mul_rule == "good":
                    self.grad += other.data * out.grad
                    other.grad += self.data * out.grad
                elif mul_rule == "assign":
                    self.grad = other.data * out.grad
                    other.grad = self.data * out.grad
                elif mul_rule == "no local":
                    self.grad += out.grad
                    other.grad += out.grad
                elif mul_rule == "swapped":
                    self.grad += self.data * out.grad
                    other.grad += other.data * out.grad

            out._backward = _backward
            return out

        def tanh(self):
            t = math.tanh(self.data)
            out = Scalar(t, (self,), "tanh")

            def _backward():
                if tanh_rule == "good":
                    self.grad += (1 - t * t) * out.grad
                elif tanh_rule == "no local":
                    self.grad += out.grad
                elif tanh_rule == "input":
                    self.grad += (1 - self.data ** 2) * out.grad

            out._backward = _backward
            return out

        def __pow__(self, n):
            out = Scalar(self.data ** n, (self,), f"**{n}")

            def _backward():
                if pow_rule == "good":
                    self.grad += n * self.data ** (n - 1) * out.grad
                elif pow_rule == "no minus one":
                    self.grad += n * self.data ** n * out.grad
                elif pow_rule == "no local":
                    self.grad += out.grad

            out._backward = _backward
            return out

        def backward(self):
            nodes = topological_order(self)
            if seed:
                self.grad = 1.0
            for node in (nodes if order == "forward" else reversed(nodes)):
                node._backward()

    return Scalar


def topological_order(root):
    order, seen = [], set()

    def visit(node):
        if node not in seen:
            seen.add(node)
            for parent in node._prev:
                visit(parent)
            order.append(node)

    visit(root)
    return order


def check_rejects(check, answer, words):
    v = check(answer)
    assert not v and words in v.message, v.message
    with pytest.raises(AssertionError):
        check(answer, strict=True)


@pytest.mark.parametrize("name", ["scalar_add", "scalar_mul", "scalar_tanh", "scalar_pow",
                                  "scalar_backward"])
def test_checks_accept_the_worked_solution(name):
    assert getattr(checks, name)(make_scalar(), strict=True)
    assert checks.scalar_topo(topological_order, strict=True)


@pytest.mark.parametrize("name, bug, words", [
    ("scalar_add", {"add_rule": "assign"}, "use `+=`, not `=`"),
    ("scalar_add", {"add_rule": "stub"}, "still the stub"),
    ("scalar_mul", {"mul_rule": "assign"}, "use `+=`, not `=`"),
    ("scalar_mul", {"mul_rule": "no local"}, "passed out.grad on unchanged"),
    ("scalar_mul", {"mul_rule": "swapped"}, "swapped"),
    ("scalar_tanh", {"tanh_rule": "no local"}, "passed out.grad on unchanged"),
    ("scalar_tanh", {"tanh_rule": "input"}, "not 1 - a²"),
    ("scalar_pow", {"pow_rule": "no minus one"}, "lowers the exponent"),
    ("scalar_pow", {"pow_rule": "no local"}, "passed out.grad on unchanged"),
    ("scalar_backward", {"order": "forward"}, "wrong order"),
    ("scalar_backward", {"seed": False}, "Seed"),
    ("scalar_backward", {"mul_rule": "assign"}, "finish step 2"),
])
def test_checks_name_each_classic_bug(name, bug, words):
    check_rejects(getattr(checks, name), make_scalar(**bug), words)


@pytest.mark.parametrize("name", ["scalar_add", "scalar_mul", "scalar_tanh", "scalar_pow",
                                  "scalar_backward"])
@pytest.mark.parametrize("answer, words", [(None, "got None"), (42, "the class itself"),
                                           (make_scalar()(2.0), "the class itself")])
def test_checks_name_none_and_wrong_types(name, answer, words):
    check_rejects(getattr(checks, name), answer, words)


def _topo_duplicates(root):
    order = []

    def visit(node):
        for parent in node._prev:
            visit(parent)
        order.append(node)

    visit(root)
    return order


@pytest.mark.parametrize("answer, words", [
    (lambda root: [root], "missing"),
    (lambda root: list(reversed(topological_order(root))), "output comes first"),
    (_topo_duplicates, "more than once"),
    (lambda root: None, "returned None"),
    (lambda root: {root}, "return a list"),
    ("order", "expected your function")])
def test_topo_check_names_each_mistake(answer, words):
    check_rejects(checks.scalar_topo, answer, words)


@pytest.mark.parametrize("text, expression, data", EXPRESSIONS)
def test_reference_values_agree_with_finite_differences(text, expression, data):
    leaves = [Value(v) for v in data]
    expression(*leaves).backward()
    numeric = numerical_gradient(lambda v: expression(*[Value(float(a)) for a in v]).data,
                                 np.array(data))
    assert [leaf.grad for leaf in leaves] == pytest.approx(numeric, rel=1e-6, abs=1e-8)


def test_mirror_and_graph_view_keep_values_and_grads():
    from nnlib.widgets.graph_view import draw_values

    Scalar = make_scalar()
    x, y = Scalar(3.0, label="x"), Scalar(2.0, label="y")
    f = x * y + x
    f.backward()
    copy = mirror(f)
    nodes = copy.graph()[0]
    assert len(nodes) == 4 and copy.data == f.data
    grads = {n.label: n.grad for n in nodes if n.label}
    assert grads == {"x": 3.0, "y": 3.0}
    fig = draw_values(f)
    texts = [t.get_text() for t in fig.axes[0].texts]
    assert "grad 3" in texts and "data 9" in " ".join(texts)
