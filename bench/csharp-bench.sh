#!/usr/bin/env bash
# C# script latency through the real server (a Release build started as a process):
#   - the first script after boot: sent as soon as /health answers, so it includes whatever
#     is left of the spare worker's warm-up;
#   - warm trivial scripts: p50/p90 over N runs, pausing between runs as an agent does while
#     it reads a result (the used worker is replaced during the pause);
#   - back-to-back scripts with no pause, for comparison;
#   - the memory (PSS) of the server's process tree once idle, by role (server, C# compiler,
#     C# runner worker, Python).
# Settings: CSHARP_BENCH_RUNS (20), CSHARP_BENCH_PAUSE seconds (3), CSHARP_BENCH_R2R (1: publish
# ReadyToRun, as the container image is; 0: plain Release build), CSHARP_BENCH_PORT (18080),
# CSHARP_BENCH_SERVER (a published directory to start instead of building one, so two builds
# can be compared in alternating runs).
set -euo pipefail
cd "$(dirname "$0")/.."

runs="${CSHARP_BENCH_RUNS:-20}"
pause="${CSHARP_BENCH_PAUSE:-3}"
port="${CSHARP_BENCH_PORT:-18080}"
out=".local/bench-csharp"
work="$(mktemp -d /tmp/csharp-bench-XXXXXX)"
server_pid=""
cleanup() {
  [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT

if [ -n "${CSHARP_BENCH_SERVER:-}" ]; then
  out="$CSHARP_BENCH_SERVER"
elif [ "${CSHARP_BENCH_R2R:-1}" = "1" ]; then
  dotnet publish executor -c Release -r linux-x64 --self-contained false -p:PublishReadyToRun=true -o "$out" -v quiet -nologo >/dev/null
else
  dotnet build executor -c Release -o "$out" -v quiet -nologo >/dev/null
fi

mkdir -p "$work/app/data" "$work/app/artifacts" "$work/store"
PORT="$port" EXECUTOR_WORK_ROOT="$work/app" EXECUTOR_LOCAL_STORE="$work/store" SESSION_ID=csbench \
  "$out/DeepInsight.Executor" >"$work/server.log" 2>&1 &
server_pid=$!
boot_start=$(date +%s%N)
until curl -sf "http://127.0.0.1:$port/health" >/dev/null; do
  kill -0 "$server_pid" 2>/dev/null || { cat "$work/server.log"; exit 1; }
  sleep 0.02
done
boot_ms=$(( ($(date +%s%N) - boot_start) / 1000000 ))

# Prints "wall_ms execution_time_ms status" for one trivial script.
run_script() {
  local response
  response=$(curl -s -w '\n%{time_total}' -H 'Content-Type: application/json' \
    -d '{"code":"CSHARP:\nvar xs = new[] { 1, 2, 3 };\nxs.Sum() * 2"}' "http://127.0.0.1:$port/execute")
  python3 -c '
import json, sys
body, total = sys.argv[1].rsplit("\n", 1)
doc = json.loads(body)
assert doc["stdout"] == "12\n", doc
print(round(float(total) * 1000), doc["execution_time_ms"], doc["status"])' "$response"
}

percentile() { sort -n | awk -v p="$1" '{a[NR]=$1} END {i=int((NR-1)*p+0.5)+1; print a[i]}'; }

first=$(run_script)
echo "boot until /health 200: ${boot_ms} ms"
echo "first script after boot: wall ${first%% *} ms (execution_time_ms $(echo "$first" | cut -d' ' -f2))"

: >"$work/warm"
for _ in $(seq "$runs"); do
  sleep "$pause"
  run_script | cut -d' ' -f1 >>"$work/warm"
done
echo "warm trivial script over $runs runs (${pause}s apart): p50 $(percentile 0.5 <"$work/warm") ms, p90 $(percentile 0.9 <"$work/warm") ms, min $(sort -n "$work/warm" | head -1) ms"

sleep "$pause"
: >"$work/burst"
for _ in 1 2 3 4 5; do run_script | cut -d' ' -f1 >>"$work/burst"; done
echo "back-to-back (no pause, 5 runs): p50 $(percentile 0.5 <"$work/burst") ms"

# Memory once the C# machinery is idle and warm: PSS (shared pages split between processes)
# of the server's whole process tree, and by role.
sleep "$pause"
python3 - "$server_pid" <<'PY'
import os, sys
children = {}
for entry in os.listdir("/proc"):
    if entry.isdigit():
        try:
            stat = open(f"/proc/{entry}/stat").read()
            children.setdefault(int(stat[stat.rfind(")") + 2:].split()[1]), []).append(int(entry))
        except OSError:
            pass
roles, todo = {}, [int(sys.argv[1])]
while todo:
    pid = todo.pop()
    todo.extend(children.get(pid, []))
    try:
        cmdline = open(f"/proc/{pid}/cmdline").read().split("\0")
        pss = sum(int(l.split()[1]) for l in open(f"/proc/{pid}/smaps_rollup") if l.startswith("Pss:")) / 1024
    except OSError:
        continue
    role = next((a[2:] for a in cmdline if a.startswith("--csharp-")), "python" if "python" in cmdline[0] else "server")
    roles[role] = roles.get(role, 0) + pss
total = sum(roles.values())
print(f"memory of the process tree (PSS): {total:.0f} MB (" + ", ".join(f"{r} {v:.0f}" for r, v in sorted(roles.items())) + ")")
PY
