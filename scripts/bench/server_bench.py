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
import gzip
import http.client
import json
import os
import random
import shutil
import subprocess
import sys
import time
import zlib
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from statistics import median
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts" / "drill"))
sys.path.insert(0, str(ROOT / "scripts" / "bench"))

import tools  # noqa: E402
from tools import markdown_table, verdict  # noqa: E402

HOST = "127.0.0.1"
STAFF_EMAIL = "ambtenaar@example.org"
# Aims of issue 11 (and issue 4 for the layer).
AIM_MEDIAN_MS = 100
AIM_P95_MS = 250
AIM_LAYER_GZIP = 150 * 1024
AIM_MAP_WEIGHT = 500 * 1024
BROWSER_ENCODING = "gzip, br"


def django_setup() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kompas.settings")
    import django

    django.setup()


def load_average() -> str:
    return " ".join(f"{value:.2f}" for value in os.getloadavg())


# --- What is measured -------------------------------------------------------------------


def targets() -> list[dict]:
    """Every page and layer measured: label, path, who asks (anonymous or staff). The
    layers are those the map element names, for an anonymous visitor and for staff."""
    from django.test import Client
    from django.test.utils import override_settings
    from django.urls import reverse

    from accounts.models import User
    from initiatives.models import Initiative
    from kompas.choices import InitiativeStatus

    example = (
        Initiative.objects.filter(status=InitiativeStatus.PUBLIC)
        .exclude(location=None)
        .order_by("pk")
        .first()
    )
    staff = User.objects.get(email=STAFF_EMAIL)
    layers = {}
    with override_settings(ALLOWED_HOSTS=["testserver"]):
        for who in ("anonymous", "staff"):
            client = Client()
            if who == "staff":
                client.force_login(staff)
            html = client.get(reverse("map")).content.decode()
            layers[who] = [
                urlsplit(url).path + (f"?{urlsplit(url).query}" if urlsplit(url).query else "")
                for kind, url in tools.page_resources(html, "http://testserver/kaart/")
                if kind == "geojson"
            ]
    found = [
        {"label": "home", "path": reverse("home"), "who": "anonymous"},
        {"label": "/kaart/", "path": reverse("map"), "who": "anonymous"},
        {"label": "/initiatieven/", "path": reverse("initiative_list"), "who": "anonymous"},
        {
            "label": "initiative page",
            "path": reverse("initiative_detail", kwargs={"slug": example.slug}),
            "who": "anonymous",
        },
    ]
    found += [{"label": path, "path": path, "who": "anonymous"} for path in layers["anonymous"]]
    found += [
        {"label": "/kaart/", "path": reverse("map"), "who": "staff"},
        {"label": "/gesprekken/nieuw/", "path": reverse("conversation_create"), "who": "staff"},
        {"label": "/inzicht/", "path": reverse("insight"), "who": "staff"},
    ]
    found += [{"label": path, "path": path, "who": "staff"} for path in layers["staff"]]
    return found


def count_queries(found: list[dict]) -> dict[str, int]:
    """Queries per request of each target, in-process (after a warm-up request)."""
    from django.test import Client
    from django.test.utils import override_settings

    from accounts.models import User
    from demo.management.commands.benchmark import _queries

    clients = {"anonymous": Client(), "staff": Client()}
    clients["staff"].force_login(User.objects.get(email=STAFF_EMAIL))
    counts = {}
    with override_settings(ALLOWED_HOSTS=["testserver"]):
        for target in found:
            number, status = _queries(clients[target["who"]], target["path"])
            counts[key(target)] = number if status == 200 else f"{number} (HTTP {status})"
    return counts


def key(target: dict) -> str:
    return f"{target['label']} ({target['who']})"


def data_size() -> dict[str, int]:
    from conversations.models import Conversation
    from initiatives.models import Initiative

    return {
        "initiatives": Initiative.objects.count(),
        "conversations": Conversation.objects.count(),
    }


# --- Over loopback ----------------------------------------------------------------------


def fetch(port: int, path: str, cookie: str = "", encoding: str = "gzip") -> tuple:
    """One GET on a new connection (gunicorn's sync workers close each one):
    (milliseconds, status, headers, body as sent)."""
    headers = {
        "Host": f"{HOST}:{port}",
        "Accept-Language": "nl-NL,nl;q=0.9",
        "Accept-Encoding": encoding,
        "User-Agent": "kompas-benchmark",
    }
    if cookie:
        headers["Cookie"] = cookie
    started = time.perf_counter()
    connection = http.client.HTTPConnection(HOST, port, timeout=60)
    try:
        connection.request("GET", path, headers=headers)
        response = connection.getresponse()
        body = response.read()
    finally:
        connection.close()
    elapsed = (time.perf_counter() - started) * 1000
    return elapsed, response.status, {k.lower(): v for k, v in response.getheaders()}, body


def decoded(headers: dict, body: bytes) -> bytes:
    encoding = headers.get("content-encoding", "")
    if encoding == "gzip":
        return gzip.decompress(body)
    if encoding == "deflate":
        return zlib.decompress(body)
    if encoding == "br":
        import brotli  # only when whitenoise has brotli files, which needs the package

        return brotli.decompress(body)
    return body


def sequential(port: int, found: list[dict], cookies: dict, repeat: int) -> dict[str, dict]:
    """Median and p95 of ``repeat`` sequential requests per target, after 3 warm-up ones."""
    figures = {}
    for target in found:
        cookie = cookies[target["who"]]
        for _warm in range(3):
            fetch(port, target["path"], cookie)
        times, statuses, size = [], set(), 0
        for _run in range(repeat):
            elapsed, status, headers, body = fetch(port, target["path"], cookie)
            times.append(elapsed)
            statuses.add(status)
            size = len(body)
            raw = len(decoded(headers, body))
        figures[key(target)] = {
            "median": median(times),
            "p95": tools.percentile(times, 0.95),
            "status": "/".join(str(status) for status in sorted(statuses)),
            "bytes": size,
            "raw": raw,
        }
    return figures


def wrk(url: str, cookie: str, connections: int, seconds: int, threads: int) -> tools.WrkRun:
    command = [
        "wrk",
        f"--threads={threads}",
        f"--connections={connections}",
        f"--duration={seconds}s",
        "--timeout=10s",
        "--script",
        str(ROOT / "scripts" / "bench" / "wrk_report.lua"),
        "--header",
        "Accept-Encoding: gzip",
        "--header",
        "Accept-Language: nl-NL,nl;q=0.9",
    ]
    if cookie:
        command += ["--header", f"Cookie: {cookie}"]
    output = subprocess.run(
        [*command, url], capture_output=True, text=True, timeout=seconds + 60, check=True
    ).stdout
    return tools.parse_wrk(output)


def users(
    port: int, path: str, cookie: str, count: int, think_ms: tuple[int, int], seconds: int
) -> tools.WrkRun:
    """``count`` people asking for ``path`` for ``seconds``: each waits a think time, uniform
    between the bounds of ``think_ms``, before each request, then connects and asks, as a
    browser does after a click. Latency from connecting to the last byte of the answer.

    Not wrk's delay() hook: wrk's latency does leave the delay out (in wrk.c,
    socket_writeable() only sets c->start once the delay's timer has fired), but wrk opens
    the next connection as soon as gunicorn closes the last one and waits on it, open and
    idle. A sync worker accepts it and blocks reading it for the whole think time. Against
    5 workers and an app that takes 2 ms, 20 such connections of wrk 4.1 gave a median of
    3 ms but a p95 of 890 ms: a measure of idle sockets, which nginx (the README's set-up)
    or a browser that connects when it has something to ask would not leave with a worker."""
    deadline = time.monotonic() + seconds

    def one_user(_number: int) -> tuple[list[float], int, int]:
        thinking = random.Random()
        times, bad_status, errors = [], 0, 0
        while True:
            think = thinking.uniform(*think_ms) / 1000
            if time.monotonic() + think >= deadline:
                return times, bad_status, errors
            time.sleep(think)
            try:
                elapsed, status, _headers, _body = fetch(port, path, cookie)
            except (OSError, http.client.HTTPException):
                errors += 1
                continue
            times.append(elapsed)
            # As wrk counts them: 4xx and 5xx.
            bad_status += status > 399

    started = time.monotonic()
    with ThreadPoolExecutor(max_workers=count) as pool:
        results = list(pool.map(one_user, range(count)))
    ran = time.monotonic() - started
    times = [elapsed for user_times, _bad, _errors in results for elapsed in user_times]
    return tools.WrkRun(
        requests=len(times),
        seconds=ran,
        errors=sum(errors for _times, _bad, errors in results),
        bad_status=sum(bad for _times, bad, _errors in results),
        p50_ms=tools.percentile(times, 0.5) if times else float("inf"),
        p95_ms=tools.percentile(times, 0.95) if times else float("inf"),
        p99_ms=tools.percentile(times, 0.99) if times else float("inf"),
        max_ms=max(times, default=float("inf")),
    )


def one_after_the_other(measured: list[dict], measure) -> tuple[dict, dict]:
    """``measure(target)`` for each target in turn: its result, and the machine's 1-minute
    load average right after it (the machine is shared), per target."""
    results, busy = {}, {}
    for target in measured:
        results[key(target)] = measure(target)
        busy[key(target)] = os.getloadavg()[0]
        time.sleep(1)
    return results, busy


def page_weight(port: int, path: str) -> list[dict]:
    """What a first visit to ``path`` costs, compressed as sent to a browser that accepts
    gzip and brotli: the HTML and every resource it names (tiles are off), and separately
    the files the stylesheets point at (fetched only when a rule uses them)."""
    origin = f"http://{HOST}:{port}"
    _ms, status, headers, body = fetch(port, path, encoding=BROWSER_ENCODING)
    if status != 200:
        raise SystemExit(f"{path} answered {status}")
    rows = [
        {
            "kind": "html",
            "url": path,
            "sent": len(body),
            "raw": len(decoded(headers, body)),
            "encoding": headers.get("content-encoding", "-"),
            "counted": True,
        }
    ]
    html = decoded(headers, body).decode()
    seen = {path}
    for kind, url in tools.page_resources(html, origin + path):
        if not tools.same_origin(url, origin):
            rows.append(
                {
                    "kind": kind,
                    "url": url,
                    "sent": 0,
                    "raw": 0,
                    "encoding": "elsewhere",
                    "counted": False,
                }
            )
            continue
        local = url[len(origin) :]
        _ms, status, headers, body = fetch(port, local, encoding=BROWSER_ENCODING)
        content = decoded(headers, body)
        rows.append(
            {
                "kind": kind,
                "url": local,
                "sent": len(body),
                "raw": len(content),
                "encoding": headers.get("content-encoding", "-"),
                "counted": True,
                "status": status,
            }
        )
        seen.add(local)
        if kind == "css":
            for asset in tools.css_urls(content.decode("utf-8", "replace"), url):
                asset_path = asset[len(origin) :]
                if not tools.same_origin(asset, origin) or asset_path in seen:
                    continue
                seen.add(asset_path)
                _ms, status, headers, body = fetch(port, asset_path, encoding=BROWSER_ENCODING)
                rows.append(
                    {
                        "kind": "from css",
                        "url": asset_path,
                        "sent": len(body),
                        "raw": len(decoded(headers, body)),
                        "encoding": headers.get("content-encoding", "-"),
                        "counted": False,
                        "status": status,
                    }
                )
    return rows


def kb(size: int) -> str:
    return f"{size / 1024:.1f} KB"


# --- The two phases ---------------------------------------------------------------------


def phase_queries(options) -> int:
    django_setup()
    found = targets()
    result = {"size": data_size(), "counts": count_queries(found)}
    Path(options.out).write_text(json.dumps(result, indent=1))
    print(
        f"Query counts measured in-process at {result['size']['initiatives']} initiatives, "
        f"{result['size']['conversations']} conversations"
    )
    return 0


def phase_run(options) -> int:
    django_setup()
    from fault_drill import Browser, sign_in_staff, start_gunicorn, stop_gunicorn

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


def within_aim(run: tools.WrkRun) -> bool:
    """The speed aim of issue 11, for one load run: no failed answers either."""
    return (
        run.p50_ms <= AIM_MEDIAN_MS
        and run.p95_ms <= AIM_P95_MS
        and not run.errors
        and not run.bad_status
    )


def within_or_not(pages: list[dict], slow: list[str]) -> str:
    """How many pages are within the aim, naming the shorter of the two lists."""
    within = [key(t) for t in pages if key(t) not in slow]
    summary = f"{len(within)} of {len(pages)} within"
    if not slow:
        return summary
    if len(within) < len(slow):
        return f"{summary}: " + (", ".join(within) or "none")
    return f"{summary}; not: " + ", ".join(slow)


def report(
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
) -> None:
    say = print
    say()
    say(f"Load average at the end of the load runs: {load_after['end']}")
    say()
    say(
        f"### Server time, sequential ({options.repeat} requests each, one at a time, new "
        "connection each, `Accept-Encoding: gzip`), and queries per request"
    )
    say()
    rows = []
    for target in references + found:
        name = key(target)
        figures = serial[name]
        small_count = small["counts"].get(name, "-") if target in found else "-"
        large_count = large_counts.get(name, "-") if target in found else "-"
        rows.append(
            [
                target["label"],
                target["who"],
                figures["status"],
                f"{figures['median']:.1f}",
                f"{figures['p95']:.1f}",
                kb(figures["bytes"]),
                str(small_count),
                str(large_count),
            ]
        )
    say(
        markdown_table(
            [
                "page",
                "as",
                "HTTP",
                "median ms",
                "p95 ms",
                "sent",
                f"queries at {small['size']['initiatives']}",
                f"at {size['initiatives']}",
            ],
            rows,
        )
    )

    say()
    say(f"### Under load: {options.connections} connections with no pause (throughput)")
    say()
    say(
        f"wrk, {options.duration} s per page, {options.workers} gunicorn workers: each "
        "connection asks again the moment it has its answer, so this shows how many "
        "requests per second the site serves, not what a visitor waits."
    )
    say()
    static_rps = loaded[key(references[0])].per_second
    minimal_rps = loaded[key(references[1])].per_second
    rows = []
    for target in references + found:
        run = loaded[key(target)]
        rows.append(
            [
                target["label"],
                target["who"],
                f"{run.per_second:.1f}",
                f"{run.p50_ms:.0f}",
                f"{run.p95_ms:.0f}",
                f"{run.p99_ms:.0f}",
                f"{run.errors}/{run.bad_status}",
                f"{load_after['per_target'][key(target)]:.1f}",
                f"{run.per_second / static_rps:.3f}" if static_rps else "-",
                f"{run.per_second / minimal_rps:.2f}" if minimal_rps else "-",
            ]
        )
    say(
        markdown_table(
            [
                "page",
                "as",
                "requests/s",
                "median ms",
                "p95 ms",
                "p99 ms",
                "errors/bad status",
                "load after",
                "÷ static",
                "÷ minimal view",
            ],
            rows,
        )
    )

    think = f"{options.think_min / 1000:g}\N{EN DASH}{options.think_max / 1000:g} s"
    say()
    say(f"### {options.connections} users, each waiting {think} between requests")
    say()
    say(
        f"{options.users_duration} s per page, {options.workers} gunicorn workers: each user "
        f"waits a random time between {options.think_min} and {options.think_max} ms, then "
        "connects and asks (the wait is not in the latency). The aim is judged here."
    )
    say()
    rows = []
    for target in references + found:
        run = with_users[key(target)]
        rows.append(
            [
                target["label"],
                target["who"],
                str(run.requests),
                f"{run.per_second:.1f}",
                f"{run.p50_ms:.1f}",
                f"{run.p95_ms:.1f}",
                f"{run.p99_ms:.1f}",
                f"{run.errors}/{run.bad_status}",
                f"{load_after['users'][key(target)]:.1f}",
                verdict(within_aim(run)) if target in found else "(reference)",
            ]
        )
    say(
        markdown_table(
            [
                "page",
                "as",
                "requests",
                "requests/s",
                "median ms",
                "p95 ms",
                "p99 ms",
                "errors/bad status",
                "load after",
                f"median ≤ {AIM_MEDIAN_MS}, p95 ≤ {AIM_P95_MS}",
            ],
            rows,
        )
    )
    bad_sessions = {name: status for name, status in after.items() if status != 200}
    say()
    if bad_sessions:
        say(f"Signed-in pages after the runs answered {bad_sessions}: the session did not hold.")
    else:
        say("Signed-in pages still answered 200 after the runs (the session held).")

    say()
    say("### Weight of the map page on a first visit (`Accept-Encoding: gzip, br`, tiles off)")
    say()
    rows = [
        [row["kind"], row["url"], row["encoding"], kb(row["sent"]), kb(row["raw"])]
        for row in weight
        if row["counted"]
    ]
    total = sum(row["sent"] for row in weight if row["counted"])
    raw_total = sum(row["raw"] for row in weight if row["counted"])
    rows.append(["total", "", "", f"**{kb(total)}**", kb(raw_total)])
    say(markdown_table(["kind", "resource", "encoding", "sent", "uncompressed"], rows))
    extra = [row for row in weight if not row["counted"]]
    if extra:
        say()
        say(
            "Files the stylesheets refer to (fetched only when a rule on the page uses them; "
            "not in the total):"
        )
        say()
        say(
            markdown_table(
                ["kind", "resource", "encoding", "sent"],
                [[row["kind"], row["url"], row["encoding"], kb(row["sent"])] for row in extra],
            )
        )
        say()
        say(f"With all of them: {kb(total + sum(row['sent'] for row in extra))}.")

    say()
    say("### Aims")
    say()
    slow = [key(t) for t in found if not within_aim(with_users[key(t)])]
    slow_without_pause = [key(t) for t in found if not within_aim(loaded[key(t)])]
    layer_rows = [
        (key(t), serial[key(t)]["bytes"])
        for t in found
        if t["path"].startswith("/kaart/lagen/initiatieven.geojson")
    ]
    grown = [
        f"{name}: {small['counts'].get(name)} → {count}"
        for name, count in large_counts.items()
        if small["counts"].get(name) != count
    ]
    rows = [
        [
            f"every page median ≤ {AIM_MEDIAN_MS} ms and p95 ≤ {AIM_P95_MS} ms at "
            f"{options.connections} users waiting {think} between requests",
            verdict(not slow),
            within_or_not(found, slow),
        ],
        [
            f"the same at {options.connections} connections with no pause",
            "(information)",
            within_or_not(found, slow_without_pause),
        ],
        [
            f"initiatives layer at {size['initiatives']} initiatives ≤ 150 KB gzip",
            verdict(all(size_ <= AIM_LAYER_GZIP for _name, size_ in layer_rows)),
            ", ".join(f"{name} {kb(size_)}" for name, size_ in layer_rows),
        ],
        ["map page on a first visit ≤ 500 KB", verdict(total <= AIM_MAP_WEIGHT), kb(total)],
        [
            f"no query count grows from {small['size']['initiatives']} to "
            f"{size['initiatives']} initiatives",
            verdict(not grown),
            "; ".join(grown) or "all the same",
        ],
    ]
    say(markdown_table(["aim", "", "figures"], rows))


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
