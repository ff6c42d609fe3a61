#!/usr/bin/env bash
# The soak: the packaged server on ./models under a fixed rate of mixed good and bad requests.
#   bench/soak.sh [--minutes 30] [--rate 500] [--bad-share 0.2] [--interval-seconds 60]
# Prints a line a minute (answers, unexpected ones, p50/p99, RSS) and a total; exits 1 on any
# unexpected answer or connection error.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -pl serving,bench -am package -DskipTests
exec java -cp "bench/target/classes:bench/target/lib/*" dev.foresight.bench.Soak "$@"
