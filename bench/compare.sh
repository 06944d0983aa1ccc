#!/usr/bin/env bash
# Converge PBX vs Kamailio, side by side in one run: register.sh and calls.sh against each (same sipp
# scenarios, same pinning, same host), then a table with the ratio PBX / Kamailio in
# bench/results/compare.md.
#
#   bench/compare.sh [SERVER_JAR]          # default: ../container-config/target/pbx-server.jar
#   DURATION=20 bench/compare.sh           # quicker (60 s per step by default)
#
# Every setting of register.sh / calls.sh passes through (DURATION, SERVER_CPUS, LOAD_CPUS, ...);
# REG_RATES and CALL_RATES set their RATES.
set -euo pipefail
cd "$(dirname "$0")"
source ./lib.sh

JAR=$(realpath -m "${1:-../container-config/target/pbx-server.jar}")
OUT=$BENCH_DIR/results
mkdir -p "$OUT"
log "compare: PBX ($JAR) vs Kamailio, DURATION=${DURATION:-60}s per step, server cpus ${SERVER_CPUS:-all}, load cpus ${LOAD_CPUS:-all}"

for target in pbx kamailio; do
  log "=== registrations: $target"
  TARGET=$target RATES=${REG_RATES:-${RATES:-}} WORK= ./register.sh "$JAR"
done
for target in pbx kamailio; do
  log "=== calls: $target"
  TARGET=$target RATES=${CALL_RATES:-${RATES:-}} WORK= ./calls.sh "$JAR"
done

result() { # result FILE KEY
  sed -n "s/.*$2=\([^ ]*\).*/\1/p" "$1" | tail -1
}
lat() { # lat TARGET RATE TIMER: "n p50 p95 p99" of that timer at that call rate, or "-"
  local f="$OUT/calls-$1/calls-$2.latency.txt"
  [ -f "$f" ] && awk -v t="$3" '$1==t{print "n="$2" p50="$3" p95="$4" p99="$5" max="$6}' "$f" || echo "-"
}
ratio() { awk -v a="$1" -v b="$2" 'BEGIN{ if (b>0) printf "%.2f", a/b; else print "n/a"}'; }

REG_P=$(result "$OUT/register-pbx/summary.txt" best_sustained_register_per_s)
REG_K=$(result "$OUT/register-kamailio/summary.txt" best_sustained_register_per_s)
REGF_P=$(result "$OUT/register-pbx/summary.txt" best_without_failures_register_per_s)
REGF_K=$(result "$OUT/register-kamailio/summary.txt" best_without_failures_register_per_s)
CPSF_P=$(result "$OUT/calls-pbx/summary.txt" best_without_failures_calls_per_s)
CPSF_K=$(result "$OUT/calls-kamailio/summary.txt" best_without_failures_calls_per_s)
CPS_P=$(result "$OUT/calls-pbx/summary.txt" best_sustained_calls_per_s)
CPS_K=$(result "$OUT/calls-kamailio/summary.txt" best_sustained_calls_per_s)
RDY_P=$(sed -n 's/.*ready_ms=\([0-9]*\).*/\1/p' "$OUT/register-pbx/summary.txt" | head -1)
RDY_K=$(sed -n 's/.*ready_ms=\([0-9]*\).*/\1/p' "$OUT/register-kamailio/summary.txt" | head -1)

{
  echo "# Converge PBX vs Kamailio ($(date -Is))"
  echo
  echo "Host: $(nproc) CPUs ($(sed -n 's/^model name\s*: //p' /proc/cpuinfo | head -1)), $(awk '/MemTotal/{printf "%.1f GiB", $2/1048576}' /proc/meminfo) RAM;" \
       "$(java -version 2>&1 | head -1); $($KAMAILIO -v | head -1)."
  echo "Servers pinned to CPU ${SERVER_CPUS:-all}, sipp to CPU ${LOAD_CPUS:-all}; ${DURATION:-60} s per step; loopback UDP."
  echo "Sustained = every call of the step succeeded, 0 failed, 0 retransmissions, at the planned pace (and so"
  echo "did every lower step). A result of 0 means the lowest step already had retransmissions or failures."
  echo
  echo "| metric | Converge PBX | Kamailio | PBX / Kamailio |"
  echo "|---|---|---|---|"
  echo "| REGISTER+digest, highest sustained rate (/s) | $REG_P | $REG_K | $(ratio "$REG_P" "$REG_K") |"
  echo "| REGISTER+digest, highest rate with 0 failures, retransmissions allowed (/s) | $REGF_P | $REGF_K | $(ratio "$REGF_P" "$REGF_K") |"
  echo "| calls (INVITE..BYE, 407 auth), highest sustained rate (cps) | $CPS_P | $CPS_K | $(ratio "$CPS_P" "$CPS_K") |"
  echo "| calls, highest rate with 0 failed calls, retransmissions allowed (cps) | $CPSF_P | $CPSF_K | $(ratio "$CPSF_P" "$CPSF_K") |"
  echo "| INVITE->180 at 200 cps (ms) | $(lat pbx 200 ring) | $(lat kamailio 200 ring) | |"
  echo "| INVITE->200 at 200 cps (ms) | $(lat pbx 200 answer) | $(lat kamailio 200 answer) | |"
  echo "| launch to ready (ms, pinned) | $RDY_P | $RDY_K | |"
  echo
  echo "Steps (from the summaries):"
  echo
  for f in register-pbx register-kamailio calls-pbx calls-kamailio; do
    echo "## $f"
    echo
    echo '```'
    cat "$OUT/$f/summary.txt"
    echo '```'
    echo
  done
} >"$OUT/compare.md"
log "table written to $OUT/compare.md"
sed -n '1,14p' "$OUT/compare.md"
