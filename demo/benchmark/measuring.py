"""How ``manage.py benchmark`` measures: server time and queries of one request through
Django's test client (in-process, middleware included, without a network), and the
machine the figures come from."""

import contextlib
import os
import platform
import statistics
import time
from dataclasses import dataclass
from typing import cast

from django.db import connection
from django.http import HttpResponse
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import NoReverseMatch, reverse


@dataclass
class Timing:
    """Server time of repeated requests, in milliseconds."""

    median_ms: float
    p95_ms: float


def percentile(values: list[float], fraction: float) -> float:
    """The value below which ``fraction`` of ``values`` lie (the nearest one)."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def timing_of(client: Client, url: str, repeat: int, **headers) -> tuple[Timing, HttpResponse]:
    """Median and 95th percentile server time of ``repeat`` requests, and the last answer."""
    times: list[float] = []
    response = None
    for _run in range(repeat):
        started = time.perf_counter()
        response = client.get(url, secure=True, headers=headers)
        times.append((time.perf_counter() - started) * 1000)
    # The test client's responses are typed without their content; these are never streamed.
    return Timing(statistics.median(times), percentile(times, 0.95)), cast(HttpResponse, response)


def queries_of(client: Client, url: str) -> tuple[int, int]:
    """The queries of one request after a warm-up request, and its status code."""
    client.get(url, secure=True)  # warm: sessions, caches of Django itself
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, secure=True)
    return len(captured.captured_queries), response.status_code


def url_of(name: str, **kwargs) -> str | None:
    """The address of a named page, or None where this site has no such page."""
    try:
        return reverse(name, kwargs=kwargs or None)
    except NoReverseMatch:
        return None


def machine() -> str:
    """Cores, memory and operating system of the machine the figures come from."""
    memory = ""
    with contextlib.suppress(OSError, ValueError, IndexError), open("/proc/meminfo") as meminfo:
        memory = f", {int(meminfo.readline().split()[1]) / 1024 / 1024:.0f} GiB memory"
    system = platform.platform()
    with contextlib.suppress(OSError):
        system = platform.freedesktop_os_release()["PRETTY_NAME"]
    return f"{os.cpu_count()} cores{memory}, {system}, Python {platform.python_version()}"


def load() -> str:
    """The load average: timings on a machine busy with other work come out slower."""
    return " ".join(f"{value:.2f}" for value in os.getloadavg())


def kb(size: int) -> str:
    """A number of bytes in KB, for the report."""
    return f"{size / 1024:.1f} KB"
