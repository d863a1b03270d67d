"""What happened in the fault drill: every request recorded with what its answer was
(success, the 503 page, a traceback), and what it wrote."""

from __future__ import annotations

import http.client
import threading
import time
import uuid
from dataclasses import dataclass, field

from browser import Browser

# What only the 503 page of DatabaseUnavailableMiddleware carries, and its heading.
PAGE_MARK = 'data-kompas-page="database-unavailable"'
PAGE_HEADING = "Kompas is back in a moment"
TRACEBACK_MARKS = ("Traceback (most recent call last)", 'File "/', "django.db.utils.")


@dataclass
class Record:
    """One request of the drill and what its answer was."""

    who: str
    method: str
    path: str
    started: float
    ended: float
    status: int
    ok: bool
    unavailable_page: bool = False
    retry_after: bool = False
    traceback: bool = False
    dutch: bool = False
    write: str = ""  # "story" or "conversation" for a POST that writes
    marker: str = ""  # the unique title or text the write carried
    note: str = ""


@dataclass
class Drill:
    """A drill under way: the site's port, when the load ends, and every request so far."""

    port: int
    deadline: float
    # The 503 page's heading as the nl catalogue has it (the msgid until it is translated).
    dutch_heading: str = PAGE_HEADING
    records: list[Record] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)
    run_id: str = field(default_factory=lambda: uuid.uuid4().hex[:8])

    def record(self, record: Record) -> None:
        with self.lock:
            self.records.append(record)

    def visit(self, browser: Browser, who: str, method: str, path: str, fields=None, **write):
        """One request, recorded; returns the answer, or None when none came."""
        started = time.monotonic()
        try:
            answer = browser.get(path) if method == "GET" else browser.post(path, fields)
        except (OSError, http.client.HTTPException) as error:
            self.record(
                Record(who, method, path, started, time.monotonic(), 0, False, note=repr(error))
            )
            return None
        ended = time.monotonic()
        # A write succeeds with its redirect to what was saved; one to the sign-in page
        # would mean the session was lost.
        if write:
            success = answer.status == 302 and not answer.location.startswith("/accounts/")
        else:
            success = answer.status == 200
        self.record(
            Record(
                who,
                method,
                path,
                started,
                ended,
                answer.status,
                success,
                unavailable_page=PAGE_MARK in answer.text,
                retry_after=answer.headers.get("retry-after", "").isdigit(),
                traceback=any(mark in answer.text for mark in TRACEBACK_MARKS),
                dutch='<html lang="nl"' in answer.text and self.dutch_heading in answer.text,
                note="" if success else answer.text[:300].replace("\n", " "),
                **write,
            )
        )
        return answer
