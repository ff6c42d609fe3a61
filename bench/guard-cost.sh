#!/usr/bin/env bash
# What a division guard costs ONNX Runtime per call (see GuardCost): the same graph as written
# and as the server guards it, in alternating rounds in one process. About a minute.
#   bench/guard-cost.sh [--rounds 7] [--calls 20000]
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -pl serving,bench -am package -DskipTests
exec java -cp "bench/target/classes:serving/target/foresight-serving.jar" dev.foresight.bench.GuardCost "$@"
