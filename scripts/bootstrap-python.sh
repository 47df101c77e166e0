#!/usr/bin/env bash
# Create the virtual environment, installing Debian's python3-venv first if it is missing.
set -euo pipefail
python=${1:-python3}
venv=${2:-.venv}
as_root() { if [[ $(id -u) -eq 0 ]]; then "$@"; else sudo "$@"; fi; }

if ! command -v "$python" >/dev/null; then
  echo "Installing Python 3 from Debian packages..."
  as_root apt-get update -qq && as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3 python3-venv
fi
if ! "$python" -c 'import sys; sys.exit(sys.version_info < (3, 11))'; then
  echo "Upstander needs Python 3.11 or newer; $python is $("$python" --version 2>&1)." >&2
  exit 1
fi
if ! "$python" -m venv --help >/dev/null 2>&1 || ! "$python" -c 'import ensurepip' 2>/dev/null; then
  echo "Installing python3-venv from Debian packages..."
  as_root apt-get update -qq && as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-venv
fi
"$python" -m venv "$venv"
"$venv/bin/pip" install --quiet --disable-pip-version-check --upgrade pip
