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
import os
import random
import sys
import threading
import time
import uuid
from pathlib import Path

from browser import Browser, form_with
from drill_report import report
from gunicorn_server import start_gunicorn, stop_gunicorn
from outage import Timeline, outage
from sign_in import sign_in_resident, sign_in_staff
from visits import PAGE_HEADING, Drill

ROOT = Path(__file__).resolve().parents[2]


# --- Setting up: Django and the people -------------------------------------------------


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

    kern = Kern.objects.earliest("name")
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
