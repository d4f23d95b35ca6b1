#!/usr/bin/env bash
# A long soak of one server (see soak_bench.py): thousands of mixed executions from several
# clients, with the tree's memory, the server's descriptors, the process count and /health
# latency printed before and after each round. A few minutes with the defaults on 2 cores.
#   bench/soak-bench.sh [--executions 1500] [--rounds 3] [--clients 4]
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/runtime-env.sh

out="$(mktemp -d)/executor"
trap 'rm -rf "$(dirname "$out")"' EXIT
dotnet publish executor -c Release -o "$out" --nologo -v quiet >/dev/null
/usr/bin/python3 bench/soak_bench.py --server "$out/DeepInsight.Executor" "$@"
