#!/usr/bin/env bash
# Set up, build the database from the bundled record (SQLite), and serve the dashboard and API.
# Usage: bash scripts/serve.sh [--port 8000] [--host 127.0.0.1]
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
# The same default database as every other command ($TREATYWATCH_DB, else the user data
# folder), so `treatywatch status CCM` afterwards reads what is served.
.venv/bin/treatywatch build
exec .venv/bin/treatywatch serve "$@"
