#!/usr/bin/env python3
"""Medians of the load tool's RESULT lines over several runs: one row per run name."""
import json
import statistics
import sys

FIGURES = [
    ("launch_ms", "metrics", "launch ms"),
    ("delivered_per_s", "metrics", "delivered/s"),
    ("logins_per_s", "metrics", "logins/s"),
    ("login_total_ms", "metrics", "all logged in ms"),
    ("cycles_per_s", "metrics", "cycles/s"),
    ("list_ms", "metrics", "LIST ms"),
    ("flow_delivered_per_s", "metrics", "flow/s"),
]

runs = {}
for path in sys.argv[1:]:
    with open(path) as log:
        for line in log:
            if line.startswith("RESULT "):
                result = json.loads(line[len("RESULT "):])
                runs.setdefault(result["run"], []).append(result)

for name, results in runs.items():
    cells = []
    for key, section, label in FIGURES:
        values = [r[section][key] for r in results if key in r.get(section, {})]
        if values:
            cells.append("%s %.1f" % (label, statistics.median(values)))
    for latency in ("delivery", "send_ok"):
        p99 = [r["latency_us"][latency]["p99"] for r in results if latency in r.get("latency_us", {})]
        if p99:
            cells.append("%s p99 %.0f us" % (latency, statistics.median(p99)))
    ok = all(r["integrity"]["ok"] for r in results)
    print("%-22s n=%d  %s  integrity %s" % (name, len(results), ", ".join(cells), "ok" if ok else "FAILED"))
