#!/usr/bin/env bash
# Renders one chart of every type (PNG and SVG) and a multi-page Korean report (PDF, plus PNG
# previews of its pages via pdftoppm) from the Moon Market sample data, for a person to look at.
# Usage: scripts/render-samples.sh [output-dir] [data-dir]
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
out="${1:-$repo/out/render-samples}"
data="${2:-}"
if [[ -z "$data" ]]; then
  for candidate in "$repo/../shared/data/moon_market" "$repo/../../shared/data/moon_market"; do
    [[ -f "$candidate/moon-market-fresh-food-sales.csv" ]] && data="$candidate" && break
  done
fi
[[ -n "$data" ]] || { echo "moon_market data not found; pass its directory as the second argument" >&2; exit 1; }
dotnet run -c Release --project "$repo/bench/RenderTool" -- samples "$out" "$data"
pdftoppm -r 80 -png "$out/report.pdf" "$out/report-page"
echo "samples in $out"
