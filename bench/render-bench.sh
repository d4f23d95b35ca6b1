#!/usr/bin/env bash
# Warm timings of the native renderer: a 1200x800 bar chart with 14 Korean categories (target
# <= 15 ms) and an 8-page Korean report with 3 charts and a 15-row table (target <= 60 ms).
# Usage: bench/render-bench.sh [data-dir]   (default: the shared Moon Market sample beside the repo)
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
data="${1:-}"
if [[ -z "$data" ]]; then
  for candidate in "$repo/../shared/data/moon_market" "$repo/../../shared/data/moon_market"; do
    [[ -f "$candidate/moon-market-fresh-food-sales.csv" ]] && data="$candidate" && break
  done
fi
[[ -n "$data" ]] || { echo "moon_market data not found; pass its directory" >&2; exit 1; }
exec dotnet run -c Release --project "$repo/bench/RenderTool" -- bench "$data"
