#!/usr/bin/env bash
# Sourced by run.sh and test.sh: points the executor at Debian's python3, which has the
# python3-pandas and python3-matplotlib packages (a pyenv or venv python3 earlier on PATH has not).
if [ -z "${EXECUTOR_PYTHON:-}" ]; then
  if /usr/bin/python3 -c 'import pandas, matplotlib' 2>/dev/null; then
    export EXECUTOR_PYTHON=/usr/bin/python3
  else
    export EXECUTOR_PYTHON=python3
  fi
fi
