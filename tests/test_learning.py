"""The library really learns: the accuracy targets of the course."""

import numpy as np
import pytest

import nnlib
from nnlib import Dense, Network


@pytest.mark.lesson10
def test_moons_2_16_16_2_tanh_softmax_reaches_95_percent():
    X, y = nnlib.datasets.moons(512, noise=0.1, rng=0)
    net = Network([Dense(2, 16, "tanh", rng=0), Dense(16, 16, "tanh", rng=1),
                   Dense(16, 2, "softmax", rng=2)])
    history = net.fit(X, y, optimizer=nnlib.SGD(lr=0.5), epochs=600)
    assert np.mean(net.predict(X) == y) >= 0.95
    assert history.loss[-1] < history.loss[0] / 5


@pytest.mark.lesson06
def test_xor_is_learned_with_one_hidden_layer():
    X = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], dtype=float)
    y = np.array([0, 1, 1, 0])
    net = Network([Dense(2, 4, "tanh", rng=3), Dense(4, 1, "sigmoid", rng=4)])
    net.fit(X, y, loss="binary_cross_entropy", optimizer=nnlib.Adam(lr=0.05), epochs=500)
    assert np.array_equal(net.predict(X), y)


@pytest.mark.lesson06
def test_single_neuron_cannot_learn_xor():
    X = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], dtype=float)
    y = np.array([0, 1, 1, 0])
    net = Network([Dense(2, 1, "sigmoid", rng=0)])
    net.fit(X, y, loss="binary_cross_entropy", optimizer=nnlib.Adam(lr=0.05), epochs=500)
    assert np.mean(net.predict(X) == y) <= 0.75


@pytest.mark.lesson11
def test_regression_fit_of_a_sine():
    X, y = nnlib.datasets.regression_1d(200, noise=0.05, rng=0)
    net = Network([Dense(1, 32, "tanh", rng=0), Dense(32, 1, "linear", rng=1)])
    net.fit(X, y, loss="mse", optimizer=nnlib.Adam(lr=0.01), epochs=400, batch_size=32, rng=0)
    residual = net(X)[:, 0] - y
    assert np.mean(residual ** 2) < 0.01          # noise variance is 0.0025
    assert np.mean(residual ** 2) < 0.05 * np.var(y)


@pytest.mark.lesson12
@pytest.mark.slow
def test_digits_64_32_10_relu_reaches_90_percent_test_accuracy():
    sklearn_datasets = pytest.importorskip("sklearn.datasets")
    digits = sklearn_datasets.load_digits()
    X, y = digits.data / 16.0, digits.target
    order = np.random.default_rng(0).permutation(len(X))
    train, test = order[:1400], order[1400:]
    net = Network([Dense(64, 32, "relu", rng=0), Dense(32, 10, "softmax", rng=1)])
    history = net.fit(X[train], y[train], optimizer=nnlib.Adam(lr=0.01), epochs=30,
                      batch_size=32, rng=0, validation_data=(X[test], y[test]))
    accuracy = np.mean(net.predict(X[test]) == y[test])
    assert accuracy >= 0.90
    assert history.val_accuracy[-1] == pytest.approx(accuracy)
