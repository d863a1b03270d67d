"""The driver of scripts/benchmark.sh: the site under gunicorn with DEBUG off, measured.

scripts/benchmark.sh starts it with the site's environment (a private PostgreSQL with the
demo, static files collected, KOMPAS_ROOT_URLCONF=kompas.benchmark_urls), twice:

  server_bench.py queries --out FILE   after load_demo (small): query counts, in-process
  server_bench.py run --small FILE ... after load_demo --size large: query counts again,
                                       then gunicorn, sequential server times, wrk at
                                       20 connections with no pause, 20 users who wait
                                       1 to 3 s between requests, the weight of the map
                                       page, and the report with each aim met or not

Query counts are measured in-process with CaptureQueriesContext, as
``manage.py benchmark`` does (its helpers are reused). Everything else goes over loopback
to gunicorn. Prints figures; exits 0 unless the set-up fails (it is a measurement).
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts" / "drill"))
sys.path.insert(0, str(ROOT / "scripts" / "bench"))

from bench_measuring import (  # noqa: E402
    HOST,
    STAFF_EMAIL,
    count_queries,
    data_size,
    fetch,
    key,
    one_after_the_other,
    page_weight,
    sequential,
    targets,
    users,
    wrk,
)
from bench_report import report  # noqa: E402


def django_setup() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kompas.settings")
    import django

    django.setup()


def load_average() -> str:
    return " ".join(f"{value:.2f}" for value in os.getloadavg())


# --- The two phases ---------------------------------------------------------------------


def phase_queries(options) -> int:
    django_setup()
    found = targets()
    size = data_size()
    result = {"size": size, "counts": count_queries(found)}
    Path(options.out).write_text(json.dumps(result, indent=1))
    print(
        f"Query counts measured in-process at {size['initiatives']} initiatives, "
        f"{size['conversations']} conversations"
    )
    return 0


def phase_run(options) -> int:
    django_setup()
    from browser import Browser
    from gunicorn_server import start_gunicorn, stop_gunicorn
    from sign_in import sign_in_staff

    from demo.people import DEMO_PASSWORD
    from kompas.benchmark_urls import MINIMAL_PATH

    say = print
    small = json.loads(Path(options.small).read_text())
    found = targets()
    size = data_size()
    large_counts = count_queries(found)
    say(f"Data: {size['initiatives']} initiatives, {size['conversations']} conversations")

    say(f"Starting gunicorn kompas.wsgi: {options.workers} sync workers on {HOST}:{options.port}")
    server = start_gunicorn(options.port, options.workers, Path(options.log))
    try:
        browser = Browser(options.port)
        sign_in_staff(browser, STAFF_EMAIL, DEMO_PASSWORD)
        cookies = {
            "anonymous": "",
            "staff": "; ".join(f"{name}={value}" for name, value in browser.cookies.items()),
        }
        say(f"Signed in {STAFF_EMAIL} through the sign-in form; load average {load_average()}")

        weight = page_weight(options.port, "/kaart/")
        stylesheet = next(row["url"] for row in weight if row["kind"] == "css")
        references = [
            {"label": f"static file {stylesheet}", "path": stylesheet, "who": "anonymous"},
            {"label": "minimal Django view", "path": "/" + MINIMAL_PATH, "who": "anonymous"},
        ]

        say(f"Sequential requests: {options.repeat} per target; load average {load_average()}")
        serial = sequential(options.port, references + found, cookies, options.repeat)

        say(
            f"wrk: {options.connections} connections with no pause, {options.threads} threads, "
            f"{options.duration} s per target; load average {load_average()}"
        )
        loaded, busy = one_after_the_other(
            references + found,
            lambda target: wrk(
                f"http://{HOST}:{options.port}{target['path']}",
                cookies[target["who"]],
                options.connections,
                options.duration,
                options.threads,
            ),
        )
        say(
            f"Users: {options.connections}, each waiting {options.think_min} to "
            f"{options.think_max} ms before each request, {options.users_duration} s per target; "
            f"load average {load_average()}"
        )
        with_users, users_busy = one_after_the_other(
            references + found,
            lambda target: users(
                options.port,
                target["path"],
                cookies[target["who"]],
                options.connections,
                (options.think_min, options.think_max),
                options.users_duration,
            ),
        )
        # A redirect to the sign-in page would look fast: the session must still hold.
        after = {
            key(t): fetch(options.port, t["path"], cookies[t["who"]])[1]
            for t in found
            if t["who"] == "staff"
        }
        load_after = {"end": load_average(), "per_target": busy, "users": users_busy}
    finally:
        stop_gunicorn(server)

    report(
        options,
        size,
        small,
        large_counts,
        found,
        references,
        serial,
        loaded,
        with_users,
        after,
        weight,
        load_after,
    )
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    phases = parser.add_subparsers(dest="phase", required=True)
    queries = phases.add_parser("queries", help="query counts in-process, into a file")
    queries.add_argument("--out", required=True)
    run = phases.add_parser("run", help="gunicorn, timings, load, weight, report")
    run.add_argument("--small", required=True, help="the file of the queries phase")
    run.add_argument("--port", type=int, required=True)
    run.add_argument("--log", required=True, help="gunicorn's log")
    run.add_argument("--workers", type=int, default=2 * (os.cpu_count() or 1) + 1)
    run.add_argument("--repeat", type=int, default=50, help="sequential requests per target")
    run.add_argument("--connections", type=int, default=20, help="wrk's, and the users")
    run.add_argument("--threads", type=int, default=2, help="wrk's threads")
    run.add_argument("--duration", type=int, default=20, help="seconds of wrk per target")
    run.add_argument(
        "--think-min", type=int, default=1000, help="a user's shortest wait before a request, ms"
    )
    run.add_argument(
        "--think-max", type=int, default=3000, help="a user's longest wait before a request, ms"
    )
    run.add_argument(
        "--users-duration", type=int, default=30, help="seconds of the users per target"
    )
    options = parser.parse_args()
    if options.phase == "run" and not shutil.which("wrk"):
        raise SystemExit("wrk is not installed (Debian: apt-get install wrk)")
    started = datetime.datetime.now(datetime.UTC)
    status = phase_queries(options) if options.phase == "queries" else phase_run(options)
    seconds = (datetime.datetime.now(datetime.UTC) - started).total_seconds()
    print(f"({options.phase} took {seconds:.0f} s)")
    return status


if __name__ == "__main__":
    sys.exit(main())
