#!/usr/bin/env python3
"""Summarises a JFR recording of the server for docs/performance.md.

usage: jfr_summary.py RECORDING.jfr [TOP]

Reads `jfr print --json` (JDK 17) for jdk.ExecutionSample (Java code on CPU), jdk.NativeMethodSample
(threads inside native code: socket I/O, fsync, ...) and jdk.JavaMonitorEnter (lock contention), and prints:
  - the share of CPU samples by component (whole stack scanned, first match in the order below)
  - the top self frames (the method on top of the stack)
  - the top inclusive frames of the application and its libraries (counted once per sample)
  - the threads that took the samples
  - the top native frames and the monitors waited for
"""
import collections
import json
import subprocess
import sys

rec = sys.argv[1]
top = int(sys.argv[2]) if len(sys.argv) > 2 else 25

COMPONENTS = [
    ("Derby (embedded DB engine)", ("org.apache.derby.",)),
    ("EclipseLink (JPA)", ("org.eclipse.persistence.",)),
    ("Flyway", ("org.flywaydb.",)),
    ("logging (reload4j/slf4j)", ("org.apache.log4j.", "org.slf4j.")),
    ("digest/HMAC/crypto", ("sun.security.provider.", "com.sun.crypto.provider.", "javax.crypto.",
                            "java.security.MessageDigest")),
    ("Converge PBX application", ("org.convergepbx.",)),
    ("Restcomm SIP Servlets container", ("org.mobicents.", "org.restcomm.")),
    ("JAIN-SIP stack", ("gov.nist.", "android.gov.nist.", "javax.sip.")),
    ("Tomcat / HTTP", ("org.apache.catalina.", "org.apache.coyote.", "org.apache.tomcat.")),
]


def events(kind):
    out = subprocess.run(["jfr", "print", "--json", "--events", kind, rec], check=True,
                         capture_output=True, text=True).stdout
    return json.loads(out)["recording"]["events"]


def frames(ev):
    st = ev["values"].get("stackTrace") or {}
    res = []
    for f in st.get("frames") or []:
        m = f["method"]
        res.append(m["type"]["name"].replace("/", ".") + "." + m["name"])
    return res


def thread_name(ev):
    t = ev["values"].get("sampledThread") or ev["values"].get("eventThread") or {}
    name = t.get("javaName") or t.get("osName") or "?"
    # collapse pool numbering: "pool-3-thread-17" -> "pool-N-thread-N"
    return "".join("N" if c.isdigit() else c for c in name)


def pct(n, total):
    return f"{100.0 * n / total:5.1f}%" if total else "  n/a"


samples = events("jdk.ExecutionSample")
total = len(samples)
print(f"recording: {rec}")
print(f"jdk.ExecutionSample: {total} samples (Java code on CPU)")
print()

by_comp = collections.Counter()
db_sites = collections.Counter()
self_frames = collections.Counter()
incl = collections.Counter()
threads = collections.Counter()
for ev in samples:
    fr = frames(ev)
    threads[thread_name(ev)] += 1
    if fr:
        self_frames[fr[0]] += 1
    comp = "other (JDK, GC-visible Java code, ...)"
    for label, prefixes in COMPONENTS:
        if any(f.startswith(prefixes) for f in fr):
            comp = label
            break
    by_comp[comp] += 1
    if any(f.startswith(("org.apache.derby.", "org.eclipse.persistence.")) for f in fr):
        site = next((f for f in fr if f.startswith("org.convergepbx.") and "$$Lambda" not in f
                     and "lambda$" not in f and not f.startswith("org.convergepbx.persistence.")), None)
        db_sites[site or "(no application frame within the 64 recorded frames)"] += 1
    for f in set(fr):
        if f.startswith(("org.convergepbx.", "org.apache.derby.impl.sql.", "org.eclipse.persistence.internal.sessions",
                         "org.apache.log4j.", "org.mobicents.", "gov.nist.", "java.security.MessageDigest",
                         "javax.crypto.Mac", "org.apache.derby.impl.store.raw.log", "org.eclipse.persistence.queries")):
            incl[f] += 1

print("CPU samples by component (a sample counts for the first component found anywhere on its stack,")
print("in this order: Derby, EclipseLink, Flyway, logging, crypto, application, container, JAIN-SIP, Tomcat):")
for k, v in by_comp.most_common():
    print(f"  {pct(v, total)}  {v:6d}  {k}")
print()
print("CPU samples inside Derby/EclipseLink, by the application method that called the database:")
for k, v in db_sites.most_common(12):
    print(f"  {pct(v, total)}  {v:6d}  {k}")
print()
print(f"top {top} self frames (method on top of the stack):")
for k, v in self_frames.most_common(top):
    print(f"  {pct(v, total)}  {v:6d}  {k}")
print()
print(f"top {top} inclusive frames (application, persistence, logging, SIP; once per sample):")
for k, v in incl.most_common(top):
    print(f"  {pct(v, total)}  {v:6d}  {k}")
print()
print("threads taking the CPU samples:")
for k, v in threads.most_common(12):
    print(f"  {pct(v, total)}  {v:6d}  {k}")
print()

native = events("jdk.NativeMethodSample")
nt = collections.Counter()
for ev in native:
    fr = frames(ev)
    # the first non-JDK-internal frame tells who is waiting in native code
    key = fr[0] if fr else "?"
    caller = next((f for f in fr if not f.startswith(("sun.", "java.", "jdk."))), "?")
    nt[key + "  <-  " + caller] += 1
print(f"jdk.NativeMethodSample: {len(native)} samples (threads in native code: I/O waits, fsync, ...); top 12:")
for k, v in nt.most_common(12):
    print(f"  {pct(v, len(native))}  {v:6d}  {k}")
print()

mon = events("jdk.JavaMonitorEnter")
mc = collections.Counter()
mdur = collections.Counter()
for ev in mon:
    cls = (ev["values"].get("monitorClass") or {}).get("name", "?")
    fr = frames(ev)
    where = next((f for f in fr if not f.startswith(("java.", "jdk.", "sun."))), fr[0] if fr else "?")
    key = cls + " in " + where
    mc[key] += 1
    d = ev["values"].get("duration", "PT0S")
    try:
        secs = float(d.strip("PTS")) if d.endswith("S") and "M" not in d else 0.0
    except ValueError:
        secs = 0.0
    mdur[key] += secs
print(f"jdk.JavaMonitorEnter (blocked >= threshold): {len(mon)} events; top 10 by count:")
for k, v in mc.most_common(10):
    print(f"  {v:6d}  {mdur[k]:8.2f}s  {k}")
