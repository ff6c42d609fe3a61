#!/usr/bin/env bash
# What input monitoring costs: the recommendation model served with monitoring off and on, side by
# side in one run (wrk in turns). Needs Debian's wrk. About 2 minutes with the defaults.
#   bench/monitoring.sh [--seconds 10] [--turns 5] [--connections 32] [--models models]
set -euo pipefail
cd "$(dirname "$0")/.."
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install -y wrk" >&2; exit 1; }
mvn -B -q -pl serving,bench -am package -DskipTests
exec java -cp "bench/target/classes:bench/target/lib/*" dev.foresight.bench.MonitoringCost "$@"
