#!/usr/bin/env bash
# Prepares the fast start: extracts target/telepay.jar to target/app/ and records a JDK AOT cache
# (JEP 483/514: classes loaded and linked ahead of time) from a training start on a throwaway embedded
# database, which stops once the application context is up. Then start with
#   java -XX:AOTCache=target/app/telepay.aot -jar target/app/telepay.jar
# The cache is only valid for this JDK and these jars: run this again after every build or JDK update
# (the JVM ignores a stale cache with a warning and starts the slow way).
# Usage: bin/aot-cache.sh   (build first: ./mvnw -DskipTests package)
set -euo pipefail
cd "$(dirname "$0")/.."
JAVA="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java"

rm -rf target/app
"$JAVA" -Djarmode=tools -jar target/telepay.jar extract --destination target/app >/dev/null
TRAINING="$(mktemp -d)"
trap 'rm -rf "$TRAINING"' EXIT
TELEPAY_DATA_DIR="$TRAINING" SERVER_PORT=0 "$JAVA" -XX:AOTCacheOutput=target/app/telepay.aot \
  -Dspring.context.exit=onRefresh -jar target/app/telepay.jar > "$TRAINING/training.log" 2>&1 \
  || { tail -30 "$TRAINING/training.log"; exit 1; }
echo "AOT cache written: target/app/telepay.aot ($(du -h target/app/telepay.aot | cut -f1))"
echo "start with: java -XX:AOTCache=target/app/telepay.aot -jar target/app/telepay.jar"
