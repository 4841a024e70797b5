"""Dumps an HDF5 file as JSON with h5py (an independent reader): every group and dataset with its
attributes, dtype, shape and (for datasets up to 100 000 elements) its values."""
import json
import sys

import h5py
import numpy as np


def plain(value):
    if isinstance(value, bytes):
        return value.decode("utf-8")
    if isinstance(value, np.ndarray):
        return [plain(v) for v in value.tolist()] if value.dtype.kind in "SO" else value.tolist()
    if isinstance(value, np.generic):
        return value.item()
    if isinstance(value, list):
        return [plain(v) for v in value]
    return value


def main(path):
    out = {}
    with h5py.File(path, "r") as f:
        def visit(name, obj):
            node = {"attrs": {k: plain(v) for k, v in obj.attrs.items()}}
            if isinstance(obj, h5py.Dataset):
                node["type"] = "dataset"
                node["dtype"] = str(obj.dtype)
                node["shape"] = list(obj.shape)
                if obj.size <= 100000:
                    node["value"] = plain(obj[()])
            else:
                node["type"] = "group"
            out["/" + name] = node
        f.visititems(visit)
    json.dump(out, sys.stdout)


main(sys.argv[1])
