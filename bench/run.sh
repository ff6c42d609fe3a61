#!/usr/bin/env bash
# The serving benchmark: builds the server jar and the benchmark, then measures raw ONNX Runtime,
# the server under wrk, a bare V2 endpoint, fixed-rate tail latency, overload, and start-up.
# Needs Debian's wrk (apt-get install -y wrk). 6 to 8 minutes with the default 10 s runs.
#   bench/run.sh [--seconds 10] [--models models]
set -euo pipefail
cd "$(dirname "$0")/.."
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install -y wrk" >&2; exit 1; }
mvn -B -q -pl serving,bench -am package -DskipTests
exec java -cp "bench/target/classes:bench/target/lib/*" dev.foresight.bench.ServingBenchmark "$@"
