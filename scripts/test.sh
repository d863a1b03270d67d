#!/usr/bin/env bash
# Install what the tests need, then run every check: the test suite on PostGIS and on
# SpatiaLite (the two at the same time), ruff (lint and format), djlint, bandit and mypy.
# Runs every step, then says which failed; exits non-zero if any did. CI runs exactly this
# (.ci/run).
#
#   DATABASE_URL=postgis://user@host:port/name ./scripts/test.sh   another PostgreSQL
#       (default postgis://postgres@127.0.0.1:5432/kompas; the tests use test_<name>).
#       Where none answers, a private throwaway cluster is started and removed again.
#   ./scripts/test.sh -k kern -x     arguments go to both pytest runs
set -euo pipefail
# shellcheck source=scripts/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$KOMPAS_ROOT"

DATABASE_URL="${DATABASE_URL:-postgis://postgres@127.0.0.1:5432/kompas}"
case "$DATABASE_URL" in
postgis://*) ;;
*) die "the suite runs on PostGIS first: DATABASE_URL must be postgis://… (or unset)" ;;
esac

packages=(postgresql-15 postgresql-15-postgis-3 libsqlite3-mod-spatialite gdal-bin chromium
    gettext python3 python3-venv nodejs:node npm:npm)
# The Nu HTML checker (npm's vnu-jar) runs on Java.
if grep -q '"vnu-jar"' package.json; then
    packages+=(default-jre-headless:java)
fi
ensure_debian_packages "${packages[@]}"
ensure_venv
ensure_node_modules
compile_messages

start_work_dir test

# The PostgreSQL to test on: the one at DATABASE_URL if it takes a real connection, else
# a private one.
libpq_url="postgresql://${DATABASE_URL#*://}"
if reason="$(postgres_accepts "$libpq_url" 2>&1)"; then
    say "Using the PostgreSQL at \$DATABASE_URL"
    postgis_url="$DATABASE_URL"
else
    say "Not using the PostgreSQL at \$DATABASE_URL: ${reason##*$'\n'}"
    start_private_postgres
    db_name="${DATABASE_URL##*/}"
    db_name="${db_name%%\?*}"
    postgis_url="postgis://postgres@127.0.0.1:$PRIVATE_PG_PORT/${db_name:-kompas}"
fi

# What every check runs with: a production-like configuration (DEBUG unset), no map
# tile layer, and Debian's Chromium for the browser tests.
test_env=(
    env -u DEBUG
    SECRET_KEY=kompas-tests-not-secret
    TESTING=true
    KOMPAS_MAP_TILES_URL=
    KOMPAS_CHROMIUM="${KOMPAS_CHROMIUM:-/usr/bin/chromium}"
)

failed=()
summary=()
# step NAME COMMAND...: run one check, note how it went, carry on either way.
step() {
    local name="$1" started=$SECONDS status=0
    shift
    say "$name"
    "$@" || status=$?
    note "$name" "$status" "$((SECONDS - started))"
}

# note NAME STATUS SECONDS: add how a check went to the summary.
note() {
    if [ "$2" -eq 0 ]; then
        summary+=("ok      $1 ($3s)")
    else
        summary+=("FAILED  $1 (exit $2, $3s)")
        failed+=("$1")
    fi
}

# The two pytest runs take nearly all the time and the machine has two cores: they run at
# the same time, each with a temporary directory of its own and its output in a
# log of its own, printed whole as soon as that run ends (so the two never interleave).
# pytest exits 5 when it collected no test: any non-zero status counts as a failure.
runs=("pytest on PostGIS" "pytest on SpatiaLite")
run_pids=()
run_status=()
run_seconds=()
stop_runs() {
    local pid
    for pid in "${run_pids[@]}"; do
        kill "$pid" 2>/dev/null || true
    done
}
trap 'stop_runs; _remove_work_dir' EXIT
mkdir "$WORK_DIR/tmp-postgis" "$WORK_DIR/tmp-spatialite"
say "${runs[0]} and ${runs[1]}, at the same time (each one's output follows when it ends)"
started=$SECONDS
"${test_env[@]}" TMPDIR="$WORK_DIR/tmp-postgis" DATABASE_URL="$postgis_url" \
    "$VENV/bin/pytest" "$@" >"$WORK_DIR/run-0.log" 2>&1 </dev/null &
run_pids+=("$!")
"${test_env[@]}" TMPDIR="$WORK_DIR/tmp-spatialite" \
    DATABASE_URL="spatialite:///$WORK_DIR/test.sqlite3" \
    "$VENV/bin/pytest" "$@" >"$WORK_DIR/run-1.log" 2>&1 </dev/null &
run_pids+=("$!")
# `wait -n -p` (bash 5.1, Debian 12 has 5.2): whichever run ends first is reported first.
pending=("${run_pids[@]}")
while [ "${#pending[@]}" -gt 0 ]; do
    status=0 ended=""
    wait -n -p ended "${pending[@]}" || status=$?
    for i in "${!run_pids[@]}"; do
        [ "${run_pids[$i]}" = "$ended" ] || continue
        run_status[i]=$status
        run_seconds[i]=$((SECONDS - started))
        say "${runs[$i]}: ended after ${run_seconds[$i]}s; its output:"
        cat "$WORK_DIR/run-$i.log"
    done
    still=()
    for pid in "${pending[@]}"; do
        [ "$pid" = "$ended" ] || still+=("$pid")
    done
    pending=("${still[@]}")
done
run_pids=()
for i in "${!runs[@]}"; do
    note "${runs[$i]}" "${run_status[$i]}" "${run_seconds[$i]}"
done
step "migrations match the models" "${test_env[@]}" \
    DATABASE_URL="spatialite:///$WORK_DIR/makemigrations.sqlite3" \
    "$PY" manage.py makemigrations --check --dry-run
step "ruff check" "$VENV/bin/ruff" check .
step "ruff format --check" "$VENV/bin/ruff" format --check .
step "djlint --check templates" "$VENV/bin/djlint" --check templates ./*/templates
# Medium and high severity findings only; a reviewed false positive carries `# nosec <id>`
# with the reason beside it.
step "bandit" "$VENV/bin/bandit" -q -r kompas accounts places initiatives conversations connections jewels stories obstacles moderation maps insight privacy attention demo -ll -x "*/migrations",tests
# Types, with django-stubs: its plugin reads kompas.typecheck_settings, so no SECRET_KEY.
step "mypy" env -u SECRET_KEY "$VENV/bin/mypy" .

say "Summary ($((SECONDS))s in all):"
printf '    %s\n' "${summary[@]}"
if [ "${#failed[@]}" -gt 0 ]; then
    warn "${#failed[@]} check(s) failed: ${failed[*]}"
    exit 1
fi
say "All checks passed"
