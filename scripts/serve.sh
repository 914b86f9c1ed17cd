#!/usr/bin/env bash
# Set up, build the database from the bundled record (SQLite), and serve the dashboard and API.
# Usage: bash scripts/serve.sh [--port 8000] [--host 127.0.0.1]
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
export TREATYWATCH_DB=${TREATYWATCH_DB:-$PWD/treatywatch.sqlite}
.venv/bin/treatywatch build
exec .venv/bin/treatywatch serve "$@"
