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

# Migrate (and load the demo into an empty database) in one start of Django, and only when
# something changed since the last run: the migrations, the database or DATABASE_URL.
prepared_stamp="$VENV/.kompas-prepared"
fingerprint="$({
    printf '%s\n' "${DATABASE_URL:-spatialite:db.sqlite3}"
    find . \( -path ./.venv -o -path ./node_modules \) -prune -o \
        -path '*/migrations/*.py' -type f -print0 | sort -z | xargs -0 sha1sum
} | sha1sum)"
if [ -z "${DATABASE_URL:-}" ] && [ ! -f db.sqlite3 ]; then
    rm -f "$prepared_stamp"
fi
if [ -f "$prepared_stamp" ] && [ "$(cat "$prepared_stamp")" = "$fingerprint" ]; then
    say "Database up to date"
else
    if [ -n "${DATABASE_URL:-}" ]; then
        say "Preparing the database at \$DATABASE_URL"
    else
        say "Preparing the database (SpatiaLite, db.sqlite3)"
    fi
    manage prepare_site --demo ${DEMO_PASSWORD:+--password "$DEMO_PASSWORD"}
    printf '%s\n' "$fingerprint" >"$prepared_stamp"
fi

say "Starting Kompas on http://127.0.0.1:$PORT/ (emails, with sign-in codes, print here; Ctrl-C stops)"
exec "$PY" manage.py runserver "127.0.0.1:$PORT"
