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

# The goals, per key count and distribution: the faster learned
# structure's hit lookup against LMDB (>= 5x) and the B+tree (>= 2x), its
# size against the B+tree's (<= 1%), and at 100M its ns (<= 250).
print("\n### Goals: the faster learned structure per distribution\n")
print("| keys | dist | learned | hit ns | vs lmdb (≥5x) | vs btree (≥2x) | size vs btree (≤1%) | ≤250 ns at 100M |")
print("|---:|---|---|---:|---:|---:|---:|---|")
for keys in sorted({k for k, _, _ in rows}):
    for dist in OrderedDict((d, 1) for k, d, _ in rows if k == keys):
        cands = [(rows[(keys, dist, s)][0], s) for s in ("rmi", "pgm") if (keys, dist, s) in rows]
        if not cands or (keys, dist, "lmdb") not in rows or (keys, dist, "btree") not in rows:
            continue
        ns, st = min(cands)
        r, lm, bt = rows[(keys, dist, st)], rows[(keys, dist, "lmdb")], rows[(keys, dist, "btree")]
        x_lm, x_bt, rel = lm[0] / ns, bt[0] / ns, 100.0 * r[4] / bt[4]
        mark = lambda ok: "" if ok else " ✗"
        lim = (("yes" if ns <= 250 else "no ✗") if keys >= 100000000 else "")
        print(f"| {keys:,} | {dist} | {st} | {ns:.0f} | {x_lm:.2f}x{mark(x_lm >= 5)} | "
              f"{x_bt:.2f}x{mark(x_bt >= 2)} | {rel:.2f}%{mark(rel <= 1)} | {lim} |")
