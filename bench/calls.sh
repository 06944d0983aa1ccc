#!/usr/bin/env bash
# Call throughput and latency through the server: CALLEES extensions are registered (sipp register.xml)
# with their contacts on one sipp UAS; a sipp UAC, authenticating (407), calls them through the server:
# INVITE/407/ACK/INVITE/180/200/ACK, hold HOLD_MS, BYE/200 (ACK and BYE follow the route set: Kamailio
# record-routes; the PBX is a back-to-back user agent, so they go to the PBX, which relays them on its own leg).
# Stepped call rates, each for DURATION seconds. A step is "sustained" when every call completed with
# 0 failed calls and 0 retransmissions at the planned pace. INVITE->180 ("ring") and INVITE->200
# ("answer") latency percentiles per step, measured by the UAC from the authenticated INVITE.
# The UAS answers at once, so a multi-threaded server may relay the 180 after the 200: the UAC ignores such
# a late 180 (-default_behaviors all,-abortunexp; a lost or wrong answer still fails the call by timeout)
# and that call has no "ring" sample: "ring n" < "answer n" counts the reordered/dropped 180s.
#
#   bench/calls.sh [SERVER_JAR]                 # default: ../container-config/target/pbx-server.jar
#   TARGET=kamailio bench/calls.sh              # the same against Kamailio
#
# Environment: DURATION (60), RATES ("25 50 100 150 200 300 400 600"), ALWAYS_UP_TO (200), HOLD_MS (3000), CALLERS (500), CALLEES (100),
#   WARMUP ("20:30"), JFR_AT_RATE (PBX only: JFR profile of the step at that rate, summary in RESULTS), STOP_AT_FIRST_FAILURE (1), SERVER_CPUS (0), LOAD_CPUS (1), JAVA_OPTS, WORK, RESULTS.
set -euo pipefail
cd "$(dirname "$0")"
source ./lib.sh
source ./sipp_step.sh

JAR=$(realpath -m "${1:-../container-config/target/pbx-server.jar}")
TARGET=${TARGET:-pbx}
DURATION=${DURATION:-60}
RATES=${RATES:-"25 50 100 150 200 300 400 600"}
# keep ramping (even after a failed step) up to this rate, so the latency at 200 cps is always measured
ALWAYS_UP_TO=${ALWAYS_UP_TO:-200}
HOLD_MS=${HOLD_MS:-3000}
CALLERS=${CALLERS:-500}
CALLEES=${CALLEES:-100}
FIRST_CALLER=${FIRST_CALLER:-200000}
FIRST_CALLEE=${FIRST_CALLEE:-300000}
STOP_AT_FIRST_FAILURE=${STOP_AT_FIRST_FAILURE:-1}
PAUSE=${PAUSE:-8}
WARMUP=${WARMUP-20:30}
JFR_AT_RATE=${JFR_AT_RATE:-}
WORK=${WORK:-$(mktemp -d /tmp/pbx-bench-calls.XXXXXX)}
RESULTS=${RESULTS:-$BENCH_DIR/results/calls-$TARGET}
need sipp "apt-get install -y sip-tester"
need curl "apt-get install -y curl"
mkdir -p "$WORK" "$RESULTS"
rm -f "$RESULTS"/*
log "call benchmark: target $TARGET, $CALLERS callers -> $CALLEES callees, rates [$RATES] calls/s, hold $HOLD_MS ms, $DURATION s per step, work dir $WORK"

case "$TARGET" in
  pbx)
    start_pbx "$JAR" "$WORK/pbx-data"
    SERVER_PID=$PBX_PID
    provision_pbx "$FIRST_CALLER" "$CALLERS"
    provision_pbx "$FIRST_CALLEE" "$CALLEES"
    READY_MS=$PBX_READY_MS ;;
  kamailio)
    # one subscriber table holding callers and callees (contiguous ranges are not required)
    start_kamailio "$WORK/kamailio" "$FIRST_CALLER" "$CALLERS" "$FIRST_CALLEE" "$CALLEES"
    SERVER_PID=$KAM_PID
    READY_MS=$KAM_READY_MS ;;
  *) die "TARGET must be pbx or kamailio" ;;
esac

UAS_PORT=$(free_port)
UAC_PORT=$(free_port)

# callee registrations, from the UAS port so the bindings point at the UAS
users_csv "$WORK/callees.csv" "$FIRST_CALLEE" "$CALLEES" "$BIND:$UAS_PORT"
sipp_step "register-callees" 20 "$CALLEES" 120 "$RESULTS" -- \
  -sf register.xml -inf "$WORK/callees.csv" -i "$BIND" -p "$UAS_PORT" -t u1 \
  -set domain "$DOMAIN" -set expires 7200 -recv_timeout 10000 "$BIND:$SIP_PORT"
[ "$STEP_OK" = 1 ] || die "callee registration failed: $STEP_LINE"

# callers: field0 caller, field1 its credentials, field2 unused, field3 callee (round robin)
{ echo SEQUENTIAL
  for ((i = 0; i < CALLERS; i++)); do
    c=$((FIRST_CALLER + i)); d=$((FIRST_CALLEE + i % CALLEES))
    echo "$c;[authentication username=$c password=secret-$c];-;$d"
  done
} >"$WORK/callers.csv"

echo "# call benchmark $(date -Is) target=$TARGET callers=$CALLERS callees=$CALLEES hold_ms=$HOLD_MS duration=${DURATION}s server_cpus=${SERVER_CPUS:-all} load_cpus=${LOAD_CPUS:-all} ready_ms=$READY_MS" >"$RESULTS/summary.txt"

# call_step NAME RATE SECONDS: UAS in the background (bounded by -m and -timeout), the UAC in front
call_step() {
  local name=$1 rate=$2 secs=$3
  local calls=$(( rate * secs )) timeout=$(( secs * 2 + HOLD_MS / 1000 + 60 ))
  mkdir -p "$WORK/$name-uas"
  cp "$BENCH_DIR"/sipp/*.xml "$WORK/$name-uas/"
  ( cd "$WORK/$name-uas" && pin "$LOAD_CPUS" sipp -sf uas-call.xml -i "$BIND" -p "$UAS_PORT" -t u1 \
      -m "$calls" -timeout "${timeout}s" -nostdin -trace_stat -fd 1 -trace_screen -trace_err \
      -max_log_size 2000000 >"$WORK/$name-uas/stdout.log" 2>&1 ) &
  local uas=$!
  BENCH_PIDS+=("$uas")
  sleep 0.5
  STEP_SLACK_S=$(( HOLD_MS / 1000 )) sipp_step "$name" "$rate" "$calls" "$timeout" "$RESULTS" -- \
    -sf uac-call.xml -inf "$WORK/callers.csv" -i "$BIND" -p "$UAC_PORT" -t u1 -d "$HOLD_MS" \
    -set domain "$DOMAIN" -recv_timeout 15000 -max_retrans 5 -default_behaviors all,-abortunexp \
    "$BIND:$SIP_PORT"
  # the UAS ends by itself once it has seen every call; if calls were lost, stop it
  local i
  for i in $(seq 1 40); do kill -0 "$uas" 2>/dev/null || break; sleep 0.25; done
  kill -TERM "$uas" 2>/dev/null || true
  wait "$uas" 2>/dev/null || true
  local f; f=$(ls "$WORK/$name-uas"/*_.csv 2>/dev/null | head -1 || true)
  if [ -n "$f" ]; then
    cp "$f" "$RESULTS/$name.uas-stat.csv"
    UAS_LINE="uas ok=$(stat_field "$f" "SuccessfulCall(C)") failed=$(stat_field "$f" "FailedCall(C)") retrans=$(stat_field "$f" "Retransmissions(C)")"
  else
    UAS_LINE="uas stats missing"
  fi
  log "$UAS_LINE"
}

if [ -n "$WARMUP" ]; then
  wr=${WARMUP%%:*}; ws=${WARMUP##*:}
  log "warm-up (not counted): $wr calls/s for $ws s"
  call_step warmup "$wr" "$ws"
  echo "(warm-up, not counted) $STEP_LINE $UAS_LINE" >>"$RESULTS/summary.txt"
  sleep "$PAUSE"
fi

BEST=0          # highest rate sustained (0 failed, 0 retransmissions), all lower steps sustained too
BEST_NOFAIL=0   # highest rate with 0 failed calls at the planned pace (retransmissions allowed)
STRICT_BROKEN=0
NOFAIL_BROKEN=0
for rate in $RATES; do
  [ "$TARGET" = pbx ] && [ "$rate" = "$JFR_AT_RATE" ] && jfr_begin "$SERVER_PID" "jfr-calls-$rate"
  call_step "calls-$rate" "$rate" "$DURATION"
  echo "$STEP_LINE $UAS_LINE" >>"$RESULTS/summary.txt"
  [ "$TARGET" = pbx ] && [ "$rate" = "$JFR_AT_RATE" ] && jfr_end "$SERVER_PID" "jfr-calls-$rate" "$RESULTS"
  if [ "$STEP_OK" = 1 ] && [ "$STRICT_BROKEN" = 0 ]; then BEST=$rate; else STRICT_BROKEN=1; fi
  if [ "$STEP_NOFAIL" = 1 ] && [ "$NOFAIL_BROKEN" = 0 ]; then BEST_NOFAIL=$rate; else NOFAIL_BROKEN=1; fi
  if [ "$STEP_NOFAIL" != 1 ] && [ "$STOP_AT_FIRST_FAILURE" = 1 ] && [ "$rate" -ge "$ALWAYS_UP_TO" ]; then
    log "rate $rate calls/s had failed or late calls: stopping the ramp"
    break
  fi
  sleep "$PAUSE"
done

RSS_KB=$(awk '/^VmRSS/{print $2}' /proc/"$SERVER_PID"/status 2>/dev/null || echo NA)
echo "RESULT target=$TARGET best_sustained_calls_per_s=$BEST best_without_failures_calls_per_s=$BEST_NOFAIL server_rss_kb=$RSS_KB" | tee -a "$RESULTS/summary.txt"
log "summary in $RESULTS/summary.txt"
