#!/usr/bin/env python3
"""Launch to ready, for two servers in turn: the time from starting each command to the first line of its
output (standard output or error) that holds its marker, RUNS times each, alternating A B, B A, ...; then each one's median
and the ratio B/A of the medians. Each server is stopped (SIGTERM to its process group, SIGKILL after 10 s)
before the next starts, so they may use the same port.

launch_time.py [-n RUNS] 'COMMAND_A' 'MARKER_A' 'COMMAND_B' 'MARKER_B'
e.g. bench/launch_time.py -n 7 \\
       'cd ../ref && exec java -jar ChatServer.jar' 'Now listening' \\
       'exec python3 lab/server.py --port 5378' 'Server is on'
"""
import os
import signal
import statistics
import subprocess
import sys
import time


def launch(command, marker):
    start = time.monotonic()
    process = subprocess.Popen(["bash", "-c", command], stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                               start_new_session=True, text=True)
    elapsed = None
    for line in process.stdout:
        if marker in line:
            elapsed = time.monotonic() - start
            break
    os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(10)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()
    if elapsed is None:
        raise SystemExit(f"{command!r} ended without printing {marker!r}")
    return elapsed


def main():
    args = sys.argv[1:]
    runs = 7
    if args[:1] == ["-n"]:
        runs, args = int(args[1]), args[2:]
    if len(args) != 4:
        raise SystemExit(__doc__)
    sides = {"A": (args[0], args[1]), "B": (args[2], args[3])}
    times = {"A": [], "B": []}
    for run in range(runs):
        order = "AB" if run % 2 == 0 else "BA"
        for side in order:
            times[side].append(launch(*sides[side]))
            time.sleep(0.5)
        print(f"run {run + 1}: A {times['A'][-1]:.3f} s, B {times['B'][-1]:.3f} s", flush=True)
    a, b = statistics.median(times["A"]), statistics.median(times["B"])
    print(f"median A {a:.3f} s (min {min(times['A']):.3f}), B {b:.3f} s (min {min(times['B']):.3f}), "
          f"B/A {b / a:.1f}x, load {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
