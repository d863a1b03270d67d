#!/usr/bin/env bash
# Run a manage.py command by hand, as ./scripts/run.sh runs the site: with the project's
# Python (.venv), DEBUG on and email printed to the terminal, on the same database.
#
#   ./scripts/manage.sh load_demo --help
#   ./scripts/manage.sh createsuperuser
#   DATABASE_URL=postgis://... ./scripts/manage.sh shell
# Run ./scripts/run.sh once first: it installs what this needs.
set -euo pipefail
# shellcheck source=scripts/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
[ -x "$PY" ] || die "no .venv yet: run ./scripts/run.sh once first"
export DEBUG="${DEBUG:-true}"
export EMAIL_URL="${EMAIL_URL:-consolemail://}"
manage "$@"
