#!/usr/bin/env bash
# The benchmark under gunicorn and load: how fast is Kompas with the large demo, as a site
# with DEBUG off would serve it? (docs/performance.md, "Under gunicorn and load".)
#
# On a private, throwaway PostgreSQL with PostGIS (removed again on exit) it migrates,
# collects the static files, loads the small demo and counts the queries of each page
# in-process, then times `load_demo --size large --force` (10,000 initiatives, 100,000
# conversations: a few minutes) and, with scripts/bench/server_bench.py:
#   - counts the queries again (they must not grow with the data);
#   - starts gunicorn (kompas.wsgi, DEBUG off, a throwaway SECRET_KEY, 127.0.0.1 only,
#     2 x cores + 1 workers) with KOMPAS_ROOT_URLCONF=kompas.benchmark_urls, which adds one
#     minimal view to compare pages with;
#   - times each page and layer with sequential requests, anonymous and signed in as the
#     demo civil servant (through the sign-in form);
#   - loads each with wrk (20 connections with no pause, 20 s each, loopback only: the
#     throughput) beside two references: a static file served by whitenoise and the
#     minimal view;
#   - then has 20 users ask for each, references too, 30 s each: every user waits 1 to 3 s
#     before each request (a person reading), then connects and asks; the speed aim is
#     judged on these;
#   - weighs the map page on a first visit, compressed as sent.
# It prints tables with each aim met or not met and exits 0: it is a measurement, not a
# test. It fails only when the set-up fails. Not part of scripts/test.sh: about 20 to 25
# minutes on 2 cores.
#
#   ./scripts/benchmark.sh                           everything
#   ./scripts/benchmark.sh --duration 10 --repeat 30 options go to server_bench.py run
#   ./scripts/benchmark.sh --users-duration 60 --think-min 500 --think-max 5000
#   DRILL_SKIP_INSTALL=1 ./scripts/benchmark.sh      on a machine run.sh or test.sh set up
#   BENCHMARK_DEMO_SIZE=small ./scripts/benchmark.sh --duration 2 --repeat 5 \
#       --users-duration 5                           a quick check of the script itself
set -euo pipefail
# shellcheck source=scripts/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
# shellcheck source=scripts/drill/common.sh
source "$KOMPAS_ROOT/scripts/drill/common.sh"
cd "$KOMPAS_ROOT"

drill_install
ensure_debian_packages wrk

start_work_dir benchmark

database=kompas_benchmark
started=$SECONDS
printf 'machine: %s cores, %s RAM, load average %s; %s; commit %s\n' "$(nproc)" \
    "$(free -h | awk '/^Mem:/ {print $2}')" "$(cut -d' ' -f1-3 /proc/loadavg)" \
    "$(date -u '+%Y-%m-%d %H:%M UTC')" "$(git describe --always --dirty 2>/dev/null || echo unknown)"
drill_start_postgres
printf 'PostgreSQL %s\n' "$("$(pg_bindir)/postgres" --version | awk '{print $3}')"
drill_prepare_site "$WORK_DIR" "$database"
DRILL_ENV+=(KOMPAS_ROOT_URLCONF=kompas.benchmark_urls)
"${DRILL_ENV[@]}" "$PY" scripts/bench/server_bench.py queries --out "$WORK_DIR/small.json"

if [ "${BENCHMARK_DEMO_SIZE:-large}" = large ]; then
    say "load_demo --size large --force (load average $(cut -d' ' -f1-3 /proc/loadavg))"
    load_started=$SECONDS
    "${DRILL_ENV[@]}" "$PY" manage.py load_demo --size large --force >"$WORK_DIR/load_large.log"
    printf 'load_demo --size large took %ss (load average after: %s)\n' \
        "$((SECONDS - load_started))" "$(cut -d' ' -f1-3 /proc/loadavg)"
else
    warn "BENCHMARK_DEMO_SIZE=${BENCHMARK_DEMO_SIZE}: no large demo; the figures say little"
fi

"${DRILL_ENV[@]}" "$PY" scripts/bench/server_bench.py run --small "$WORK_DIR/small.json" \
    --port "$(free_port)" --log "$WORK_DIR/gunicorn.log" "$@"
printf 'The whole benchmark took %ss.\n' "$((SECONDS - started))"
