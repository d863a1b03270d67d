"""manage.py load_demo: the demo municipality, with one account per role."""

from auditlog.context import disable_auditlog
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from demo.context import DemoLogin, DemoSize
from demo.people import DEMO_PASSWORD
from demo.steps import build_demo


class Command(BaseCommand):
    help = (
        "Build (or bring up to date) the demo municipality: departments, sixteen villages "
        "and districts with boundaries, and one account per role. Safe to run again."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--size",
            choices=[size.value for size in DemoSize],
            default=DemoSize.SMALL.value,
            help="small for trying Kompas out, large for benchmarks",
        )
        parser.add_argument(
            "--password",
            default=DEMO_PASSWORD,
            help=f"the password of the demo accounts that have one (default {DEMO_PASSWORD})",
        )
        parser.add_argument(
            "--force",
            action="store_true",
            help="also on a production site (DEBUG off): the demo accounts have known secrets",
        )

    def handle(self, *args, **options):
        if not (settings.DEBUG or settings.TESTING or options["force"]):
            # The demo administrator's password and authenticator key are public.
            raise CommandError(
                _("This site runs with DEBUG off: add --force to load the demo all the same.")
            )
        # Invented data is not something anyone changed: it stays out of the audit log
        # (which also keeps the large demo quick to load).
        with disable_auditlog():
            context = build_demo(
                size=DemoSize(options["size"]),
                password=options["password"],
                verbosity=options["verbosity"],
            )
        for line in context.lines:
            self.stdout.write(line)
        self.stdout.write("")
        self.stdout.write(
            self.style.SUCCESS(
                _("Demo sign-ins for %(municipality)s:")
                % {"municipality": settings.KOMPAS_MUNICIPALITY_NAME}
            )
        )
        for login in context.logins:
            self._write_login(login)
        self.stdout.write("")
        self.stdout.write(
            _(
                "Sign-in codes are sent by email; with EMAIL_URL=consolemail:// they appear "
                "in the console of the web server."
            )
        )

    def _write_login(self, login: DemoLogin) -> None:
        user = login.user
        role = str(user.get_role_display())
        if user.department:
            role = f"{role}, {user.department}"
        self.stdout.write(f"  {user.email}  ({role})")
        if login.password:
            self.stdout.write("    " + _("password: %(password)s") % {"password": login.password})
        else:
            self.stdout.write("    " + _("no password: sign in with a code sent by email"))
        if login.totp_secret:
            self.stdout.write(
                "    " + _("authenticator app key: %(secret)s") % {"secret": login.totp_secret}
            )
            self.stdout.write(f"    {login.totp_url}")
