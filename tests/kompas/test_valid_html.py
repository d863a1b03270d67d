"""Every page type, as every role that may open it, passes the Nu HTML Checker (vnu)
with zero errors.

The checker (npm's vnu-jar, on Debian's Java) runs once per test session as a local web
service on the loopback address; each page is posted to it.
"""

import json
import shutil
import socket
import subprocess
import time
import urllib.request
from pathlib import Path

import pytest
from django.conf import settings

from tests.pages import build_url, is_html, page_types, roles_that_see, sign_in

pytestmark = pytest.mark.django_db

VNU_JAR = Path(settings.BASE_DIR) / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="session")
def checker():
    """The address of a running Nu HTML Checker, stopped again after the session."""
    java = shutil.which("java")
    if java is None or not VNU_JAR.exists():
        pytest.fail("The Nu HTML Checker needs Java and node_modules/vnu-jar: run scripts/test.sh.")
    port = free_port()
    service = subprocess.Popen(
        [
            java,
            "-Xss1m",
            "-cp",
            str(VNU_JAR),
            "-Dnu.validator.servlet.bind-address=127.0.0.1",
            "nu.validator.servlet.Main",
            str(port),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    address = f"http://127.0.0.1:{port}/?out=json"
    deadline = time.monotonic() + 60
    while True:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                break
        except OSError:
            if service.poll() is not None or time.monotonic() > deadline:
                service.kill()
                pytest.fail("The Nu HTML Checker did not start.")
            time.sleep(0.2)
    yield address
    service.terminate()
    service.wait(timeout=10)


def as_document(html: bytes) -> bytes:
    """A fragment fetched by the page's own script (search results, a map popup) is
    checked inside a minimal document, as it will be shown."""
    if html.lstrip()[:15].lower() == b"<!doctype html>":
        return html
    return (
        b'<!DOCTYPE html><html lang="nl"><head><meta charset="utf-8"><title>fragment</title>'
        b"</head><body>" + html + b"</body></html>"
    )


def errors_in(checker: str, html: bytes) -> list[str]:
    """What the checker calls an error in the page, one line each."""
    request = urllib.request.Request(
        checker, data=html, headers={"Content-Type": "text/html; charset=utf-8"}
    )
    with urllib.request.urlopen(request, timeout=60) as answer:
        messages = json.load(answer)["messages"]
    return [
        f"line {message.get('lastLine')}: {message['message']} ({message.get('extract', '')!r})"
        for message in messages
        if message["type"] == "error" or message.get("subType") == "fatal"
    ]


@pytest.mark.parametrize("name", page_types())
def test_every_page_is_valid_html(checker, client, make_user, name):
    url = build_url(name)
    for role in roles_that_see(name):
        response = sign_in(client, make_user, role).get(url)
        assert response.status_code == 200, f"{role} on {url}"
        if not is_html(response):
            continue
        errors = errors_in(checker, as_document(response.content))
        assert errors == [], f"{url} as {role}:\n" + "\n".join(errors)
