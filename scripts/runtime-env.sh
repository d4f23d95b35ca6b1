#!/usr/bin/env bash
# Sourced by run.sh and test.sh: the environment the executor needs on a Debian machine.
# Debian's python3 has python3-pandas and python3-matplotlib; a pyenv or venv python3 earlier
# on PATH has not, so it is chosen only when Debian's lacks them.
if [ -z "${EXECUTOR_PYTHON:-}" ]; then
  if /usr/bin/python3 -c 'import pandas, matplotlib' 2>/dev/null; then
    export EXECUTOR_PYTHON=/usr/bin/python3
  else
    export EXECUTOR_PYTHON=python3
  fi
fi
# Korean text resolves to NanumGothic in Pango (fontconfig) and matplotlib alike.
repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export FONTCONFIG_FILE="${FONTCONFIG_FILE:-$repo_root/fonts/fonts.conf}"
export MATPLOTLIBRC="${MATPLOTLIBRC:-$repo_root/fonts/matplotlibrc}"
