#!/usr/bin/env bash
# Benchmark (not a unit test): the predictive policy against the HPA's whole cost/violation
# curve on the NAB load traces, with the settings of issue 4: startup delay 90 s, target
# utilisation 0.7, capacity = p99.5 of the trace's load / 14, HPA curve at 0.4..0.9.
#
# Usage (from anywhere, after `mvn -B package -DskipTests` at the root; JAR=... overrides the jar):
#   bench/autoscaler/run.sh [extra backtest options, e.g. --quantile 0.95]
# Writes bench/autoscaler/out/<trace>.{txt,json} and prints one row per trace:
#   hpaAtCost   HPA curve's violation minutes at the predictive policy's replica-hours
#   predictive  the predictive policy's violation minutes;  ratio = predictive / hpaAtCost
#   hpaEv/predEv scale events of the HPA at 0.7 and of the predictive policy
#   err*        forecast error at the decision horizon (105 s), sum|f-a|/sum(a), of the
#               forecasts the policy used, of persistence and of seasonal-naive
#   rh          the predictive policy's replica-hours
# A last row repeats nyc_taxi at target utilisation 0.9, where the HPA curve is not zero.
set -euo pipefail
cd "$(dirname "$0")/../.."
JAR=${JAR:-autoscaler/target/foresight-autoscaler.jar}
OUT=bench/autoscaler/out
mkdir -p "$OUT"
[ -f "$JAR" ] || { echo "build first: mvn -B package -DskipTests" >&2; exit 1; }

row() { # name file extra-args...
  local name=$1 trace=$2; shift 2
  java -jar "$JAR" backtest --trace "$trace" --capacity p99.5/14 --startup-delay 90s \
       --target-utilization 0.7 --hpa-curve 0.4:0.9:0.05 --quiet --json "$OUT/$name.json" "$@" > "$OUT/$name.txt"
  awk -v name="$name" '
    $1=="hpa" {hev=$6}
    $1=="predictive" && $2 ~ /^[0-9.]+$/ {pev=$6}
    /^equal cost/ {rh=$4; h=$10; p=$14; r=$16; sub(",","",h); sub(",","",p); sub(",","",r)}
    $1=="selected" {sel=$2} $1=="persistence" {per=$2} $1=="seasonal-naive" {sn=$2}
    END {printf "%-26s %10s %10s %7s %7s %7s %8s %8s %8s %9s\n", name, h, p, r, hev, pev, sel, per, sn, rh}' "$OUT/$name.txt"
}

printf '%-26s %10s %10s %7s %7s %7s %8s %8s %8s %9s\n' trace hpaAtCost predictive ratio hpaEv predEv errUsed errPers errSNai rh
for t in data/nab/realKnownCause/nyc_taxi.csv data/nab/realAWSCloudwatch/elb_request_count_8c0756.csv \
         data/nab/realTweets/Twitter_volume_*.csv; do
  row "$(basename "$t" .csv)" "$t" "$@"
done
row "nyc_taxi@u0.9" data/nab/realKnownCause/nyc_taxi.csv "$@" --target-utilization 0.9
