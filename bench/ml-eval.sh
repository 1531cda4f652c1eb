#!/usr/bin/env bash
# The learned lead model against the hand-written score (issue 18, docs/benchmarks.md "Learned lead model"). One command:
#   1. generates the seeded telesales world (LeadWorld: 200,000 leads over 120 days, every offer, call outcome,
#      hand-written score at the offer, order) into a fresh database by JDBC batches;
#   2. trains a lead model version the way the nightly job does (LeadModelTraining: real feature extraction as of
#      each offer, train / calibrate / validate split in time, labels complete);
#   3. prints both scores' AUC, top-decile lift and the model's calibration on the later weeks, and the times.
#   Then runs bench/ml-eval-fraud.sh --postgres (the learned fraud score; its 50,000-attempt world needs PostgreSQL:
#   on H2 one of the attempt writes' subqueries is not served by an index and the world takes hours to write).
# Usage: bench/ml-eval.sh [--leads 200000] [--seed 18] [--days 120] [--pg]
#   --pg: a fresh PostgreSQL database (PGHOST, PGPORT, PGUSER, PGPASSWORD), dropped at the end; default in-memory H2.
# Output: the figures on stdout; the full log in target/ml-eval.log.
set -euo pipefail
cd "$(dirname "$0")/.."

LEADS=200000 SEED=18 DAYS=120 PG=
while [ $# -gt 0 ]; do
  case "$1" in
    --leads) LEADS=$2; shift ;;
    --seed) SEED=$2; shift ;;
    --days) DAYS=$2; shift ;;
    --pg) PG=1 ;;
    -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    *) echo "unknown option $1 (--help)" >&2; exit 2 ;;
  esac
  shift
done

JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
export JAVA_HOME PATH="$JAVA_HOME/bin:$PATH"
mkdir -p target
if [ -n "$PG" ]; then
  export PGHOST=${PGHOST:-127.0.0.1} PGPORT=${PGPORT:-5432} PGUSER=${PGUSER:-postgres}
  DB=telepay_ml_eval_$$
  trap 'psql -q -d postgres -c "drop database if exists $DB" >/dev/null 2>&1 || true' EXIT
  psql -q -d postgres -c "create database $DB"
  export TELEPAY_TEST_DB_URL="jdbc:postgresql://$PGHOST:$PGPORT/$DB" TELEPAY_TEST_DB_USER=$PGUSER TELEPAY_TEST_DB_PASSWORD=${PGPASSWORD:-}
fi
./mvnw -o -q -B test-compile
./mvnw -o -B -ntp surefire:test -Dtest=LeadModelBenchmarkTest -Dbenchmark=true -DargLine=-Xmx4g \
  -Dbenchmark.leads="$LEADS" -Dbenchmark.seed="$SEED" -Dbenchmark.days="$DAYS" > target/ml-eval.log 2>&1 \
  || { tail -60 target/ml-eval.log; exit 1; }
echo "machine: $(nproc) vCPU $(lscpu | sed -n 's/^Model name: *//p'), load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "database: ${TELEPAY_TEST_DB_URL:-H2 in memory}"
sed -n '/lead model benchmark/,/^features:/p' target/ml-eval.log | sed '1s/.*lead model benchmark//'
if [ -x bench/ml-eval-fraud.sh ]; then
  SKIP_COMPILE=1 bench/ml-eval-fraud.sh --postgres
fi
