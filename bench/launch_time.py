#!/usr/bin/env python3
"""Launch to ready, for two to eight servers in turn: the time from starting each command to the first line of
its output (standard output or error) that holds its marker, RUNS times each, round-robin with the order reversed
every other round (A B C, C B A, ...); then each one's median and its ratio to A's. Beside the wall time, the CPU time the process had used by then (user + system, from
/proc; the command must exec the server, as `exec python3 lab/server.py` does through its own exec): on a machine busy
with other work the wall time swings with the load, the CPU time much less. Each server is stopped (SIGTERM to its process group, SIGKILL after 10 s)
before the next starts, so they may use the same port.

launch_time.py [-n RUNS] 'COMMAND_A' 'MARKER_A' 'COMMAND_B' 'MARKER_B' ['COMMAND_C' 'MARKER_C' ...]
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
    if len(args) < 4 or len(args) % 2:
        raise SystemExit(__doc__)
    names = "ABCDEFGH"[:len(args) // 2]
    sides = {name: (args[2 * i], args[2 * i + 1]) for i, name in enumerate(names)}
    times = {name: [] for name in names}
    cpus = {name: [] for name in names}
    for run in range(runs):
        order = names if run % 2 == 0 else names[::-1]
        for side in order:
            elapsed, cpu = launch(*sides[side])
            times[side].append(elapsed)
            if cpu is not None:
                cpus[side].append(cpu)
            time.sleep(0.5)
        cpu_text = ", ".join(f"{n} {cpus[n][-1]:.2f} s" for n in names if len(cpus[n]) == run + 1)
        print(f"run {run + 1}: " + ", ".join(f"{n} {times[n][-1]:.3f} s" for n in names)
              + (f" (CPU {cpu_text})" if cpu_text else ""), flush=True)
    first = statistics.median(times["A"])
    print("median " + ", ".join(
        f"{n} {statistics.median(times[n]):.3f} s (min {min(times[n]):.3f}, max {max(times[n]):.3f})" for n in names)
        + ", " + ", ".join(f"{n}/A {statistics.median(times[n]) / first:.2f}x" for n in names[1:])
        + f", load {os.getloadavg()[0]:.2f}")
    if all(len(cpus[n]) == runs for n in names):
        first_cpu = statistics.median(cpus["A"])
        print("CPU to the marker, median " + ", ".join(f"{n} {statistics.median(cpus[n]):.2f} s" for n in names)
              + ", " + ", ".join(f"{n}/A {statistics.median(cpus[n]) / first_cpu:.2f}x" for n in names[1:]))


if __name__ == "__main__":
    main()
