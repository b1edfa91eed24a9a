"""Lesson 10: each challenge check accepts a good network and rejects the
typical wrong ones (too big, untrained, no penalty, wrong activation)."""

import matplotlib

matplotlib.use("Agg")

import pytest  # noqa: E402

from nnlib import checks  # noqa: E402
from nnlib.widgets.playground import Playground  # noqa: E402

pytestmark = pytest.mark.lesson10


def trained(*args, epochs, **kwargs):
    pg = Playground(*args, rng=0, **kwargs)
    pg.train(epochs)
    return pg


def test_xor_challenge():
    assert checks.xor_challenge(trained("xor", hidden=(3,), lr=0.03, epochs=150).net, strict=True)
    big = trained("xor", hidden=(8, 8), lr=0.03, epochs=100).net
    assert "16 hidden neurons" in checks.xor_challenge(big).message
    untrained = Playground("xor", hidden=(3,), rng=0).net
    assert not checks.xor_challenge(untrained)
    with pytest.raises(AssertionError):
        checks.xor_challenge(untrained, strict=True)


def test_spirals_challenge():
    assert checks.spirals_challenge(trained("spirals", hidden=(8, 8), lr=0.03, epochs=300).net)
    one_layer = trained("spirals", hidden=(16,), lr=0.03, epochs=50).net
    assert "1 hidden layer" in checks.spirals_challenge(one_layer).message
    assert not checks.spirals_challenge(Playground("spirals", hidden=(8, 8), rng=0).net)


def test_l1_pruning():
    assert checks.l1_pruning(trained("moons", hidden=(8, 8), lr=0.03, l1=0.01, epochs=200).net)
    plain = trained("moons", hidden=(8, 8), lr=0.03, epochs=100).net
    assert "raise the L1 strength" in checks.l1_pruning(plain).message
    crushed = Playground("moons", hidden=(8, 8), rng=0).net
    for layer in crushed.layers:         # everything pruned: the network predicts one class
        layer.W[...] = 0.0
    assert "too strong" in checks.l1_pruning(crushed).message


def test_saturation_challenge():
    pg = Playground("moons", hidden=(8,), activation="sigmoid", rng=0)
    assert not checks.saturation_challenge(pg.net, pg.X)
    pg.net.layers[0].W *= 30
    assert checks.saturation_challenge(pg.net, pg.X, strict=True)
    tanh = Playground("moons", hidden=(8,), activation="tanh", rng=0)
    tanh.net.layers[0].W *= 30
    assert "uses tanh" in checks.saturation_challenge(tanh.net, tanh.X).message
