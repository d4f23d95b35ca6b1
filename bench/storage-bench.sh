#!/usr/bin/env bash
# Times POST /session/complete against a real S3 protocol server (moto_server on loopback):
# 33 artifacts of 40 KB and 33 execution records, the size of a typical analysis session.
# Each run is a fresh server process with a new session (a completed session never uploads
# again). Measured twice: with the background upload (the default; completion is timed once the
# background pass has settled, i.e. every artifact and record is in the bucket) and with
# EXECUTOR_BACKGROUND_UPLOAD=false (everything goes at completion, for comparison).
# Target: <= 300 ms per completion. Usage: bench/storage-bench.sh [runs]
set -euo pipefail
cd "$(dirname "$0")/.."

RUNS="${1:-3}"
ARTIFACTS=33
EXECUTIONS=33
BUCKET=storage-bench
WORK="$(mktemp -d -t storage-bench-XXXX)"
MOTO_PID=""
SERVER_PID=""

stop() { [ -n "$1" ] && kill "$1" 2>/dev/null && wait "$1" 2>/dev/null || true; }
cleanup() { stop "$SERVER_PID"; stop "$MOTO_PID"; rm -rf "$WORK"; }
trap cleanup EXIT

free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

wait_for() { # url, what
  for _ in $(seq 1 300); do curl -s -o /dev/null "$1" && return 0; sleep 0.1; done
  echo "$2 did not answer on $1" >&2; exit 1
}

moto_command() {
  if [ -n "${MOTO_SERVER:-}" ]; then echo "$MOTO_SERVER"
  elif command -v moto_server >/dev/null; then command -v moto_server
  else echo "python3 -m moto.server"; fi
}

echo "Building (Release)..."
dotnet build executor -c Release -v quiet -nologo >/dev/null
DLL=executor/bin/Release/net10.0/DeepInsight.Executor.dll

MOTO_PORT="$(free_port)"
$(moto_command) -H 127.0.0.1 -p "$MOTO_PORT" >"$WORK/moto.log" 2>&1 &
MOTO_PID=$!
S3="http://127.0.0.1:$MOTO_PORT"
wait_for "$S3/" moto_server
curl -s -f -X PUT "$S3/$BUCKET" >/dev/null

mkdir -p "$WORK/app/artifacts/charts" "$WORK/app/data"
for i in $(seq 1 "$ARTIFACTS"); do head -c 40960 /dev/urandom >"$WORK/app/artifacts/charts/chart_$i.png"; done

objects_of() { curl -s "$S3/$BUCKET?list-type=2&prefix=deep-insight/fargate_sessions/$1/&max-keys=1000" | grep -o '<Key>' | wc -l; }

summary() { # label, timings...
  local label="$1"; shift
  local sorted=($(printf '%s\n' "$@" | sort -n))
  echo "$label: median ${sorted[$(( ${#sorted[@]} / 2 ))]} ms, best ${sorted[0]} ms, worst ${sorted[-1]} ms"
}

for BACKGROUND in true false; do
timings=()
for run in $(seq 1 "$RUNS"); do
  PORT="$(free_port)"
  SESSION="bench$run$BACKGROUND$RANDOM"
  PORT="$PORT" SESSION_ID="$SESSION" EXECUTOR_WORK_ROOT="$WORK/app" EXECUTOR_PYTHON="${EXECUTOR_PYTHON:-/usr/bin/python3}" \
    EXECUTOR_BACKGROUND_UPLOAD="$BACKGROUND" \
    S3_BUCKET_NAME="$BUCKET" AWS_ENDPOINT_URL_S3="$S3" AWS_REGION=us-east-1 \
    AWS_ACCESS_KEY_ID=bench AWS_SECRET_ACCESS_KEY=bench \
    dotnet "$DLL" >"$WORK/server-$run-$BACKGROUND.log" 2>&1 &
  SERVER_PID=$!
  API="http://127.0.0.1:$PORT"
  wait_for "$API/health" executor

  for i in $(seq 1 "$EXECUTIONS"); do
    curl -s -f -H 'Content-Type: application/json' -d "{\"code\": \"print($i)\"}" "$API/execute" >/dev/null
  done

  settle_ms=""
  if [ "$BACKGROUND" = true ]; then
    # Settled: every artifact and execution record is in the bucket (a listed key is a finished PUT).
    settle_start="$(date +%s%N)"
    for _ in $(seq 1 600); do
      [ "$(objects_of "$SESSION")" -ge $((ARTIFACTS + EXECUTIONS)) ] && break
      sleep 0.1
    done
    settle_ms=", background upload settled $(( ($(date +%s%N) - settle_start) / 1000000 )) ms after the last /execute"
  fi

  seconds="$(curl -s -o "$WORK/complete.json" -w '%{time_total}' -X POST -H 'Content-Type: application/json' -d '{}' "$API/session/complete")"
  ms="$(python3 -c "print(round($seconds * 1000))")"
  objects="$(objects_of "$SESSION")"
  # What the completion pass itself sent, from its log event (besides the status file).
  sent="$(grep -m1 -o '"Pass":"Completion".*"ElapsedMs":[0-9]*' "$WORK/server-$run-$BACKGROUND.log" | grep -o '"\(Uploaded\|Deleted\|Unchanged\|ElapsedMs\)":[0-9]*' | tr '\n' ' ' || true)"
  echo "background upload $BACKGROUND, run $run: POST /session/complete ${ms} ms${settle_ms}, $objects objects in the bucket; completion pass: ${sent:-no log line}; answer: $(cat "$WORK/complete.json")"
  timings+=("$ms")

  stop "$SERVER_PID"; SERVER_PID=""
done
if [ "$BACKGROUND" = true ]; then background_timings=("${timings[@]}"); else foreground_timings=("${timings[@]}"); fi
done

# The floor set by moto itself on this machine: the same number of 40 KB PUTs, 8 at a time, by curl.
floor_start="$(date +%s%N)"
seq 1 $((ARTIFACTS + EXECUTIONS + 1)) | xargs -P 8 -I{} curl -s -f -o /dev/null -T "$WORK/app/artifacts/charts/chart_1.png" "$S3/$BUCKET/floor/{}.png"
floor_ms=$(( ($(date +%s%N) - floor_start) / 1000000 ))

echo "completion of $ARTIFACTS artifacts x 40 KB + $EXECUTIONS execution records + status (target <= 300 ms):"
summary "  after the background upload settled (default)" "${background_timings[@]}"
summary "  EXECUTOR_BACKGROUND_UPLOAD=false (everything at completion)" "${foreground_timings[@]}"
echo "moto floor on this machine: $((ARTIFACTS + EXECUTIONS + 1)) PUTs of 40 KB by curl, 8 at a time: ${floor_ms} ms; load average: $(cut -d" " -f1-3 /proc/loadavg)"
