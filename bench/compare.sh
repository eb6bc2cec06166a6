#!/usr/bin/env bash
# Compares two chat servers under the same load: starts server A, runs the load tool against it, stops it,
# then the same for B, ROUNDS times, alternating the order (AB, BA, AB, ...) so that a machine that slows
# down or warms up over time favours neither; then prints, per workload, the median of each figure for A and
# B and their ratio B/A. Each COMMAND must start a server in the foreground listening on 127.0.0.1:PORT; it
# runs under bash from the project root with $PORT and $JAVA set ($JAVA is the JDK the load tool runs on, so
# use it in both commands to compare servers, not JDKs). Extra arguments go to the load tool after the
# reference workloads (bench/common.sh), so they can replace any of them.
#
# Usage: bench/compare.sh [-n ROUNDS] PORT_A 'COMMAND_A' PORT_B 'COMMAND_B' [load-tool args]
# e.g.   bench/compare.sh -n 3 \
#          5378 'cd ../cn-lab-student/chat_client_check && exec "$JAVA" -jar ChatServer.jar 11000 true false' \
#          5379 'exec "$JAVA" -jar target/chat-server.jar --chat.port=$PORT --server.port=0 \
#                --chat.max-clients=11000 --chat.max-connections=11100 --chat.per-address.exempt=127.0.0.0/8'
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/common.sh
rounds=3
if [ "${1:-}" = "-n" ]; then
  rounds=$2
  shift 2
fi
if [ $# -lt 4 ]; then
  sed -n '2,/^set -euo/p' "$0" | sed '$d' | sed 's/^# \{0,1\}//' >&2
  exit 2
fi
declare -A port=([A]=$1 [B]=$3) command=([A]=$2 [B]=$4)
shift 4

listening() {
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

# Starts a side's server in its own process group, waits until its port accepts connections, runs the load
# tool against it, then stops the whole group (SIGTERM, then SIGKILL after 10 s).
run_side() {
  local side=$1 log=$2 p=${port[$1]} pid
  shift 2
  if listening "$p"; then
    echo "something already listens on 127.0.0.1:$p; stop it or pick another port for $side" >&2
    return 1
  fi
  PORT=$p setsid bash -c "${command[$side]}" > "$log.server" 2>&1 &
  pid=$!
  for _ in $(seq 1 600); do
    listening "$p" && break
    kill -0 "$pid" 2>/dev/null || { echo "server $side exited before listening on $p:" >&2; tail -20 "$log.server" >&2; return 1; }
    sleep 0.1
  done
  local status=0
  load_tool --target="127.0.0.1:$p" "${REFERENCE_WORKLOADS[@]}" "$@" > "$log" 2>&1 || status=$?
  kill -TERM -- "-$pid" 2>/dev/null || true
  for _ in $(seq 1 100); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  kill -KILL -- "-$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  if [ "$status" -ne 0 ]; then
    # one broken run (the reference server drops users under load) must not cost the whole comparison:
    # its figures are left out of the medians and its failure is printed with them
    echo "load tool against $side failed (kept out of the medians; server log kept):" >&2
    tail -5 "$log" >&2
  else
    rm -f "$log.server"
  fi
}

build_if_stale
out=$(mktemp -d)
echo "A (port ${port[A]}): ${command[A]}" >&2
echo "B (port ${port[B]}): ${command[B]}" >&2
"$JAVA" -version 2>&1 | head -1 | sed 's/^/JDK: /' >&2
for round in $(seq 1 "$rounds"); do
  order="A B"
  [ $((round % 2)) -eq 0 ] && order="B A"
  for side in $order; do
    echo "round $round of $rounds: $side..." >&2
    run_side "$side" "$out/$side-$round.log" "$@"
  done
done
python3 bench/medians.py --label A "$out"/A-*.log --label B "$out"/B-*.log
echo "logs: $out" >&2
