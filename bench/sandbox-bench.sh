#!/usr/bin/env bash
# Builds the executor in Release, starts it as a process on a free port and measures the
# sandbox's hot paths (see sandbox_bench.py). Prints a table; --markdown FILE also writes it.
#   bench/sandbox-bench.sh [--runs N] [--markdown FILE]
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/runtime-env.sh

out="$(mktemp -d)/executor"
dotnet publish executor -c Release -o "$out" --nologo -v quiet >/dev/null
exec /usr/bin/python3 bench/sandbox_bench.py --server "$out/DeepInsight.Executor" "$@"
