#!/usr/bin/env bash
# Start-to-ready time of the server: wall clock from launching `java -jar` to the "Converge PBX ready:" line,
# and the launcher's own "started in N ms". RUNS times each: a first start on an empty data directory (creates
# the Derby database, Flyway migrates) and a restart on that existing data, with the JVM on SERVER_CPUS
# (default: both CPUs, i.e. unpinned; SERVER_CPUS=0 for one core as in the load tests).
#
#   bench/startup.sh [SERVER_JAR]
set -euo pipefail
cd "$(dirname "$0")"
SERVER_CPUS=${SERVER_CPUS-}
source ./lib.sh

JAR=$(realpath -m "${1:-../container-config/target/pbx-server.jar}")
RUNS=${RUNS:-3}
WORK=${WORK:-$(mktemp -d /tmp/pbx-bench-startup.XXXXXX)}
RESULTS=${RESULTS:-$BENCH_DIR/results/startup-pbx}
mkdir -p "$WORK" "$RESULTS"
out="$RESULTS/summary-cpus-${SERVER_CPUS:-all}.txt"
echo "# startup $(date -Is) cpus=${SERVER_CPUS:-all} java_opts='$JAVA_OPTS'" >"$out"
for i in $(seq 1 "$RUNS"); do
  rm -rf "$WORK/data-$i"
  for kind in first-start restart; do
    start_pbx "$JAR" "$WORK/data-$i"
    own=$(sed -n 's/.*started in \([0-9]*\) ms.*/\1/p' "$WORK/data-$i/console.log" | tail -1)
    echo "run=$i kind=$kind wall_ms=$PBX_READY_MS launcher_ms=$own" | tee -a "$out"
    stop_pid "$PBX_PID"
    mv "$WORK/data-$i/console.log" "$WORK/data-$i/console-$kind.log"
  done
done
awk '/kind=/{split($3,a,"="); split($2,k,"="); s[k[2]]+=a[2]; n[k[2]]++} END{for (x in s) printf "mean %s wall_ms=%.0f\n", x, s[x]/n[x]}' "$out" | tee -a "$out"
