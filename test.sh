#!/usr/bin/env bash
# Installs what the tests need on a fresh Debian machine, then runs them: the xunit suite
# (the app in-process and as a process, real python3, moto_server as S3, poppler for PDFs)
# and, unless SKIP_CONTAINER_TEST=1, the container build-and-run test.
set -euo pipefail
cd "$(dirname "$0")"

scripts/install-deps.sh test
source scripts/python-env.sh
export FONTCONFIG_FILE="${FONTCONFIG_FILE:-$PWD/fonts/fonts.conf}"
export MATPLOTLIBRC="${MATPLOTLIBRC:-$PWD/fonts/matplotlibrc}"

dotnet test DeepInsight.sln -c Release --nologo --logger "console;verbosity=normal" 2>&1 | tee .test-output.log
status=${PIPESTATUS[0]}
grep -E "^(Passed!|Failed!)|Total tests" .test-output.log | tail -3 || true
[ "$status" -eq 0 ] || exit "$status"

if [ "${SKIP_CONTAINER_TEST:-0}" != "1" ] && [ -x scripts/container-test.sh ]; then
  scripts/container-test.sh
fi
