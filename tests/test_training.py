"""train_step and fit: history, callbacks, validation, bad input that changes
nothing, and divergence that leaves the weights as before the bad step."""

import numpy as np
import pytest

import nnlib


def small_net(seed=0, out="softmax", n_out=2):
    return nnlib.Network([nnlib.Dense(2, 8, "tanh", rng=seed),
                          nnlib.Dense(8, n_out, out, rng=seed + 1)])


def snapshot(net):
    return [p.copy() for p in net.parameters()]


def unchanged(net, before):
    return all(np.array_equal(a, b) for a, b in zip(before, net.parameters()))


def test_train_step_lowers_the_loss_and_returns_the_loss_before_the_step():
    X, y = nnlib.datasets.blobs(100, rng=0)
    net, opt = small_net(), nnlib.SGD(lr=0.5)
    expected = small_net().evaluate(X, y, "cross_entropy")[0]
    first = net.train_step(X, y, "cross_entropy", opt)
    assert first == pytest.approx(expected, rel=1e-12)
    losses = [net.train_step(X, y, "cross_entropy", opt) for _ in range(20)]
    assert losses[-1] < first and np.all(np.diff(losses) < 0)


def test_fit_history_and_callback_and_validation():
    X, y = nnlib.datasets.moons(200, rng=1)
    Xv, yv = nnlib.datasets.moons(100, rng=2)
    seen = []

    def callback(epoch, history):
        seen.append((epoch, len(history.loss)))
        return epoch < 4            # stop after the fifth epoch

    history = small_net().fit(X, y, optimizer=nnlib.Adam(lr=0.01), epochs=50, batch_size=32,
                              rng=0, validation_data=(Xv, yv), callback=callback)
    assert seen == [(e, e + 1) for e in range(5)]
    assert len(history.loss) == len(history.val_loss) == len(history.accuracy) == 5
    assert len(history.val_accuracy) == 5
    assert all(0 <= a <= 1 for a in history.accuracy + history.val_accuracy)


def test_fit_is_deterministic_with_a_seed():
    X, y = nnlib.datasets.moons(120, rng=1)
    runs = [small_net().fit(X, y, epochs=5, batch_size=16, rng=3).loss for _ in range(2)]
    assert runs[0] == runs[1]


def test_regression_history_has_no_accuracy():
    X, y = nnlib.datasets.regression_1d(50, rng=0)
    net = nnlib.Network([nnlib.Dense(1, 8, "tanh", rng=0), nnlib.Dense(8, 1, "linear", rng=1)])
    history = net.fit(X, y, loss="mse", epochs=3)
    assert len(history.loss) == 3 and history.accuracy == []


def test_fit_full_batch_loss_equals_backprop_loss():
    X, y = nnlib.datasets.blobs(60, rng=0)
    a, b = small_net(), small_net()
    history = a.fit(X, y, optimizer=nnlib.SGD(lr=0.1), epochs=1)
    assert history.loss[0] == pytest.approx(b.backprop(X, y, "cross_entropy"))


@pytest.mark.parametrize("kwargs, match", [
    (dict(X=np.zeros((5, 3))), r"2 feature column\(s\).*\(5, 3\)"),
    (dict(X=np.full((5, 2), np.nan)), "NaN or inf"),
    (dict(y=np.array([0, 1, 2, 0, 1])), r"0\.\.1 \(2 classes\).*from 0 to 2"),
    (dict(y=np.array([0, 1, 0])), r"shape \(5,\)"),
    (dict(loss="hinge"), "unknown loss 'hinge'; expected one of"),
    (dict(loss="binary_cross_entropy"), "expects a sigmoid output layer, got 'softmax'"),
    (dict(l2=-1.0), "l2 must be a number >= 0"),
    (dict(epochs=-1), "epochs must be a whole number >= 0"),
    (dict(batch_size=0), "batch_size must be a positive int"),
])
def test_bad_input_raises_a_clear_error_and_changes_nothing(kwargs, match):
    net = small_net()
    before = snapshot(net)
    args = dict(X=np.zeros((5, 2)), y=np.array([0, 1, 0, 1, 0]), loss="cross_entropy")
    args.update(kwargs)
    X, y = args.pop("X"), args.pop("y")
    with pytest.raises(ValueError, match=match):
        net.fit(X, y, epochs=args.pop("epochs", 2), **args)
    assert unchanged(net, before)
    with pytest.raises(ValueError):
        if "epochs" not in kwargs and "batch_size" not in kwargs:
            net.train_step(X, y, args.pop("loss", "cross_entropy"), nnlib.SGD(0.1), **args)
        else:
            raise ValueError("fit-only argument")
    assert unchanged(net, before)


@pytest.mark.parametrize("lr", [0, -0.1, float("nan")])
def test_learning_rate_must_be_positive(lr):
    for cls in (nnlib.SGD, nnlib.Momentum, nnlib.Adam):
        with pytest.raises(ValueError, match=f"lr .*must be a positive number, got {lr}"):
            cls(lr=lr)
    opt = nnlib.SGD(lr=0.1)
    with pytest.raises(ValueError):
        opt.lr = lr
    assert opt.lr == 0.1


def test_unknown_optimizer_name():
    with pytest.raises(ValueError, match="expected an Optimizer or one of.*'adam'"):
        small_net().fit(np.zeros((2, 2)), np.array([0, 1]), optimizer="rmsprop")


def test_divergence_names_epoch_and_learning_rate_and_keeps_the_last_good_weights():
    X, y = nnlib.datasets.regression_1d(64, rng=0)
    X = X * 100.0
    net = nnlib.Network([nnlib.Dense(1, 16, "relu", rng=0), nnlib.Dense(16, 1, "linear", rng=1)])
    good = []

    def remember(epoch, history):
        good.append(snapshot(net))

    with np.errstate(all="ignore"), pytest.raises(FloatingPointError) as info:
        net.fit(X, y, loss="mse", optimizer=nnlib.SGD(lr=5.0), epochs=100, callback=remember)
    message = str(info.value)
    epoch = len(good) + 1
    assert f"epoch {epoch}" in message and "lr=5.0" in message and "lower learning rate" in message
    assert all(np.all(np.isfinite(p)) for p in net.parameters())
    assert unchanged(net, good[-1])      # full batch: one step per epoch


def test_an_infinite_loss_is_refused_before_any_update():
    X, y = nnlib.datasets.blobs(20, rng=0)
    net, opt = small_net(), nnlib.Momentum(lr=0.1)
    net.train_step(X, y, "cross_entropy", opt)
    before, state = snapshot(net), [v.copy() for v in opt.state[0]]
    with np.errstate(all="ignore"), pytest.raises(FloatingPointError, match="loss is inf.*lr=0.1"):
        net.train_step(X, y, "cross_entropy", opt, l2=1e308)
    assert unchanged(net, before)
    assert all(np.array_equal(a, b) for a, b in zip(state, opt.state[0]))
