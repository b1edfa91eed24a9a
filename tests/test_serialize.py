"""Save/load: an exact round trip; hostile files (bombs, huge declarations,
pickles, broken zips) are refused with ValueError, in bounded memory, and
never executed; a failed save keeps the previous model."""

import io
import json
import os
import pickle
import stat
import struct
import tracemalloc
import zipfile

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import nnlib
from nnlib import serialize

# No notebook saves a model yet; lesson 12 (real data) is where one would.
pytestmark = pytest.mark.lesson12

CONFIG = {"format": "nnlib.Network/1",
          "layers": [{"n_in": 2, "n_out": 3, "activation": "relu"}]}


def make():
    return nnlib.Network([nnlib.Dense(2, 5, "elu", rng=0), nnlib.Dense(5, 3, "softmax", rng=1)])


def npy(array):
    """The bytes of ``array`` as a .npy file."""
    buf = io.BytesIO()
    np.lib.format.write_array(buf, np.asanyarray(array), allow_pickle=True)
    return buf.getvalue()


def npy_header(shape):
    """Only the .npy header of a float64 array of ``shape``."""
    fields = np.lib.format.header_data_from_array_1_0(np.zeros(0))
    fields["shape"] = shape
    buf = io.BytesIO()
    np.lib.format.write_array_header_1_0(buf, fields)
    return buf.getvalue()


def write_zip(path, members, compression=zipfile.ZIP_STORED):
    """A zip of {name: bytes}; the default members form a valid 2->3 model."""
    with zipfile.ZipFile(path, "w", compression) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return path


def valid_members(config=CONFIG, W=None):
    return {"config.npy": npy(np.array(json.dumps(config))),
            "W0.npy": npy(np.ones((2, 3)) if W is None else W), "b0.npy": npy(np.zeros(3))}


def patch_member_headers(path, name, offset, fmt, value):
    """Overwrite a field of member ``name`` in its local and central headers
    (offset into the local header; the central header has it 2 bytes later)."""
    data = bytearray(open(path, "rb").read())
    with zipfile.ZipFile(path) as zf:
        local = zf.getinfo(name).header_offset
    central = data.find(b"PK\x01\x02")
    while data[central + 46:central + 46 + len(name)] != name.encode():
        central = data.find(b"PK\x01\x02", central + 1)
    struct.pack_into(fmt, data, local + offset, value)
    struct.pack_into(fmt, data, central + offset + 2, value)
    open(path, "wb").write(bytes(data))


def load_peak(path):
    """(error, peak bytes allocated while loading)."""
    tracemalloc.start()
    try:
        with pytest.raises(ValueError) as err:
            nnlib.Network.load(path)
        return err.value, tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_round_trip_is_exact(tmp_path):
    net = make()
    net.fit(*nnlib.datasets.blobs(60, classes=3, rng=0), epochs=3)
    path = net.save(tmp_path / "model.npz")
    loaded = nnlib.Network.load(path)
    assert [la.activation.name for la in loaded.layers] == ["elu", "softmax"]
    for a, b in zip(net.parameters(), loaded.parameters()):
        assert a.dtype == b.dtype and np.array_equal(a, b)
    X = np.random.default_rng(0).normal(size=(10, 2))
    assert np.array_equal(net(X), loaded(X))


def test_a_file_numpy_writes_in_other_forms_still_loads(tmp_path):
    members = valid_members(W=np.asfortranarray(np.arange(6.0).reshape(2, 3)))
    net = nnlib.Network.load(write_zip(tmp_path / "f.npz", members, zipfile.ZIP_DEFLATED))
    assert np.array_equal(net.layers[0].W, np.arange(6.0).reshape(2, 3))
    np.savez_compressed(tmp_path / "c.npz", config=np.array(json.dumps(CONFIG)),
                        W0=np.full((2, 3), 0.5, dtype=np.float32), b0=np.ones(3))
    net = nnlib.Network.load(tmp_path / "c.npz")
    assert net.layers[0].W.dtype == np.float64 and np.all(net.layers[0].W == 0.5)


def test_extra_member_is_never_decompressed(tmp_path):
    """A 64 MB member (a few kB compressed) beside a valid model: the old
    loader decompressed every member; now only config, W0, b0 are read."""
    path = tmp_path / "bomb.npz"
    write_zip(path, valid_members(), zipfile.ZIP_DEFLATED)
    with zipfile.ZipFile(path, "a", zipfile.ZIP_DEFLATED) as zf, zf.open("pad.npy", "w") as f:
        f.write(npy_header((8388608,)))
        for _ in range(64):
            f.write(bytes(1 << 20))
    assert os.path.getsize(path) < 200_000
    tracemalloc.start()
    try:
        net = nnlib.Network.load(path)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert net.layers[0].W.shape == (2, 3) and peak < 8 << 20


def test_declared_shapes_are_checked_before_decompressing(tmp_path):
    members = valid_members()
    members["W0.npy"] = npy_header((8388608,)) + bytes(64 << 20)
    err, peak = load_peak(write_zip(tmp_path / "w.npz", members, zipfile.ZIP_DEFLATED))
    assert "W0 has shape (8388608,)" in str(err) and "expects shape (2, 3)" in str(err)
    assert peak < 8 << 20
    members["W0.npy"] = npy(np.ones((2, 3))) + bytes(1 << 20)    # right header, extra data
    err, peak = load_peak(write_zip(tmp_path / "t.npz", members, zipfile.ZIP_DEFLATED))
    assert "declares" in str(err) and peak < 4 << 20


@pytest.mark.parametrize("n", [4000, 30000])
def test_huge_layer_in_the_config_is_refused_before_allocating(tmp_path, n):
    config = {"format": "nnlib.Network/1",
              "layers": [{"n_in": n, "n_out": n, "activation": "relu"}]}
    path = write_zip(tmp_path / "big.npz", {"config.npy": npy(np.array(json.dumps(config)))})
    assert os.path.getsize(path) < 1024
    err, peak = load_peak(path)
    assert f"more than {serialize.MAX_PARAMETERS} parameters" in str(err)
    assert peak < 4 << 20


@pytest.mark.parametrize("layers, match", [
    ([], "non-empty list"),
    ([{"n_in": 2, "n_out": 3, "activation": "relu"}] * 1001, "at most 1000"),
    ([{"n_in": 2.0, "n_out": 3, "activation": "relu"}], "whole numbers"),
    ([{"n_in": True, "n_out": 3, "activation": "relu"}], "whole numbers"),
    ([{"n_in": 2, "n_out": 0, "activation": "relu"}], "whole numbers"),
    ([{"n_in": 2, "n_out": 3, "activation": "relu"},
      {"n_in": 5, "n_out": 1, "activation": "relu"}], "layer 1 expects 5 inputs"),
    ([{"n_in": 2, "n_out": 3, "activation": "gelu"}], "unknown activation 'gelu'"),
    (["relu"], "expected an object"),
])
def test_bad_configs(tmp_path, layers, match):
    config = {"format": "nnlib.Network/1", "layers": layers}
    path = write_zip(tmp_path / "c.npz", valid_members(config))
    with pytest.raises(ValueError, match=match):
        nnlib.Network.load(path)


class Boom:
    def __reduce__(self):
        return (exec, ("open('PWNED', 'w').write('x')",))


def test_pickled_object_is_refused_and_not_executed(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    path = write_zip(tmp_path / "evil.npz",
                     valid_members(W=np.array([[Boom()] * 3] * 2, dtype=object)))
    with pytest.raises(ValueError, match=r"W0 has shape \(2, 3\), dtype object"):
        nnlib.Network.load(path)
    raw = tmp_path / "raw.pkl"
    raw.write_bytes(pickle.dumps(Boom()))
    with pytest.raises(ValueError, match="not an nnlib model file"):
        nnlib.Network.load(raw)
    assert not (tmp_path / "PWNED").exists()


def corrupt_deflate(path):
    write_zip(path, valid_members(), zipfile.ZIP_DEFLATED)
    data = bytearray(path.read_bytes())
    start = 30 + len("config.npy") + struct.unpack_from("<H", data, 28)[0]
    data[start:start + 8] = b"\xff" * 8            # deflate block type 3 does not exist
    path.write_bytes(bytes(data))


def truncated(path):
    data = open(make().save(path), "rb").read()
    path.write_bytes(data[: len(data) // 2])


# Before, load let TypeError (plain .npy), AttributeError (no npy header),
# RecursionError (deep JSON), zlib.error, RuntimeError (encrypted) and
# NotImplementedError (unknown compression) escape.
BROKEN = {
    "plain.npy": (lambda p: np.save(p, np.ones(3)), "not a zip archive"),
    "noheader.npz": (lambda p: write_zip(p, {**valid_members(), "config.npy": b"hello"}),
                     "'config' has no valid .npy header"),
    "deep.npz": (lambda p: write_zip(p, {"config.npy": npy(np.array("[" * 100_000))}),
                 "not valid JSON"),
    "notjson.npz": (lambda p: write_zip(p, {"config.npy": npy(np.array("{nope"))}),
                    "not valid JSON"),
    "bytes.npz": (lambda p: write_zip(p, {"config.npy": npy(np.frombuffer(b"{}", np.uint8))}),
                  "must be one text"),
    "foreign.npz": (lambda p: write_zip(p, {"weights.npy": npy(np.ones(3))}),
                    "member 'config' is missing"),
    "other.npz": (lambda p: write_zip(p, valid_members({"format": "x/2", "layers": []})),
                  "expected format 'nnlib.Network/1'"),
    "nan.npz": (lambda p: write_zip(p, {**valid_members(), "b0.npy": npy([0, np.nan, 0])}),
                "b0 holds NaN or inf"),
    "deflate.npz": (corrupt_deflate, "zlib.error|Error -3"),
    "locked.npz": (lambda p: patch_member_headers(write_zip(p, valid_members()),
                                                  "config.npy", 6, "<H", 0x1),
                   "'config' is encrypted"),
    "method.npz": (lambda p: patch_member_headers(write_zip(p, valid_members()),
                                                  "config.npy", 8, "<H", 99),
                   "compression method 99"),
    "cut.npz": (truncated, "not a zip archive"),
    "empty.npz": (lambda p: p.write_bytes(b""), "not a zip archive"),
    "missing.npz": (lambda p: None, "FileNotFoundError"),
}


@pytest.mark.parametrize("name", BROKEN)
def test_each_kind_of_broken_file_is_a_value_error(tmp_path, name):
    build, match = BROKEN[name]
    build(tmp_path / name)
    with pytest.raises(ValueError, match=match) as err:
        nnlib.Network.load(tmp_path / name)
    assert type(err.value) is ValueError and name in str(err.value)


def test_a_large_table_of_contents_is_refused_before_zipfile_parses_it(tmp_path):
    members = {**valid_members(), **{f"x{i}.npy": b"" for i in range(2100)}}
    with pytest.raises(ValueError, match="table of contents declares 2103 members"):
        nnlib.Network.load(write_zip(tmp_path / "many.npz", members))
    with pytest.raises(TypeError, match="file path"):
        nnlib.Network.load(io.BytesIO(b""))


def test_save_replaces_the_old_file_only_when_complete(tmp_path, monkeypatch):
    old = make()
    path = old.save(tmp_path / "model.npz")
    before = open(path, "rb").read()
    new = nnlib.Network([nnlib.Dense(2, 3, "tanh", rng=5)])

    def broken_savez(f, **arrays):
        f.write(b"PK half a zip")
        raise OSError("disk full")

    monkeypatch.setattr(np, "savez", broken_savez)
    with pytest.raises(OSError, match="disk full"):
        new.save(path)
    monkeypatch.undo()
    assert open(path, "rb").read() == before and os.listdir(tmp_path) == ["model.npz"]
    new.save(path)
    assert nnlib.Network.load(path).layers[0].activation.name == "tanh"
    assert os.listdir(tmp_path) == ["model.npz"]
    umask = os.umask(0)
    os.umask(umask)
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o666 & ~umask


def test_save_refuses_weights_that_load_would_refuse(tmp_path, monkeypatch):
    path = make().save(tmp_path / "model.npz")
    before = open(path, "rb").read()
    net = make()
    net.layers[1].b[1] = np.inf
    with pytest.raises(ValueError, match=r"layer 1: b holds 1 NaN or inf"):
        net.save(path)
    net.layers[1].b[1] = 0.0
    net.layers[0].W = net.layers[0].W.astype(complex)
    with pytest.raises(ValueError, match="layer 0: W must hold real numbers, got dtype complex"):
        net.save(path)
    monkeypatch.setattr(serialize, "MAX_PARAMETERS", 10)
    with pytest.raises(ValueError, match="cannot save: the layers declare more than 10") as err:
        make().save(path)
    assert type(err.value) is ValueError
    assert open(path, "rb").read() == before and os.listdir(tmp_path) == ["model.npz"]
    with pytest.raises(TypeError, match="needs a Network, got list"):
        serialize.save([], path)


def test_integer_weights_are_saved_as_floats(tmp_path):
    net = nnlib.Network([nnlib.Dense(2, 3, "relu", rng=0)])
    net.layers[0].W = np.arange(6).reshape(2, 3)
    loaded = nnlib.Network.load(net.save(tmp_path / "int.npz"))
    assert loaded.layers[0].W.dtype == np.float64
    assert np.array_equal(loaded.layers[0].W, np.arange(6).reshape(2, 3))


@settings(max_examples=300, deadline=None)
@given(flips=st.lists(st.tuples(st.integers(0, 10**6), st.integers(1, 255)), min_size=1,
                      max_size=4), compressed=st.booleans())
def test_random_corruption_loads_or_is_a_value_error(tmp_path_factory, flips, compressed):
    """Any byte flipped anywhere: the file loads (the flip hit padding) or
    load says ValueError; never another exception."""
    path = tmp_path_factory.mktemp("fuzz") / "m.npz"
    members = valid_members()
    write_zip(path, members, zipfile.ZIP_DEFLATED if compressed else zipfile.ZIP_STORED)
    data = bytearray(path.read_bytes())
    for at, xor in flips:
        data[at % len(data)] ^= xor
    path.write_bytes(bytes(data))
    try:
        net = nnlib.Network.load(path)
    except ValueError as err:
        assert type(err) is ValueError and str(path) in str(err)
    else:
        assert net.layers[0].W.shape == (2, 3)
