#!/usr/bin/env bash
# Install what Kompas needs, set up the database and run the site on http://127.0.0.1:8000
# with demo data, for local development. Run it again: it keeps the data of the first run.
#
#   PORT=8123 ./scripts/run.sh             another port
#   DEMO_PASSWORD=... ./scripts/run.sh     the staff password load_demo sets (first run)
#   DATABASE_URL=postgis://... ./scripts/run.sh   another database (default: SpatiaLite
#                                          in db.sqlite3 in the repo)
set -euo pipefail
# shellcheck source=scripts/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$KOMPAS_ROOT"

PORT="${PORT:-8000}"
export DEBUG="${DEBUG:-true}"
export EMAIL_URL="${EMAIL_URL:-consolemail://}"

ensure_debian_packages libsqlite3-mod-spatialite gdal-bin gettext python3 python3-venv \
    nodejs:node npm:npm
ensure_venv
ensure_node_modules
compile_messages

if [ -n "${DATABASE_URL:-}" ]; then
    say "Migrating the database at \$DATABASE_URL"
else
    say "Migrating the database (SpatiaLite, db.sqlite3)"
fi
manage migrate --noinput --verbosity 0

has_data="$(manage shell --no-imports --verbosity 0 -c '
from initiatives.models import Kern, User
print("yes" if User.objects.exists() or Kern.objects.exists() else "no")
' | tail -n 1)"
if [ "$has_data" = "no" ]; then
    say "Empty database: loading the demo municipality (python manage.py load_demo)"
    manage load_demo ${DEMO_PASSWORD:+--password "$DEMO_PASSWORD"}
else
    say "The database already has data: not loading the demo again"
fi

say "Starting Kompas on http://127.0.0.1:$PORT/ (emails, with sign-in codes, print here; Ctrl-C stops)"
exec "$PY" manage.py runserver "127.0.0.1:$PORT"
