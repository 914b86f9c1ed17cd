#!/usr/bin/env bash
# Install treatywatch into ./.venv (and its front-end packages, if any). Safe to re-run.
# Usage: bash scripts/setup.sh [--dev]
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  "$PY" -m venv .venv
fi
.venv/bin/python -m pip install --quiet --upgrade pip >/dev/null
if [ "${1:-}" = "--dev" ]; then
  .venv/bin/python -m pip install --quiet -e ".[dev]"
else
  .venv/bin/python -m pip install --quiet -e .
fi
if [ -f package.json ]; then
  # Chart and map assets come from the npm registry, installed here, never from a CDN.
  npm ci --silent --no-audit --no-fund
fi
