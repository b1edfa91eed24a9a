"""Optimizers: one step against the update rule written out by hand, against
torch.optim where installed, and refusal of a non-finite update."""

import numpy as np
import pytest

import nnlib

pytestmark = pytest.mark.lesson06


class Params:
    """The two methods an optimizer needs, over plain arrays."""

    def __init__(self, params, grads):
        self.p, self.g = params, grads

    def parameters(self):
        return self.p

    def gradients(self):
        return self.g


def run(opt, grads_seq, p0):
    p = [p0.copy()]
    for g in grads_seq:
        opt.step(Params(p, [g]))
    return p[0]


GRADS = [np.array([0.5, -1.0, 2.0]), np.array([0.1, 0.3, -0.2]), np.array([-1.0, 0.0, 0.4])]
P0 = np.array([1.0, -2.0, 0.5])


def test_sgd_rule():
    np.testing.assert_allclose(run(nnlib.SGD(lr=0.1), GRADS, P0), P0 - 0.1 * sum(GRADS))


def test_momentum_rule():
    v, p = np.zeros(3), P0.copy()
    for g in GRADS:
        v = 0.9 * v + g
        p = p - 0.1 * v
    np.testing.assert_allclose(run(nnlib.Momentum(lr=0.1, beta=0.9), GRADS, P0), p)


def test_adam_rule():
    m = v = np.zeros(3)
    p = P0.copy()
    for t, g in enumerate(GRADS, start=1):
        m = 0.9 * m + 0.1 * g
        v = 0.999 * v + 0.001 * g ** 2
        p = p - 0.01 * (m / (1 - 0.9 ** t)) / (np.sqrt(v / (1 - 0.999 ** t)) + 1e-8)
    np.testing.assert_allclose(run(nnlib.Adam(lr=0.01), GRADS, P0), p, rtol=1e-12)


@pytest.mark.parametrize("name", ["SGD", "Momentum", "Adam"])
def test_against_torch_optim(name):
    torch = pytest.importorskip("torch")
    ours = {"SGD": nnlib.SGD(lr=0.05), "Momentum": nnlib.Momentum(lr=0.05, beta=0.9),
            "Adam": nnlib.Adam(lr=0.05)}[name]
    w = torch.tensor(P0, dtype=torch.float64, requires_grad=True)
    theirs = {"SGD": lambda: torch.optim.SGD([w], lr=0.05),
              "Momentum": lambda: torch.optim.SGD([w], lr=0.05, momentum=0.9),
              "Adam": lambda: torch.optim.Adam([w], lr=0.05, eps=1e-8)}[name]()
    for g in GRADS:
        w.grad = torch.tensor(g, dtype=torch.float64)
        theirs.step()
    np.testing.assert_allclose(run(ours, GRADS, P0), w.detach().numpy(), rtol=1e-10)


@pytest.mark.parametrize("cls", [nnlib.SGD, nnlib.Momentum, nnlib.Adam])
def test_non_finite_update_changes_neither_weights_nor_state(cls):
    opt = cls(lr=0.1)
    p = [P0.copy()]
    opt.step(Params(p, [GRADS[0]]))
    before, state = p[0].copy(), repr(opt.state)
    with np.errstate(all="ignore"), pytest.raises(FloatingPointError, match="not finite.*lr=0.1"):
        opt.step(Params(p, [np.array([np.inf, 0.0, 0.0])]))
    assert np.array_equal(p[0], before) and repr(opt.state) == state


def test_state_restarts_when_the_network_changes_shape():
    opt = nnlib.Momentum(lr=0.1)
    opt.step(Params([np.zeros(3)], [np.ones(3)]))
    p = [np.zeros(2)]
    opt.step(Params(p, [np.ones(2)]))
    np.testing.assert_allclose(p[0], -0.1)


def test_optimizer_updates_a_network_in_place():
    net = nnlib.Network([nnlib.Dense(2, 3, "tanh", rng=0), nnlib.Dense(3, 1, "linear", rng=1)])
    X, y = np.ones((4, 2)), np.zeros(4)
    net.backprop(X, y, "mse")
    W = net.layers[0].W
    expected = W - 0.1 * net.layers[0].dW
    nnlib.SGD(lr=0.1).step(net)
    assert net.layers[0].W is W
    np.testing.assert_allclose(W, expected)


@pytest.mark.parametrize("make", [lambda: nnlib.SGD(lr=0.1), lambda: nnlib.Momentum(lr=0.1),
                                  lambda: nnlib.Adam(lr=0.01)])
def test_many_arrays_update_as_if_each_were_alone(make):
    """The rules are elementwise, so stepping a list of arrays of different
    shapes must equal stepping each array with its own optimizer."""
    rng = np.random.default_rng(0)
    shapes = [(2, 3), (3,), (3, 1), (1,)]
    p0 = [rng.normal(size=s) for s in shapes]
    grads = [[rng.normal(size=s) for s in shapes] for _ in range(4)]
    together, opt = [p.copy() for p in p0], make()
    for gs in grads:
        opt.step(Params(together, gs))
    for i, p in enumerate(p0):
        alone, own = [p.copy()], make()
        for gs in grads:
            own.step(Params(alone, [gs[i]]))
        np.testing.assert_allclose(together[i], alone[0], rtol=1e-13)


def test_state_restarts_when_shapes_change_but_the_size_does_not():
    opt = nnlib.Momentum(lr=0.1)
    opt.step(Params([np.zeros((2, 3))], [np.ones((2, 3))]))
    p = [np.zeros((3, 2))]
    opt.step(Params(p, [np.ones((3, 2))]))
    np.testing.assert_allclose(p[0], -0.1)


def test_a_weight_overflowing_to_inf_is_refused_and_left_as_it_was():
    p = [np.array([1.5e308, 0.0])]
    opt = nnlib.SGD(lr=1e308)
    with np.errstate(all="ignore"), pytest.raises(FloatingPointError, match="not finite"):
        opt.step(Params(p, [np.array([-1.0, 0.5])]))      # update finite, new weight inf
    assert p[0].tolist() == [1.5e308, 0.0] and opt.state is None


@pytest.mark.parametrize("make, match", [
    (lambda: nnlib.Adam(beta1=1), r"beta1 must be in \[0, 1\).*got 1"),
    (lambda: nnlib.Adam(beta1=1.2), r"beta1 must be in \[0, 1\).*got 1.2"),
    (lambda: nnlib.Adam(beta2=1.0), r"beta2 must be in \[0, 1\).*got 1.0"),
    (lambda: nnlib.Adam(beta2=-0.1), "beta2 must be a number >= 0, got -0.1"),
    (lambda: nnlib.Momentum(beta=1.0), r"beta must be in \[0, 1\).*got 1.0"),
    (lambda: nnlib.Adam(eps=0), "eps must be a positive number"),
])
def test_out_of_range_betas_are_refused_when_the_optimizer_is_made(make, match):
    with pytest.raises(ValueError, match=match):
        make()


def test_a_network_updates_through_its_flat_buffer_and_a_replaced_array_still_works():
    net = nnlib.Network([nnlib.Dense(2, 3, "tanh", rng=0), nnlib.Dense(3, 1, "linear", rng=1)])
    theta, grad = net.flat()
    assert np.shares_memory(theta, net.layers[1].W) and np.shares_memory(grad, net.layers[0].db)
    X, y = np.ones((4, 2)), np.zeros(4)
    net.layers[0].W = net.layers[0].W.copy()          # no longer a view: per-array path
    assert net.flat() is None
    net.backprop(X, y, "mse")
    expected = [p - 0.1 * g for p, g in zip(net.parameters(), net.gradients())]
    nnlib.SGD(lr=0.1).step(net)
    for p, e in zip(net.parameters(), expected):
        np.testing.assert_allclose(p, e, rtol=1e-15)


def test_state_restarts_for_another_network_of_the_same_shape():
    X, y = np.ones((4, 2)), np.zeros(4)
    nets = [nnlib.Network([nnlib.Dense(2, 1, "linear", rng=0)]) for _ in range(2)]
    opt = nnlib.Momentum(lr=0.1, beta=0.9)
    for net in nets:
        net.backprop(X, y, "mse")
        before = net.layers[0].W.copy()
        opt.step(net)                      # the first step of a fresh velocity: -lr g
        np.testing.assert_allclose(net.layers[0].W, before - 0.1 * net.layers[0].dW)
