#!/usr/bin/env bash
# Installs everything the tests need into .venv (and Debian's Chromium for the browser tests, HAProxy for the
# replicas' tests), then runs every test.
set -euo pipefail
cd "$(dirname "$0")/.."
venv="${VENV:-.venv}"
[ -x "$venv/bin/python" ] || python3 -m venv "$venv"
"$venv/bin/python" -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
missing=""
command -v chromium >/dev/null 2>&1 || missing+=" chromium"
command -v haproxy >/dev/null 2>&1 || missing+=" haproxy"
if [ -n "$missing" ] && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $missing >/dev/null
fi
"$venv/bin/python" -m ruff check --quiet .  # the rules in ruff.toml
exec "$venv/bin/python" -m pytest "$@"
