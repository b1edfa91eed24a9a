"""Save/load: exact round trip; pickles, truncated and foreign files are
refused with ValueError and never executed."""

import json
import pickle

import numpy as np
import pytest

import nnlib


def make():
    return nnlib.Network([nnlib.Dense(2, 5, "elu", rng=0), nnlib.Dense(5, 3, "softmax", rng=1)])


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


class Boom:
    def __reduce__(self):
        return (exec, ("open('PWNED', 'w').write('x')",))


def test_pickled_object_is_refused_and_not_executed(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    path = tmp_path / "evil.npz"
    config = np.array(json.dumps({"format": "nnlib.Network/1", "layers": []}))
    np.savez(path, config=config, W0=np.array([Boom()], dtype=object))
    with pytest.raises(ValueError, match="not an nnlib model file"):
        nnlib.Network.load(path)
    raw = tmp_path / "raw.pkl"
    raw.write_bytes(pickle.dumps(Boom()))
    with pytest.raises(ValueError, match="not an nnlib model file"):
        nnlib.Network.load(raw)
    assert not (tmp_path / "PWNED").exists()


def test_truncated_file(tmp_path):
    path = make().save(tmp_path / "m.npz")
    data = open(path, "rb").read()
    (tmp_path / "cut.npz").write_bytes(data[: len(data) // 2])
    with pytest.raises(ValueError, match="cut.npz"):
        nnlib.Network.load(tmp_path / "cut.npz")


def test_foreign_npz_and_wrong_shapes(tmp_path):
    np.savez(tmp_path / "foreign.npz", weights=np.ones(3))
    with pytest.raises(ValueError, match="not an nnlib model file"):
        nnlib.Network.load(tmp_path / "foreign.npz")
    config = {"format": "nnlib.Network/1",
              "layers": [{"n_in": 2, "n_out": 3, "activation": "relu"}]}
    np.savez(tmp_path / "shapes.npz", config=np.array(json.dumps(config)),
             W0=np.ones((3, 3)), b0=np.zeros(3))
    with pytest.raises(ValueError, match=r"corrupt.*W0 has shape \(3, 3\)"):
        nnlib.Network.load(tmp_path / "shapes.npz")
    with pytest.raises(ValueError, match="missing.npz"):
        nnlib.Network.load(tmp_path / "missing.npz")
