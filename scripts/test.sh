#!/usr/bin/env bash
# Installs everything the tests need into .venv (and Debian's Chromium for the browser tests), then runs every test.
set -euo pipefail
cd "$(dirname "$0")/.."
venv="${VENV:-.venv}"
[ -x "$venv/bin/python" ] || python3 -m venv "$venv"
"$venv/bin/python" -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
if ! command -v chromium >/dev/null 2>&1 && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  apt-get update -qq && apt-get install -y -qq chromium >/dev/null
fi
"$venv/bin/python" -m ruff check --quiet .  # the rules in ruff.toml
exec "$venv/bin/python" -m pytest "$@"
