#!/usr/bin/env bash
# Time from `java` to /actuator/health UP on the embedded default, first start (fresh data directory:
# migrations, keys, demo workspace) and second start, with the resident memory then; for the plain fat
# jar and for the extracted jar with the JDK AOT cache (bin/aot-cache.sh), alternating in one run so
# both see the same machine load.
# Usage: bench/startup.sh [runs]   (build first: ./mvnw -DskipTests package)
set -euo pipefail
cd "$(dirname "$0")/.."
JAVA="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java"
RUNS="${1:-3}"
PORT=18095

[ -f target/app/telepay.aot ] && [ target/app/telepay.aot -nt target/telepay.jar ] || bin/aot-cache.sh

healthy_after() {
  local start=$1
  for _ in $(seq 1 1200); do
    if curl -fsS "http://127.0.0.1:$PORT/actuator/health" 2>/dev/null | grep -q '"status":"UP"'; then
      echo $(( $(date +%s%N) / 1000000 - start ))
      return
    fi
    sleep 0.05
  done
  echo "timeout"
}

for run in $(seq 1 "$RUNS"); do
  for variant in fat-jar aot-cache; do
    case $variant in
      fat-jar) args=(-jar target/telepay.jar) ;;
      aot-cache) args=(-XX:AOTCache=target/app/telepay.aot -jar target/app/telepay.jar) ;;
    esac
    DATA="$(mktemp -d)"
    for phase in first second; do
      start=$(( $(date +%s%N) / 1000000 ))
      TELEPAY_DATA_DIR="$DATA" SERVER_PORT=$PORT "$JAVA" "${args[@]}" > "$DATA/$phase.log" 2>&1 &
      pid=$!
      ms=$(healthy_after "$start")
      rss=$(awk '/VmRSS/ {print int($2/1024)}' /proc/$pid/status)
      echo "run $run $variant $phase start: ${ms} ms to UP, RSS ${rss} MiB, load $(cut -d' ' -f1 /proc/loadavg)"
      kill $pid; wait $pid 2>/dev/null || true
    done
    rm -rf "$DATA"
  done
done
