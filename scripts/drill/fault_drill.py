"""The fault drill's driver; scripts/drill.sh starts it with the site's environment, on a
private PostgreSQL that it may stop and start.

1. Creates a few residents, each with an initiative, and a few staff (through the services).
2. Runs the site under gunicorn (DEBUG off, loopback only) and signs everyone in through
   the real forms: staff with their password, residents with the code emailed to them
   (read from the mail files).
3. For --duration seconds, residents add stories to their initiative and staff write down
   conversations, through the real forms with CSRF, while PostgreSQL is stopped for
   --outage seconds in the middle (pg_ctl stop -m fast, then start).
4. Reports, and exits non-zero when an aim is missed:
   - every answer that was not a success came while the database was away (or in the
     recovery) and was a 503 with the site's page and a Retry-After: never a 500, never a
     traceback, never another error;
   - the site recovered within --recovery-limit seconds of the database being back: every
     request begun after that succeeded;
   - every write answered with success is in the database afterwards.
"""

from __future__ import annotations

import argparse
import email
import http.client
import http.cookies
import os
import random
import re
import subprocess
import sys
import threading
import time
import uuid
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlencode, urlsplit

ROOT = Path(__file__).resolve().parents[2]
HOST = "127.0.0.1"
# What only the 503 page of DatabaseUnavailableMiddleware carries, and its heading.
PAGE_MARK = 'data-kompas-page="database-unavailable"'
PAGE_HEADING = "Kompas is back in a moment"
TRACEBACK_MARKS = ("Traceback (most recent call last)", 'File "/', "django.db.utils.")


# --- A visitor's browser ----------------------------------------------------------------


@dataclass
class Answer:
    status: int
    headers: dict[str, str]
    text: str
    location: str = ""


class Browser:
    """One visitor: its own cookies, a new connection per request, no redirects followed
    (a write's success is its redirect)."""

    def __init__(self, port: int):
        self.port = port
        self.origin = f"http://{HOST}:{port}"
        self.cookies: dict[str, str] = {}

    def get(self, path: str) -> Answer:
        return self.request("GET", path)

    def post(self, path: str, fields: dict[str, list[str]]) -> Answer:
        return self.request("POST", path, urlencode(fields, doseq=True))

    def request(self, method: str, path: str, body: str | None = None) -> Answer:
        headers = {
            "Host": f"{HOST}:{self.port}",
            "Accept-Language": "nl-NL,nl;q=0.9",
            "User-Agent": "kompas-fault-drill",
        }
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        if body is not None:
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["Origin"] = self.origin
            headers["Referer"] = self.origin + path
        connection = http.client.HTTPConnection(HOST, self.port, timeout=60)
        try:
            connection.request(method, path, body, headers)
            response = connection.getresponse()
            raw = response.read()
            answer_headers = {name.lower(): value for name, value in response.getheaders()}
            for name, value in response.getheaders():
                if name.lower() == "set-cookie":
                    self._keep_cookie(value)
        finally:
            connection.close()
        location = answer_headers.get("location", "")
        return Answer(response.status, answer_headers, raw.decode("utf-8", "replace"), location)

    def _keep_cookie(self, header: str) -> None:
        jar = http.cookies.SimpleCookie()
        jar.load(header)
        for name, morsel in jar.items():
            if morsel.value == "" or morsel["max-age"] == "0":
                self.cookies.pop(name, None)
            else:
                self.cookies[name] = morsel.value


class FormReader(HTMLParser):
    """The forms of a page with what a browser would send: every named input, textarea and
    select with its value (checked boxes, the chosen option, the checked radio); no buttons
    or files. Selects also list their options."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms: list[dict] = []
        self._form: dict | None = None
        self._textarea: tuple[str, list[str]] | None = None
        self._select: dict | None = None

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "form":
            self._form = {"action": attributes.get("action") or "", "fields": {}, "options": {}}
            self.forms.append(self._form)
            return
        if self._form is None:
            return
        name = attributes.get("name")
        fields = self._form["fields"]
        if tag == "input" and name:
            kind = (attributes.get("type") or "text").lower()
            value = attributes.get("value") or ""
            if kind in {"submit", "button", "image", "reset", "file"}:
                return
            if kind in {"checkbox", "radio"}:
                if "checked" in attributes:
                    if kind == "radio":
                        fields[name] = [value or "on"]
                    else:
                        fields.setdefault(name, []).append(value or "on")
                return
            fields.setdefault(name, []).append(value)
        elif tag == "textarea" and name:
            self._textarea = (name, [])
        elif tag == "select" and name:
            self._select = {"name": name, "chosen": None}
            self._form["options"][name] = []
        elif tag == "option" and self._select is not None:
            value = attributes.get("value") or ""
            self._form["options"][self._select["name"]].append(value)
            if "selected" in attributes:
                self._select["chosen"] = value

    def handle_data(self, data):
        if self._textarea is not None:
            self._textarea[1].append(data)

    def handle_endtag(self, tag):
        if self._form is None:
            return
        if tag == "textarea" and self._textarea is not None:
            name, parts = self._textarea
            self._form["fields"][name] = ["".join(parts).removeprefix("\n")]
            self._textarea = None
        elif tag == "select" and self._select is not None:
            options = self._form["options"][self._select["name"]]
            chosen = self._select["chosen"]
            if chosen is None and options:
                chosen = options[0]
            if chosen is not None:
                self._form["fields"][self._select["name"]] = [chosen]
            self._select = None
        elif tag == "form":
            self._form = None


def form_with(page: str, field_name: str) -> dict | None:
    """The first form on the page that has a field of that name."""
    reader = FormReader()
    reader.feed(page)
    return next((form for form in reader.forms if field_name in form["fields"]), None)


# --- What happened ----------------------------------------------------------------------


@dataclass
class Record:
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
class Timeline:
    stop_begun: float = 0.0
    stopped: float = 0.0
    start_begun: float = 0.0
    back: float = 0.0


@dataclass
class Drill:
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


# --- Setting up: people, the site, signing in -------------------------------------------


def django_setup():
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kompas.settings")
    import django

    django.setup()


def dutch_heading() -> tuple[str, bool]:
    """The 503 page's heading in Dutch, and whether the nl catalogue translates it."""
    from django.utils import translation

    with translation.override("nl"):
        heading = translation.gettext(PAGE_HEADING)
    return heading, heading != PAGE_HEADING


def create_people(residents: int, staff: int, password: str, run_id: str):
    """Residents each with their own public initiative, and staff with a password, made
    through the services as the site makes them."""
    from accounts import services as accounts_services
    from initiatives import services as initiatives_services
    from kompas.choices import InitiativeStatus, Role
    from places.models import Kern

    kern = Kern.objects.order_by("name").first()
    people = []
    for number in range(1, residents + 1):
        user, _ = accounts_services.ensure_account(
            f"drill-inwoner-{run_id}-{number}@example.org",
            role=Role.RESIDENT,
            name=f"Inwoner {number}",
        )
        initiative = initiatives_services.create_initiative(
            user,
            initiatives_services.InitiativeData(
                name=f"Oefeninitiatief {number} {run_id}",
                kern=kern,
                description="Buren die samen de moestuin bij het dorpshuis onderhouden.",
            ),
            status=InitiativeStatus.PUBLIC,
        )
        people.append(("resident", user.email, initiative.slug))
    for number in range(1, staff + 1):
        user, _ = accounts_services.ensure_account(
            f"drill-ambtenaar-{run_id}-{number}@example.org",
            role=Role.STAFF,
            name=f"Ambtenaar {number}",
            password=password,
        )
        people.append(("staff", user.email, ""))
    return people, kern.slug


def start_gunicorn(port: int, workers: int, log: Path) -> subprocess.Popen:
    command = [
        str(ROOT / ".venv" / "bin" / "gunicorn"),
        "kompas.wsgi",
        "--bind",
        f"{HOST}:{port}",
        "--workers",
        str(workers),
        "--timeout",
        "30",
        "--graceful-timeout",
        "5",
        "--no-control-socket",
    ]
    process = subprocess.Popen(
        command, cwd=ROOT, stdout=log.open("ab"), stderr=subprocess.STDOUT, start_new_session=True
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"gunicorn stopped at start; see {log}")
        try:
            if Browser(port).get("/gezond/").status == 200:
                return process
        except OSError:
            pass
        time.sleep(0.3)
    raise SystemExit("gunicorn did not answer within 60 s")


def stop_gunicorn(process: subprocess.Popen) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def sign_in_staff(browser: Browser, address: str, password: str) -> None:
    page = browser.get("/accounts/login/")
    form = form_with(page.text, "password")
    fields = {**form["fields"], "login": [address], "password": [password]}
    answer = browser.post("/accounts/login/", fields)
    if answer.status != 302:
        raise SystemExit(f"staff sign-in for {address} answered {answer.status}")


def sign_in_resident(browser: Browser, address: str, mail_dir: Path) -> None:
    page = browser.get("/accounts/login/code/")
    form = form_with(page.text, "email")
    before = set(mail_dir.glob("*"))
    answer = browser.post("/accounts/login/code/", {**form["fields"], "email": [address]})
    if answer.status != 302:
        raise SystemExit(f"asking a sign-in code for {address} answered {answer.status}")
    code = code_from_mail(mail_dir, before, address)
    confirm = urlsplit(answer.location).path
    form = form_with(browser.get(confirm).text, "code")
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
                        body = part.get_payload(decode=True).decode("utf-8", "replace")
                        found = re.search(r"^\s*([A-Z0-9]{4}-[A-Z0-9]{4})\s*$", body, re.M)
                        if found:
                            return found.group(1)
        time.sleep(0.2)
    raise SystemExit(f"no sign-in code reached {address}")


# --- The load ---------------------------------------------------------------------------


def resident_load(drill: Drill, browser: Browser, who: str, slug: str) -> None:
    """Add stories to the resident's own initiative, and look at it, until the deadline."""
    form_path = f"/initiatieven/{slug}/verhalen/nieuw/"
    number = 0
    while time.monotonic() < drill.deadline:
        answer = drill.visit(browser, who, "GET", form_path)
        form = form_with(answer.text, "title") if answer and answer.status == 200 else None
        if form is not None:
            number += 1
            title = f"Oefenverhaal {drill.run_id} {who} {number}"
            fields = {
                **form["fields"],
                "title": [title],
                "text": [f"Wat we deze week samen deden ({title})."],
            }
            drill.visit(browser, who, "POST", form_path, fields, write="story", marker=title)
        if random.random() < 0.3:
            drill.visit(browser, who, "GET", f"/initiatieven/{slug}/")
        time.sleep(random.uniform(0.05, 0.25))


def staff_load(drill: Drill, browser: Browser, who: str, kern_slug: str) -> None:
    """Write down conversations, and look at the list, until the deadline."""
    form_path = "/gesprekken/nieuw/"
    number = 0
    while time.monotonic() < drill.deadline:
        answer = drill.visit(browser, who, "GET", form_path)
        form = form_with(answer.text, "learned") if answer and answer.status == 200 else None
        if form is not None:
            number += 1
            learned = f"Oefengesprek {drill.run_id} {who} {number}: ze koken elke week samen."
            fields = {**form["fields"], "kern": [kern_slug], "learned": [learned]}
            drill.visit(
                browser, who, "POST", form_path, fields, write="conversation", marker=learned
            )
        if random.random() < 0.3:
            drill.visit(browser, who, "GET", "/initiatieven/")
        time.sleep(random.uniform(0.05, 0.25))


def pg_ctl(*arguments: str) -> None:
    """pg_ctl on the drill's cluster, as its owner (PostgreSQL will not run as root)."""
    as_owner = os.environ.get("DRILL_PG_AS", "").split()
    command = [
        *as_owner,
        str(Path(os.environ["DRILL_PG_BINDIR"]) / "pg_ctl"),
        "-D",
        os.environ["DRILL_PG_DATA"],
        "-l",
        os.environ["DRILL_PG_LOG"],
        "-w",
        "-t",
        "60",
        *arguments,
    ]
    subprocess.run(command, cwd="/", check=True, stdout=subprocess.DEVNULL)


def outage(timeline: Timeline, begin_at: float, seconds: float) -> None:
    """Stop PostgreSQL (fast: sessions are ended, as in a restart), wait, start it again."""
    time.sleep(max(0.0, begin_at - time.monotonic()))
    timeline.stop_begun = time.monotonic()
    pg_ctl("stop", "-m", "fast")
    timeline.stopped = time.monotonic()
    time.sleep(seconds)
    timeline.start_begun = time.monotonic()
    # -w: returns once the server accepts connections.
    pg_ctl("start")
    timeline.back = time.monotonic()


# --- The report -------------------------------------------------------------------------


def percentile(values: list[float], share: float) -> float:
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def recovered_at(records: list[Record], back: float) -> float:
    """The first moment from which every request begun after the database was back
    succeeded (``back`` itself when none failed)."""
    failed_after = [r.started for r in records if r.started >= back and not r.ok]
    if not failed_after:
        return back
    last_failure = max(failed_after)
    later = [r.started for r in records if r.started > last_failure and r.ok]
    return min(later) if later else float("inf")


def saved_markers(kind: str, markers: list[str]) -> set[str]:
    from django.db import connections

    from conversations.models import Conversation
    from stories.models import Story

    connections.close_all()
    if kind == "story":
        return set(Story.objects.filter(title__in=markers).values_list("title", flat=True))
    return set(Conversation.objects.filter(learned__in=markers).values_list("learned", flat=True))


def report(drill: Drill, timeline: Timeline, begun: float, limit: float) -> list[str]:
    """Print the figures; return the aims missed."""
    records = sorted(drill.records, key=lambda r: r.started)
    missed: list[str] = []
    away = [r for r in records if r.ended >= timeline.stop_begun and r.started <= timeline.back]
    before = [r for r in records if r.ended < timeline.stop_begun]
    after = [r for r in records if r.started > timeline.back]
    failures = [r for r in records if not r.ok]
    server_errors = [r for r in records if r.status >= 500 and r.status != 503]
    wrong_503 = [
        r
        for r in records
        if r.status == 503 and not (r.unavailable_page and r.retry_after and r.dutch)
    ]
    tracebacks = [r for r in records if r.traceback]
    other = [r for r in failures if r.status not in (503,)]
    recovery = recovered_at(records, timeline.back)
    first_success = min(
        (r.ended for r in records if r.ok and r.ended >= timeline.back), default=None
    )
    writes = [r for r in records if r.write]
    successful_writes = [r for r in writes if r.ok]
    refused_writes = [r for r in writes if not r.ok]
    missing: list[Record] = []
    kept_anyway = 0
    for kind in ("story", "conversation"):
        of_kind = [r for r in writes if r.write == kind]
        saved = saved_markers(kind, [r.marker for r in of_kind])
        missing += [r for r in of_kind if r.ok and r.marker not in saved]
        kept_anyway += sum(1 for r in of_kind if not r.ok and r.marker in saved)

    def at(moment: float) -> str:
        return f"{moment - begun:6.2f} s"

    durations = [1000 * (r.ended - r.started) for r in records if r.ok]
    print()
    print("Fault drill")
    print(f"  requests             {len(records)} in {drill.deadline - begun:.0f} s")
    print(f"  clients              {len({r.who for r in records})}")
    print(
        f"  answer time (ok)     median {percentile(durations, 0.5):.0f} ms, "
        f"p95 {percentile(durations, 0.95):.0f} ms"
    )
    print(f"  database stop begun  {at(timeline.stop_begun)}")
    print(f"  database stopped     {at(timeline.stopped)}")
    print(f"  database start begun {at(timeline.start_begun)}")
    print(f"  database back        {at(timeline.back)}  (pg_ctl start -w returned)")
    print(
        f"  while away           {len(away)} requests: "
        f"{sum(1 for r in away if r.ok)} ok, {sum(1 for r in away if r.status == 503)} answered 503"
    )
    statuses: dict[int, int] = {}
    for r in records:
        statuses[r.status] = statuses.get(r.status, 0) + 1
    print(f"  statuses             {dict(sorted(statuses.items()))}")
    if first_success is not None:
        print(
            f"  first success        {first_success - timeline.back:.2f} s "
            "after the database was back"
        )
    print(f"  recovered after      {recovery - timeline.back:.2f} s (every later request ok)")
    print(
        f"  writes               {len(writes)} sent: {len(successful_writes)} answered success, "
        f"{len(refused_writes)} answered 503"
    )
    print(
        f"  writes in database   {len(successful_writes) - len(missing)} of "
        f"{len(successful_writes)} successful writes; {kept_anyway} of the 503-answered "
        "ones were saved all the same"
    )
    print(f"  failures before stop {sum(1 for r in before if not r.ok)}")
    print(f"  failures after back  {sum(1 for r in after if not r.ok)}")

    if not any(r.status == 503 for r in away):
        missed.append("no request was answered while the database was away: nothing was tested")
    if server_errors:
        missed.append(f"{len(server_errors)} answers were 5xx other than 503")
    if wrong_503:
        missed.append(f"{len(wrong_503)} 503 answers lacked the Dutch page or Retry-After")
    if tracebacks:
        missed.append(f"{len(tracebacks)} answers showed a traceback")
    if other:
        missed.append(
            f"{len(other)} failures were not 503 (e.g. {other[0].status} {other[0].path})"
        )
    if any(not r.ok for r in before):
        missed.append("requests failed before the database was stopped")
    if first_success is None or first_success - timeline.back > limit:
        missed.append(f"no success within {limit:g} s of the database being back")
    if recovery - timeline.back > limit:
        missed.append(f"recovery took {recovery - timeline.back:.2f} s (aim: at most {limit:g} s)")
    if missing:
        missed.append(f"{len(missing)} writes answered with success are not in the database")
    for r in (server_errors + wrong_503 + tracebacks + other)[:5]:
        print(f"  e.g. {r.status} {r.method} {r.path} at {at(r.started)}: {r.note[:200]}")
    return missed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--mail-dir", type=Path, required=True)
    parser.add_argument("--log", type=Path, required=True)
    parser.add_argument("--residents", type=int, default=4)
    parser.add_argument("--staff", type=int, default=2)
    parser.add_argument("--workers", type=int, default=3)
    parser.add_argument("--duration", type=float, default=60)
    parser.add_argument("--outage-at", type=float, default=20, help="seconds into the load")
    parser.add_argument("--outage", type=float, default=5, help="seconds the database is away")
    parser.add_argument("--recovery-limit", type=float, default=5)
    options = parser.parse_args()

    django_setup()
    password = f"drill-{uuid.uuid4().hex}"
    heading, translated = dutch_heading()
    drill = Drill(port=options.port, deadline=0.0, dutch_heading=heading)
    people, kern_slug = create_people(options.residents, options.staff, password, drill.run_id)
    print(f"Created {options.residents} residents with an initiative each, {options.staff} staff")

    server = start_gunicorn(options.port, options.workers, options.log)
    try:
        browsers = []
        for role, address, slug in people:
            browser = Browser(options.port)
            if role == "staff":
                sign_in_staff(browser, address, password)
            else:
                sign_in_resident(browser, address, options.mail_dir)
            browsers.append((role, address.split("@")[0].rsplit("-", 1)[-1], browser, slug))
        print(
            f"Signed in {len(browsers)} people through the sign-in forms; load for "
            f"{options.duration:g} s, PostgreSQL stopped at {options.outage_at:g} s "
            f"for {options.outage:g} s"
        )

        begun = time.monotonic()
        drill.deadline = begun + options.duration
        timeline = Timeline()
        threads = [
            threading.Thread(
                target=outage, args=(timeline, begun + options.outage_at, options.outage)
            )
        ]
        for role, number, browser, slug in browsers:
            who = f"{role}-{number}"
            if role == "staff":
                threads.append(
                    threading.Thread(target=staff_load, args=(drill, browser, who, kern_slug))
                )
            else:
                threads.append(
                    threading.Thread(target=resident_load, args=(drill, browser, who, slug))
                )
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    finally:
        stop_gunicorn(server)

    missed = report(drill, timeline, begun, options.recovery_limit)
    print(f'  503 page heading     "{heading}"')
    if not translated:
        print("  NOTE: the nl catalogue does not translate the 503 page yet (English msgids)")
    print()
    if missed:
        for aim in missed:
            print(f"  MISSED: {aim}")
        return 1
    print(
        "  All aims met: only 503s with the Dutch page while away, recovered within "
        f"{options.recovery_limit:g} s, every successful write kept."
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
