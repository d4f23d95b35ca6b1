#!/usr/bin/env bash
# Installs what a group of tasks needs, only what is missing, without prompts: Debian's
# packages, then the Python packages that only PyPI has (pinned from PyPI where reachable, the
# project's stand-ins otherwise: scripts/install-python-stack.py). The image build runs it too,
# so a local server and the container see the same stack.
# Usage: scripts/install-deps.sh runtime|test|image
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"

# The reference image's Python stack, each from the distribution where it has one; poppler-utils
# and pandoc because agents inspect and convert documents through bash; python3-pip for the
# agents' own `pip install` (into the session's user site, never the system's).
python_stack=(python3 python3-pip python3-numpy python3-pandas python3-scipy python3-sklearn
              python3-matplotlib python3-seaborn python3-plotly python3-docx python3-lxml
              python3-openpyxl python3-pil python3-boto3 weasyprint)
# libfontconfig1: SkiaSharp's native library (charts) finds fonts through it; librsvg2-2 draws
# SVG charts into reports as vectors; cairo and pango typeset the reports.
runtime=("${python_stack[@]}" poppler-utils pandoc fonts-nanum fontconfig libfontconfig1
         libcairo2 libpango-1.0-0 libpangocairo-1.0-0 librsvg2-2 bash procps curl)
test_only=(strace)
# tini is PID 1 in the image, reaping orphans; a developer's machine has an init already.
image_only=(tini)

case "${1:-runtime}" in
  runtime) wanted=("${runtime[@]}") ;;
  test) wanted=("${runtime[@]}" "${test_only[@]}") ;;
  image) wanted=("${runtime[@]}" "${image_only[@]}") ;;
  *) echo "usage: $0 runtime|test|image" >&2; exit 2 ;;
esac

sudo_cmd=()
[ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo -n)

# In the image only, two dependencies nothing in it uses are settled by local empty packages
# that provide them (the equivs technique), to keep the image under 1.3 GB; a developer's machine
# keeps the real ones:
# - python3-pythran: python3-scipy depends on this Python-to-C++ compiler, which scipy needs only
#   to be built; it brings g++, the Boost headers and the OpenBLAS and Python development files,
#   about 480 MB.
# - python3-sympy: python3-fonttools depends on it for fontTools.misc.symfont, a font designer's
#   tool that matplotlib and WeasyPrint never load; with mpmath and its bytecode, about 130 MB.
#   `import sympy` in an execution is then a ModuleNotFoundError (pip can still install it).
provide_stub() {
  local package=$1 summary=$2 name="deepinsight-stub-$1" stub
  dpkg-query -W -f='${Status}' "$name" 2>/dev/null | grep -q "install ok installed" && return
  stub=$(mktemp -d)
  mkdir -p "$stub/pkg/DEBIAN"
  printf '%s\n' "Package: $name" "Version: 1.0" "Architecture: all" \
    "Maintainer: DeepInsight Executor <executor@deepinsight.invalid>" "Provides: $package" \
    "Description: stands in for $package in the executor image" " $summary" >"$stub/pkg/DEBIAN/control"
  dpkg-deb --build "$stub/pkg" "$stub/$name.deb" >/dev/null
  "${sudo_cmd[@]}" dpkg -i "$stub/$name.deb" >/dev/null
  rm -rf "$stub"
}

missing=()
for package in "${wanted[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
if [ ${#missing[@]} -gt 0 ]; then
  if [ "${1:-runtime}" = image ]; then
    provide_stub python3-pythran "scipy needs pythran only when it is compiled; the image compiles nothing."
    provide_stub python3-sympy "fontTools.misc.symfont is the only user, and nothing in the image loads it."
  fi
  echo "Installing: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  "${sudo_cmd[@]}" apt-get update -qq
  "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" </dev/null
fi

# Debian's interpreter, the one executions use (scripts/runtime-env.sh picks it).
"${sudo_cmd[@]}" /usr/bin/python3 "$here/install-python-stack.py"
