#!/usr/bin/env bash
# The backup and restore drill: back up Kompas the way docs/operations.md says, restore
# it into a fresh database and directory, and prove the copy is the same.
#
# On a private, throwaway PostgreSQL with PostGIS (removed again on exit): migrate, build
# the demo municipality (with its uploaded photos), then
#   pg_dump -Fc                      the database, in PostgreSQL's custom format
#   tar                              the uploaded media (MEDIA_ROOT)
#   createdb + pg_restore            into a fresh database
#   tar -x                           into a fresh directory
# and compare per table the number of rows and an MD5 of its rows in primary-key order,
# every sequence's position, and every media file's SHA-256 (scripts/drill/backup_check.py).
# Exits non-zero on any difference. scripts/drill.sh does the same after the fault drill,
# on the database that went through the outage.
#
#   DRILL_SKIP_INSTALL=1 ./scripts/backup_drill.sh   on a machine already set up
set -euo pipefail
# shellcheck source=scripts/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
# shellcheck source=scripts/drill/common.sh
source "$KOMPAS_ROOT/scripts/drill/common.sh"
cd "$KOMPAS_ROOT"

drill_install

start_work_dir backup

drill_machine
drill_start_postgres
drill_prepare_site "$WORK_DIR" kompas
drill_backup_and_compare "$WORK_DIR" kompas
