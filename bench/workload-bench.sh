#!/usr/bin/env bash
# The agent workload suite (workload/) timed step by step through the executor and, in the same
# run, each step's script as a cold `python3 FILE` in a copy of the same work root: the baseline
# the runtime's `BASH: timeout 300 python FILE` is measured against.
#   bench/workload-bench.sh [--rounds N]
# Builds the executor in Release, starts it on a free loopback port with local storage, runs
# workload/agent_workload.py against it N times (a fresh session each round) and stops it.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/runtime-env.sh

rounds=1
[ "${1:-}" = "--rounds" ] && rounds=$2

work=$(mktemp -d)
server=
cleanup() {
  [ -n "$server" ] && kill "$server" 2>/dev/null && wait "$server" 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT
dotnet build executor -c Release -o "$work/bin" -v quiet -nologo >/dev/null

for round in $(seq 1 "$rounds"); do
  port=$(/usr/bin/python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  root="$work/round$round"
  mkdir -p "$root/app" "$root/store"
  PORT=$port SESSION_ID="bench$round" EXECUTOR_WORK_ROOT="$root/app" EXECUTOR_LOCAL_STORE="$root/store" \
    EXECUTOR_CSHARP_PREWARM=false dotnet "$work/bin/DeepInsight.Executor.dll" >"$root/server.log" 2>&1 &
  server=$!
  until curl -fsS -o /dev/null "http://127.0.0.1:$port/health" 2>/dev/null; do sleep 0.1; done
  echo "== round $round (load average: $(cut -d' ' -f1-3 /proc/loadavg))"
  /usr/bin/python3 workload/agent_workload.py --url "http://127.0.0.1:$port" --session-id "bench$round" \
    --cold-baseline "$root/cold"
  kill "$server"
  wait "$server" 2>/dev/null || true
  server=
done
