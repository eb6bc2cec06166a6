#!/usr/bin/env python3
"""Medians of the load tool's RESULT lines over several runs.

medians.py LOG...                              one row per run name
medians.py --label A LOG... --label B LOG...   the same figures side by side, with the ratio B/A
"""
import json
import statistics
import sys

# (key, label, higher is better)
FIGURES = [
    ("launch_ms", "launch ms", False),
    ("delivered_per_s", "delivered/s", True),
    ("logins_per_s", "logins/s", True),
    ("login_total_ms", "all logged in ms", False),
    ("cycles_per_s", "cycles/s", True),
    ("list_ms", "LIST ms", False),
    ("flow_delivered_per_s", "flow/s", True),
]
LATENCIES = ["delivery", "send_ok", "login", "cycle"]


def read(paths):
    """Run name -> its RESULT objects, in the order first seen."""
    runs = {}
    for path in paths:
        with open(path) as log:
            for line in log:
                if line.startswith("RESULT "):
                    result = json.loads(line[len("RESULT "):])
                    runs.setdefault(result["run"], []).append(result)
    return runs


def figures(results):
    """Label -> (median, higher is better) of every figure these results have, from the runs whose integrity
    held (a run that lost messages or users is flagged, not averaged in)."""
    results = [r for r in results if r["integrity"]["ok"]]
    out = {}
    for key, label, higher in FIGURES:
        values = [r["metrics"][key] for r in results if key in r.get("metrics", {})]
        if values:
            out[label] = (statistics.median(values), higher)
    for latency in LATENCIES:
        measured = [r["latency_us"][latency] for r in results if r.get("latency_us", {}).get(latency, {}).get("count")]
        if measured:
            out["%s p99 us" % latency] = (statistics.median(h["p99"] for h in measured), False)
            if latency == "cycle":
                out["cycle max us"] = (max(h["max"] for h in measured), False)
    return out


def intact(results):
    return all(r["integrity"]["ok"] for r in results)


def summary(runs):
    for name, results in runs.items():
        cells = []
        for label, (value, _) in figures(results).items():
            cells.append(("%s p99 %.0f us" % (label.split()[0], value)) if label.endswith("p99 us")
                         else "%s %.1f" % (label, value))
        print("%-22s n=%d  %s  integrity %s" % (name, len(results), ", ".join(cells),
                                               "ok" if intact(results) else "FAILED"))


def compare(labels, groups):
    a, b = labels
    names = list(groups[0]) + [n for n in groups[1] if n not in groups[0]]
    print("%-22s %-18s %14s %14s %7s" % ("run", "figure", a, b, "%s/%s" % (b, a)))
    for name in names:
        fa = figures(groups[0].get(name, []))
        fb = figures(groups[1].get(name, []))
        for label in list(fa) + [l for l in fb if l not in fa]:
            va = fa.get(label, (None, None))[0]
            vb = fb.get(label, (None, None))[0]
            ratio = "%.2f" % (vb / va) if va and vb is not None else "-"
            print("%-22s %-18s %14s %14s %7s" % (name, label, cell(va), cell(vb), ratio))
        for label, group in zip(labels, groups):
            results = group.get(name, [])
            if not intact(results):
                print("%-22s integrity FAILED for %s" % (name, label))
            notes = sorted({note for r in results for note in r.get("notes", [])})
            if notes:
                print("%-22s ! %s: %s" % (name, label, "; ".join(notes)))
    print("(rates: a ratio above 1 means %s is faster; times and latencies: below 1 means %s is faster)" % (b, b))


def cell(value):
    return "-" if value is None else "{:,.1f}".format(value)


def main(args):
    if "--label" not in args:
        summary(read(args))
        return
    labels, paths = [], []
    for arg in args:
        if arg == "--label":
            labels.append(None)
            paths.append([])
        elif labels and labels[-1] is None:
            labels[-1] = arg
        else:
            paths[-1].append(arg)
    if len(labels) != 2:
        sys.exit("medians.py: --label needs exactly two groups")
    compare(labels, [read(p) for p in paths])


if __name__ == "__main__":
    main(sys.argv[1:])
