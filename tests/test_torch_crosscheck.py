"""Network gradients against PyTorch autograd in float64 (skipped without torch)."""

import numpy as np
import pytest

import nnlib

pytestmark = pytest.mark.lesson09
torch = pytest.importorskip("torch")

TORCH_ACT = {"linear": lambda z: z, "relu": torch.relu, "tanh": torch.tanh,
             "sigmoid": torch.sigmoid, "leaky_relu": lambda z: torch.nn.functional.leaky_relu(
                 z, 0.01), "elu": torch.nn.functional.elu, "softplus": torch.nn.functional.softplus,
             "softmax": lambda z: torch.softmax(z, dim=1)}


def torch_loss(net, X, y, loss, l1, l2):
    params = [torch.tensor(p, requires_grad=True) for p in net.parameters()]
    A = torch.tensor(X)
    for i, layer in enumerate(net.layers):
        A = TORCH_ACT[layer.activation.name](A @ params[2 * i] + params[2 * i + 1])
    if loss == "cross_entropy":
        value = torch.nn.functional.nll_loss(torch.log(A), torch.tensor(y))
    elif loss == "binary_cross_entropy":
        value = torch.nn.functional.binary_cross_entropy(A[:, 0], torch.tensor(y, dtype=A.dtype))
    elif loss == "mse":
        value = torch.mean((A - torch.tensor(y)) ** 2)
    else:
        value = torch.mean(torch.abs(A - torch.tensor(y)))
    for W in params[::2]:
        value = value + l1 * W.abs().sum() + l2 * (W ** 2).sum()
    value.backward()
    return value.item(), [p.grad.numpy() for p in params]


HIDDEN = [name for name in nnlib.activations.names() if name in TORCH_ACT and name != "linear"]


def test_every_registered_activation_with_a_gradient_has_a_torch_twin():
    """sign has no gradient; a new activation needs its torch twin here."""
    assert set(nnlib.activations.layer_names()) - {"sign"} <= set(TORCH_ACT)


@pytest.mark.parametrize("hidden", HIDDEN)
@pytest.mark.parametrize("output, loss, n_out", [
    ("softmax", "cross_entropy", 3), ("sigmoid", "binary_cross_entropy", 1),
    ("linear", "mse", 2), ("linear", "mae", 2), ("tanh", "mse", 2)])
def test_gradients_equal_torch_autograd(hidden, output, loss, n_out):
    rng = np.random.default_rng(11)
    net = nnlib.Network([nnlib.Dense(4, 6, hidden, rng=0), nnlib.Dense(6, 5, hidden, rng=1),
                         nnlib.Dense(5, n_out, output, rng=2)])
    X = rng.normal(size=(9, 4))
    y = (rng.integers(0, n_out, 9) if loss == "cross_entropy" else rng.integers(0, 2, 9)
         if loss == "binary_cross_entropy" else rng.normal(size=(9, n_out)))
    ours = net.backprop(X, y, loss=loss, l1=0.01, l2=0.02)
    theirs, grads = torch_loss(net, X, y, loss, 0.01, 0.02)
    assert ours == pytest.approx(theirs, rel=1e-12)
    for g, t in zip(net.gradients(), grads):
        np.testing.assert_allclose(g, t, rtol=1e-10, atol=1e-13)
