#!/usr/bin/env bash
# Two builds of the server side by side on the same models, in turns: requests/s and server CPU
# per request of each (see BuildComparison). Builds this checkout's jar as the candidate.
# Needs Debian's wrk. About 2 x models x (turns + 1) x seconds (2 x 4 x 4 x 10 s: 6 minutes).
#   bench/compare.sh --baseline path/to/other/foresight-serving.jar [--seconds 10] [--turns 3]
set -euo pipefail
cd "$(dirname "$0")/.."
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install -y wrk" >&2; exit 1; }
mvn -B -q -pl serving,bench -am package -DskipTests
exec java -cp "bench/target/classes:bench/target/lib/*" dev.foresight.bench.BuildComparison "$@"
