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
# Exits non-zero on any difference. scripts/drill.sh runs it after the fault drill.
set -euo pipefail
# shellcheck source=scripts/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
# shellcheck source=scripts/drill/common.sh
source "$KOMPAS_ROOT/scripts/drill/common.sh"
cd "$KOMPAS_ROOT"

drill_install

WORK_DIR="$(mktemp -d "${TMPDIR:-/tmp}/kompas-backup.XXXXXX")"
chmod 755 "$WORK_DIR"
cleanup() {
    stop_private_postgres
    rm -rf "$WORK_DIR"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

drill_machine
drill_start_postgres
drill_prepare_site "$WORK_DIR" kompas
bindir="$(pg_bindir)"
connection=(-h 127.0.0.1 -p "$PRIVATE_PG_PORT" -U postgres)
backup="$WORK_DIR/backup"
mkdir -p "$backup" "$WORK_DIR/restored-media"

say "Backup and restore drill"
started=$SECONDS
"$bindir/pg_dump" "${connection[@]}" --format=custom --file="$backup/kompas.dump" kompas
tar -C "$WORK_DIR/media" -czf "$backup/media.tar.gz" .
backed_up=$SECONDS
"$bindir/createdb" "${connection[@]}" --template=template0 kompas_restored
"$bindir/pg_restore" "${connection[@]}" --exit-on-error --no-owner --dbname=kompas_restored \
    "$backup/kompas.dump"
tar -C "$WORK_DIR/restored-media" -xzf "$backup/media.tar.gz"
restored=$SECONDS
printf '  dump                 %s (%s), media archive %s\n' \
    "$(du -h "$backup/kompas.dump" | cut -f1)" "pg_dump -Fc" "$(du -h "$backup/media.tar.gz" | cut -f1)"
printf '  backup took          %ss, restore took %ss\n' "$((backed_up - started))" \
    "$((restored - backed_up))"

url="postgresql://postgres@127.0.0.1:$PRIVATE_PG_PORT"
"$PY" scripts/drill/backup_check.py --original "$url/kompas" --restored "$url/kompas_restored" \
    --media "$WORK_DIR/media" --restored-media "$WORK_DIR/restored-media"
