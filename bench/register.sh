#!/usr/bin/env bash
# REGISTER + digest throughput: provisions N extensions, then sipp REGISTERs (401 challenge, authenticated
# REGISTER, 200) at stepped rates, each step for DURATION seconds. A step is "sustained" when every
# registration succeeded, with 0 failed transactions and 0 retransmissions, at the planned pace; the result
# is the highest rate sustained with every lower step sustained too. Also reported: the highest rate with 0
# failures (retransmissions allowed).
#
#   bench/register.sh [SERVER_JAR]              # default: ../container-config/target/pbx-server.jar
#   TARGET=kamailio bench/register.sh           # the same against Kamailio (bench/kamailio/kamailio.cfg)
#
# Environment: DURATION (s per step, 60), RATES ("50 100 200 300 400 600 800 1200 1600 2400 3200"), USERS (1000), EXPIRES (3600),
#   JFR_AT_RATE (PBX only: record a JFR profile of the step at that rate, summary in RESULTS),
#   WARMUP ("50:30" = 30 s at 50/s before the ramp, not counted; "" for none), STOP_AT_FIRST_FAILURE (1:
#   the ramp goes on through steps with retransmissions, and stops at the first step with failed or late
#   registrations), SERVER_CPUS (0), LOAD_CPUS (1), JAVA_OPTS, WORK (scratch dir),
#   RESULTS (bench/results/register-<target>).
set -euo pipefail
cd "$(dirname "$0")"
source ./lib.sh
source ./sipp_step.sh

JAR=$(realpath -m "${1:-../container-config/target/pbx-server.jar}")
TARGET=${TARGET:-pbx}
DURATION=${DURATION:-60}
RATES=${RATES:-"50 100 200 300 400 600 800 1200 1600 2400 3200"}
USERS=${USERS:-1000}
EXPIRES=${EXPIRES:-3600}
FIRST_USER=${FIRST_USER:-100000}
STOP_AT_FIRST_FAILURE=${STOP_AT_FIRST_FAILURE:-1}
PAUSE=${PAUSE:-5}
WARMUP=${WARMUP-50:30}
JFR_AT_RATE=${JFR_AT_RATE:-}
WORK=${WORK:-$(mktemp -d /tmp/pbx-bench-register.XXXXXX)}
RESULTS=${RESULTS:-$BENCH_DIR/results/register-$TARGET}
need sipp "apt-get install -y sip-tester"
need curl "apt-get install -y curl"
mkdir -p "$WORK" "$RESULTS"
rm -f "$RESULTS"/*
log "register benchmark: target $TARGET, $USERS users, rates [$RATES]/s, $DURATION s per step, work dir $WORK"

case "$TARGET" in
  pbx)
    start_pbx "$JAR" "$WORK/pbx-data"
    SERVER_PID=$PBX_PID
    provision_pbx "$FIRST_USER" "$USERS"
    READY_MS=$PBX_READY_MS ;;
  kamailio)
    start_kamailio "$WORK/kamailio" "$FIRST_USER" "$USERS"
    SERVER_PID=$KAM_PID
    READY_MS=$KAM_READY_MS ;;
  *) die "TARGET must be pbx or kamailio" ;;
esac

CLIENT_PORT=$(free_port)
users_csv "$WORK/users.csv" "$FIRST_USER" "$USERS" "$BIND:$CLIENT_PORT"

{
  echo "# register benchmark $(date -Is) target=$TARGET users=$USERS duration=${DURATION}s expires=$EXPIRES server_cpus=${SERVER_CPUS:-all} load_cpus=${LOAD_CPUS:-all} ready_ms=$READY_MS"
} >"$RESULTS/summary.txt"

if [ -n "$WARMUP" ]; then
  wr=${WARMUP%%:*}; ws=${WARMUP##*:}
  log "warm-up (not counted): $wr/s for $ws s, so the JIT has compiled the hot paths"
  sipp_step "warmup" "$wr" $(( wr * ws )) $(( ws * 2 + 40 )) "$RESULTS" -- \
    -sf register.xml -inf "$WORK/users.csv" -i "$BIND" -p "$CLIENT_PORT" -t u1 \
    -set domain "$DOMAIN" -set expires "$EXPIRES" -recv_timeout 10000 -max_retrans 5 "$BIND:$SIP_PORT"
  echo "(warm-up, not counted) $STEP_LINE" >>"$RESULTS/summary.txt"
  sleep "$PAUSE"
fi

BEST=0          # highest rate sustained: 0 failed, 0 retransmissions, and so were all lower steps
BEST_NOFAIL=0   # highest rate with 0 failed calls at the planned pace (retransmissions allowed)
STRICT_BROKEN=0
for rate in $RATES; do
  calls=$(( rate * DURATION ))
  [ "$TARGET" = pbx ] && [ "$rate" = "$JFR_AT_RATE" ] && jfr_begin "$SERVER_PID" "jfr-reg-$rate"
  sipp_step "reg-$rate" "$rate" "$calls" $(( DURATION * 2 + 40 )) "$RESULTS" -- \
    -sf register.xml -inf "$WORK/users.csv" -i "$BIND" -p "$CLIENT_PORT" -t u1 \
    -set domain "$DOMAIN" -set expires "$EXPIRES" -recv_timeout 10000 -max_retrans 5 \
    "$BIND:$SIP_PORT"
  echo "$STEP_LINE" >>"$RESULTS/summary.txt"
  [ "$TARGET" = pbx ] && [ "$rate" = "$JFR_AT_RATE" ] && jfr_end "$SERVER_PID" "jfr-reg-$rate" "$RESULTS"
  if [ "$STEP_OK" = 1 ] && [ "$STRICT_BROKEN" = 0 ]; then BEST=$rate; else STRICT_BROKEN=1; fi
  if [ "$STEP_NOFAIL" = 1 ]; then
    BEST_NOFAIL=$rate
  elif [ "$STOP_AT_FIRST_FAILURE" = 1 ]; then
    log "rate $rate/s had failed or late registrations: stopping the ramp"
    break
  fi
  sleep "$PAUSE"
done

RSS_KB=$(awk '/^VmRSS/{print $2}' /proc/"$SERVER_PID"/status 2>/dev/null || echo NA)
echo "RESULT target=$TARGET best_sustained_register_per_s=$BEST best_without_failures_register_per_s=$BEST_NOFAIL server_rss_kb=$RSS_KB" | tee -a "$RESULTS/summary.txt"
log "summary in $RESULTS/summary.txt"
