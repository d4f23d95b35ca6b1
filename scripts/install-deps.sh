#!/usr/bin/env bash
# Installs the Debian packages a group of tasks needs, only those missing, without prompts.
# Usage: scripts/install-deps.sh runtime|test
set -euo pipefail

runtime=(python3 python3-numpy python3-pandas python3-matplotlib fonts-nanum fontconfig
         libcairo2 libpango-1.0-0 libpangocairo-1.0-0 bash procps curl)
test_only=(poppler-utils strace)

case "${1:-runtime}" in
  runtime) wanted=("${runtime[@]}") ;;
  test) wanted=("${runtime[@]}" "${test_only[@]}") ;;
  *) echo "usage: $0 runtime|test" >&2; exit 2 ;;
esac

missing=()
for package in "${wanted[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

echo "Installing: ${missing[*]}"
sudo_cmd=()
[ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo -n)
export DEBIAN_FRONTEND=noninteractive
"${sudo_cmd[@]}" apt-get update -qq
"${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" </dev/null
