#!/usr/bin/env bash
# Time from `java -jar` to /actuator/health UP on the embedded default, first start (fresh data
# directory: migrations, keys, demo workspace) and second start; then resident memory when idle.
# Usage: bench/startup.sh [runs]   (build first: ./mvnw -DskipTests package)
set -euo pipefail
cd "$(dirname "$0")/.."
JAVA="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java"
RUNS="${1:-3}"
PORT=18095

healthy_after() {
  local start=$1
  for _ in $(seq 1 600); do
    if curl -fsS "http://127.0.0.1:$PORT/actuator/health" 2>/dev/null | grep -q '"status":"UP"'; then
      echo $(( $(date +%s%N) / 1000000 - start ))
      return
    fi
    sleep 0.05
  done
  echo "timeout"
}

for run in $(seq 1 "$RUNS"); do
  DATA="$(mktemp -d)"
  for phase in first second; do
    start=$(( $(date +%s%N) / 1000000 ))
    TELEPAY_DATA_DIR="$DATA" SERVER_PORT=$PORT "$JAVA" -jar target/telepay.jar > "$DATA/$phase.log" 2>&1 &
    pid=$!
    ms=$(healthy_after "$start")
    rss=$(awk '/VmRSS/ {print int($2/1024)}' /proc/$pid/status)
    echo "run $run $phase start: ${ms} ms to UP, RSS ${rss} MiB"
    kill $pid; wait $pid 2>/dev/null || true
  done
  rm -rf "$DATA"
done
