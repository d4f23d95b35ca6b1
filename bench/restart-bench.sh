#!/usr/bin/env bash
# Restart time of the crash-only server (kill -9 of the server under its supervisor to the
# first 200 from /health), with a ReadyToRun publish as the image has. See restart_bench.py.
#   bench/restart-bench.sh [--runs N] [--records N]
# Set EXECUTOR_CSHARP_PREWARM=false to measure without the C# compiler starting alongside.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/runtime-env.sh

out="$(mktemp -d)/executor"
trap 'rm -rf "$(dirname "$out")"' EXIT
dotnet publish executor -c Release -o "$out" -p:PublishReadyToRun=true -r linux-x64 --self-contained false --nologo -v quiet >/dev/null
/usr/bin/python3 bench/restart_bench.py --app "$out" --python "$EXECUTOR_PYTHON" "$@"
