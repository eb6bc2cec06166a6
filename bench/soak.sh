#!/usr/bin/env bash
# Soak run (S8, L7, U7): the packaged server under N minutes of churn, floods, unread LIST bursts, 16 KiB/s
# readers, never-reading readers, UDP clients with faults, garbage and resets, sampled every 10 s (live heap
# after a full GC, threads, descriptors, RSS). Prints each series' start, end and slope; exits 1 when one keeps
# growing or a name stays logged in. Options: --minutes=N | --seconds=N, --heap=256m, --seed=N,
# --server=--chat.key=value (repeatable). Linux only (/proc, jcmd). On a shared machine: nice -n 10 bench/soak.sh
#   bench/soak.sh --minutes=30
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/common.sh
build_if_stale
"$JAVA" -cp "target/test-classes:target/classes:$(cat "$CLASSPATH_FILE")" io.github.chatlab.server.soak.Soak "$@"
