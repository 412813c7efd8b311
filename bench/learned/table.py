#!/usr/bin/python3
"""table.py OUTPUT... — markdown tables (docs/learned-index.md) from the
bench's csvx lines: per key count and distribution, ns per hit / miss /
100-key range, build ms, bytes, and hit-lookup speedups of the learned
indexes over each baseline. Standard library only."""
import sys
from collections import OrderedDict

rows = OrderedDict()
for path in sys.argv[1:]:
    for line in open(path):
        if not line.startswith("csvx,"):
            continue
        _, dist, keys, st, hit, miss, rng, build, size = line.strip().split(",")
        rows[(int(keys), dist, st)] = (float(hit), float(miss), float(rng), float(build), int(size))

for keys in sorted({k for k, _, _ in rows}):
    print(f"\n### {keys:,} keys\n")
    print("| dist | structure | hit ns | miss ns | range100 ns | build ms | bytes | hit speedup vs lmdb / btree / bsearch | size vs btree |")
    print("|---|---|---:|---:|---:|---:|---:|---|---:|")
    for dist in OrderedDict((d, 1) for k, d, _ in rows if k == keys):
        base = {s: rows.get((keys, dist, s)) for s in ("lmdb", "btree", "bsearch")}
        for st in ("rmi", "pgm", "bsearch", "btree", "lmdb"):
            r = rows.get((keys, dist, st))
            if not r:
                continue
            sp = " / ".join(f"{base[b][0] / r[0]:.2f}x" for b in ("lmdb", "btree", "bsearch"))
            rel = f"{100.0 * r[4] / base['btree'][4]:.2f}%" if st in ("rmi", "pgm") else ""
            print(f"| {dist} | {st} | {r[0]:.0f} | {r[1]:.0f} | {r[2]:.0f} | {r[3]:.0f} | {r[4]:,} | {sp} | {rel} |")
