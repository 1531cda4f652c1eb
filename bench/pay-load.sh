#!/usr/bin/env bash
# The payment core under load, measured from outside the server (issue 13). One command:
#   1. builds target/telepay.jar if it is missing or older than the sources (./mvnw -o -q -B -DskipTests package);
#   2. runs `pgbench -N` on a database of its own (`pgbench -i -s 10` first), same clients, same duration;
#   3. creates a fresh database and starts the jar on it as a production process (TELEPAY_DEMO=false, random
#      TELEPAY_APP_KEY and TELEPAY_VAULT_KEK, an ADMIN key from TELEPAY_BOOTSTRAP_TOKEN, a free port, behind
#      "a load balancer" that sets X-Forwarded-For: TELEPAY_FORWARD_HEADERS=native), waits for health UP;
#   4. runs the load generator, bench/loadgen/LoadGen.java (its own JVM, over HTTP): products and agents
#      through the API, a warm-up, then one pass per scenario, and prints one markdown table. The one write
#      outside the API: the agents' start dates are moved 400 days back, as in a call centre that has been
#      running a while (new agents taking dozens of cards a day is what the risk engine holds for review);
#   5. stops the server and drops both databases, also on failure or Ctrl-C.
#
# Usage: bench/pay-load.sh [--clients 16] [--duration 60] [--warmup 30] [--scenario pay,sale,half]
#                          [--agents 60] [--rate R] [--top 25] [--keep-db]
#   --clients   client threads of every pass, and pgbench's -c
#   --duration  seconds of each measured pass, and pgbench's -T
#   --warmup    seconds of whole sales before the first pass (then the pay step on clients × 20 sales)
#   --scenario  pay: the pay step alone, closed loop (sales prepared up to the session, only POST /pay timed);
#               sale: whole sales, closed loop (customer, call, order, confirm, session, pay, end of call);
#               half: the pay step open loop at half the rate of the pay pass (or at --rate)
#   --agents    agents per pool (warm-up, pay, sale, half each have their own, in teams of 20)
#   --top       statements listed per pass in the summary (all of them go to statements-*.md)
#   --keep-db   leave the server's database for a look afterwards (the server is stopped all the same)
# Environment: PGHOST (127.0.0.1), PGPORT (5432), PGUSER (postgres; a superuser: the script creates and drops
#   its databases and resets pg_stat_statements for its own database), PGPASSWORD if needed; JAVA_HOME
#   (a JDK 21 or newer, Temurin 25 by default); SERVER_JAVA_OPTS: JVM options of the server (none by default, as the README's production start).
# Output: target/pay-load/<UTC time>/ — summary.md (also printed), server.log, loadgen.log, pgbench.log,
#   statements-<pass>.md. Exit status: 0 a clean run; 3 a run with errors (the summary says so loudly).
# Statements need pg_stat_statements (shared_preload_libraries, and the extension in the `postgres` database);
# without it that column reads n/a. Read figures as ratios within one run: the machine is shared.
set -euo pipefail
cd "$(dirname "$0")/.."

CLIENTS=16 DURATION=60 WARMUP=30 SCENARIO=pay,sale,half AGENTS=60 RATE=0 TOP=25 KEEP_DB=false
ARGS="$*"
while [ $# -gt 0 ]; do
  case "$1" in
    --clients) CLIENTS=$2 ;;
    --duration) DURATION=$2 ;;
    --warmup) WARMUP=$2 ;;
    --scenario) SCENARIO=$2 ;;
    --agents) AGENTS=$2 ;;
    --rate) RATE=$2 ;;
    --top) TOP=$2 ;;
    --keep-db) KEEP_DB=true; shift; continue ;;
    -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    *) echo "unknown option $1 (--help)" >&2; exit 2 ;;
  esac
  shift 2
done

export PGHOST=${PGHOST:-127.0.0.1} PGPORT=${PGPORT:-5432} PGUSER=${PGUSER:-postgres}
JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
export JAVA_HOME PATH="$JAVA_HOME/bin:$PATH"
RUN=$(date -u +%Y%m%dT%H%M%SZ)
OUT=target/pay-load/$RUN
DB=telepay_bench_$$
PGBENCH_DB=telepay_bench_pgbench_$$
SERVER_PID= LOADGEN_PID=
mkdir -p "$OUT"

cleanup() {
  local status=$?
  trap - EXIT INT TERM
  if [ -n "$LOADGEN_PID" ]; then kill -TERM "$LOADGEN_PID" 2>/dev/null || true; fi
  if [ -n "$SERVER_PID" ] && kill -0 "$SERVER_PID" 2>/dev/null; then
    kill -TERM "$SERVER_PID" 2>/dev/null || true
    for _ in $(seq 60); do kill -0 "$SERVER_PID" 2>/dev/null || break; sleep 0.5; done
    kill -KILL "$SERVER_PID" 2>/dev/null || true
    wait "$SERVER_PID" 2>/dev/null || true
  fi
  local databases=("$PGBENCH_DB")
  if [ "$KEEP_DB" = true ]; then echo "kept database $DB" >&2; else databases+=("$DB"); fi
  for database in "${databases[@]}"; do
    psql -X -q -d postgres -c "drop database if exists $database with (force)" >/dev/null 2>&1 \
      || echo "could not drop database $database: drop it by hand" >&2
  done
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

say() { echo "$*" | tee -a "$OUT/summary.md"; }
uptime_now() { uptime | sed 's/^ *//'; }

# 1. the jar
if [ ! -f target/telepay.jar ] || [ -n "$(find src/main pom.xml -newer target/telepay.jar -print -quit)" ]; then
  echo "building target/telepay.jar"
  ./mvnw -o -q -B -DskipTests package
fi
javac -d "$OUT/loadgen" bench/loadgen/LoadGen.java

STATEMENTS=false
if psql -X -Atq -d postgres -c "show shared_preload_libraries" | grep -q pg_stat_statements \
   && [ "$(psql -X -Atq -d postgres -c "select count(*) from pg_extension where extname = 'pg_stat_statements'")" = 1 ]; then
  STATEMENTS=true
fi

say "### $(date -u '+%Y-%m-%d %H:%M') UTC — \`bench/pay-load.sh $ARGS\`"
say ""
say "- code: $(git rev-parse --short HEAD)$(git diff --quiet HEAD -- src pom.xml || echo ' plus uncommitted changes')"
say "- machine: $(lscpu | sed -n 's/^Model name: *//p'), $(nproc) CPUs, $(free -g | awk '/Mem:/ {print $2}') GiB;" \
    "PostgreSQL $(psql -X -Atq -d postgres -c 'show server_version'), same machine;" \
    "$(java -version 2>&1 | sed -n 2p)"
say "- server: \`java ${SERVER_JAVA_OPTS:+$SERVER_JAVA_OPTS }-jar target/telepay.jar\`, production mode on its own database," \
    "default pool (20); pg_stat_statements: $([ $STATEMENTS = true ] && echo "on, track_utility $(psql -X -Atq -d postgres -c 'show pg_stat_statements.track_utility')" || echo 'not available')"
say "- load average at the start: $(uptime_now)"

# 2. pgbench -N, on a database of its own, before the server exists
psql -X -q -d postgres -c "create database $PGBENCH_DB" >/dev/null
JOBS=$(( CLIENTS < $(nproc) ? CLIENTS : $(nproc) ))
PGBENCH="pgbench -N -c $CLIENTS -j $JOBS -T $DURATION"
echo "pgbench: initializing (scale 10), then $PGBENCH"
pgbench -i -q -s 10 "$PGBENCH_DB" >"$OUT/pgbench.log" 2>&1
$PGBENCH "$PGBENCH_DB" >>"$OUT/pgbench.log" 2>&1
TPS=$(grep -m1 -o 'tps = [0-9.]*' "$OUT/pgbench.log" | cut -d' ' -f3)
psql -X -q -d postgres -c "drop database $PGBENCH_DB" >/dev/null
echo "pgbench -N: $TPS tps"

# 3. the server, in production mode on a fresh database
psql -X -q -d postgres -c "create database $DB" >/dev/null
[ $STATEMENTS = true ] && psql -X -q -d "$DB" -c "create extension if not exists pg_stat_statements" >/dev/null
free_port() {
  for _ in $(seq 100); do
    local port=$(( 20000 + RANDOM % 40000 ))
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null || { echo "$port"; return; }
  done
  return 1
}
PORT=$(free_port)
ADMIN_KEY=$(openssl rand -hex 32)
# shellcheck disable=SC2086 # SERVER_JAVA_OPTS is a list of options
env TELEPAY_DB_URL="jdbc:postgresql://$PGHOST:$PGPORT/$DB" TELEPAY_DB_USER="$PGUSER" TELEPAY_DB_PASSWORD="${PGPASSWORD:-}" \
    TELEPAY_DEMO=false TELEPAY_APP_KEY="$(openssl rand -base64 32)" TELEPAY_VAULT_KEK="$(openssl rand -base64 32)" \
    TELEPAY_BOOTSTRAP_TOKEN="$ADMIN_KEY" TELEPAY_MFA_REQUIRED=false TELEPAY_FORWARD_HEADERS=native \
    SERVER_PORT="$PORT" TELEPAY_PUBLIC_URL="http://127.0.0.1:$PORT" TELEPAY_DATA_DIR="$OUT/data" TELEPAY_LOG_FORMAT=text \
    java ${SERVER_JAVA_OPTS:-} -jar target/telepay.jar >"$OUT/server.log" 2>&1 &
SERVER_PID=$!
echo "server: pid $SERVER_PID, port $PORT, database $DB; waiting for health UP"
for _ in $(seq 600); do
  curl -fsS "http://127.0.0.1:$PORT/actuator/health" 2>/dev/null | grep -q '"status":"UP"' && break
  kill -0 "$SERVER_PID" 2>/dev/null || { tail -30 "$OUT/server.log" >&2; echo "the server stopped" >&2; exit 1; }
  sleep 0.5
done
curl -fsS "http://127.0.0.1:$PORT/actuator/health" | grep -q '"status":"UP"' || { echo "no health UP after 300 s" >&2; exit 1; }

# 4. the load; in the background, so that a signal to this script is handled at once and not after the load
say ""
BENCH_ADMIN_KEY="$ADMIN_KEY" java -Xmx512m -cp "$OUT/loadgen" LoadGen --url "http://127.0.0.1:$PORT" \
    --clients "$CLIENTS" --duration "$DURATION" --warmup "$WARMUP" --scenario "$SCENARIO" --agents "$AGENTS" \
    --rate "$RATE" --top "$TOP" --server-pid "$SERVER_PID" --database "$DB" --statements "$STATEMENTS" \
    --out "$OUT" --pgbench-tps "${TPS:-0}" --pgbench-command "$PGBENCH" --clock-ticks "$(getconf CLK_TCK)" \
    2> >(tee "$OUT/loadgen.log" >&2) &
LOADGEN_PID=$!
status=0
wait "$LOADGEN_PID" || status=$?
LOADGEN_PID=

say ""
say "- server log: $(grep -c ' ERROR ' "$OUT/server.log" || true) ERROR and $(grep -c ' WARN ' "$OUT/server.log" || true) WARN lines ($OUT/server.log)"
say "- load average at the end: $(uptime_now)"
echo "results: $OUT"
exit "$status"
