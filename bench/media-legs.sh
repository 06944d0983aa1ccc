#!/usr/bin/env bash
# Simultaneous playing + recording media legs (docs/performance.md, "Media legs"): for each LEGS count, the
# server's media engine plays a prompt on every leg and records every leg's phone, all on real UDP sockets on
# loopback, for DURATION seconds; the phones measure RFC 3550 jitter and interarrival deviation.
# The goal: the largest count whose worst leg has jitter <= 5 ms with no packet lost.
#
#   bench/media-legs.sh
#
# Environment: LEGS ("50 100 200 300 400 600 800"), DURATION (30), CLOCK_THREADS (1, as the server), RESULTS.
set -euo pipefail
cd "$(dirname "$0")"
LEGS=${LEGS:-"50 100 200 300 400 600 800"}
DURATION=${DURATION:-30}
CLOCK_THREADS=${CLOCK_THREADS:-1}
RESULTS=${RESULTS:-results/media-legs-$(date -u +%F).txt}
JAR=jmh/target/benchmarks.jar
if [ ! -f "$JAR" ] || [ -n "$(find ../sip-app/src/main jmh/src -newer "$JAR" -name '*.java' -print -quit)" ]; then
  (cd .. && mvn -B -q install -DskipTests -pl sip-app -am && mvn -B -q -f bench/jmh/pom.xml package -DskipTests)
fi
mkdir -p "$(dirname "$RESULTS")"
{
  echo "# media legs, $(date -u +%FT%TZ), $(nproc) cores, $(java -version 2>&1 | head -1)"
  for n in $LEGS; do
    java -Xms512m -Xmx2g -cp "$JAR" org.convergepbx.bench.MediaLegsBench "$n" "$DURATION" "$CLOCK_THREADS"
  done
} | tee "$RESULTS"
awk '/^legs/ { n=$2; for (i=1;i<=NF;i++) { if ($i=="leg") w=$(i+1); if ($i=="lost") l=$(i-1); if ($i=="p99") p=$(i+1) }
       if (w+0 <= 5 && l+0 == 0) ok=n; if (p+0 <= 5 && l+0 == 0) strict=n }
     END { print "largest count with worst-leg RFC 3550 jitter <= 5 ms and nothing lost: " (ok ? ok : "none")
           print "largest count with p99 |interarrival-20ms| <= 5 ms and nothing lost: " (strict ? strict : "none") }' \
  "$RESULTS" | tee -a "$RESULTS"
