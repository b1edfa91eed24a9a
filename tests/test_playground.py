"""The Playground driven like a student would, without a browser: Play on an
event loop, Pause, Step, Reset, structure and hyper-parameter changes while
training, a click that adds a point, CSV import, weight editing, export and
import.  Deterministic with a seed; asserts on state, never on time."""

import asyncio

import matplotlib

matplotlib.use("Agg")

import numpy as np  # noqa: E402
import pytest  # noqa: E402

from nnlib.widgets.playground import DATASETS, Playground  # noqa: E402

pytestmark = pytest.mark.lesson10


def weights(pg):
    return [p.copy() for p in pg.net.parameters()]


def changed(a, b):
    return any(not np.array_equal(x, y) for x, y in zip(a, b))


async def play_for(pg, frames):
    pg.play()
    for _ in range(200):                    # bounded wait
        await asyncio.sleep(0.01)
        if pg.epoch >= frames * pg.controls["speed"].value:
            break
    pg.pause()
    await asyncio.sleep(0.05)               # the task sees running = False and ends


def test_play_pause_advances_epochs_and_lowers_the_loss():
    pg = Playground("blobs", hidden=(4,), rng=0)
    before = weights(pg)
    asyncio.run(play_for(pg, 3))
    assert pg.epoch >= 30 and not pg.running and pg.task.done()
    assert f"Epoch {pg.epoch}" in pg.epoch_label.value
    assert changed(before, weights(pg))
    assert pg.history.loss[-1] < pg.history.loss[0]
    epoch = pg.epoch
    asyncio.run(asyncio.sleep(0.05))
    assert pg.epoch == epoch                # paused means paused


def test_step_reset_and_determinism():
    a, b = Playground("moons", rng=3), Playground("moons", rng=3)
    a.controls["step"].click()
    b.step()
    assert a.epoch == b.epoch == 1
    assert all(np.array_equal(x, y) for x, y in zip(weights(a), weights(b)))
    a.controls["reset"].click()
    assert a.epoch == 0 and a.history.loss == [] and "Epoch 0" in a.epoch_label.value


def test_changes_while_training_apply():
    pg = Playground("xor", hidden=(4, 4), rng=1)

    async def scenario():
        pg.play()
        await asyncio.sleep(0.05)
        pg.controls["lr"].value = 0.001          # the live optimizer's lr follows
        assert pg.optimizer.lr == pytest.approx(0.001)
        pg.layer_controls[0][1].value = "relu"   # activation change: rebuild + pause
        await asyncio.sleep(0.05)

    asyncio.run(scenario())
    assert pg.net.layers[0].activation.name == "relu" and not pg.running
    assert pg.epoch == 0


def test_structure_buttons_and_outputs():
    pg = Playground("blobs", hidden=(3,), rng=0)
    assert [la.n_out for la in pg.net.layers] == [3, 3]          # three blobs -> softmax(3)
    pg.controls["add_layer"].click()
    pg.layer_controls[1][0].value = 5
    assert [la.n_out for la in pg.net.layers] == [3, 5, 3]
    pg.controls["remove_layer"].click()
    pg.controls["remove_layer"].click()
    assert [la.n_out for la in pg.net.layers] == [3]            # a linear model
    pg.controls["dataset"].value = "regression_1d"
    assert pg.regression and pg.net.layers[-1].activation.name == "linear"
    assert pg.model.loss == "mse" and pg.X.shape[1] == 1
    pg.train(5)
    assert len(pg.history.loss) == 5


@pytest.mark.parametrize("name", DATASETS)
def test_every_data_set_trains_and_makes_a_frame(name):
    pg = Playground(name, hidden=(4,), rng=0)
    pg.step()
    assert pg.epoch == 1 and np.isfinite(pg.history.loss[0])
    f = pg.model.frame()
    n_maps = pg.net.n_in + 4 + pg.net.n_out
    m = pg.model.m
    assert f["maps"].shape == (n_maps, m * m if pg.model.dim == 2 else m)
    assert f["maps"].dtype == np.uint8 and f["out"].nbytes <= 64 * 64 * 4


def test_a_frame_holds_what_the_network_computes():
    pg = Playground("spirals", hidden=(8, 8), rng=0)
    pg.train(5)
    model = pg.model
    f = model.frame()
    w = np.concatenate([la.W.ravel() for la in pg.net.layers])
    np.testing.assert_allclose(f["weights"], w, rtol=1e-6)
    assert len(f["biases"]) == 8 + 8 + 2
    # the output code's class is the network's prediction on the grid
    np.testing.assert_array_equal(f["out"] >> 5, model.predicted_class(model.grid))
    # the first hidden neuron's map is its activation over the coarse grid
    a = np.tanh(model.map_grid @ pg.net.layers[0].W[:, 0] + pg.net.layers[0].b[0])
    code = np.round(127.5 * (a / np.abs(a).max() + 1))
    np.testing.assert_array_equal(f["maps"][2], code)
    # only new loss points travel; a resync sends them all
    assert f["loss"].shape == (5, 2) and model.frame()["loss"].shape == (0, 2)
    assert model.frame(full_loss=True)["loss"].shape == (5, 2)
    assert sum(v.nbytes for k, v in f.items() if k != "info") <= 20_000
    deep = Playground("spirals", hidden=(8,) * 6, rng=0)
    deep.train(10)
    assert sum(v.nbytes for k, v in deep.model.frame().items() if k != "info") <= 20_000


def test_the_frame_loop_uses_no_matplotlib():
    import sys

    import nnlib.widgets.playground as module

    assert "matplotlib" not in module.__dict__ and "PIL" not in sys.modules.get(
        "nnlib.lessons.l10_model").__dict__
    pg = Playground("moons", hidden=(4,), rng=0)
    pg.view.frames = 0
    pg.step()
    assert pg.view.frames == 1 and 0 < pg.view.bytes_sent <= 20_000
    assert pg.view.palette["classes"][0] == [0, 158, 115]          # CLASS_COLORS[0]


def add(pg, x, y):
    pg._on_event("add", {"type": "add", "x": x, "y": y})


def test_click_adds_a_point_of_the_selected_class():
    pg = Playground("moons", rng=0)
    n = len(pg.X)
    pg.controls["click_class"].value = 1
    add(pg, 0.3, -0.2)
    assert len(pg.X) == n + 1 and pg.y[-1] == 1 and not pg.is_test[-1]
    np.testing.assert_allclose(pg.X[-1], [0.3, -0.2])
    pg.controls["click_class"].value = 2                      # a third class grows the output
    add(pg, 0.0, 0.0)
    assert pg.net.n_out == 3 and pg.view.layout_info["classes"] == 3
    reg = Playground("regression_1d", rng=0)
    add(reg, 0.0, 0.0)                                          # no clicks in regression
    assert len(reg.X) == 300


def test_csv_import_good_and_bad(tmp_path):
    pg = Playground("moons", rng=0)
    good = tmp_path / "points.csv"
    good.write_text("x1,x2,label\n" + "\n".join(f"{i / 10},{-i / 10},{i % 2}" for i in range(20)))
    pg.load_csv(str(good))
    assert len(pg.X) == 20 and pg.controls["dataset"].value == "custom" and pg.message == ""
    before = pg.X.copy()
    for text, words in [("1,2\n3,4\n", "3 columns"), ("a,b,c\nx,y,z\n", "CSV not loaded"),
                        ("1,2,0\n3,4,99\n", "0..7")]:
        bad = tmp_path / "bad.csv"
        bad.write_text(text)
        pg.load_csv(str(bad))
        assert words in pg.message
        assert np.array_equal(pg.X, before)                   # nothing changed
    pg.load_csv(str(tmp_path / "missing.csv"))
    assert "CSV not loaded" in pg.message and "#B00020" in pg.message_box.value


def test_editing_a_weight_changes_the_output():
    pg = Playground("xor", hidden=(2,), rng=0)
    labels = [label for label, _ in pg.controls["param"].options]
    assert "W1[0,1]" in labels and "b2[1]" in labels           # every weight and bias
    pg.controls["param"].value = dict(pg.controls["param"].options)["b2[1]"]
    before = pg.view.out
    pg.controls["param_value"].value = 4.0
    assert pg.net.layers[1].b[1] == 4.0
    assert before != pg.view.out                                # a new frame was sent
    pg.step()                                   # the label follows training
    assert f"now {pg.net.layers[1].b[1]:+.4f}" in pg.param_now.value
    assert pg.net.layers[1].b[1] != 4.0 and pg.controls["param_value"].value == 4.0
    pg.controls["param"].value = dict(pg.controls["param"].options)["W1[0,1]"]
    w = pg.net.layers[0].W[0, 1]
    assert pg.controls["param_value"].value == w
    rounded = round(w / 0.05) * 0.05                  # what the browser's slider may send back
    assert rounded != w
    pg.controls["param_value"].value = rounded
    assert pg.net.layers[0].W[0, 1] == w              # is not an edit
    pg.controls["param_value"].value = w + 0.3        # a real move is
    assert pg.net.layers[0].W[0, 1] == w + 0.3


def test_divergence_is_a_message_not_a_traceback():
    pg = Playground("regression_1d", hidden=(8,), optimizer="sgd", rng=0)
    pg.controls["lr"].value = 1.0
    pg.model.X = pg.X * 1e3
    with np.errstate(all="ignore"):
        pg.controls["speed"].value = 50
        asyncio.run(play_for(pg, 20))
    assert "Stopped at epoch" in pg.message and "lower learning rate" in pg.message
    assert not pg.running and all(np.isfinite(p).all() for p in pg.net.parameters())


def test_export_and_import_round_trip(tmp_path):
    pg = Playground("circles", hidden=(5, 3), rng=0)
    pg.train(10)
    pg.save(tmp_path / "state")
    out = pg.net(pg.X)
    other = Playground("spirals", hidden=(2,), rng=9)
    other.load(tmp_path / "state")
    assert [la.n_out for la in other.net.layers] == [5, 3, 2]
    np.testing.assert_array_equal(other.net(other.X), out)
    assert np.array_equal(other.is_test, pg.is_test) and other.epoch == 10
    # the loss chart comes back whole: the history, and a frame that sends all of it
    for key in ("loss", "val_loss", "accuracy", "val_accuracy"):
        np.testing.assert_allclose(getattr(other.history, key), getattr(pg.history, key))
    assert len(other.history.loss) == 10
    sent = np.frombuffer(other.view.loss, np.float32).reshape(-1, 2)    # the frame load sent
    assert other.view.info["loss_from"] == 0 and sent.shape == (10, 2)
    np.testing.assert_allclose(sent[:, 0], pg.history.loss, rtol=1e-6)
    other.load(tmp_path / "nothing")
    assert "not imported" in other.message
    np.testing.assert_array_equal(other.net(other.X), out)     # unchanged


def test_an_export_says_when_it_cannot_keep_the_loss_history(tmp_path):
    """After importing an older export (no history) the history no longer
    covers every epoch; the next export says so instead of writing a chart
    that would put the curve at the wrong epochs."""
    import json

    pg = Playground("circles", hidden=(3,), rng=0)
    pg.train(4)
    pg.save(tmp_path / "new")
    assert "not stored" not in pg.message
    state = json.loads((tmp_path / "new.json").read_text())
    assert len(state["loss"]) == 4
    for key in ("loss", "val_loss", "accuracy", "val_accuracy"):
        state.pop(key)                                  # as an export made before them
    (tmp_path / "new.json").write_text(json.dumps(state))
    other = Playground("circles", hidden=(3,), rng=1)
    other.load(tmp_path / "new")
    assert other.epoch == 4 and other.history.loss == []
    other.train(2)
    other.save(tmp_path / "again")
    assert "loss history is not stored" in other.message
    assert "does not cover every epoch" in other.message
    assert "loss" not in json.loads((tmp_path / "again.json").read_text())


def settings(pg):
    """Every control's value (buttons have none)."""
    return {k: getattr(c, "value", None) for k, c in pg.controls.items()}


def _tampered(tmp_path, **changes):
    """A valid exported state with some JSON fields replaced."""
    import json

    pg = Playground("circles", hidden=(3,), rng=0)
    pg.save(tmp_path / "state")
    path = tmp_path / "state.json"
    state = json.loads(path.read_text())
    state.update(changes)
    path.write_text(json.dumps(state))
    return tmp_path / "state"


@pytest.mark.parametrize("changes, words", [
    ({"is_test": [True, False]}, "is_test"),                       # wrong length
    ({"X": [[0.0, 1.0, 2.0]] * 300}, "expected X of shape"),        # 3 inputs
    ({"y": [9] * 300}, "0..7"),                                     # labels out of range
    ({"optimizer": "rmsprop"}, "optimizer = 'rmsprop'"),            # not offered
    ({"l1": 0.5}, "l1 = 0.5"),                                      # not on the slider
    ({"lr": "fast"}, "lr = 'fast'"),
    ({"epoch": None}, "not a Playground state"),
    ({"y": [0.5] * 300}, "does not fit the data"),                  # regression targets, 2 outputs
    ({"loss": [0.5] * 3}, "one value per epoch (0), got 3"),        # a history of no epochs
    ({"loss": "low"}, "loss: expected a list of numbers"),
    ({"epoch": 2, "loss": [0.3, True]}, "loss: expected a list of numbers"),
    ({"epoch": 2, "loss": [0.3, -1.0]}, "loss: expected values from 0"),
    ({"epoch": 1, "loss": [0.3], "accuracy": [1.5]}, "accuracy: expected values from 0 to 1"),
    ({"epoch": 1, "val_loss": [0.3]}, "without its training loss"),
])
def test_a_tampered_import_is_refused_and_changes_nothing(tmp_path, changes, words):
    stem = _tampered(tmp_path, **changes)
    other = Playground("moons", hidden=(4, 4), rng=1)
    before = (weights(other), other.X.copy(), other.is_test.copy(), settings(other),
              len(other.layer_controls))
    other.load(stem)
    assert "not imported" in other.message and words in other.message, other.message
    after = (weights(other), other.X, other.is_test, settings(other), len(other.layer_controls))
    assert not changed(before[0], after[0]) and np.array_equal(before[1], after[1])
    assert np.array_equal(before[2], after[2]) and before[3:] == after[3:]


def test_set_data_refuses_bad_points_and_keeps_the_old_ones():
    pg = Playground("moons", rng=0)
    before = pg.X.copy()
    for X, y, words in [(np.zeros((5, 3)), np.zeros(5), "expected X of shape"),
                        (np.full((5, 2), np.nan), np.zeros(5), "NaN or inf"),
                        (np.zeros((5, 2)), np.array(list("abcde")), "numeric labels")]:
        pg.set_data(X, y)
        assert "data not used" in pg.message and words in pg.message
        assert np.array_equal(pg.X, before)


def test_clicking_an_edge_or_a_bias_selects_it_for_editing():
    pg = Playground("xor", hidden=(3,), rng=0)
    assert pg.controls["param"].value is None and pg.param_now.value == ""   # nothing yet
    pg._on_event("select", {"key": [1, "W", 0, 0]})              # as playground.js sends it
    assert pg.controls["param"].value == (1, "W", (0, 0))
    assert pg.controls["param_value"].value == pg.net.layers[1].W[0, 0]
    assert pg.view.info["selected"] == [1, "W", 0, 0]            # highlighted in the page
    pg._on_event("select", {"key": [0, "b", 1]})
    assert pg.controls["param"].value == (0, "b", (1,))
    pg._on_event("select", {"key": [7, "W", 0, 0]})              # no such weight: ignored
    assert pg.controls["param"].value == (0, "b", (1,))


def test_hover_sends_the_neuron_map_full_size():
    pg = Playground("moons", hidden=(4,), rng=0)
    pg._on_event("hover", {"neuron": [1, 2]})
    A = pg.net.layers[0].forward(pg.model.grid, cache=False)[:, 2]
    code = np.round(127.5 * (A / np.abs(A).max() + 1))
    np.testing.assert_array_equal(np.frombuffer(pg.view.hover_map, np.uint8), code)
    pg._on_event("hover", {"neuron": None})
    assert pg.view.hover_map == b""


def test_too_few_training_points_give_a_message_not_a_traceback():
    pg = Playground("moons", rng=0, train_ratio=0.1)
    pg.set_data(np.array([[0.0, 0.0], [1.0, 1.0], [0.0, 1.0], [1.0, 0.0]]), np.array([0, 1, 0, 1]))
    assert (~pg.is_test).sum() >= 1                      # the split keeps a training point
    pg.step()
    assert pg.epoch == 1
    pg.model.is_test[:] = True                           # e.g. an imported all-test split
    pg.step()
    assert "no training points" in pg.message and pg.epoch == 1
    asyncio.run(play_for(pg, 1))
    assert not pg.running and "no training points" in pg.message


def test_an_error_in_the_training_task_is_shown_and_stops_it():
    pg = Playground("moons", hidden=(4,), rng=0)

    def broken(epochs):
        raise RuntimeError("boom")

    pg.model.train = broken
    asyncio.run(play_for(pg, 1))
    assert not pg.running and pg.task.done() and "RuntimeError: boom" in pg.message
