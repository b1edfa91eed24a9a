"""Lesson 08: both modes give the right Jacobian, and the measurements
behave as the lesson claims (passes, operations, memory) — computed, not
hard-coded; plus the exercise checks."""

import numpy as np
import pytest

from nnlib import checks, numerical_gradient
from nnlib.autodiff import Dual
from nnlib.lessons import l08_modes as modes

pytestmark = pytest.mark.lesson08


def numeric_jacobian(f, x):
    """Rows of J by nnlib.numerical_gradient, one output at a time."""
    x = np.array(x, dtype=float)
    m = len(f([Dual(v) for v in x]))
    return np.array([numerical_gradient(lambda v, j=j: f([Dual(t) for t in v])[j].primal, x)
                     for j in range(m)])


def traj(m):
    return lambda v: modes.trajectory(v[0], m)


@pytest.mark.parametrize("f, x", [(modes.loss_of_weights, np.linspace(-1, 1, 7)),
                                  (traj(6), [0.4])])
def test_both_modes_give_the_jacobian(f, x):
    Jf, passes_f = modes.jacobian_forward(f, x)
    Jr, passes_r, _ = modes.jacobian_reverse(f, x)
    np.testing.assert_allclose(Jf, Jr, rtol=1e-12, atol=1e-14)
    np.testing.assert_allclose(Jf, numeric_jacobian(f, x), rtol=1e-6, atol=1e-8)
    assert passes_f == np.size(x) and passes_r == len(Jf)


def test_scalar_loss_of_many_weights_reverse_wins_on_passes_and_ops_forward_on_memory():
    small = {m: modes.measure(m, modes.loss_of_weights, np.linspace(-1, 1, 20))
             for m in ("forward", "reverse")}
    big = {m: modes.measure(m, modes.loss_of_weights, np.linspace(-1, 1, 200))
           for m in ("forward", "reverse")}
    assert big["forward"]["passes"] == 200 and big["reverse"]["passes"] == 1
    # forward-mode work grows ~ n^2 (n passes of n terms), reverse ~ n
    assert big["forward"]["ops"] / small["forward"]["ops"] > 50
    assert big["reverse"]["ops"] / small["reverse"]["ops"] < 15
    assert big["reverse"]["ops"] < big["forward"]["ops"] / 20
    # reverse mode keeps the whole graph: more memory than forward mode
    assert big["reverse"]["peak_kib"] > 3 * big["forward"]["peak_kib"]


def test_one_input_many_outputs_forward_wins():
    r = {m: modes.measure(m, traj(100), [0.3]) for m in ("forward", "reverse")}
    assert r["forward"]["passes"] == 1 and r["reverse"]["passes"] == 100
    assert r["forward"]["ops"] < r["reverse"]["ops"] / 10
    np.testing.assert_allclose(r["forward"]["J"], r["reverse"]["J"], rtol=1e-12)


def test_measure_rejects_unknown_mode():
    with pytest.raises(ValueError, match="'forward' or 'reverse'"):
        modes.measure("sideways", modes.loss_of_weights, [1.0])


def test_chain_memory_forward_flat_reverse_grows_with_T():
    lengths = [10, 100, 1000, 3000]
    r = modes.chain_memory(lengths)
    fwd, rev = r["forward"], r["reverse"]
    assert fwd.max() < 2 * fwd.min() + 1            # flat: one tangent travels along
    assert rev[-1] > 100 * rev[0]                   # grows ~ T: every node is kept
    assert np.all(np.diff(rev) > 0)
    assert rev[-1] > 100 * fwd[-1]
    d_fwd, d_rev = r["derivative"]
    t = np.array([0.3])
    d_num = numerical_gradient(lambda v: modes.chain(Dual(v[0]), 3000)[0].primal, t)[0]
    assert d_fwd == pytest.approx(d_rev, rel=1e-12) and d_fwd == pytest.approx(d_num, rel=1e-6)


def test_chain_is_one_input_one_output():
    out = modes.chain(Dual(0.3, 1.0), 5)
    assert len(out) == 1
    h = 0.0
    for _ in range(5):
        h = np.tanh(0.9 * h + 0.3)
    assert out[0].primal == pytest.approx(h, rel=1e-15)


def test_check_dual_multiply():
    assert checks.dual_multiply(lambda a, da, b, db: (a * b, da * b + a * db), strict=True)
    for wrong in (lambda a, da, b, db: (a * b, da * db), lambda a, da, b, db: (a * b, da + db),
                  lambda a, da, b, db: (a * b, da * a + b * db), lambda a, da, b, db: (0.0, 0.0)):
        assert not checks.dual_multiply(wrong)


def test_check_passes_needed():
    assert checks.passes_needed(lambda n, m: (n, m), strict=True)
    for wrong in (lambda n, m: (m, n), lambda n, m: (1, 1), lambda n, m: (0, 0)):
        assert not checks.passes_needed(wrong)


WRONG_TYPES = {
    "dual_multiply": [(lambda a, da, b, db: None, "returned None"),
                      (lambda a, da, b, db: (a * b + 0j, da * b + a * db), "must be a number"),
                      (lambda a, da, b, db: (a * b, lambda: 0), "must be a number"),
                      (lambda a, da, b, db: a * b, "return 2 values")],
    "passes_needed": [(lambda n, m: None, "returned None"),
                      (lambda n, m: (complex(n), m), "must be a number"),
                      (lambda n, m: (len, m), "must be a number"),
                      (lambda n, m: n, "return 2 values")],
}


@pytest.mark.parametrize("name, wrong, words",
                         [(n, w, t) for n, cases in WRONG_TYPES.items() for w, t in cases])
def test_checks_name_wrong_types_without_raising(name, wrong, words):
    v = getattr(checks, name)(wrong)
    assert not v and words in v.message


def test_passes_check_names_the_per_entry_mistake():
    v = checks.passes_needed(lambda n, m: (n * m, n * m))
    assert not v and "whole column" in v.message
