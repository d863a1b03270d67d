#!/usr/bin/env bash
# The fault drill: can Kompas lose its database for a moment and lose nothing?
#
# On a private, throwaway PostgreSQL with PostGIS (removed again on exit) it migrates,
# builds the demo municipality, creates a few residents (each with an initiative) and
# staff, and runs the site under gunicorn (DEBUG off, a throwaway SECRET_KEY, 127.0.0.1
# only). Then, for about a minute, residents add stories and staff write down
# conversations through the real forms while PostgreSQL is stopped for 5 seconds in the
# middle; once with persistent connections, once with the psycopg pool. It prints the
# figures and exits non-zero when an aim is missed:
#   - while the database is away every answer is a 503 with the Dutch page (never a 500,
#     never a traceback);
#   - the site recovers within 5 s of the database being back;
#   - every write that got a success answer is in the database afterwards.
# Then it backs that database and the uploaded photos up, restores them into a fresh
# database and directory and compares (as scripts/backup_drill.sh does on its own). Not
# part of scripts/test.sh: it takes about five minutes. See docs/operations.md.
#
#   ./scripts/drill.sh                       both drills
#   ./scripts/drill.sh --duration 30 --outage 8   options go to scripts/drill/fault_drill.py
#   DRILL_SKIP_BACKUP=1 ./scripts/drill.sh   the fault drill only
#   DRILL_SKIP_INSTALL=1 ./scripts/drill.sh  on a machine run.sh or test.sh already set up
set -euo pipefail
# shellcheck source=scripts/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
# shellcheck source=scripts/drill/common.sh
source "$KOMPAS_ROOT/scripts/drill/common.sh"
cd "$KOMPAS_ROOT"

drill_install

start_work_dir drill

drill_machine
drill_start_postgres
drill_prepare_site "$WORK_DIR" kompas_drill

# Both ways the site can hold its connections (see DATABASE_POOL in kompas/settings.py):
# each must recover by itself.
status=0
for pool in false true; do
    if [ "$pool" = true ]; then
        say "Fault drill with the psycopg pool (DATABASE_POOL=true)"
    else
        say "Fault drill with persistent connections (CONN_MAX_AGE, health checks)"
    fi
    log="$WORK_DIR/gunicorn-pool-$pool.log"
    run_status=0
    "${DRILL_ENV[@]}" DATABASE_POOL="$pool" "$PY" scripts/drill/fault_drill.py \
        --port "$(free_port)" --mail-dir "$WORK_DIR/mail" --log "$log" "$@" || run_status=$?
    if [ "$run_status" -ne 0 ]; then
        warn "The fault drill missed an aim (exit $run_status); the site's log, last lines:"
        tail -n 40 "$log" >&2 || true
        status=$run_status
    fi
done

# The database that went through the outages, and the photos of the demo: back up,
# restore, compare (what scripts/backup_drill.sh does on its own).
# A failure here ends the script at once (set -e), non-zero.
if [ -z "${DRILL_SKIP_BACKUP:-}" ]; then
    drill_backup_and_compare "$WORK_DIR" kompas_drill
fi
exit "$status"
