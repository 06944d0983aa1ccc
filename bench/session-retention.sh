#!/usr/bin/env bash
# Are per-request SIP sessions kept after their transactions end? Registers COUNT extensions once, then counts
# live SipApplicationSessionImpl / SipSessionImpl / SIPServerTransactionImpl (jcmd GC.class_histogram, which
# runs a full GC first) right away, 40 s and 80 s later (past the 32 s lifetime of non-INVITE transactions).
#
#   bench/session-retention.sh [SERVER_JAR]
set -euo pipefail
cd "$(dirname "$0")"
source ./lib.sh
source ./sipp_step.sh

JAR=$(realpath -m "${1:-../container-config/target/pbx-server.jar}")
COUNT=${COUNT:-1000}
WORK=${WORK:-$(mktemp -d /tmp/pbx-bench-retention.XXXXXX)}
RESULTS=${RESULTS:-$BENCH_DIR/results/memory-pbx}
mkdir -p "$WORK" "$RESULTS"
start_pbx "$JAR" "$WORK/pbx-data"
provision_pbx 500000 "$COUNT"
CLIENT_PORT=$(free_port)
users_csv "$WORK/users.csv" 500000 "$COUNT" "$BIND:$CLIENT_PORT"
sipp_step retention-fill 100 "$COUNT" $(( COUNT / 100 + 60 )) "$WORK/out" -- \
  -sf register.xml -inf "$WORK/users.csv" -i "$BIND" -p "$CLIENT_PORT" -t u1 \
  -set domain "$DOMAIN" -set expires 7200 "$BIND:$SIP_PORT"
out="$RESULTS/session-retention.txt"
echo "# $(date -Is) $COUNT registrations ($STEP_LINE)" >"$out"
for t in 0 40 80; do
  [ "$t" = 0 ] || sleep 40
  jcmd "$PBX_PID" GC.class_histogram \
    | grep -E '(SipApplicationSessionImpl|SipSessionImpl|SIPServerTransactionImpl)( |$)|^Total' \
    | sed "s/^/t+${t}s /" | tee -a "$out"
done
