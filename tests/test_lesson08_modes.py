"""Lesson 08: both modes give the right Jacobian, and the measurements
behave as the lesson claims (passes, operations, memory) — computed, not
hard-coded; plus the exercise checks."""

import numpy as np
import pytest

from nnlib import checks, modes
from nnlib.autodiff import Dual

pytestmark = pytest.mark.lesson08


def numeric_jacobian(f, x, eps=1e-6):
    x = np.asarray(x, dtype=float)
    cols = []
    for i in range(len(x)):
        up, down = x.copy(), x.copy()
        up[i] += eps
        down[i] -= eps
        fu = [o.primal for o in f([Dual(v) for v in up])]
        fd = [o.primal for o in f([Dual(v) for v in down])]
        cols.append((np.array(fu) - np.array(fd)) / (2 * eps))
    return np.array(cols).T


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


def test_check_dual_multiply():
    assert checks.dual_multiply(lambda a, da, b, db: (a * b, da * b + a * db), strict=True)
    for wrong in (lambda a, da, b, db: (a * b, da * db), lambda a, da, b, db: (a * b, da + db),
                  lambda a, da, b, db: (a * b, da * a + b * db), lambda a, da, b, db: (0.0, 0.0)):
        assert not checks.dual_multiply(wrong)


def test_check_passes_needed():
    assert checks.passes_needed(lambda n, m: (n, m), strict=True)
    for wrong in (lambda n, m: (m, n), lambda n, m: (1, 1), lambda n, m: (0, 0)):
        assert not checks.passes_needed(wrong)
