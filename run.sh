#!/usr/bin/env bash
# Starts the executor on :8080 (PORT overrides) with local storage, on a fresh Debian machine.
# The work root and the local store live under ./.local unless the environment says otherwise.
set -euo pipefail
cd "$(dirname "$0")"

scripts/install-deps.sh runtime
source scripts/runtime-env.sh

export PORT="${PORT:-8080}"
export EXECUTOR_WORK_ROOT="${EXECUTOR_WORK_ROOT:-$PWD/.local/app}"
export EXECUTOR_LOCAL_STORE="${EXECUTOR_LOCAL_STORE:-$PWD/.local/store}"
mkdir -p "$EXECUTOR_WORK_ROOT/data" "$EXECUTOR_WORK_ROOT/artifacts" "$EXECUTOR_LOCAL_STORE"

dotnet build executor -c Release -o .local/bin -v quiet -nologo
# Under the crash-only supervisor, as in the image: a crashed server is back within a second.
exec "$EXECUTOR_PYTHON" -I -S .local/bin/supervisor.py dotnet .local/bin/DeepInsight.Executor.dll
