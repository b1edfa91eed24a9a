"""The Playground's data and files without a widget: CSV reading, the
train/test split, export and import.  Each bad input is refused with a
ValueError that names what was expected, and nothing is returned or written
half-done."""

import json
import zipfile

import numpy as np
import pytest

from nnlib import Dense, Network, datasets
from nnlib.lessons.l10_model import training_failure
from nnlib.widgets import playground_data, playground_state
from nnlib.widgets.playground_state import (
    MAX_POINTS,
    OFFERED,
    check_points,
    check_split,
    paths,
    read_csv,
    read_state,
    split,
    write_state,
)

pytestmark = pytest.mark.lesson10


def csv_file(tmp_path, text, name="points.csv", encoding="utf-8"):
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


# --- CSV ------------------------------------------------------------------------------------
@pytest.mark.parametrize("first", ["1e-3,2E5,1", "-1,0.5,0", ".5,1.,1", "1E+2,-3e-1,0"])
def test_a_first_row_of_numbers_is_data_not_a_header(tmp_path, first):
    X, y = read_csv(csv_file(tmp_path, f"{first}\n0,0,0\n1,1,1\n"))
    assert len(X) == 3
    np.testing.assert_allclose(X[0], [float(v) for v in first.split(",")[:2]])


def test_a_header_row_is_skipped_and_the_numbers_are_read(tmp_path):
    X, y = read_csv(csv_file(tmp_path, "x1,x2,label\n0.5,-1,1\n2,3,0\n"))
    np.testing.assert_array_equal(X, [[0.5, -1], [2, 3]])
    assert y.tolist() == [1, 0] and y.dtype.kind == "i"


@pytest.mark.parametrize("text", [
    "\ufeffx1,x2,label\n1,2,0\n3,4,1\n",          # BOM before a header
    "\ufeff1,2,0\n3,4,1\n",                       # BOM before data: the row is kept
    '"x1","x2","label"\n"1","2","0"\n"3","4","1"\n',   # quoted fields
    "x1;x2;label\n1;2;0\n3;4;1\n",                # ; separators
    "1, 2, 0\r\n3, 4, 1\r\n\n",                   # spaces, CRLF, a blank line
])
def test_bom_quotes_and_semicolons_are_read(tmp_path, text):
    X, y = read_csv(csv_file(tmp_path, text))
    np.testing.assert_array_equal(X, [[1, 2], [3, 4]])
    assert y.tolist() == [0, 1]


@pytest.mark.parametrize("text, words", [
    ("1,2,0\nnan,1,1\n", "line 2"),                          # nan is data, and refused
    ("nan,1,1\n1,2,0\n", "NaN or inf"),                      # even as the first row
    ("1,2,0\n1,inf,1\n", "NaN or inf"),
    ("1,2,0\n1e308,0,1\n", "within ±1e\\+06"),
    ("1,2,0\n-1e308,0,1\n", "within ±1e\\+06"),
    ("1,2,0\n1e400,0,1\n", "NaN or inf"),                    # overflows to inf
    ("x,y,label\n1,2,cat\n3,4,dog\n", "the label 'cat' is text"),
    ("1,2,0\n3,four,1\n", "does not hold 3 numbers"),
    ("1,5;2,3;0\n4,5;6,7;1\n", "decimal point"),             # decimal commas
    ("1,2\n3,4\n", "expected 3 columns"),
    ("1,2,0,7\n", "found 4"),
    ("x1,x2,label\n", "no data rows"),
    ("", "no data rows"),
    ("1,2,0\n3,4,99\n", "0..7"),
    ("1,2,0\n" + "9" * 20_000 + ",1,1\n", "longer than"),
    ("1,2,0\n1,\x002,1\n", "does not hold 3 numbers"),
])
def test_bad_csv_rows_are_refused_with_a_message(tmp_path, text, words):
    with pytest.raises(ValueError, match=words):
        read_csv(csv_file(tmp_path, text))


def test_a_file_that_is_not_utf8_is_refused(tmp_path):
    path = tmp_path / "binary.csv"
    path.write_bytes(b"1,2,0\n\xff\xfe\x00\x81,1,1\n")
    with pytest.raises(ValueError, match="not a UTF-8 text file"):
        read_csv(path)


def test_a_million_rows_are_refused_at_the_limit_without_reading_on(tmp_path):
    path = tmp_path / "big.csv"
    row = "0.25,-0.5,1\n"
    path.write_text("x1,x2,label\n" + row * 1_000_000)
    with pytest.raises(ValueError, match=f"more than {MAX_POINTS:,} points"):
        read_csv(path)
    # the reader stops at the first row over the limit: garbage after it is never seen
    stop = tmp_path / "stop.csv"
    stop.write_text(row * (MAX_POINTS + 1) + "not,a,row\n" * 5)
    with pytest.raises(ValueError, match=f"stopped at line {MAX_POINTS + 1}"):
        read_csv(stop)
    X, _ = read_csv(csv_file(tmp_path, row * MAX_POINTS, "full.csv"))   # the limit itself
    assert len(X) == MAX_POINTS


def test_check_points_limits():
    X, y = datasets.moons(20, rng=0)
    assert check_points(X, y)[0].shape == (20, 2)
    for bad_X, bad_y, words in [
            (np.zeros((MAX_POINTS + 1, 2)), np.zeros(MAX_POINTS + 1), "at most 10,000"),
            (np.full((3, 2), 2e6), np.zeros(3), "within ±1e\\+06"),
            (np.zeros((3, 1)), np.array([0.0, 1.0, 3e7]), "within ±1e\\+06"),
            (np.array([["1", "2"], ["3", "4"]]), np.zeros(2), "numeric X"),
            ([[1.0, 2.0], [3.0]], [0, 1], "rectangular"),
            (np.zeros((2, 2)), np.array([True, False]), "numeric labels")]:
        with pytest.raises(ValueError, match=words):
            check_points(bad_X, bad_y)


# --- the train/test split ---------------------------------------------------------------------
@pytest.mark.parametrize("n", [2, 3, 4, 5, 10])
@pytest.mark.parametrize("ratio", [0.1, 0.5, 0.9])
def test_split_always_keeps_training_and_test_points(n, ratio):
    is_test = split(n, ratio, np.random.default_rng(0))
    assert is_test.dtype == bool and is_test.shape == (n,)
    assert 1 <= np.count_nonzero(~is_test) <= n - 1


def test_split_follows_the_ratio_and_the_seed():
    a = split(300, 0.7, np.random.default_rng(4))
    assert np.count_nonzero(~a) == 210
    assert np.array_equal(a, split(300, 0.7, np.random.default_rng(4)))
    assert not np.array_equal(a, split(300, 0.7, np.random.default_rng(5)))
    for n, ratio in [(1, 0.5), (10, 0.0), (10, 1.0), (10, float("nan")), (2.5, 0.5)]:
        with pytest.raises(ValueError, match="expected"):
            split(n, ratio, np.random.default_rng(0))


def test_check_split_refuses_all_test():
    with pytest.raises(ValueError, match="at least one training point"):
        check_split(np.ones(4, dtype=bool), 4)
    with pytest.raises(ValueError, match="true/false"):
        check_split(np.zeros(4, dtype=int), 4)


# --- export -----------------------------------------------------------------------------------
SETTINGS = {"batch": 32, "lr": 0.03, "optimizer": "adam", "l1": 0.0, "l2": 0.001,
            "dataset": "circles", "noise": 0.1, "ratio": 0.7}


def state(rng=0, hidden=(3,), activation="tanh"):
    X, y = datasets.circles(40, rng=rng)
    sizes = [2, *hidden]
    layers = [Dense(a, b, activation, rng=rng) for a, b in zip(sizes, sizes[1:])]
    net = Network(layers + [Dense(sizes[-1], 2, "softmax", rng=rng)])
    return net, X, y, split(len(y), 0.7, np.random.default_rng(rng))


def export(stem, rng=0, **settings):
    net, X, y, is_test = state(rng)
    return write_state(stem, net, dict(SETTINGS, **settings), X, y, is_test, 12)


def test_round_trip(tmp_path):
    net, X, y, is_test = state()
    write_state(tmp_path / "s", net, SETTINGS, X, y, is_test, 12)
    got = read_state(tmp_path / "s")
    np.testing.assert_array_equal(got["net"](X), net(X))
    assert np.array_equal(got["X"], X) and np.array_equal(got["y"], y)
    assert np.array_equal(got["is_test"], is_test) and got["epoch"] == 12
    assert got["settings"] == {k: SETTINGS[k] for k in playground_state.SETTINGS}
    assert got["shown"]["dataset"] == "circles"


def test_stems_with_a_dot_do_not_collide(tmp_path):
    one, two = export(tmp_path / "run.1", rng=1), export(tmp_path / "run.2", rng=2)
    assert [p.name for p in one + two] == ["run.1.npz", "run.1.json", "run.2.npz", "run.2.json"]
    a, b = read_state(tmp_path / "run.1"), read_state(tmp_path / "run.2")
    assert not np.array_equal(a["X"], b["X"])
    assert paths(tmp_path / "run.json") == paths(tmp_path / "run.npz") == paths(tmp_path / "run")


@pytest.mark.parametrize("where", ["save", "dumps"])
def test_an_interrupted_export_leaves_the_old_files_whole(tmp_path, monkeypatch, where):
    export(tmp_path / "s", rng=1)
    before = {p.name: p.read_bytes() for p in tmp_path.iterdir()}

    def crash(*args, **kwargs):
        raise KeyboardInterrupt

    if where == "save":
        monkeypatch.setattr(Network, "save", crash)
    else:
        monkeypatch.setattr(playground_state.json, "dumps", crash)
    with pytest.raises(KeyboardInterrupt):
        export(tmp_path / "s", rng=2)
    assert {p.name: p.read_bytes() for p in tmp_path.iterdir()} == before   # no temp files
    read_state(tmp_path / "s")


def test_an_export_the_import_would_refuse_is_not_written(tmp_path):
    net, X, y, is_test = state()
    for settings, words in [({"lr": 50.0}, "lr = 50.0"), ({"speed": 3}, "unknown setting")]:
        with pytest.raises(ValueError, match=words):
            write_state(tmp_path / "s", net, dict(SETTINGS, **settings), X, y, is_test, 1)
    with pytest.raises(ValueError, match="training point"):
        write_state(tmp_path / "s", net, SETTINGS, X, y, np.ones(len(y), bool), 1)
    assert list(tmp_path.iterdir()) == []


# --- import -----------------------------------------------------------------------------------
def tampered(tmp_path, net=None, text=None, drop=(), **changes):
    """A valid export with its network, its raw JSON text or some fields replaced;
    a replaced network gets a matching checksum, so only the change is tested."""
    export(tmp_path / "s")
    weights, config = paths(tmp_path / "s")
    fields = json.loads(config.read_text())
    if net is not None:
        net.save(weights)
        fields["weights_sha256"] = playground_state.hashlib.sha256(
            weights.read_bytes()).hexdigest()
    fields.update(changes)
    for key in drop:
        del fields[key]
    config.write_text(text if text is not None else json.dumps(fields))
    return tmp_path / "s"


def net_of(hidden, activations, out="softmax", n_out=2, n_in=2):
    sizes = [n_in, *hidden]
    layers = [Dense(a, b, f, rng=0) for a, b, f in zip(sizes, sizes[1:], activations)]
    return Network(layers + [Dense(sizes[-1], n_out, out, rng=0)])


BAD_NETS = [
    (net_of((4,), ["softmax"]), "expected one of"),                 # softmax hidden layer
    (net_of((40,), ["tanh"]), "expected 1..16 neurons, got 40"),
    (net_of((2,) * 7, ["tanh"] * 7), "at most 6 hidden layers"),
    (net_of((3,), ["tanh"], out="sigmoid"), "does not fit the data"),
    (net_of((3,), ["tanh"], out="linear", n_out=1), "does not fit the data"),
    (net_of((3,), ["tanh"], n_out=9), "does not fit the data"),
    (net_of((3,), ["tanh"], n_in=1), "does not fit the data"),
]


@pytest.mark.parametrize("net, words", BAD_NETS)
def test_a_network_the_controls_cannot_build_is_refused(tmp_path, net, words):
    with pytest.raises(ValueError, match=words):
        read_state(tampered(tmp_path, net=net))


@pytest.mark.parametrize("changes, words", [
    ({"lr": 50}, "lr = 50 is not a value"),
    ({"lr": 1e-7}, "lr = 1e-07"),
    ({"batch": 1e300}, "batch = 1e"),
    ({"batch": 0}, "batch = 0"),
    ({"batch": 32.5}, "whole number"),
    ({"batch": True}, "batch = True"),
    ({"l2": 0.5}, "l2 = 0.5"),
    ({"optimizer": "rmsprop"}, "optimizer = 'rmsprop'"),
    ({"noise": -1}, "noise = -1"),
    ({"dataset": ["moons"]}, "dataset = \\['moons'\\]"),
    ({"epoch": 1e300}, "epoch = 1e"),
    ({"epoch": -3}, "epoch = -3"),
    ({"epoch": None}, "not a Playground state"),
    ({"is_test": [True] * 40}, "at least one training point"),
    ({"is_test": [1, 0] * 20}, "true/false"),
    ({"X": [[0.0, 1e308]] * 40}, "within ±1e\\+06"),
    ({"X": [["0", "1"]] * 40}, "numeric X"),
    ({"y": [0.5] * 40}, "does not fit the data"),
    ({"extra": 1}, "unexpected keys \\['extra'\\]"),
    ({"weights_sha256": "0" * 64}, "does not belong"),
])
def test_a_tampered_setting_or_field_is_refused(tmp_path, changes, words):
    with pytest.raises(ValueError, match=words):
        read_state(tampered(tmp_path, **changes))


def test_a_missing_field_is_refused(tmp_path):
    with pytest.raises(ValueError, match="not a Playground state.*'lr'"):
        read_state(tampered(tmp_path, drop=("lr",)))


@pytest.mark.parametrize("text, words", [
    ('{"epoch": Infinity}', "Infinity is not a finite number"),
    ('{"lr": NaN}', "NaN is not a finite number"),
    ("[" * 100_000 + "]" * 100_000, "nested 100000 levels"),
    ('{"X": [[[0]]]}', "nested 4 levels"),
    ('{"s": "[[[[[[[["}', "unexpected keys"),    # brackets in a string do not count
    ("[1, 2]", "expected a JSON object"),
    ("{", "Expecting"),
    (" " * (playground_state.MAX_BYTES + 1), "larger than"),
])
def test_a_malformed_or_oversized_json_is_refused(tmp_path, text, words):
    with pytest.raises(ValueError, match=words):
        read_state(tampered(tmp_path, text=text))


def test_a_foreign_or_oversized_npz_is_refused(tmp_path):
    stem = tampered(tmp_path)
    weights, _ = paths(stem)
    weights.write_bytes(b"not a zip file")
    with pytest.raises(ValueError, match="not an nnlib model file"):
        read_state(stem)
    with zipfile.ZipFile(weights, "w", zipfile.ZIP_DEFLATED) as z:   # a small zip bomb
        z.writestr("W0.npy", bytes(playground_state.MAX_BYTES + 1))
    assert weights.stat().st_size < 100_000
    with pytest.raises(ValueError, match="unpacks to"):
        read_state(stem)
    weights.write_bytes(bytes(playground_state.MAX_BYTES + 1))
    with pytest.raises(ValueError, match="larger than"):
        read_state(stem)


def test_the_offered_values_match_the_playground_controls():
    """OFFERED is what the import accepts; the controls must offer the same."""
    pytest.importorskip("ipywidgets")
    from nnlib.widgets.playground import Playground

    c = Playground("moons", hidden=(2,), n=20, rng=0).controls
    assert (c["batch"].min, c["batch"].max) == OFFERED["batch"]
    assert (10 ** c["lr"].min, 10 ** c["lr"].max) == OFFERED["lr"]
    assert tuple(c["optimizer"].options) == OFFERED["optimizer"]
    assert tuple(c["l1"].options) == tuple(c["l2"].options) == OFFERED["l1"]
    assert tuple(c["dataset"].options) == OFFERED["dataset"]
    assert (c["noise"].min, c["noise"].max) == OFFERED["noise"]
    assert (c["ratio"].min, c["ratio"].max) == OFFERED["ratio"]


def test_data_module_limits_are_documented():
    doc = playground_data.__doc__
    assert "10,000" in doc and "1e6" in doc and MAX_POINTS == 10_000


def test_training_failure_names_the_error():
    assert training_failure(FloatingPointError("loss is inf"), 7) == \
        "Stopped at epoch 7: loss is inf"
    assert training_failure(ValueError("X is empty"), 3) == \
        "Training stopped at epoch 3: ValueError: X is empty"




def test_a_tiny_data_set_at_ratio_0_1_still_trains():
    pytest.importorskip("ipywidgets")
    from nnlib.widgets import Playground

    pg = Playground("moons", hidden=(2,), train_ratio=0.1, n=20, rng=0)
    pg.set_data(np.array([[0, 0], [1, 1], [0, 1], [1, 0.0]]), np.array([0, 1, 0, 1]))
    assert (~pg.is_test).sum() >= 1
    pg.step()
    assert pg.epoch == 1


def test_an_error_in_the_training_task_is_shown_and_stops_it():
    import asyncio

    pytest.importorskip("ipywidgets")
    from nnlib.widgets import Playground

    pg = Playground("moons", hidden=(2,), n=20, rng=0)
    def broken_fit(*args, **kwargs):
        raise ValueError("X is empty")

    pg.model.net.fit = broken_fit              # any error inside the training task

    async def scenario():
        pg.play()
        for _ in range(100):
            await asyncio.sleep(0.01)
            if pg.task.done():
                break

    asyncio.run(scenario())
    assert not pg.running and pg.task.done()
    assert "Training stopped at epoch 1: ValueError: X is empty" in pg.message
