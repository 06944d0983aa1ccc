#!/usr/bin/env bash
# Memory of the server with many active bindings: for each level (default 10k, then 100k), provisions the
# extensions over HTTP (CSV import in chunks), registers each once with sipp (digest, Expires 7200), then
# forces a full GC (jcmd GC.run) and records the heap (jcmd GC.heap_info), RSS (/proc/<pid>/status) and the
# database size on disk.
#
#   bench/memory.sh [SERVER_JAR]        # default: ../container-config/target/pbx-server.jar
#
# Environment: LEVELS ("10000 100000"), REG_RATE (REGISTERs/s while filling, 300), JAVA_OPTS (e.g.
#   -Xmx512m to check the target the hard way), SERVER_CPUS (0), LOAD_CPUS (1), WORK, RESULTS.
set -euo pipefail
cd "$(dirname "$0")"
source ./lib.sh
source ./sipp_step.sh

JAR=$(realpath -m "${1:-../container-config/target/pbx-server.jar}")
LEVELS=${LEVELS:-"10000 100000"}
REG_RATE=${REG_RATE:-300}
FIRST_USER=${FIRST_USER:-1000000}
WORK=${WORK:-$(mktemp -d /tmp/pbx-bench-memory.XXXXXX)}
RESULTS=${RESULTS:-$BENCH_DIR/results/memory-pbx}
need sipp "apt-get install -y sip-tester"
need jcmd "a JDK 17 (jcmd)"
mkdir -p "$WORK" "$RESULTS"
rm -f "$RESULTS"/*

start_pbx "$JAR" "$WORK/pbx-data"
CLIENT_PORT=$(free_port)

measure() { # measure LABEL BINDINGS
  local label=$1 bindings=$2
  jcmd "$PBX_PID" GC.run >/dev/null
  sleep 2
  jcmd "$PBX_PID" GC.heap_info >"$RESULTS/$label.heap_info.txt"
  local used committed rss hwm db
  # sum the "total NK, used MK" lines of the heap (G1: one "garbage-first heap" line; Serial/Parallel: young
  # and old generation lines), not Metaspace
  used=$(grep -v -i -E 'metaspace|class space' "$RESULTS/$label.heap_info.txt" \
    | sed -n 's/.* total \([0-9]*\)K, used \([0-9]*\)K.*/\2/p' | awk '{s+=$1} END{print s+0}')
  committed=$(grep -v -i -E 'metaspace|class space' "$RESULTS/$label.heap_info.txt" \
    | sed -n 's/.* total \([0-9]*\)K, used \([0-9]*\)K.*/\1/p' | awk '{s+=$1} END{print s+0}')
  local gc; gc=$(awk 'NR==2{print $1" "$2" "$3}' "$RESULTS/$label.heap_info.txt")
  rss=$(awk '/^VmRSS/{print $2}' /proc/"$PBX_PID"/status)
  hwm=$(awk '/^VmHWM/{print $2}' /proc/"$PBX_PID"/status)
  db=$(du -sk "$WORK/pbx-data/db" | awk '{print $1}')
  # what the heap holds: top classes, and the container's per-request SIP sessions
  jcmd "$PBX_PID" GC.class_histogram >"$WORK/$label.histo.txt"
  head -43 "$WORK/$label.histo.txt" >"$RESULTS/$label.class_histogram_top40.txt"
  grep -E '(SipApplicationSessionImpl|SipSessionImpl|SIPServerTransactionImpl|SIPClientTransactionImpl)( |$)|^Total' \
    "$WORK/$label.histo.txt" >>"$RESULTS/$label.class_histogram_top40.txt" || true
  case "$JAVA_OPTS" in *NativeMemoryTracking*) jcmd "$PBX_PID" VM.native_memory summary >"$RESULTS/$label.nmt.txt" 2>&1 || true ;; esac
  printf '%s gc="%s" bindings=%s heap_used_after_full_gc_MiB=%.1f heap_committed_MiB=%.1f rss_MiB=%.1f rss_peak_MiB=%.1f derby_on_disk_MiB=%.1f\n' \
    "$label" "$gc" "$bindings" "$(echo "$used/1024" | bc -l)" "$(echo "$committed/1024" | bc -l)" \
    "$(echo "$rss/1024" | bc -l)" "$(echo "$hwm/1024" | bc -l)" "$(echo "$db/1024" | bc -l)" | tee -a "$RESULTS/summary.txt"
}

echo "# memory $(date -Is) java_opts='$JAVA_OPTS' reg_rate=$REG_RATE server_cpus=${SERVER_CPUS:-all} ready_ms=$PBX_READY_MS" >"$RESULTS/summary.txt"
measure idle 0

done_users=0
total_ok=0
for level in $LEVELS; do
  add=$(( level - done_users ))
  [ "$add" -gt 0 ] || continue
  first=$(( FIRST_USER + done_users ))
  provision_pbx "$first" "$add" 5000
  users_csv "$WORK/users-$level.csv" "$first" "$add" "$BIND:$CLIENT_PORT"
  sipp_step "fill-$level" "$REG_RATE" "$add" $(( add / REG_RATE * 3 + 120 )) "$RESULTS" -- \
    -sf register.xml -inf "$WORK/users-$level.csv" -i "$BIND" -p "$CLIENT_PORT" -t u1 \
    -set domain "$DOMAIN" -set expires 7200 -recv_timeout 20000 "$BIND:$SIP_PORT"
  ok=$(stat_field "$WORK/fill-$level/stat.csv" "SuccessfulCall(C)")
  total_ok=$(( total_ok + ok ))
  done_users=$level
  measure "bindings-$level" "$total_ok"
done
log "summary in $RESULTS/summary.txt"
