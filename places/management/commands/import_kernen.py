"""manage.py import_kernen: create or update the kernen from a boundary file."""

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from places import services
from places.models import KernKind
from places.services import KernOverlapError


class Command(BaseCommand):
    help = (
        "Create or update villages and districts from a GeoJSON, GeoPackage or Shapefile "
        "(EPSG:4326 or RD New) with Polygon or MultiPolygon boundaries. Matches existing "
        "ones by CBS code when --code-field is given, else by name. A file that states no "
        "coordinate system is read as lon/lat or RD New, whichever its coordinates fit."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="GeoJSON, GeoPackage or Shapefile")
        parser.add_argument("--name-field", required=True, help="the field with the name")
        parser.add_argument("--code-field", help="the field with the CBS code (optional)")
        parser.add_argument(
            "--kind",
            choices=KernKind.values,
            help="dorp, wijk or buurtschap; new ones default to dorp, existing ones keep theirs",
        )
        parser.add_argument("--layer", help="the layer to read, when the file has several")
        parser.add_argument(
            "--allow-overlap",
            action="store_true",
            help="import boundaries that overlap other places too (otherwise nothing is "
            "imported and the overlaps are listed)",
        )

    def handle(self, *args, **options):
        try:
            report = services.import_kernen(
                options["file"],
                name_field=options["name_field"],
                code_field=options["code_field"],
                kind=options["kind"],
                layer=options["layer"],
                allow_overlap=options["allow_overlap"],
            )
        except KernOverlapError as error:
            for overlap in error.overlaps:
                self.stderr.write(overlap.describe())
            raise CommandError(
                _("%(error)s To import them anyway, run again with --allow-overlap.")
                % {"error": error}
            ) from None
        except services.KernImportError as error:
            raise CommandError(str(error)) from None
        for note in report.notes:
            self.stdout.write(note)
        for change in report.changes:
            self.stdout.write(change.describe())
        self.stdout.write(self.style.SUCCESS(report.summary()))
