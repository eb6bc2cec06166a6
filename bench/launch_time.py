#!/usr/bin/env python3
"""Launch to ready, for two servers in turn: the time from starting each command to the first line of its
output (standard output or error) that holds its marker, RUNS times each, alternating A B, B A, ...; then each one's median
and the ratio B/A of the medians. Beside the wall time, the CPU time the process had used by then (user + system, from
/proc; the command must exec the server, as `exec python3 lab/server.py` does through its own exec): on a machine busy
with other work the wall time swings with the load, the CPU time much less. Each server is stopped (SIGTERM to its process group, SIGKILL after 10 s)
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


TICKS = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100


def cpu_seconds(pid):
    """User + system time of a process so far, or None where /proc cannot tell."""
    try:
        with open(f"/proc/{pid}/stat") as stat:
            fields = stat.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / TICKS
    except (OSError, IndexError, ValueError):
        return None


def launch(command, marker):
    start = time.monotonic()
    process = subprocess.Popen(["bash", "-c", command], stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                               start_new_session=True, text=True)
    elapsed = None
    cpu = None
    for line in process.stdout:
        if marker in line:
            elapsed = time.monotonic() - start
            cpu = cpu_seconds(process.pid)
            break
    os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(10)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()
    if elapsed is None:
        raise SystemExit(f"{command!r} ended without printing {marker!r}")
    return elapsed, cpu


def main():
    args = sys.argv[1:]
    runs = 7
    if args[:1] == ["-n"]:
        runs, args = int(args[1]), args[2:]
    if len(args) != 4:
        raise SystemExit(__doc__)
    sides = {"A": (args[0], args[1]), "B": (args[2], args[3])}
    times = {"A": [], "B": []}
    cpus = {"A": [], "B": []}
    for run in range(runs):
        order = "AB" if run % 2 == 0 else "BA"
        for side in order:
            elapsed, cpu = launch(*sides[side])
            times[side].append(elapsed)
            if cpu is not None:
                cpus[side].append(cpu)
            time.sleep(0.5)
        print(f"run {run + 1}: A {times['A'][-1]:.3f} s, B {times['B'][-1]:.3f} s"
              + (f" (CPU A {cpus['A'][-1]:.2f} s, B {cpus['B'][-1]:.2f} s)" if cpus["A"] and cpus["B"] else ""),
              flush=True)
    a, b = statistics.median(times["A"]), statistics.median(times["B"])
    print(f"median A {a:.3f} s (min {min(times['A']):.3f}, max {max(times['A']):.3f}), "
          f"B {b:.3f} s (min {min(times['B']):.3f}, max {max(times['B']):.3f}), "
          f"B/A {b / a:.2f}x, load {os.getloadavg()[0]:.2f}")
    if len(cpus["A"]) == runs and len(cpus["B"]) == runs:
        ca, cb = statistics.median(cpus["A"]), statistics.median(cpus["B"])
        print(f"CPU to the marker, median A {ca:.2f} s, B {cb:.2f} s, B/A {cb / ca:.2f}x")


if __name__ == "__main__":
    main()
