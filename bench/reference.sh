#!/usr/bin/env bash
# Runs the reference workloads of the performance table (README "Performance") RUNS times against a server
# the load tool starts itself (java -jar target/chat-server.jar on the JVM that runs Maven; set JAVA_HOME to
# choose it), and prints the median of each figure. Usage: bench/reference.sh [RUNS] [extra load-tool args]
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-3}
shift || true
[ -f target/chat-server.jar ] || ./mvnw -q -B package -DskipTests
out=$(mktemp -d)
for i in $(seq 1 "$runs"); do
  echo "run $i of $runs..." >&2
  ./mvnw -q -B -Pload exec:java -Dexec.args="--mode=all --pairs-list=1,10,100 --seconds=8 --warmup=2 \
--users=10000 --concurrency=32 --flow-rate=5000 $*" > "$out/run$i.log" 2>&1 || { tail -20 "$out/run$i.log"; exit 1; }
done
python3 bench/medians.py "$out"/run*.log
