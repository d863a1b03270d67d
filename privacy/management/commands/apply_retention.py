"""manage.py apply_retention: remove what is older than the retention periods."""

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from privacy.retention.run import apply_retention


class Command(BaseCommand):
    help = (
        "Remove or empty what Kompas may no longer keep: the free text of old "
        "conversations (also in their history), unanswered nominations of a person's "
        "gift (and their names in the logs), addresses of persons the history of crown "
        "jewels no longer needs, unaccepted invitations, decided requests to join, handled "
        "reports, old audit log entries and finished background tasks. The periods come "
        "from the KOMPAS_RETENTION_* settings. Safe to run every night: a second run finds "
        "nothing to do."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="only count what would be removed; change nothing",
        )

    def handle(self, *args, **options):
        dry_run = options["dry_run"]
        steps = apply_retention(dry_run=dry_run)
        if dry_run:
            self.stdout.write(_("Dry run: nothing was changed. A real run would remove:"))
        for step in steps:
            self.stdout.write(str(step))
