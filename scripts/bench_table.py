#!/usr/bin/env python3
"""Summarise `cargo bench --bench ner --bench rules` (criterion's target/criterion/*) as a
Markdown table: docs/s and tokens/s (NER, end-to-end) and MB/s (rule layer), from the mean
time per iteration. Usage: scripts/bench_table.py [target/criterion]
"""
import json
import os
import re
import sys

root = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "..", "target", "criterion")
rows = []
for group in ("ner", "e2e", "rules"):
    gdir = os.path.join(root, group)
    if not os.path.isdir(gdir):
        continue
    for dirpath, _, files in os.walk(gdir):
        if "benchmark.json" not in files or os.path.basename(dirpath) != "new":
            continue
        bench = json.load(open(os.path.join(dirpath, "benchmark.json")))
        est = json.load(open(os.path.join(dirpath, "estimates.json")))
        secs = est["mean"]["point_estimate"] / 1e9
        thr = bench.get("throughput") or {}
        fid = bench["function_id"] or ""
        if group == "rules":
            rows.append((group, fid, "", "", "", "", f"{thr.get('Bytes', 0) / secs / 1e6:.2f} MB/s", secs))
            continue
        m = re.match(r"(seed|conll(\d+))/t(\d+)/b(\d+)", fid)
        if not m:
            continue
        docs = 1 if m.group(1) == "seed" else int(m.group(2))
        tokens = thr.get("Elements", 0)
        rows.append((group, m.group(1), int(m.group(3)), int(m.group(4)), f"{docs / secs:.2f}", f"{tokens / secs:.0f}", "", secs))
rows.sort(key=lambda r: (["ner", "e2e", "rules"].index(r[0]), r[1], r[2] if r[2] != "" else 0, r[3] if r[3] != "" else 0))
print("| bench | input | threads | batch | docs/s | tokens/s | MB/s | s/iter |")
print("|---|---|---:|---:|---:|---:|---:|---:|")
for g, inp, t, b, d, tk, mb, s in rows:
    print(f"| {g} | {inp} | {t} | {b} | {d} | {tk} | {mb} | {s:.3f} |")
