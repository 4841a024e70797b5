"""The same data as the jBEC file-writer bench, written by h5py (HDF5 C library) on the same machine.
Prints the seconds spent writing (data prepared beforehand, as jBEC's columns are)."""
import sys
import time

import h5py
import numpy as np

kind, path, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
if kind == "scalars":
    data = {d: (np.linspace(-5, 5, n), np.arange(n, dtype="f8") + 1.7e9) for d in ("samx", "bpm4i", "bpm3a")}
    start = time.perf_counter()
    with h5py.File(path, "w") as f:
        for d, (value, timestamp) in data.items():
            g = f.create_group("entry/collection/devices/%s/%s" % (d, d))
            g.create_dataset("value", data=value)
            g.create_dataset("timestamp", data=timestamp)
    print(time.perf_counter() - start)
else:
    frame = (np.arange(512 * 512, dtype="u4") % 65536).astype("u2").reshape(512, 512)
    start = time.perf_counter()
    with h5py.File(path, "w") as f:
        ds = f.create_dataset("value", shape=(0, 512, 512), maxshape=(None, 512, 512), dtype="u2",
                              chunks=(1, 512, 512))
        for i in range(n):
            ds.resize(i + 1, axis=0)
            ds[i] = frame
    print(time.perf_counter() - start)
