"""Signing in through the real forms: staff with their password, residents with the code
emailed to them (read from the files of Django's file mail backend)."""

from __future__ import annotations

import email
import re
import time
from pathlib import Path
from typing import cast
from urllib.parse import urlsplit

from browser import Browser, required_form


def sign_in_staff(browser: Browser, address: str, password: str) -> None:
    page = browser.get("/accounts/login/")
    form = required_form(page.text, "password")
    fields = {**form["fields"], "login": [address], "password": [password]}
    answer = browser.post("/accounts/login/", fields)
    if answer.status != 302:
        raise SystemExit(f"staff sign-in for {address} answered {answer.status}")


def sign_in_resident(browser: Browser, address: str, mail_dir: Path) -> None:
    page = browser.get("/accounts/login/code/")
    form = required_form(page.text, "email")
    before = set(mail_dir.glob("*"))
    answer = browser.post("/accounts/login/code/", {**form["fields"], "email": [address]})
    if answer.status != 302:
        raise SystemExit(f"asking a sign-in code for {address} answered {answer.status}")
    code = code_from_mail(mail_dir, before, address)
    confirm = urlsplit(answer.location).path
    form = required_form(browser.get(confirm).text, "code")
    answer = browser.post(confirm, {**form["fields"], "code": [code]})
    if answer.status != 302:
        raise SystemExit(f"confirming the code for {address} answered {answer.status}")


def code_from_mail(mail_dir: Path, before: set[Path], address: str) -> str:
    """The sign-in code in the newest mail to ``address`` (Django's file mail backend)."""
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        for path in sorted(set(mail_dir.glob("*")) - before):
            for chunk in path.read_bytes().split(b"-" * 79):
                if not chunk.strip():
                    continue
                message = email.message_from_bytes(chunk.lstrip())
                if address not in (message.get("To") or ""):
                    continue
                for part in message.walk():
                    if part.get_content_type() == "text/plain":
                        # A part that is not multipart decodes to bytes.
                        payload = cast(bytes, part.get_payload(decode=True))
                        body = payload.decode("utf-8", "replace")
                        found = re.search(r"^\s*([A-Z0-9]{4}-[A-Z0-9]{4})\s*$", body, re.M)
                        if found:
                            return found.group(1)
        time.sleep(0.2)
    raise SystemExit(f"no sign-in code reached {address}")
