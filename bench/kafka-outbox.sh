#!/usr/bin/env bash
# What publishing domain events to Kafka costs (issue 19, docs/benchmarks.md "Events to Kafka"). One command:
#   1. creates a fresh PostgreSQL database (dropped at the end, also on failure or Ctrl-C);
#   2. runs KafkaOutboxBenchmarkTest against it, with an embedded KRaft broker in the test JVM:
#      - the same whole sales (HTTP, pay page, 4 clients) with events handed over in the database, through
#        Kafka, and in the database again: process CPU, JDBC statements and commits per sale;
#      - the relay alone: a backlog committed while the broker is down, drained once it is back: events/s.
# Usage: bench/kafka-outbox.sh [--sales 200] [--backlog 20000]
# Environment: PGHOST (127.0.0.1), PGPORT (5432), PGUSER (postgres), PGPASSWORD if needed; JAVA_HOME (Temurin 25).
# Output: the two tables on stdout; the full log in target/kafka-outbox-bench.log.
set -euo pipefail
cd "$(dirname "$0")/.."

SALES=200 BACKLOG=20000
while [ $# -gt 0 ]; do
  case "$1" in
    --sales) SALES=$2 ;;
    --backlog) BACKLOG=$2 ;;
    -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    *) echo "unknown option $1 (--help)" >&2; exit 2 ;;
  esac
  shift 2
done

export PGHOST=${PGHOST:-127.0.0.1} PGPORT=${PGPORT:-5432} PGUSER=${PGUSER:-postgres}
JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
export JAVA_HOME PATH="$JAVA_HOME/bin:$PATH"
DB=telepay_kafka_bench_$$
trap 'psql -q -d postgres -c "drop database if exists $DB" >/dev/null 2>&1 || true' EXIT
psql -q -d postgres -c "create database $DB"
mkdir -p target
./mvnw -o -q -B test-compile
TELEPAY_TEST_DB_URL="jdbc:postgresql://$PGHOST:$PGPORT/$DB" TELEPAY_TEST_DB_USER=$PGUSER TELEPAY_TEST_DB_PASSWORD=${PGPASSWORD:-} \
  ./mvnw -o -B -ntp surefire:test -Dtest=KafkaOutboxBenchmarkTest -Dbenchmark=true \
  -Dbenchmark.sales="$SALES" -Dbenchmark.backlog="$BACKLOG" > target/kafka-outbox-bench.log 2>&1 \
  || { tail -50 target/kafka-outbox-bench.log; exit 1; }
echo "machine: $(nproc) vCPU $(lscpu | sed -n 's/^Model name: *//p'), load $(cut -d' ' -f1-3 /proc/loadavg)"
grep -E '^\||^relay:' target/kafka-outbox-bench.log
