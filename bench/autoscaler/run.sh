#!/usr/bin/env bash
# Predictive policy vs the HPA's whole cost/violation curve on the NAB load traces.
# Usage: bench/autoscaler/run.sh [extra backtest options...]   (after mvn -B package -DskipTests)
# Writes bench/autoscaler/out/<trace>.json and .txt, prints one table row per trace.
set -euo pipefail
cd "$(dirname "$0")/../.."
JAR=autoscaler/target/foresight-autoscaler.jar
OUT=bench/autoscaler/out
mkdir -p "$OUT"
[ -f "$JAR" ] || { echo "build first: mvn -B package -DskipTests" >&2; exit 1; }
TRACES="data/nab/realKnownCause/nyc_taxi.csv data/nab/realAWSCloudwatch/elb_request_count_8c0756.csv $(ls data/nab/realTweets/Twitter_volume_*.csv)"
printf '%-28s %10s %10s %7s %8s %8s %9s %9s %9s %9s\n' trace hpaAtCost predictive ratio hpaEv predEv errSel errPers errSNaive rh
for t in $TRACES; do
  name=$(basename "$t" .csv)
  java -jar "$JAR" backtest --trace "$t" --capacity p99.5/14 --startup-delay 90s \
       --target-utilization 0.7 --hpa-curve 0.4:0.9:0.05 --quiet --json "$OUT/$name.json" "$@" > "$OUT/$name.txt"
  awk -v name="$name" '
    $1=="hpa" {hev=$6}
    $1=="predictive" {pev=$6}
    /^equal cost/ {rh=$4; h=$10; p=$14; r=$16; sub(",","",h); sub(",","",p); sub(",","",r)}
    $1=="selected" {sel=$2} $1=="persistence" {per=$2} $1=="seasonal-naive" {sn=$2}
    END {printf "%-28s %10s %10s %7s %8s %8s %9s %9s %9s %9s\n", name, h, p, r, hev, pev, sel, per, sn, rh}' "$OUT/$name.txt"
done
