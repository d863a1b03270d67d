"""manage.py benchmark: how the map layer and the lists hold up with 10,000 initiatives,
and what the organisation knows with 100,000 conversations.

Prints figures; it is not a test and asserts nothing. It never touches the configured
database: it builds a throwaway one next to it (``<name>_benchmark`` on PostgreSQL, in
memory on SQLite), fills it with the demo municipality, measures at a small number of
initiatives, fills it up to the large number and measures again:

- the initiatives layer: bytes, gzip bytes, median and 95th percentile server time, and
  whether a repeat request with its ETag (or its Last-Modified) gets 304;
- the number of queries of the map page, the registry and an initiative page, for an
  anonymous visitor, a resident member and a civil servant, which must not grow with the
  number of initiatives;
- the conversations: median and 95th percentile server time and the number of queries
  of ``/gesprekken/?q=<a common Dutch word>`` for a civil servant, and of the page of an
  initiative with 200 conversations for a civil servant and for one of its members, with
  the small demo (its 51 conversations and the 200 about that initiative) and after
  ``load_demo --size large`` (100,000 more).

Server time is measured in-process through Django's test client: the whole request,
middleware included, without a network.
"""

import gzip
import warnings

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import connection
from django.test import Client
from django.test.utils import override_settings
from django.urls import reverse

from accounts.models import User
from conversations import selectors
from conversations.models import Conversation
from demo.benchmark.initiatives import generate_initiatives
from demo.benchmark.measuring import kb, load, machine, queries_of, timing_of, url_of
from demo.context import DemoSize
from demo.large_conversations import (
    BUSY_COUNT,
    BUSY_SLUG,
    LARGE_CONVERSATIONS,
    create_many_conversations,
    ensure_colleagues,
)
from demo.steps import build_demo
from initiatives.models import Initiative, Membership
from kompas.choices import InitiativeStatus, Role

PLAIN_STATIC_FILES = "django.contrib.staticfiles.storage.StaticFilesStorage"


class Command(BaseCommand):
    help = (
        "Benchmark the initiatives layer and the query counts of the map, the registry "
        "and an initiative page, and the conversations list and an initiative page with "
        "200 conversations, on a throwaway database filled with the demo municipality."
    )

    def add_arguments(self, parser):
        parser.add_argument("--small", type=int, default=100, help="initiatives, first run")
        parser.add_argument("--large", type=int, default=10_000, help="initiatives, second run")
        parser.add_argument("--repeat", type=int, default=30, help="requests per timing")
        parser.add_argument(
            "--conversations",
            type=int,
            default=LARGE_CONVERSATIONS,
            help="generated conversations, second run (the first has the busy initiative's "
            f"{BUSY_COUNT})",
        )
        parser.add_argument(
            "--word", default="buurt", help="the common Dutch word to search conversations for"
        )
        parser.add_argument(
            "--source",
            choices=["demo", "generated"],
            default="demo",
            help="large data from load_demo --size large (topped up with generated "
            "initiatives if it has fewer), or generated only",
        )
        parser.add_argument(
            "--keepdb", action="store_true", help="keep the throwaway database afterwards"
        )

    def handle(self, *args, **options):
        self.options = options
        database = connection.settings_dict
        if connection.vendor == "postgresql":
            database["TEST"] = {**database.get("TEST", {}), "NAME": f"{database['NAME']}_benchmark"}
        # Static files are served by name here; whitenoise need not find collected ones.
        warnings.filterwarnings("ignore", "No directory at", UserWarning)
        old_name = connection.creation.create_test_db(
            verbosity=0, autoclobber=True, serialize=False, keepdb=options["keepdb"]
        )
        try:
            # The test client's host; static files by plain name (no collectstatic needed).
            with override_settings(
                ALLOWED_HOSTS=[*settings.ALLOWED_HOSTS, "testserver"],
                STORAGES={**settings.STORAGES, "staticfiles": {"BACKEND": PLAIN_STATIC_FILES}},
            ):
                self.run()
        finally:
            connection.creation.destroy_test_db(old_name, verbosity=0, keepdb=options["keepdb"])

    def say(self, line: str = "") -> None:
        self.stdout.write(line)

    def run(self) -> None:
        self.say(f"Machine: {machine()}; load average {load()}")
        self.say(f"Database: {self.database_version()}")
        build_demo(DemoSize.SMALL, verbosity=0)
        people = self.people()
        generate_initiatives(self.options["small"])
        small = Initiative.objects.count()
        self.say(f"Initiatives: {small}")
        small_counts = self.query_counts(people)
        small_layer = self.layer(people)
        small_conversations = self.conversations(people, BUSY_COUNT)

        if self.options["source"] == "demo":
            build_demo(DemoSize.LARGE, verbosity=0)
            self.say(
                f"After load_demo --size large: {Initiative.objects.count()} initiatives, "
                f"{Conversation.objects.count()} conversations"
            )
        added = generate_initiatives(self.options["large"])
        if added:
            self.say(f"Generated with bulk_create: {added} initiatives")
        large = Initiative.objects.count()
        self.say(f"Initiatives: {large}")
        large_counts = self.query_counts(people)
        large_layer = self.layer(people)
        large_conversations = self.conversations(people, self.options["conversations"])
        self.say(f"Load average after measuring: {load()}")

        self.report((small, small_counts, small_layer), (large, large_counts, large_layer))
        self.report_conversations(small_conversations, large_conversations)

    def database_version(self) -> str:
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                cursor.execute("SELECT version(), postgis_lib_version()")
                version, postgis = cursor.fetchone()
                return f"{version.split(' on ')[0]}, PostGIS {postgis}"
            cursor.execute("SELECT sqlite_version(), spatialite_version()")
            sqlite, spatialite = cursor.fetchone()
            return f"SQLite {sqlite}, SpatiaLite {spatialite}"

    def people(self) -> dict[str, Client]:
        """A client per kind of viewer: anonymous, a resident who is a member of a few
        initiatives that are not public, and a civil servant."""
        # The first of each by email (User's ordering); the demo always holds both.
        resident = User.objects.filter(role=Role.RESIDENT)[0]
        staff = User.objects.filter(role=Role.STAFF)[0]
        generate_initiatives(Initiative.objects.count() + 3, seed=99)
        for initiative in Initiative.objects.order_by("-pk")[:3]:
            Initiative.objects.filter(pk=initiative.pk).update(status=InitiativeStatus.KNOWN)
            Membership.objects.get_or_create(initiative=initiative, user=resident)
        clients = {"anonymous": Client(), "resident": Client(), "staff": Client()}
        clients["resident"].force_login(resident)
        clients["staff"].force_login(staff)
        return clients

    def pages(self) -> dict[str, str | None]:
        example = (
            Initiative.objects.filter(status=InitiativeStatus.PUBLIC)
            .exclude(location=None)
            .earliest("pk")
        )
        return {
            "/kaart/ (map)": url_of("map"),
            "/initiatieven/ (initiative_list)": url_of("initiative_list"),
            "initiative page (initiative_detail)": url_of("initiative_detail", slug=example.slug),
            "kern page (kern_detail)": (
                url_of("kern_detail", slug=example.kern.slug) if example.kern else None
            ),
            "initiatives layer": url_of("layer_initiatives"),
            "one popup": url_of("layer_initiative_popup", pk=example.pk),
        }

    def query_counts(self, people) -> dict[tuple[str, str], str]:
        counts = {}
        for page, url in self.pages().items():
            for role, client in people.items():
                if url is None:
                    counts[page, role] = "no such page"
                    continue
                number, status = queries_of(client, url)
                counts[page, role] = str(number) if status == 200 else f"{number} (HTTP {status})"
        return counts

    def layer(self, people) -> dict[str, dict]:
        url = reverse("layer_initiatives")
        repeat = self.options["repeat"]
        figures = {}
        for role in ("anonymous", "staff"):
            client = people[role]
            timing, response = timing_of(client, url, repeat, accept_encoding="gzip")
            compressed = response.content
            body = gzip.decompress(compressed) if response.get("Content-Encoding") else compressed
            features = body.count(b'"Feature"')
            revalidated, not_modified = timing_of(
                client, url, repeat, accept_encoding="gzip", if_none_match=response["ETag"]
            )
            since = client.get(
                url, secure=True, headers={"if_modified_since": response["Last-Modified"]}
            )
            figures[role] = {
                "features": features,
                "bytes": len(body),
                "gzip": len(compressed),
                "timing": timing,
                "etag_status": not_modified.status_code,
                "etag_timing": revalidated,
                "since_status": since.status_code,
            }
        return figures

    def conversations(self, people, generated: int) -> dict:
        """Median and p95 server time and queries of the conversations list searched for a
        common word, and of the busy initiative's page (its latest conversations, and all
        of them), once there are ``generated`` generated conversations."""
        ensure_colleagues()
        added = create_many_conversations(generated)
        if added:
            self.say(f"Generated with bulk_create: {added} conversations")
        self.steady_state()
        busy = Initiative.objects.get(slug=BUSY_SLUG)
        member = Membership.objects.filter(initiative=busy).select_related("user").earliest("pk")
        clients = {"civil servant": people["staff"], "member": Client()}
        clients["member"].force_login(member.user)
        search = url_of("conversation_list")
        page = url_of("initiative_detail", slug=busy.slug)
        word = self.options["word"]
        requests = {
            f"/gesprekken/?q={word}, civil servant": (
                "civil servant",
                search and f"{search}?q={word}",
            ),
            "/gesprekken/, civil servant": ("civil servant", search),
            f"{busy.name}, civil servant": ("civil servant", page),
            f"{busy.name}, all conversations, civil servant": (
                "civil servant",
                page and f"{page}?gesprekken=alle",
            ),
            f"{busy.name}, member": ("member", page),
        }
        figures = {}
        for label, (role, url) in requests.items():
            if url is None:
                figures[label] = "no such page"
                continue
            client = clients[role]
            number, status = queries_of(client, url)
            timing, _response = timing_of(client, url, self.options["repeat"])
            figures[label] = (
                f"{timing.median_ms:.1f} / {timing.p95_ms:.1f} ms, {number} queries"
                + ("" if status == 200 else f" (HTTP {status})")
            )
        # A civil servant reads every conversation.
        found = selectors.search_conversations(Conversation.objects.all(), word)
        return {
            "conversations": Conversation.objects.count(),
            "about the busy initiative": busy.conversations.count(),
            f'matching "{word}"': found.count(),
            "figures": figures,
        }

    def steady_state(self) -> None:
        """Vacuum and analyze the conversation tables, as autovacuum would within a minute
        of a bulk load, so that the figures are not those of the minute after it: stale
        planner statistics and a visibility map that says nothing yet (PostgreSQL)."""
        if connection.vendor != "postgresql":
            return
        tables = (Conversation._meta.db_table, Conversation.initiatives.through._meta.db_table)
        with connection.cursor() as cursor:
            for table in tables:
                cursor.execute(f"VACUUM ANALYZE {connection.ops.quote_name(table)}")

    def report_conversations(self, first: dict, second: dict) -> None:
        self.say()
        self.say(
            f"Conversations, median / p95 server time of {self.options['repeat']} requests "
            "and queries per request:"
        )
        labels = list(second["figures"])
        width = max(len(label) for label in labels)
        small, large = first["conversations"], second["conversations"]
        self.say(f"  {'page':<{width}}  {f'{small} conversations':<32}  {large} conversations")
        for label in labels:
            before, after = first["figures"][label], second["figures"][label]
            self.say(f"  {label:<{width}}  {before:<32}  {after}")
        for key in first:
            if key not in ("conversations", "figures"):
                self.say(f"  {key}: {first[key]} and {second[key]}")

    def report(self, first, second) -> None:
        (small, small_counts, small_layer), (large, large_counts, large_layer) = first, second
        self.say()
        self.say("Queries per request (anonymous / resident member / civil servant):")
        pages = list(dict.fromkeys(page for page, _role in large_counts))
        width = max(len(page) for page in pages)
        self.say(f"  {'page':<{width}}  {f'{small} initiatives':<22}  {large} initiatives")
        for page in pages:
            before = " / ".join(
                small_counts[page, role] for role in ("anonymous", "resident", "staff")
            )
            after = " / ".join(
                large_counts[page, role] for role in ("anonymous", "resident", "staff")
            )
            self.say(f"  {page:<{width}}  {before:<22}  {after}")
        self.say()
        self.say(f"Initiatives layer, {self.options['repeat']} requests each:")
        for label, figures in ((f"{small}", small_layer), (f"{large}", large_layer)):
            for role, layer in figures.items():
                timing, revalidated = layer["timing"], layer["etag_timing"]
                self.say(
                    f"  {label} initiatives, {role}: {layer['features']} features, "
                    f"{kb(layer['bytes'])}, gzip {kb(layer['gzip'])}; "
                    f"median {timing.median_ms:.1f} ms, p95 {timing.p95_ms:.1f} ms; "
                    f"repeat with ETag: HTTP {layer['etag_status']} "
                    f"(median {revalidated.median_ms:.1f} ms); "
                    f"with If-Modified-Since: HTTP {layer['since_status']}"
                )
