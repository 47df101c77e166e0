#!/usr/bin/env bash
# The whole check: lint, types, architecture contract, migrations, then the test suite on SQLite
# and on PostgreSQL. PostgreSQL comes from UPSTANDER_TEST_DATABASE_URL, else a server already
# answering on 127.0.0.1:5432, else a throwaway cluster this script starts (installing Debian's
# postgresql package if needed) and stops again.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${VENV:-.venv}/bin
export PATH="$PWD/$BIN:$PATH"
lint_only=false
[[ ${1:-} == "--lint-only" ]] && lint_only=true

as_root() { if [[ $(id -u) -eq 0 ]]; then "$@"; else sudo "$@"; fi; }
apt_install() {
  echo "Installing Debian packages: $*"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}
step() { printf '\n== %s\n' "$*"; }

step "ruff"
ruff check src tests bench scripts
ruff format --check src tests bench scripts
step "mypy"
UPSTANDER_TESTING=1 UPSTANDER_DATA_DIR="$(mktemp -d)" mypy
step "import contracts"
lint-imports
step "migrations are committed"
UPSTANDER_TESTING=1 UPSTANDER_DATA_DIR="$(mktemp -d)" python -m django makemigrations --check --dry-run --settings=upstander.settings
$lint_only && exit 0

if [[ ! -x /usr/bin/chromium ]]; then
  apt_install chromium fonts-dejavu-core
fi

export UPSTANDER_TESTING=1
pytest_args=(-p no:cacheprovider -q -n "${UPSTANDER_TEST_WORKERS:-2}")

step "tests on SQLite"
env -u DATABASE_URL pytest "${pytest_args[@]}"

# ---- PostgreSQL -------------------------------------------------------------------------------
pg_started_dir=""
cleanup() {
  if [[ -n $pg_started_dir ]]; then
    pg_run "$pg_bin/pg_ctl" -D "$pg_started_dir/data" -m fast stop >/dev/null 2>&1 || true
    rm -rf "$pg_started_dir"
  fi
}
trap cleanup EXIT
pg_run() { if [[ $(id -u) -eq 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi; }

pg_url=${UPSTANDER_TEST_DATABASE_URL:-}
# UPSTANDER_TEST_PG_THROWAWAY=1 skips the local server and always starts a throwaway cluster.
if [[ -z $pg_url && ${UPSTANDER_TEST_PG_THROWAWAY:-0} != 1 ]] && command -v pg_isready >/dev/null \
  && pg_isready -q -h 127.0.0.1 -p 5432; then
  pg_url="postgresql://postgres@127.0.0.1:5432/upstander"
fi
if [[ -z $pg_url ]]; then
  pg_bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)
  if [[ -z $pg_bin ]]; then
    apt_install postgresql
    pg_bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
  fi
  port=$(python -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  pg_started_dir=$(mktemp -d)
  [[ $(id -u) -eq 0 ]] && chown postgres "$pg_started_dir"
  echo "Starting a throwaway PostgreSQL on port $port"
  pg_run "$pg_bin/initdb" -D "$pg_started_dir/data" -U postgres -A trust --no-sync >/dev/null
  pg_run "$pg_bin/pg_ctl" -D "$pg_started_dir/data" -l "$pg_started_dir/log" -w \
    -o "-h 127.0.0.1 -p $port -k $pg_started_dir -F" start >/dev/null
  pg_url="postgresql://postgres@127.0.0.1:$port/upstander"
fi

step "tests on PostgreSQL"
DATABASE_URL="$pg_url" pytest "${pytest_args[@]}"
