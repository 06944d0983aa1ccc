# sipp step runner and statistics, sourced by the bench scripts after lib.sh.
# shellcheck shell=bash

# rtt_percentiles RTTFILE: prints "timer n p50 p95 p99 max" (ms) per rtd timer from a sipp -trace_rtt file
# (sipp 3.6.1 lines: "date_ms;response_time_ms;rtd_name", header first; response times in whole ms).
rtt_percentiles() {
  python3 - "$1" <<'EOF'
import sys, collections
vals = collections.defaultdict(list)
with open(sys.argv[1]) as f:
    for line in f:
        p = line.strip().split(';')
        if len(p) < 3:
            continue
        try:
            t = float(p[1])
        except ValueError:
            continue
        vals[p[2]].append(t)
def pct(v, q):
    i = max(0, min(len(v) - 1, int(round(q / 100.0 * len(v) + 0.5)) - 1))
    return v[i]
for name in sorted(vals):
    v = sorted(vals[name])
    print(f"{name} {len(v)} {pct(v,50):g} {pct(v,95):g} {pct(v,99):g} {v[-1]:g}")
EOF
}

# sipp_step NAME RATE CALLS TIMEOUT_S OUTDIR -- sipp-args...
# Runs one bounded, pinned sipp client step in $WORK/NAME, with stats/screen/errors/rtt traced.
# Sets STEP_OK (1 when 0 failed, 0 retransmissions, every call done and the rate kept), STEP_NOFAIL (the same
# but retransmissions allowed), STEP_LINE (summary).
sipp_step() {
  local name=$1 rate=$2 calls=$3 timeout=$4 outdir=$5; shift 6
  local dir="$WORK/$name"
  mkdir -p "$dir" "$outdir"
  cp "$BENCH_DIR"/sipp/*.xml "$dir/"
  log "sipp step $name: rate $rate/s, $calls calls, timeout ${timeout}s (cpus ${LOAD_CPUS:-all})"
  local rc=0
  ( cd "$dir" && pin "$LOAD_CPUS" sipp "$@" -r "$rate" -rp 1000 -m "$calls" \
      -timeout "${timeout}s" -timeout_error -nostdin \
      -trace_stat -stf "$dir/stat.csv" -fd 1 -trace_screen -screen_file "$dir/screen.log" \
      -trace_err -error_file "$dir/errors.log" -max_log_size 2000000 \
      -trace_rtt -rtt_freq 1 >"$dir/stdout.log" 2>&1 ) || rc=$?
  local ok fail retr elapsed
  # sipp 3.6.1 may ignore -stf: fall back to <scenario>_<pid>_.csv
  if [ ! -s "$dir/stat.csv" ]; then
    local f; f=$(ls "$dir"/*_.csv 2>/dev/null | head -1 || true)
    [ -n "$f" ] && mv "$f" "$dir/stat.csv"
  fi
  [ -s "$dir/stat.csv" ] || { tail -5 "$dir/stdout.log" "$dir/errors.log" >&2 || true; die "sipp wrote no statistics"; }
  ok=$(stat_field "$dir/stat.csv" "SuccessfulCall(C)")
  fail=$(stat_field "$dir/stat.csv" "FailedCall(C)")
  retr=$(stat_field "$dir/stat.csv" "Retransmissions(C)")
  elapsed=$(stat_field "$dir/stat.csv" "ElapsedTime(C)")
  local secs; secs=$(echo "$elapsed" | awk -F: '{print ($1*3600)+($2*60)+$3}')
  local achieved; achieved=$(awk -v n="$ok" -v s="$secs" 'BEGIN{ if (s>0) printf "%.1f", n/s; else print "NA"}')
  local rttf; rttf=$(ls "$dir"/*_rtt.csv 2>/dev/null | head -1 || true)
  local lat=""
  if [ -n "$rttf" ]; then
    rtt_percentiles "$rttf" >"$dir/latency.txt"
    cp "$dir/latency.txt" "$outdir/$name.latency.txt"
    lat=$(awk '{printf "%s[n=%s p50=%s p95=%s p99=%s max=%s] ", $1,$2,$3,$4,$5,$6}' "$dir/latency.txt")
  fi
  # the planned duration is calls/rate; allow 10% + 3 s of slack (the last calls' own duration)
  local budget; budget=$(awk -v c="$calls" -v r="$rate" 'BEGIN{printf "%.1f", c/r*1.1+3+'"${STEP_SLACK_S:-0}"'}')
  # STEP_NOFAIL: every call succeeded at the planned pace (retransmissions allowed);
  # STEP_OK ("sustained"): that, and 0 retransmissions
  STEP_OK=0 STEP_NOFAIL=0
  if [ "$rc" = 0 ] && [ "$fail" = 0 ] && [ "$ok" = "$calls" ] \
     && awk -v s="$secs" -v b="$budget" 'BEGIN{exit !(s<=b)}'; then
    STEP_NOFAIL=1
    [ "$retr" = 0 ] && STEP_OK=1
  fi
  STEP_LINE="$name rate=$rate calls=$calls ok=$ok failed=$fail retrans=$retr elapsed_s=$secs achieved_per_s=$achieved sipp_rc=$rc sustained=$([ $STEP_OK = 1 ] && echo yes || echo no) no_failures=$([ $STEP_NOFAIL = 1 ] && echo yes || echo no) $lat"
  log "$STEP_LINE"
  cp "$dir/stat.csv" "$outdir/$name.stat.csv"
  cp "$dir/screen.log" "$outdir/$name.screen.txt" 2>/dev/null || true
  [ -s "$dir/errors.log" ] && head -c 20000 "$dir/errors.log" >"$outdir/$name.errors-head.txt" || true
  return 0
}
