#!/usr/bin/env bash
# The learned fraud model against the default risk rules (issue 18, docs/benchmarks.md "Fraud model"). One command:
#   1. generates a seeded telesales world (src/test/java/io/telepay/risk/TelesalesWorld.java: honest customers and
#      agents, card testers, mule rings, card-collecting agents, lone fraudsters; ~50,000 attempts over 60 days)
#      and writes it to risk's tables as the engine and its listeners would (attempts, declines, captures,
#      chargebacks, fraud reports);
#   2. trains a model through FraudModels on the first 45 days (features recomputed as of each attempt, labels known
#      two days after the window), and stores it as a SHADOW version;
#   3. scores the last 15 days with the model, the default rules and both; prints precision and recall at review
#      rates of 0.5, 1, 2 and 5 %.
# Usage: bench/ml-eval-fraud.sh [--seed 18] [--days 60] [--postgres]
#   --postgres runs on a fresh PostgreSQL database (PGHOST, PGPORT, PGUSER; dropped at the end); default embedded H2.
# Output: the table on stdout and in target/ml-eval-fraud.md; the full log in target/ml-eval-fraud.log.
set -euo pipefail
cd "$(dirname "$0")/.."

SEED=18 DAYS=60 POSTGRES=
while [ $# -gt 0 ]; do
  case "$1" in
    --seed) SEED=$2; shift ;;
    --days) DAYS=$2; shift ;;
    --postgres) POSTGRES=1 ;;
    -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    *) echo "unknown option $1 (--help)" >&2; exit 2 ;;
  esac
  shift
done

JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
export JAVA_HOME PATH="$JAVA_HOME/bin:$PATH"
if [ -n "$POSTGRES" ]; then
  export PGHOST=${PGHOST:-127.0.0.1} PGPORT=${PGPORT:-5432} PGUSER=${PGUSER:-postgres}
  DB=telepay_fraud_eval_$$
  trap 'psql -q -d postgres -c "drop database if exists $DB" >/dev/null 2>&1 || true' EXIT
  psql -q -d postgres -c "create database $DB"
  export TELEPAY_TEST_DB_URL="jdbc:postgresql://$PGHOST:$PGPORT/$DB" TELEPAY_TEST_DB_USER=$PGUSER
fi
echo "machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
[ -n "${SKIP_COMPILE:-}" ] || ./mvnw -o -q -B test-compile
./mvnw -o -B -ntp surefire:test -Dtest=FraudEvaluationBenchmarkTest -Dbenchmark=true -Dseed="$SEED" -Ddays="$DAYS" \
  > target/ml-eval-fraud.log 2>&1 || { tail -50 target/ml-eval-fraud.log; exit 1; }
cat target/ml-eval-fraud.md
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
