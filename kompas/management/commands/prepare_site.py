"""manage.py prepare_site: a database ready to serve, in one start of Django."""

from django.apps import apps
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from accounts.models import User
from places.models import Kern


class Command(BaseCommand):
    help = (
        "Bring the database up to date (migrate) and, with --demo, load "
        "the demo municipality while the database has no users and no kernen yet."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--demo",
            action="store_true",
            help="load the demo municipality into an empty database (local runs)",
        )
        parser.add_argument("--password", help="the demo accounts' password (with --demo)")

    def handle(self, *args, **options):
        # migrate also creates the cache table (KompasConfig.ready).
        call_command("migrate", interactive=False, verbosity=0)
        if not options["demo"]:
            return
        if not apps.is_installed("demo"):
            raise CommandError(_("The demo is installed only with DEBUG=true or KOMPAS_DEMO=true."))
        if User.objects.exists() or Kern.objects.exists():
            self.stdout.write(_("The database already has data: not loading the demo again."))
            return
        self.stdout.write(_("Empty database: loading the demo municipality (load_demo)."))
        demo_options = {"password": options["password"]} if options["password"] else {}
        call_command("load_demo", stdout=self.stdout, **demo_options)
