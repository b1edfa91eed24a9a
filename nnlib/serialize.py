"""Save and load a Network as .npz: arrays W0, b0, W1, b1, ... plus a JSON
description of the layers.  Loading uses ``allow_pickle=False``, so a file
can never run code; anything unexpected is a ValueError."""

from __future__ import annotations

import json
import zipfile

import numpy as np

FORMAT = "nnlib.Network/1"


def save(net, path):
    """Write ``net`` to ``path`` (an .npz); returns the path written."""
    from .activations import TABLE

    layers = []
    for i, layer in enumerate(net.layers):
        name = layer.activation.name
        if name != "softmax" and TABLE.get(name) is not layer.activation:
            raise ValueError(f"layer {i}: only registered activations can be saved, "
                             f"got a custom {name!r}")
        layers.append({"n_in": layer.n_in, "n_out": layer.n_out, "activation": name})
    arrays = {f"{p}{i}": getattr(layer, p) for i, layer in enumerate(net.layers) for p in "Wb"}
    config = json.dumps({"format": FORMAT, "layers": layers})
    path = str(path)
    with open(path, "wb") as f:          # a file object: numpy keeps the name as given
        np.savez(f, config=np.array(config), **arrays)
    return path


def load(path):
    """Read a Network written by ``save``; ValueError for any other file."""
    from .layers import Dense
    from .network import Network

    try:
        with np.load(path, allow_pickle=False) as f:
            if not hasattr(f, "files") or "config" not in f.files:
                raise ValueError("no 'config' entry")
            config = json.loads(str(f["config"][()]))
            arrays = {k: f[k] for k in f.files if k != "config"}
    except (ValueError, OSError, EOFError, KeyError, zipfile.BadZipFile,
            UnicodeDecodeError) as err:
        raise ValueError(f"{path}: not an nnlib model file ({err})") from None
    if not isinstance(config, dict) or config.get("format") != FORMAT:
        raise ValueError(f"{path}: not an nnlib model file (expected format {FORMAT!r})")
    try:
        layers = []
        for i, spec in enumerate(config["layers"]):
            layer = Dense(spec["n_in"], spec["n_out"], spec["activation"], init="zeros")
            for p in "Wb":
                value = arrays[f"{p}{i}"]
                if value.shape != getattr(layer, p).shape or value.dtype.kind != "f":
                    raise ValueError(f"{p}{i} has shape {value.shape}, dtype {value.dtype}")
                if not np.all(np.isfinite(value)):
                    raise ValueError(f"{p}{i} holds NaN or inf")
                getattr(layer, p)[...] = value
            layers.append(layer)
        return Network(layers)
    except (KeyError, TypeError, ValueError) as err:
        raise ValueError(f"{path}: corrupt nnlib model file ({err})") from None
