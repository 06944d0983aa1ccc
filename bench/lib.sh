# Shared functions of the bench scripts (sourced, not run). Bash, loopback only.
# shellcheck shell=bash

BENCH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
BIND=127.0.0.1
DOMAIN=${DOMAIN:-pbx.test}
ADMIN_PASSWORD=${ADMIN_PASSWORD:-bench-admin-pw}
# CPU pinning (2-core box): the server under test (PBX JVM or Kamailio) on SERVER_CPUS, every sipp on
# LOAD_CPUS, so the load generator does not steal the server's core. Empty = no pinning.
if [ "$(nproc)" -ge 2 ]; then
  SERVER_CPUS=${SERVER_CPUS-0}
  LOAD_CPUS=${LOAD_CPUS-1}
else
  SERVER_CPUS=${SERVER_CPUS-}
  LOAD_CPUS=${LOAD_CPUS-}
fi
JAVA_OPTS=${JAVA_OPTS:-}
KAMAILIO=${KAMAILIO:-kamailio}
KAM_CHILDREN=${KAM_CHILDREN:-4}
KAM_USRLOC_DB_MODE=${KAM_USRLOC_DB_MODE:-2}

declare -a BENCH_PIDS=()

log() { printf '%s [bench] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

pin() { # pin CPUS cmd...: run cmd pinned to CPUS when taskset and CPUS are set (exec: same pid)
  local cpus=$1; shift
  if [ -n "$cpus" ] && command -v taskset >/dev/null; then exec taskset -c "$cpus" "$@"; else exec "$@"; fi
}

cleanup() {
  local rc=$?
  local p
  for p in "${BENCH_PIDS[@]:-}"; do
    [ -n "$p" ] || continue
    if kill -0 "$p" 2>/dev/null; then
      log "stopping pid $p"
      kill -TERM "$p" 2>/dev/null || true
    fi
  done
  for p in "${BENCH_PIDS[@]:-}"; do
    [ -n "$p" ] || continue
    local i
    for i in $(seq 1 40); do kill -0 "$p" 2>/dev/null || break; sleep 0.25; done
    kill -KILL "$p" 2>/dev/null || true
  done
  exit $rc
}
trap cleanup EXIT
trap 'exit 130' INT TERM

need() { command -v "$1" >/dev/null || die "$1 is not installed ($2)"; }

free_port() { # a port free for both UDP and TCP on 127.0.0.1, never 5060
  python3 - <<'EOF'
import random, socket
while True:
    p = random.randint(20000, 60000)
    if p == 5060:
        continue
    try:
        u = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); u.bind(("127.0.0.1", p))
        t = socket.socket(socket.AF_INET, socket.SOCK_STREAM); t.bind(("127.0.0.1", p))
        u.close(); t.close(); print(p); break
    except OSError:
        pass
EOF
}

ms_now() { date +%s%3N; }

# ---------------------------------------------------------------- Converge PBX
# start_pbx JAR DATADIR: starts the server, sets PBX_PID SIP_PORT HTTP_PORT PBX_READY_MS (launch -> ready line)
start_pbx() {
  local jar=$1 data=$2
  [ -f "$jar" ] || die "server jar $jar not found (build it: mvn -B package -DskipTests)"
  SIP_PORT=$(free_port); HTTP_PORT=$(free_port)
  mkdir -p "$data"
  log "starting Converge PBX: $jar (SIP udp $BIND:$SIP_PORT, HTTP $HTTP_PORT, data $data, cpus ${SERVER_CPUS:-all}, JAVA_OPTS='$JAVA_OPTS')"
  local t0; t0=$(ms_now)
  # The load generators' callers each call several times a minute: the toll-fraud limit of calls per minute per
  # extension (PBX_EXTENSION_CALLS_PER_MINUTE, default 20) is off for the benchmarks unless the caller sets it.
  # shellcheck disable=SC2086
  PBX_BIND=$BIND PBX_SIP_PORT=$SIP_PORT PBX_HTTP_PORT=$HTTP_PORT PBX_DATA_DIR=$data PBX_DOMAIN=$DOMAIN \
    PBX_EXTENSION_CALLS_PER_MINUTE=${PBX_EXTENSION_CALLS_PER_MINUTE:-0} PBX_ADMIN_PASSWORD=$ADMIN_PASSWORD pin "$SERVER_CPUS" java $JAVA_OPTS -jar "$jar" >"$data/console.log" 2>&1 &
  # (pin execs taskset, which execs java: $! is the JVM's pid)
  PBX_PID=$!
  BENCH_PIDS+=("$PBX_PID")
  local i
  for i in $(seq 1 1200); do
    if grep -q '^Converge PBX ready:' "$data/console.log" 2>/dev/null; then
      PBX_READY_MS=$(( $(ms_now) - t0 ))
      log "$(grep '^Converge PBX ready:' "$data/console.log")"
      log "launch to ready line: ${PBX_READY_MS} ms (wall clock, seen by this script)"
      return 0
    fi
    kill -0 "$PBX_PID" 2>/dev/null || { tail -20 "$data/console.log" >&2; die "server exited during start"; }
    sleep 0.1
  done
  die "server not ready after 120 s"
}

stop_pid() { # stop_pid PID: SIGTERM and wait
  local p=$1 i
  kill -TERM "$p" 2>/dev/null || return 0
  for i in $(seq 1 100); do kill -0 "$p" 2>/dev/null || return 0; sleep 0.2; done
  kill -KILL "$p" 2>/dev/null || true
}

# provision_pbx FIRST COUNT [CHUNK]: extensions FIRST..FIRST+COUNT-1, secret "secret-<n>", over HTTP CSV import
provision_pbx() {
  local first=$1 count=$2 chunk=${3:-5000} n=$1 last=$(( $1 + $2 - 1 )) end code
  log "provisioning $count extensions $first..$last over HTTP (CSV import, chunks of $chunk)"
  while [ "$n" -le "$last" ]; do
    end=$(( n + chunk - 1 )); [ "$end" -le "$last" ] || end=$last
    { echo "number,name,secret"; seq "$n" "$end" | awk '{print $1",Bench "$1",secret-"$1}'; } >"$WORK/import.csv"
    code=$(curl -s -o "$WORK/import.out" -w '%{http_code}' -u "admin:$ADMIN_PASSWORD" \
      -H 'Content-Type: text/csv' --data-binary @"$WORK/import.csv" \
      "http://$BIND:$HTTP_PORT/api/v1/extensions/import")
    [ "$code" = 201 ] || [ "$code" = 200 ] || { head -c 500 "$WORK/import.out" >&2; die "import $n..$end: HTTP $code"; }
    n=$(( end + 1 ))
  done
}

# ---------------------------------------------------------------- Kamailio
# start_kamailio DIR FIRST COUNT [FIRST2 COUNT2 ...]: subscriber table (HA1 only) in SQLite, starts Kamailio on a free port.
# Sets KAM_PID SIP_PORT KAM_READY_MS.
start_kamailio() {
  local dir=$1; shift
  local ranges=("$@")
  need "$KAMAILIO" "apt-get install -y kamailio kamailio-sqlite-modules"
  need sqlite3 "apt-get install -y sqlite3"
  local mods=${KAM_MODULES:-/usr/lib/x86_64-linux-gnu/kamailio/modules}
  [ -f "$mods/db_sqlite.so" ] || die "db_sqlite module missing: apt-get install -y kamailio-sqlite-modules"
  mkdir -p "$dir"
  SIP_PORT=$(free_port)
  local db="$dir/auth.sqlite" locdb="$dir/location.sqlite" sql=/usr/share/kamailio/db_sqlite
  rm -f "$db" "$locdb"
  log "Kamailio: building SQLite subscriber table (HA1 only), ranges first/count: ${ranges[*]}"
  cat "$sql/standard-create.sql" "$sql/auth_db-create.sql" | sqlite3 "$db"
  cat "$sql/standard-create.sql" "$sql/usrloc-create.sql" | sqlite3 "$locdb"
  # HA1 = md5(user:realm:secret), computed in bulk with python (as the PBX stores only HA1 too)
  python3 - "$db" "$DOMAIN" "${ranges[@]}" <<'EOF'
import hashlib, sqlite3, sys
db, realm, r = sys.argv[1], sys.argv[2], [int(x) for x in sys.argv[3:]]
c = sqlite3.connect(db)
rows = []
numbers = [n for i in range(0, len(r), 2) for n in range(r[i], r[i] + r[i + 1])]
for n in numbers:
    u = str(n)
    ha1 = hashlib.md5(f"{u}:{realm}:secret-{u}".encode()).hexdigest()
    ha1b = hashlib.md5(f"{u}@{realm}:{realm}:secret-{u}".encode()).hexdigest()
    rows.append((u, realm, "", ha1, ha1b))
c.executemany("INSERT INTO subscriber (username, domain, password, ha1, ha1b) VALUES (?,?,?,?,?)", rows)
c.commit()
EOF
  sed -e "s|@AUTH_DB@|$db|g" -e "s|@LOC_DB@|$locdb|g" -e "s|@LISTEN@|udp:$BIND:$SIP_PORT|g" -e "s|@REALM@|$DOMAIN|g" \
      -e "s|@CHILDREN@|$KAM_CHILDREN|g" -e "s|@USRLOC_DB_MODE@|$KAM_USRLOC_DB_MODE|g" \
      -e "s|@MPATH@|$mods|g" \
      "$BENCH_DIR/kamailio/kamailio.cfg" >"$dir/kamailio.cfg"
  "$KAMAILIO" -c -f "$dir/kamailio.cfg" >"$dir/check.log" 2>&1 || { cat "$dir/check.log" >&2; die "kamailio config check failed"; }
  log "starting Kamailio $($KAMAILIO -v | head -1 | awk '{print $3}') on udp $BIND:$SIP_PORT ($KAM_CHILDREN UDP children, usrloc db_mode $KAM_USRLOC_DB_MODE, cpus ${SERVER_CPUS:-all})"
  local t0; t0=$(ms_now)
  # -DD: stay in the foreground (so the trap can stop it), -E: log (incl. acc lines) to stderr -> file
  pin "$SERVER_CPUS" "$KAMAILIO" -DD -E -f "$dir/kamailio.cfg" -P "$dir/kamailio.pid" -Y "$dir" \
    -m "${KAM_SHM_MB:-256}" -M "${KAM_PKG_MB:-16}" >"$dir/kamailio.log" 2>&1 &
  KAM_PID=$!
  BENCH_PIDS+=("$KAM_PID")
  local i
  for i in $(seq 1 200); do
    if python3 - "$SIP_PORT" <<'EOF' 2>/dev/null
import socket, sys
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); s.settimeout(0.2)
p = int(sys.argv[1])
s.sendto(b"OPTIONS sip:ping@127.0.0.1 SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.1:9;rport;branch=z9hG4bKping\r\n"
         b"From: <sip:ping@127.0.0.1>;tag=1\r\nTo: <sip:ping@127.0.0.1>\r\nCall-ID: ping\r\nCSeq: 1 OPTIONS\r\n"
         b"Max-Forwards: 70\r\nContent-Length: 0\r\n\r\n", ("127.0.0.1", p))
s.recvfrom(4096)
EOF
    then
      KAM_READY_MS=$(( $(ms_now) - t0 ))
      log "Kamailio answers OPTIONS after ${KAM_READY_MS} ms"
      return 0
    fi
    kill -0 "$KAM_PID" 2>/dev/null || { tail -20 "$dir/kamailio.log" >&2; die "kamailio exited during start"; }
    sleep 0.1
  done
  die "kamailio not ready"
}

# ---------------------------------------------------------------- sipp
# users_csv FILE FIRST COUNT CONTACT_HOSTPORT: sipp injection file (SEQUENTIAL)
users_csv() {
  local file=$1 first=$2 count=$3 contact=$4
  { echo SEQUENTIAL
    seq "$first" $((first + count - 1)) | awk -v c="$contact" '{print $1";[authentication username="$1" password=secret-"$1"];"c}'
  } >"$file"
}

# stat_field CSVFILE COLUMN: value of COLUMN (e.g. "SuccessfulCall(C)") in the last line of a sipp -trace_stat file
stat_field() {
  awk -F';' -v col="$2" 'NR==1{for(i=1;i<=NF;i++) if($i==col) c=i; next} {v=$c} END{print (v==""?"NA":v)}' "$1"
}

# ---------------------------------------------------------------- JFR profile of the server (JFR_AT_RATE)
jfr_begin() { # jfr_begin PID NAME: starts a JFR recording (profile settings) on the JVM
  log "JFR: recording $2 on pid $1"
  jcmd "$1" JFR.start name="$2" settings=profile >/dev/null
}
jfr_end() { # jfr_end PID NAME OUTDIR: stops it, writes $WORK/NAME.jfr and OUTDIR/NAME.jfr-summary.txt
  jcmd "$1" JFR.stop name="$2" filename="$WORK/$2.jfr" >/dev/null
  jfr summary "$WORK/$2.jfr" >"$3/$2.jfr-events.txt"
  python3 "$BENCH_DIR/jfr_summary.py" "$WORK/$2.jfr" 30 >"$3/$2.jfr-summary.txt"
  log "JFR: $WORK/$2.jfr, summary $3/$2.jfr-summary.txt"
}
