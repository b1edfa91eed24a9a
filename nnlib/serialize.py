"""Save and load a Network as .npz: a zip of .npy members ``config`` (a JSON
description of the layers) and ``W0, b0, W1, b1, ...`` (float64 arrays).

Loading treats the file as hostile and is bounded in memory:

1. the zip's central directory is checked to be small before ``zipfile``
   parses it (zip64 archives are refused: a model never needs one);
2. only the members the format names are opened (``config.npy``, then
   ``W{i}.npy`` and ``b{i}.npy``); any other member is never decompressed;
3. the config is read through a bounded reader, parsed, and every number in it
   is checked against the limits below before anything is allocated from it;
4. each weight member's .npy header (shape, dtype) is compared with the config
   before its data is decompressed; exactly shape x itemsize bytes are read.

Nothing is ever unpickled (object dtypes are refused; ``allow_pickle`` is never
on), and every problem is a ValueError naming the file and what was wrong.
Saving writes to a temporary file in the same folder and renames it over the
target, so an interrupted or refused save leaves the previous model intact.
"""

from __future__ import annotations

import json
import os
import struct
import zipfile
import zlib

import numpy as np
from numpy.lib import format as npy

FORMAT = "nnlib.Network/1"

#: Limits on what a model file may declare (checked before any allocation).
MAX_LAYERS = 1000                    # Dense layers in one network
MAX_PARAMETERS = 10_000_000          # all W and b entries together: 80 MB of float64
MAX_CONFIG_BYTES = 1 << 20           # the config member's text (4 bytes per character)
MAX_DIRECTORY_BYTES = 1 << 20        # the zip's table of contents (~2,000 members fit)

_EOCD = struct.Struct("<4s4H2LH")    # zip "end of central directory" record
_ZIP_ERRORS = (OSError, EOFError, zipfile.BadZipFile, zlib.error, RuntimeError,
               NotImplementedError, UnicodeDecodeError, struct.error)


class _Refused(ValueError):
    """Raised inside load; load adds the file name."""


# --- saving -----------------------------------------------------------------
def save(net, path):
    """Write ``net`` to ``path`` (an .npz) atomically; returns the path as a str.

    Refuses (ValueError, file untouched) custom activations, non-finite or
    non-real weights and networks larger than ``load`` accepts."""
    from .activations import get_layer_activation
    from .network import Network

    if not isinstance(net, Network):
        raise TypeError(f"save needs a Network, got {type(net).__name__}")
    layers, arrays = [], {}
    for i, layer in enumerate(net.layers):
        name = layer.activation.name
        try:
            registered = get_layer_activation(name) is layer.activation
        except (ValueError, TypeError):
            registered = False
        if not registered:
            raise ValueError(f"layer {i}: only registered activations can be saved, "
                             f"got a custom {name!r}")
        for p in "Wb":
            arrays[f"{p}{i}"] = _savable(getattr(layer, p), f"layer {i}: {p}")
        layers.append({"n_in": layer.n_in, "n_out": layer.n_out, "activation": name})
    try:
        _check_sizes(layers)
    except _Refused as err:
        raise ValueError(f"cannot save: {err}") from None
    config = np.array(json.dumps({"format": FORMAT, "layers": layers}))
    path = os.fspath(path)
    tmp = os.path.join(os.path.dirname(path) or ".",
                       f".{os.path.basename(path)}.{os.getpid()}.{os.urandom(4).hex()}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)   # umask applies
    try:
        with os.fdopen(fd, "wb") as f:       # a file object: numpy keeps the name as given
            np.savez(f, config=config, **arrays)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.remove(tmp)
        raise
    return path


def _savable(a, what):
    a = np.asarray(a)
    if a.dtype.kind not in "fiu":
        raise ValueError(f"{what} must hold real numbers, got dtype {a.dtype}")
    a = a.astype(np.float64)
    if not np.all(np.isfinite(a)):
        bad = int(a.size - np.count_nonzero(np.isfinite(a)))
        raise ValueError(f"{what} holds {bad} NaN or inf value(s); refusing to save "
                         "weights that cannot be used (expected finite numbers)")
    return a


# --- loading ----------------------------------------------------------------
def load(path):
    """Read a Network written by ``save``; ValueError for any other file."""
    from .layers import Dense
    from .network import Network

    if not isinstance(path, (str, os.PathLike)):
        raise TypeError(f"load needs a file path (str or os.PathLike), got {type(path).__name__}")
    try:
        with open(path, "rb") as f:
            _check_directory(f)
            with zipfile.ZipFile(f) as zf:
                layers = _read_config(zf)
                weights = [(_read_member(zf, f"W{i}", (s["n_in"], s["n_out"])),
                            _read_member(zf, f"b{i}", (s["n_out"],)))
                           for i, s in enumerate(layers)]
    except _Refused as err:
        raise ValueError(f"{path}: not an nnlib model file: {err}") from None
    except (ValueError, *_ZIP_ERRORS) as err:
        raise ValueError(f"{path}: not an nnlib model file (expected a .npz zip archive "
                         f"written by Network.save; {type(err).__name__}: {err})") from None
    net = []
    for spec, (W, b) in zip(layers, weights):
        layer = Dense(spec["n_in"], spec["n_out"], spec["activation"], init="zeros")
        layer.W[...], layer.b[...] = W, b
        net.append(layer)
    return Network(net)


def _check_directory(f):
    """Refuse a zip whose table of contents is large, before zipfile reads it."""
    size = f.seek(0, os.SEEK_END)
    f.seek(max(size - (1 << 16) - _EOCD.size, 0))     # the same window zipfile searches
    tail = f.read()
    at = len(tail) - _EOCD.size          # zipfile looks at the very end first, then searches
    if at < 0 or tail[at:at + 4] != b"PK\x05\x06" or tail[-2:] != b"\0\0":
        at = tail.rfind(b"PK\x05\x06")
    if at < 0 or at + _EOCD.size > len(tail):
        raise _Refused("it is not a zip archive (an .npz); no end-of-archive record found")
    _, _, _, _, count, directory, _, _ = _EOCD.unpack_from(tail, at)
    if tail[max(at - 20, 0):at].startswith(b"PK\x06\x07"):
        raise _Refused("it is a zip64 archive; a model file never needs one")
    if directory > MAX_DIRECTORY_BYTES or count > 2 * MAX_LAYERS + 1:
        raise _Refused(f"its table of contents declares {count} members in {directory} bytes; "
                       f"expected at most {2 * MAX_LAYERS + 1} members in "
                       f"{MAX_DIRECTORY_BYTES} bytes")
    f.seek(0)


def _open_member(zf, name):
    """(file object positioned after the .npy header, shape, dtype, fortran, info)."""
    try:
        info = zf.getinfo(name + ".npy")
    except KeyError:
        raise _Refused(f"member {name!r} is missing") from None
    if info.flag_bits & 0x1:
        raise _Refused(f"member {name!r} is encrypted; expected a plain member")
    if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
        raise _Refused(f"member {name!r} uses compression method {info.compress_type}; "
                       "expected stored (0) or deflated (8)")
    f = zf.open(info)
    try:
        version = npy.read_magic(f)
        read_header = {(1, 0): npy.read_array_header_1_0,
                       (2, 0): npy.read_array_header_2_0}.get(version)
        if read_header is None:
            raise ValueError(f"version {version}, expected 1.0 or 2.0")
        shape, fortran, dtype = read_header(f)
    except ValueError as err:                  # read_magic / header parsing
        f.close()
        raise _Refused(f"member {name!r} has no valid .npy header ({err})") from None
    return f, shape, dtype, fortran, info


def _read_data(f, name, shape, dtype, fortran, info):
    """Read exactly the bytes the header declares (bounded), then require EOF."""
    with f:
        n = int(np.prod(shape, dtype=np.int64)) * dtype.itemsize
        if info.file_size != f.tell() + n:
            raise _Refused(f"member {name!r} declares {info.file_size} bytes; its header "
                           f"promises {f.tell() + n}")
        data = f.read(n)
        if len(data) != n or f.read(1):        # the last read also checks the CRC
            raise _Refused(f"member {name!r} is truncated or has trailing data")
    return np.frombuffer(data, dtype).reshape(shape, order="F" if fortran else "C")


def _read_config(zf):
    f, shape, dtype, fortran, info = _open_member(zf, "config")
    if shape != () or dtype.kind != "U" or dtype.itemsize > MAX_CONFIG_BYTES:
        f.close()
        raise _Refused(f"member 'config' must be one text of at most {MAX_CONFIG_BYTES} "
                       f"bytes, got shape {shape} dtype {dtype}")
    text = str(_read_data(f, "config", shape, dtype, fortran, info)[()])
    try:
        config = json.loads(text)
    except (ValueError, RecursionError) as err:
        raise _Refused(f"member 'config' is not valid JSON ({type(err).__name__})") from None
    if not isinstance(config, dict) or config.get("format") != FORMAT:
        raise _Refused(f"expected format {FORMAT!r} in the config, got "
                       f"{config.get('format') if isinstance(config, dict) else config!r:.60}")
    layers = config.get("layers")
    if not isinstance(layers, list) or not layers:
        raise _Refused("the config's 'layers' must be a non-empty list")
    _check_sizes(layers)
    return layers


def _check_sizes(layers):
    """Every layer spec well formed, sizes chained and within the limits."""
    from .activations import get_layer_activation

    if len(layers) > MAX_LAYERS:
        raise _Refused(f"{len(layers)} layers declared; at most {MAX_LAYERS} are allowed")
    total = 0
    for i, spec in enumerate(layers):
        if not isinstance(spec, dict):
            raise _Refused(f"layer {i}: expected an object, got {type(spec).__name__}")
        sizes = [spec.get("n_in"), spec.get("n_out")]
        if not all(type(v) is int and 0 < v <= MAX_PARAMETERS for v in sizes):
            raise _Refused(f"layer {i}: n_in and n_out must be whole numbers in "
                           f"1..{MAX_PARAMETERS}, got {sizes!r:.80}")
        if i and sizes[0] != layers[i - 1]["n_out"]:
            raise _Refused(f"layer {i} expects {sizes[0]} inputs but layer {i - 1} has "
                           f"{layers[i - 1]['n_out']} outputs")
        total += (sizes[0] + 1) * sizes[1]
        if total > MAX_PARAMETERS:
            raise _Refused(f"the layers declare more than {MAX_PARAMETERS} parameters; "
                           "a larger model is refused")
        try:
            get_layer_activation(spec.get("activation"))
        except (ValueError, TypeError) as err:
            raise _Refused(f"layer {i}: {err}") from None


def _read_member(zf, name, shape):
    f, declared, dtype, fortran, info = _open_member(zf, name)
    if declared != shape or dtype.kind != "f" or dtype.hasobject:
        f.close()
        raise _Refused(f"{name} has shape {declared}, dtype {dtype}; the config expects "
                       f"shape {shape} of floats")
    a = _read_data(f, name, shape, dtype, fortran, info).astype(np.float64)
    if not np.all(np.isfinite(a)):
        raise _Refused(f"{name} holds NaN or inf; expected finite weights")
    return a
