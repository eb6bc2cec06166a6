#!/usr/bin/env bash
# Runs the reference workloads of the performance table (README "Performance") RUNS times against a server
# the load tool starts itself (java -jar target/chat-server.jar, on $JAVA_HOME/bin/java if JAVA_HOME is set,
# else java on the PATH) and prints the median of each figure. Works from a fresh clone: it builds the jar
# and the tool first when they are missing or older than the sources. About 3.5 minutes a run.
# Usage: bench/reference.sh [RUNS] [extra load-tool args, e.g. --jvm-args='-Xms2g -Xmn1g']; RUNS 0 only builds.
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/common.sh
runs=${1:-3}
shift || true
build_if_stale
[ "$runs" -gt 0 ] || exit 0
out=$(mktemp -d)
for i in $(seq 1 "$runs"); do
  echo "run $i of $runs..." >&2
  load_tool "${REFERENCE_WORKLOADS[@]}" "$@" > "$out/run$i.log" 2>&1 || { tail -20 "$out/run$i.log"; exit 1; }
done
python3 bench/medians.py "$out"/run*.log
echo "logs: $out" >&2
