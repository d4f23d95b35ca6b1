#!/usr/bin/env bash
# Installs what the tests need on a fresh Debian machine, then runs them: the xunit suite
# (the app in-process and as a process, real python3, moto_server as S3, poppler for PDFs)
# and, unless SKIP_CONTAINER_TEST=1, the container build-and-run test.
set -euo pipefail
cd "$(dirname "$0")"

scripts/install-deps.sh test
source scripts/runtime-env.sh

status=0
dotnet test DeepInsight.sln -c Release --nologo 2>&1 | tee .test-output.log || status=$?
# The plain closing line CI reads: "N passed, N failed".
summary=$(grep -E "^(Passed|Failed)! +- Failed: " .test-output.log | tail -1 || true)
failed=$(sed -E 's/.*Failed: +([0-9]+).*/\1/' <<<"$summary")
passed=$(sed -E 's/.*Passed: +([0-9]+).*/\1/' <<<"$summary")
echo "unit: ${passed:-0} passed, ${failed:-0} failed"
[ "$status" -eq 0 ] || exit "$status"

if [ "${SKIP_CONTAINER_TEST:-0}" != "1" ] && [ -x scripts/container-test.sh ]; then
  scripts/container-test.sh
fi
