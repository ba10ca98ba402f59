#!/usr/bin/env python3
"""Print Ferry/JAIN-SIP ratios from a JMH JSON result file (written by run.sh, -rf json).

Usage: ratios.py RESULT.json [RESULT.json ...]

With several files it prints one table per run and then a combined table of the medians across
runs (each run's mean score per benchmark), which is what bench/README.md reports.

For each workload it shows the throughput (ops/s, mean +- JMH's 99.9% error), the JVM's CPU
time per parsed message (cpu.time.norm from CpuTimeProfiler, ns/op) and the allocation per
parsed message (gc.alloc.rate.norm, B/op) of both parsers, and the ratios:
  throughput x  = Ferry ops/s / JAIN-SIP ops/s        (issue 5 target: >= 5)
  CPU x         = JAIN-SIP CPU ns/op / Ferry CPU ns/op (the same speed-up, measured in CPU time)
  alloc ratio   = Ferry B/op  / JAIN-SIP B/op         (issue 5 target: <= 0.10)
The table is Markdown, so it can be pasted into bench/README.md as is.
"""
import json
import math
import sys

JAIN = "jainSip"
# Ferry's benchmark methods, each compared with JAIN-SIP in its own table.
FERRY_VARIANTS = [
    ("ferry", "Ferry: parse (zero-copy, the transports' call)"),
    ("ferryCopy", "Ferry: parseCopy (copies the bytes first)"),
]
ORDER = ["REGISTER", "INVITE", "OK200"]


def load(path):
    """{(method, workload): (ops, ops_err, bytes_per_op, cpu_ns_per_op)} from one JMH JSON file."""
    with open(path, encoding="utf-8") as f:
        runs = json.load(f)
    out = {}
    for run in runs:
        method = run["benchmark"].rsplit(".", 1)[-1]
        workload = run.get("params", {}).get("workload", "-")
        primary = run["primaryMetric"]
        if primary["scoreUnit"] != "ops/s":
            sys.exit(f"{path}: {run['benchmark']} is in {primary['scoreUnit']}, expected ops/s (run.sh uses -bm thrpt -tu s)")
        alloc = run.get("secondaryMetrics", {}).get("gc.alloc.rate.norm")
        cpu = run.get("secondaryMetrics", {}).get("cpu.time.norm")
        err = primary.get("scoreError")
        out[(method, workload)] = (
            primary["score"],
            None if err in (None, "NaN") or (isinstance(err, float) and math.isnan(err)) else err,
            None if alloc is None else alloc["score"],
            None if cpu is None else cpu["score"],
        )
    return out


def fmt_ops(score, err):
    if score is None:
        return "—"
    return f"{score:,.0f}" + (f" ± {err:,.0f}" if err is not None else "")


def fmt_ns(ns):
    return "—" if ns is None else f"{ns:,.0f}"


def fmt_bytes(b):
    return "—" if b is None else f"{b:,.0f}"


def median(values):
    v = sorted(x for x in values if x is not None)
    if not v:
        return None
    m = len(v) // 2
    return v[m] if len(v) % 2 else (v[m - 1] + v[m]) / 2


def combine(all_results):
    """Median across runs of each benchmark's ops/s and B/op (no error column)."""
    keys = set().union(*(r.keys() for r in all_results))
    out = {}
    for k in keys:
        runs = [r[k] for r in all_results if k in r]
        out[k] = (median(x[0] for x in runs), None, median(x[2] for x in runs), median(x[3] for x in runs))
    return out


def table(title, results):
    for method, label in FERRY_VARIANTS:
        if any(m == method for (m, _) in results):
            variant(f"{title}: {label} vs JAIN-SIP", results, method)


def variant(title, results, ferry):
    workloads = sorted({w for (_, w) in results}, key=lambda w: (ORDER.index(w) if w in ORDER else 99, w))
    print(f"\n{title}\n")
    print("| workload | Ferry ops/s | JAIN-SIP ops/s | throughput × (≥5) "
          "| Ferry CPU ns/op | JAIN-SIP CPU ns/op | CPU × "
          "| Ferry B/op | JAIN-SIP B/op | alloc ratio (≤0.10) |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    none = (None, None, None, None)
    for w in workloads:
        f_ops, f_err, f_b, f_cpu = results.get((ferry, w), none)
        j_ops, j_err, j_b, j_cpu = results.get((JAIN, w), none)
        thr = f"{f_ops / j_ops:.2f}×" if f_ops and j_ops else "—"
        cpu = f"{j_cpu / f_cpu:.2f}×" if f_cpu and j_cpu else "—"
        alloc = f"{f_b / j_b:.3f}" if f_b is not None and j_b else "—"
        print(f"| {w} | {fmt_ops(f_ops, f_err)} | {fmt_ops(j_ops, j_err)} | {thr} "
              f"| {fmt_ns(f_cpu)} | {fmt_ns(j_cpu)} | {cpu} "
              f"| {fmt_bytes(f_b)} | {fmt_bytes(j_b)} | {alloc} |")


def main(paths):
    if not paths:
        sys.exit(__doc__)
    all_results = [load(p) for p in paths]
    for path, results in zip(paths, all_results):
        table(path, results)
    if len(paths) > 1:
        table(f"median of {len(paths)} runs", combine(all_results))


if __name__ == "__main__":
    main(sys.argv[1:])
