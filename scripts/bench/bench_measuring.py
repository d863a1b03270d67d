"""What the benchmark measures and how: the pages and layers measured, their queries
in-process, and over loopback to gunicorn their server time one at a time, under wrk,
with users who wait between requests, and the weight of a page on a first visit."""

from __future__ import annotations

import gzip
import http.client
import os
import random
import subprocess
import time
import zlib
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from statistics import median
from urllib.parse import urlsplit

import tools

ROOT = Path(__file__).resolve().parents[2]
HOST = "127.0.0.1"
STAFF_EMAIL = "ambtenaar@example.org"
BROWSER_ENCODING = "gzip, br"


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
        .earliest("pk")
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


def count_queries(found: list[dict]) -> dict[str, int | str]:
    """Queries per request of each target, in-process (after a warm-up request)."""
    from django.test import Client
    from django.test.utils import override_settings

    from accounts.models import User
    from demo.benchmark.measuring import queries_of

    clients = {"anonymous": Client(), "staff": Client()}
    clients["staff"].force_login(User.objects.get(email=STAFF_EMAIL))
    counts: dict[str, int | str] = {}
    with override_settings(ALLOWED_HOSTS=["testserver"]):
        for target in found:
            number, status = queries_of(clients[target["who"]], target["path"])
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
        times: list[float] = []
        bad_status, errors = 0, 0
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
