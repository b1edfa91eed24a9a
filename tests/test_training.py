"""train_step and fit: history, callbacks, validation, bad input that changes
nothing, and divergence that leaves the weights as before the bad step."""

import numpy as np
import pytest

import nnlib

pytestmark = pytest.mark.lesson06


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


BAD_DATA = [   # rejected by fit and by train_step alike
    (dict(X=np.zeros((5, 3))), r"2 feature column\(s\).*\(5, 3\)"),
    (dict(X=np.full((5, 2), np.nan)), "NaN or inf"),
    (dict(y=np.array([0, 1, 2, 0, 1])), r"0\.\.1 \(2 classes\).*from 0 to 2"),
    (dict(y=np.array([0, 1, 0])), r"shape \(5,\)"),
    (dict(loss="hinge"), "unknown loss 'hinge'; expected one of"),
    (dict(loss="binary_cross_entropy"), "expects a sigmoid output layer, got 'softmax'"),
    (dict(l2=-1.0), "l2 must be a number >= 0"),
]
FIT_ONLY = [
    (dict(epochs=-1), "epochs must be a whole number >= 0"),
    (dict(batch_size=0), "batch_size must be a positive int"),
]


def bad_call(kwargs):
    args = dict(X=np.zeros((5, 2)), y=np.array([0, 1, 0, 1, 0]), loss="cross_entropy")
    args.update(kwargs)
    return args.pop("X"), args.pop("y"), args


@pytest.mark.parametrize("kwargs, match", BAD_DATA + FIT_ONLY)
def test_fit_rejects_bad_input_with_a_clear_error_and_changes_nothing(kwargs, match):
    net, opt = small_net(), nnlib.Momentum(lr=0.1)
    before = snapshot(net)
    X, y, args = bad_call(kwargs)
    with pytest.raises(ValueError, match=match):
        net.fit(X, y, optimizer=opt, epochs=args.pop("epochs", 2), **args)
    assert unchanged(net, before) and opt.state is None


@pytest.mark.parametrize("kwargs, match", BAD_DATA)
def test_train_step_rejects_bad_input_with_a_clear_error_and_changes_nothing(kwargs, match):
    net, opt = small_net(), nnlib.Momentum(lr=0.1)
    before = snapshot(net)
    X, y, args = bad_call(kwargs)
    with pytest.raises(ValueError, match=match):
        net.train_step(X, y, args.pop("loss"), opt, **args)
    assert unchanged(net, before) and opt.state is None


@pytest.mark.parametrize("kwargs, error, match", [
    (dict(validation_data=np.zeros((5, 2))), TypeError, r"pair \(X_val, y_val\).*ndarray"),
    (dict(validation_data=(np.zeros((5, 2)),)), TypeError, "pair.*length 1"),
    (dict(validation_data=(np.zeros((5, 3)), np.zeros(5, int))), ValueError,
     r"validation_data: .*2 feature column\(s\)"),
    (dict(validation_data=(np.zeros((4, 2)), np.array([0, 1, 5, 0]))), ValueError,
     "validation_data: .*labels must lie in 0..1"),
    (dict(callback="print"), TypeError, "callback must be callable.*got str"),
])
def test_fit_checks_validation_data_and_callback_before_the_first_step(kwargs, error, match):
    net, opt = small_net(), nnlib.Momentum(lr=0.1)
    before = snapshot(net)
    X, y = np.zeros((6, 2)), np.array([0, 1] * 3)
    with pytest.raises(error, match=match):
        net.fit(X, y, optimizer=opt, epochs=3, **kwargs)
    assert unchanged(net, before) and opt.state is None


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
    history = info.value.history          # the finished epochs are not thrown away
    assert len(history.loss) == len(good) == epoch - 1 and np.all(np.isfinite(history.loss))
    assert f"{epoch - 1} finished epoch(s)" in message


def test_an_infinite_loss_is_refused_before_any_update():
    X, y = nnlib.datasets.blobs(20, rng=0)
    net, opt = small_net(), nnlib.Momentum(lr=0.1)
    net.train_step(X, y, "cross_entropy", opt)
    before, state = snapshot(net), [v.copy() for v in opt.state[0]]
    with np.errstate(all="ignore"), pytest.raises(FloatingPointError, match="loss is inf.*lr=0.1"):
        net.train_step(X, y, "cross_entropy", opt, l2=1e308)
    assert unchanged(net, before)
    assert all(np.array_equal(a, b) for a, b in zip(state, opt.state[0]))


def test_non_finite_new_weights_are_caught_where_they_appear_and_undone():
    """A bias can overflow to inf although the loss and the update are finite."""
    X, y = nnlib.datasets.blobs(20, rng=0)
    net, opt = small_net(), nnlib.SGD(lr=1.0)
    net.layers[0].b[:] = 1.7e308          # tanh(1.7e308) = 1: the loss stays finite
    net.backprop(X, y, "cross_entropy")
    assert np.isfinite(net.layers[0].db).all() and np.abs(net.layers[0].db).max() == 0
    net.layers[0].db[:] = -1e308           # what a diverging gradient would be
    before = snapshot(net)
    with np.errstate(all="ignore"), pytest.raises(FloatingPointError,
                                                  match="new weights are not finite.*lr=1.0"):
        opt.step(net)
    assert unchanged(net, before)


def test_the_same_dense_twice_is_refused():
    layer = nnlib.Dense(3, 3, "tanh", rng=0)
    with pytest.raises(ValueError, match="layer 2 is the same Dense object as layer 0"):
        nnlib.Network([layer, nnlib.Dense(3, 3, "tanh", rng=1), layer])


@pytest.mark.parametrize("make, error, match", [
    (lambda W: W.astype(int), TypeError, "layer 1: W must be a float64 numpy array, got "
                                         "ndarray of dtype int64"),
    (lambda W: np.lib.stride_tricks.as_strided(W.copy(), writeable=False), ValueError,
     "layer 1: W is read-only; expected a writeable array"),
    (lambda W: W.tolist(), TypeError, "layer 1: W must be a float64 numpy array, got list"),
    (lambda W: W[:4].copy(), ValueError, r"layer 1: W \(and dW\) must have shape \(8, 2\), "
                                         r"got \(4, 2\)"),
])
def test_hand_set_weights_that_cannot_be_updated_in_place_are_refused_first(make, error, match):
    X, y = nnlib.datasets.blobs(20, rng=0)
    net, opt = small_net(), nnlib.Adam(lr=0.1)
    net.layers[1].W = make(np.round(net.layers[1].W * 4))
    before = [np.array(p, dtype=float) for p in net.parameters()]
    for call in (lambda: net.train_step(X, y, "cross_entropy", opt),
                 lambda: net.fit(X, y, optimizer=opt, epochs=2)):
        with pytest.raises(error, match=match):
            call()
        assert all(np.array_equal(a, np.asarray(b, dtype=float))
                   for a, b in zip(before, net.parameters()))   # layer 1 was not updated
        assert opt.state is None


@pytest.mark.parametrize("bad", [1 + 2j, np.array([[1.0, 2.0j]]), "1.5", np.array([["1", "2"]]),
                                 [[1, "a"]]])
def test_complex_and_text_inputs_are_refused_not_converted(bad):
    net = small_net()
    X = np.broadcast_to(np.asarray(bad), (3, 2)) if np.ndim(bad) < 2 else bad
    with pytest.raises(TypeError, match="complex|text|numeric"):
        net.forward(X)
    with pytest.raises(TypeError, match="complex|text|numeric"):
        net.fit(X, np.zeros(len(X), int), epochs=1)
    y_complex = np.array([0.5, 1.0 + 1.0j, 0.0])
    reg = nnlib.Network([nnlib.Dense(2, 1, "linear", rng=0)])
    with pytest.raises(TypeError, match="real numbers, got complex"):
        reg.backprop(np.zeros((3, 2)), y_complex, "mse")
