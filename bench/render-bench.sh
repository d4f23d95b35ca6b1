#!/usr/bin/env bash
# Warm timings of the renderer against the Python stack agents use: a 1200x800 bar chart with 14
# Korean categories (ScottPlot; target <= 0.1x matplotlib's time for the same chart) and an
# 8-page Korean report with 3 vector charts and a 15-row table (Pango/Cairo; target <= 0.1x
# WeasyPrint's time for the same document), plus the Skia report-engine lower bound behind
# docs/rendering.md.
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
source "$repo/scripts/runtime-env.sh"
work="$(mktemp -d -t render-bench-XXXXXX)"
trap 'rm -rf "$work"' EXIT
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
dotnet run -c Release --project "$repo/bench/RenderTool" -- bench "$data" "$work"
"$EXECUTOR_PYTHON" "$repo/bench/render_reference.py" "$work"
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
