"""Kernen: import boundaries from GeoJSON, GeoPackage or Shapefile, and save one place."""

from __future__ import annotations

import logging
import re
import tempfile
import uuid
import zipfile
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import timedelta
from enum import StrEnum
from pathlib import Path
from typing import cast

from django.contrib.gis.gdal import (
    CoordTransform,
    DataSource,
    GDALException,
    OGRGeometry,
    SpatialReference,
)
from django.contrib.gis.gdal.feature import Feature
from django.contrib.gis.gdal.layer import Layer
from django.contrib.gis.geos import (
    GEOSException,
    GEOSGeometry,
    MultiPolygon,
    Point,
)
from django.core.exceptions import SuspiciousFileOperation
from django.core.files import File
from django.core.files.storage import default_storage
from django.db import transaction
from django.db.models import Field
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.text import get_valid_filename, slugify
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from initiatives.changes import FROM_REQUEST, record_change
from initiatives.models import Kern, KernKind
from initiatives.services.geometry import (
    RD_NEW,
    WGS84,
    as_multipolygon,
    same_geometry,
)


class KernImportError(Exception):
    """A boundary file that cannot be imported; the message says why, in one line."""


class KernOverlapError(KernImportError):
    """Boundaries of the file overlap other places: nothing was imported. ``overlaps``
    says which and by how much; importing with ``allow_overlap`` keeps them anyway."""

    def __init__(self, overlaps: list[KernOverlap]):
        self.overlaps = overlaps
        super().__init__(
            ngettext(
                "Nothing was imported: a boundary overlaps another place.",
                "Nothing was imported: %(count)d boundaries overlap other places.",
                len(overlaps),
            )
            % {"count": len(overlaps)}
        )


class KernAction(StrEnum):
    CREATED = "created"
    UPDATED = "updated"
    UNCHANGED = "unchanged"
    SKIPPED = "skipped"


@dataclass(frozen=True)
class KernData:
    """A kern as a boundary file or the demo describes it.

    ``kind`` None keeps the kind of an existing kern (a new one becomes a village);
    ``centre`` None places the centre on the boundary's surface.
    """

    name: str
    boundary: MultiPolygon
    cbs_code: str = ""
    kind: str | None = None
    centre: Point | None = None


@dataclass(frozen=True)
class KernChange:
    """What happened to one kern (or one feature of a file)."""

    action: KernAction
    name: str
    slug: str = ""
    fields: tuple[str, ...] = ()
    reason: str = ""

    def describe(self) -> str:
        """One line for a person."""
        if self.action == KernAction.CREATED:
            return _("Created %(name)s (%(url)s)") % {
                "name": self.name,
                "url": reverse("kern_detail", kwargs={"slug": self.slug}),
            }
        if self.action == KernAction.UPDATED:
            return _("Updated %(name)s: %(fields)s") % {
                "name": self.name,
                "fields": ", ".join(_field_label(name) for name in self.fields),
            }
        if self.action == KernAction.UNCHANGED:
            return _("Unchanged %(name)s") % {"name": self.name}
        return _("Skipped %(name)s: %(reason)s") % {"name": self.name, "reason": self.reason}


def _field_label(name: str) -> str:
    return str(cast(Field, Kern._meta.get_field(name)).verbose_name)


def _max_length(name: str) -> int:
    return cast(int, cast(Field, Kern._meta.get_field(name)).max_length)


@dataclass
class ImportReport:
    """What an import or the demo did to the kernen, in the order of the features."""

    changes: list[KernChange] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def count(self, action: KernAction) -> int:
        return sum(1 for change in self.changes if change.action == action)

    def summary(self) -> str:
        """For example "3 places created, 1 updated, 0 unchanged, 0 skipped"."""
        created = self.count(KernAction.CREATED)
        return _(
            "%(created)s, %(updated)s updated, %(unchanged)s unchanged, %(skipped)s skipped"
        ) % {
            "created": ngettext("%(count)d place created", "%(count)d places created", created)
            % {"count": created},
            "updated": self.count(KernAction.UPDATED),
            "unchanged": self.count(KernAction.UNCHANGED),
            "skipped": self.count(KernAction.SKIPPED),
        }


# Two places overlap when what they share covers at least this part of the smaller one:
# neighbours that share an edge, drawn by two surveys or rounded differently, share a
# sliver far below it, which is no overlap.
OVERLAP_MIN_SHARE = 0.01
SQUARE_METRES_PER_HECTARE = 10_000


@dataclass(frozen=True)
class KernOverlap:
    """A boundary an import created or changed (``name``) that overlaps another place."""

    name: str
    other: str
    area_m2: float
    share_of_other: float

    def describe(self) -> str:
        """One line for a person: which places, and roughly how much."""
        return _("%(name)s overlaps %(other)s by about %(area)s (%(share)s%% of %(other)s)") % {
            "name": self.name,
            "other": self.other,
            "area": _area_text(self.area_m2),
            "share": max(1, round(self.share_of_other * 100)),
        }


def _area_text(area_m2: float) -> str:
    """ "150 ha", "2,5 ha" or "400 m²", rounded as a person says it."""
    hectares = area_m2 / SQUARE_METRES_PER_HECTARE
    if hectares >= 10:
        return _("%(hectares)s ha") % {"hectares": number_format(round(hectares))}
    if hectares >= 1:
        return _("%(hectares)s ha") % {"hectares": number_format(round(hectares, 1), 1)}
    return _("%(square_metres)s m²") % {"square_metres": number_format(round(area_m2))}


def kern_overlaps(kernen: list[Kern]) -> list[KernOverlap]:
    """Where the boundaries of ``kernen`` overlap other places (each other included), by
    more than a sliver (OVERLAP_MIN_SHARE), with the areas in square metres of RD New."""
    overlaps: list[KernOverlap] = []
    checked: set[frozenset[int]] = set()
    for kern in kernen:
        if kern.boundary is None:
            continue
        own = kern.boundary.transform(RD_NEW, clone=True)
        others = (
            Kern.objects.filter(boundary__intersects=kern.boundary)
            .exclude(pk=kern.pk)
            .order_by("name")
        )
        for other in others:
            pair = frozenset((kern.pk, other.pk))
            if pair in checked:
                continue
            checked.add(pair)
            theirs = other.boundary.transform(RD_NEW, clone=True)
            shared = own.intersection(theirs).area
            smaller = min(own.area, theirs.area)
            if smaller and shared / smaller >= OVERLAP_MIN_SHARE:
                overlaps.append(KernOverlap(kern.name, other.name, shared, shared / theirs.area))
    return overlaps


def unique_kern_slug(name: str) -> str:
    """A slug for ``name`` that no other kern has: "holtwolde", "holtwolde-2", ..."""
    max_length = _max_length("slug") - 4
    base = slugify(name)[:max_length].strip("-") or "kern"
    taken = set(Kern.objects.filter(slug__startswith=base).values_list("slug", flat=True))
    slug, number = base, 2
    while slug in taken:
        slug, number = f"{base}-{number}", number + 1
    return slug


def save_kern(data: KernData, change_reason: str = "") -> KernChange:
    """Create or update one kern: by CBS code when ``data`` has one, else by name.

    An existing kern keeps its slug (its address), and its centre unless the boundary
    changed or a centre is given. A name that belongs to another kern is skipped.
    """
    kern, conflict = _matching_kern(data)
    if conflict:
        return KernChange(KernAction.SKIPPED, data.name, reason=conflict)
    if kern is None:
        kern = Kern(
            name=data.name,
            slug=unique_kern_slug(data.name),
            kind=data.kind or KernKind.VILLAGE,
            boundary=data.boundary,
            centre=data.boundary.point_on_surface if data.centre is None else data.centre,
            cbs_code=data.cbs_code,
        )
        _save_with_history(kern, change_reason)
        return KernChange(KernAction.CREATED, kern.name, kern.slug)

    changed = []
    wanted = {
        "name": data.name,
        "kind": data.kind or kern.kind,
        "cbs_code": data.cbs_code or kern.cbs_code,
    }
    for name, value in wanted.items():
        if getattr(kern, name) != value:
            setattr(kern, name, value)
            changed.append(name)
    boundary_changed = not same_geometry(kern.boundary, data.boundary)
    if boundary_changed:
        kern.boundary = data.boundary
        changed.append("boundary")
    centre = data.centre
    if centre is None and (
        boundary_changed or kern.centre is None or not data.boundary.intersects(kern.centre)
    ):
        centre = data.boundary.point_on_surface
    if centre is not None and not same_geometry(kern.centre, centre):
        kern.centre = centre
        changed.append("centre")
    if not changed:
        return KernChange(KernAction.UNCHANGED, kern.name, kern.slug)
    _save_with_history(kern, change_reason)
    return KernChange(KernAction.UPDATED, kern.name, kern.slug, fields=tuple(changed))


def _matching_kern(data: KernData) -> tuple[Kern | None, str]:
    """The kern ``data`` describes (None for a new one), or why it cannot be saved."""
    if data.cbs_code:
        kern = Kern.objects.filter(cbs_code=data.cbs_code).first()
        if kern is not None:
            if (
                kern.name != data.name
                and Kern.objects.filter(name=data.name).exclude(pk=kern.pk).exists()
            ):
                return None, _("another place is already called %(name)s") % {"name": data.name}
            return kern, ""
    kern = Kern.objects.filter(name=data.name).first()
    if kern is not None and data.cbs_code and kern.cbs_code and kern.cbs_code != data.cbs_code:
        return None, _("the place of that name has another CBS code (%(code)s)") % {
            "code": kern.cbs_code
        }
    return kern, ""


def _save_with_history(kern: Kern, change_reason: str) -> None:
    record_change(kern, by=FROM_REQUEST, reason=change_reason or None)
    kern.save()


def import_kernen(
    path: str | Path,
    name_field: str,
    code_field: str | None = None,
    kind: str | None = None,
    layer: str | None = None,
    allow_overlap: bool = False,
) -> ImportReport:
    """Create or update the kernen of a boundary file, all of them or none.

    A boundary it creates or changes that overlaps another place (kern_overlaps) stops
    the import with KernOverlapError, unless ``allow_overlap``: then the report's notes
    name the overlaps.

    The file is GeoJSON, GeoPackage, Shapefile or another vector format GDAL reads, in
    any coordinate system GDAL can transform (EPSG:4326 and RD New, EPSG:28992, in
    practice). A layer that states no coordinate system is read as EPSG:4326 when its
    coordinates are longitudes and latitudes, as RD New when they fall in the RD range,
    and refused otherwise. Raises KernImportError with one line for a person.
    """
    path = Path(path)
    if kind is not None and kind not in KernKind.values:
        raise KernImportError(
            _("Unknown kind %(kind)s; choose from %(kinds)s.")
            % {"kind": kind, "kinds": ", ".join(KernKind.values)}
        )
    items, notes = read_kern_file(path, name_field, code_field, kind, layer)
    report = ImportReport(notes=notes)
    reason = f"import_kernen {path.name}"
    seen: set[tuple[str, str]] = set()
    with transaction.atomic():
        for item in items:
            if isinstance(item, KernChange):
                report.changes.append(item)
                continue
            key = ("code", item.cbs_code) if item.cbs_code else ("name", item.name)
            if key in seen:
                report.changes.append(
                    KernChange(
                        KernAction.SKIPPED,
                        item.name,
                        reason=_("it appears more than once in the file"),
                    )
                )
                continue
            seen.add(key)
            report.changes.append(save_kern(item, change_reason=reason))
        overlaps = kern_overlaps(_with_new_boundaries(report.changes))
        if overlaps and not allow_overlap:
            # Raised inside the transaction: nothing of the file is kept.
            raise KernOverlapError(overlaps)
    report.notes.extend(overlap.describe() for overlap in overlaps)
    return report


def _with_new_boundaries(changes: list[KernChange]) -> list[Kern]:
    """The kernen an import created or gave another boundary."""
    slugs = [
        change.slug
        for change in changes
        if change.action == KernAction.CREATED
        or (change.action == KernAction.UPDATED and "boundary" in change.fields)
    ]
    return list(Kern.objects.filter(slug__in=slugs).order_by("name"))


# Boundary files uploaded in the administration.
UPLOAD_SUFFIXES = (".geojson", ".json", ".gpkg", ".zip")
UPLOAD_MAX_BYTES = 50 * 1024 * 1024
# The formats a zip file may hold: a Shapefile (with its .dbf, .shx, .prj), or one other.
ZIPPED_SUFFIXES = (".shp", ".gpkg", ".geojson", ".json")
SHAPEFILE_PARTS = (".dbf", ".shx", ".prj", ".cpg")
# What a damaged or unusual zip file raises while it is read.
UNREADABLE_ZIP = (
    zipfile.BadZipFile,
    zipfile.LargeZipFile,
    NotImplementedError,
    OSError,
    EOFError,
    zlib.error,
)


def import_kernen_upload(
    upload,
    name_field: str,
    code_field: str | None = None,
    kind: str | None = None,
    layer: str | None = None,
    allow_overlap: bool = False,
) -> ImportReport:
    """Import an uploaded boundary file (GeoJSON, GeoPackage, or a zipped Shapefile) as
    ``import_kernen`` does; KernImportError says in one line what is wrong with it."""
    filename = _safe_filename(upload.name or "")
    suffix = Path(filename).suffix.lower()
    if suffix not in UPLOAD_SUFFIXES:
        raise KernImportError(
            _("Choose a GeoJSON file, a GeoPackage or a zipped Shapefile (.zip).")
        )
    if upload.size > UPLOAD_MAX_BYTES:
        raise KernImportError(
            _("The file is larger than %(size)d MB.") % {"size": UPLOAD_MAX_BYTES // 2**20}
        )
    with tempfile.TemporaryDirectory(prefix="kompas-kernen-") as directory:
        path = Path(directory) / filename
        with path.open("wb") as target:
            for chunk in upload.chunks():
                target.write(chunk)
        if suffix == ".zip":
            path = _unzip_boundary_file(path, Path(directory) / "uitgepakt")
        return import_kernen(path, name_field, code_field, kind, layer, allow_overlap)


# An uploaded file whose boundaries overlap other places waits here, in the default
# storage that every app server shares, until an administrator confirms importing it.
KEPT_UPLOADS = "kernen-import"
KEPT_UPLOAD_HOURS = 24
_KEPT_TOKEN = re.compile(r"[0-9a-f]{32}")


def keep_kernen_upload(upload) -> str:
    """Keep an uploaded boundary file for import_kept_kernen_upload; returns its token.
    Files kept longer than KEPT_UPLOAD_HOURS (never confirmed) are removed meanwhile."""
    _remove_old_kept_uploads()
    token = uuid.uuid4().hex
    default_storage.save(f"{KEPT_UPLOADS}/{token}-{_safe_filename(upload.name or '')}", upload)
    return token


def import_kept_kernen_upload(
    token: str,
    name_field: str,
    code_field: str | None = None,
    kind: str | None = None,
    layer: str | None = None,
) -> ImportReport:
    """Import a kept file, overlaps included (the administrator confirmed them), and
    remove it."""
    name = _kept_upload(token)
    if name is None:
        raise KernImportError(_("The file to import is no longer here; please choose it again."))
    path = f"{KEPT_UPLOADS}/{name}"
    try:
        with default_storage.open(path) as kept:
            upload = File(kept, name=name.split("-", 1)[1])
            return import_kernen_upload(
                upload, name_field, code_field, kind, layer, allow_overlap=True
            )
    finally:
        default_storage.delete(path)


def _kept_upload(token: str) -> str | None:
    """The name of the kept file ``token`` stands for, if there is one."""
    if not _KEPT_TOKEN.fullmatch(token) or not default_storage.exists(KEPT_UPLOADS):
        return None
    _directories, names = default_storage.listdir(KEPT_UPLOADS)
    return next((name for name in names if name.startswith(f"{token}-")), None)


def _remove_old_kept_uploads() -> None:
    if not default_storage.exists(KEPT_UPLOADS):
        return
    cutoff = timezone.now() - timedelta(hours=KEPT_UPLOAD_HOURS)
    for name in default_storage.listdir(KEPT_UPLOADS)[1]:
        path = f"{KEPT_UPLOADS}/{name}"
        if default_storage.get_modified_time(path) < cutoff:
            default_storage.delete(path)


def _safe_filename(name: str) -> str:
    """The last part of ``name`` as a plain file name, or "" when nothing of it is usable."""
    try:
        return get_valid_filename(Path(name).name)
    except SuspiciousFileOperation:
        return ""


def _unzip_boundary_file(archive: Path, directory: Path) -> Path:
    """Unpack a zipped boundary file flat into ``directory`` and return the file to read:
    the one Shapefile, or else the one GeoPackage or GeoJSON file."""
    try:
        with zipfile.ZipFile(archive) as zipped:
            members = [info for info in zipped.infolist() if not info.is_dir()]
            if sum(info.file_size for info in members) > UPLOAD_MAX_BYTES:
                raise KernImportError(
                    _("The unpacked file is larger than %(size)d MB.")
                    % {"size": UPLOAD_MAX_BYTES // 2**20}
                )
            directory.mkdir()
            for info in members:
                # Flat, by the member's own name only: nothing lands outside the directory.
                member = Path(_safe_filename(info.filename))
                suffix = member.suffix.lower()
                if suffix in ZIPPED_SUFFIXES or suffix in SHAPEFILE_PARTS:
                    (directory / (member.stem + suffix)).write_bytes(zipped.read(info))
    except UNREADABLE_ZIP:
        raise KernImportError(
            _("Cannot read %(file)s: it is not a zip file that can be opened.")
            % {"file": archive.name}
        ) from None
    for suffix in ZIPPED_SUFFIXES:
        found = sorted(directory.glob(f"*{suffix}"))
        if len(found) > 1:
            raise KernImportError(
                _("%(file)s holds several boundary files (%(names)s); put one in the zip file.")
                % {"file": archive.name, "names": ", ".join(path.name for path in found)}
            )
        if found:
            return found[0]
    raise KernImportError(
        _("%(file)s holds no Shapefile (.shp), GeoPackage or GeoJSON file.")
        % {"file": archive.name}
    )


def read_kern_file(
    path: Path,
    name_field: str,
    code_field: str | None = None,
    kind: str | None = None,
    layer_name: str | None = None,
) -> tuple[list[KernData | KernChange], list[str]]:
    """The features of a boundary file as KernData in EPSG:4326, or as skipped changes
    (no name, no boundary), and notes for a person. Touches no database."""
    if not path.exists():
        raise KernImportError(_("File not found: %(path)s") % {"path": path})
    with _gdal_messages() as messages:
        try:
            source = DataSource(str(path))
        except GDALException:
            reason = (
                messages[0]
                if messages
                else _("not a format GDAL can read; use GeoJSON, GeoPackage or Shapefile")
            )
            raise KernImportError(
                _("Cannot read %(file)s: %(reason)s") % {"file": path.name, "reason": reason}
            ) from None
        layer = _pick_layer(source, layer_name, path)
        name_field = _pick_field(layer, name_field, path)
        code_field = _pick_field(layer, code_field, path) if code_field else None
        transform, notes = _transform_to_wgs84(layer, path)
        try:
            items = [
                _read_feature(feature, name_field, code_field, kind, transform) for feature in layer
            ]
        except GDALException:
            reason = messages[-1] if messages else _("the file is damaged")
            raise KernImportError(
                _("Cannot read %(file)s: %(reason)s") % {"file": path.name, "reason": reason}
            ) from None
    return items, notes


class _CollectingHandler(logging.Handler):
    """Keeps GDAL's messages ("GDAL_ERROR 4: b'...'") as plain one-line text."""

    def __init__(self) -> None:
        super().__init__()
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        args = record.args if isinstance(record.args, tuple) else ()
        message = args[-1] if args else record.getMessage()
        if isinstance(message, bytes):
            message = message.decode("utf-8", errors="replace")
        self.messages.append(" ".join(str(message).split()))


@contextmanager
def _gdal_messages() -> Iterator[list[str]]:
    """Collect GDAL's error messages instead of letting them reach the console."""
    logger = logging.getLogger("django.contrib.gis")
    handler = _CollectingHandler()
    propagate = logger.propagate
    logger.addHandler(handler)
    logger.propagate = False
    try:
        yield handler.messages
    finally:
        logger.removeHandler(handler)
        logger.propagate = propagate


def _pick_layer(source: DataSource, name: str | None, path: Path) -> Layer:
    names = [source[index].name for index in range(source.layer_count)]
    if not names:
        raise KernImportError(_("%(file)s contains no layers.") % {"file": path.name})
    if name is None:
        if len(names) > 1:
            raise KernImportError(
                _("%(file)s contains several layers (%(layers)s); choose one with --layer.")
                % {"file": path.name, "layers": ", ".join(names)}
            )
        return source[0]
    if name not in names:
        raise KernImportError(
            _("%(file)s has no layer %(layer)s; its layers are %(layers)s.")
            % {"file": path.name, "layer": name, "layers": ", ".join(names)}
        )
    return source[name]


def _pick_field(layer: Layer, wanted: str, path: Path) -> str:
    """The field called ``wanted``, or the only one that differs from it in case alone."""
    fields = layer.fields
    if wanted in fields:
        return wanted
    same_but_case = [name for name in fields if name.lower() == wanted.lower()]
    if len(same_but_case) == 1:
        return same_but_case[0]
    raise KernImportError(
        _("%(file)s has no field %(field)s; its fields are %(fields)s.")
        % {"file": path.name, "field": wanted, "fields": ", ".join(fields) or "-"}
    )


def _transform_to_wgs84(layer: Layer, path: Path) -> tuple[CoordTransform | None, list[str]]:
    """The transformation from the layer's coordinate system to EPSG:4326 (None if it is
    already in 4326), and a note when the coordinate system had to be assumed."""
    notes: list[str] = []
    if layer.srs is None:
        srid = _guess_srid(layer)
        if srid is None:
            raise KernImportError(
                _(
                    "%(file)s states no coordinate system and its coordinates are neither "
                    "longitude and latitude (EPSG:4326) nor RD New (EPSG:28992)."
                )
                % {"file": path.name}
            )
        notes.append(
            _("%(file)s states no coordinate system; its coordinates look like EPSG:%(srid)s.")
            % {"file": path.name, "srid": srid}
        )
        source = SpatialReference(srid)
    else:
        # From WKT, so that Django's traditional axis order (x = longitude) applies.
        source = SpatialReference(layer.srs.wkt)
    if source.srid == WGS84:
        return None, notes
    try:
        return CoordTransform(source, SpatialReference(WGS84)), notes
    except GDALException:
        raise KernImportError(
            _("Cannot convert the coordinates of %(file)s (%(crs)s) to EPSG:4326.")
            % {"file": path.name, "crs": source.name}
        ) from None


def _guess_srid(layer: Layer) -> int | None:
    if len(layer) == 0:
        return WGS84
    min_x, min_y, max_x, max_y = layer.extent.tuple
    if -180 <= min_x <= max_x <= 180 and -90 <= min_y <= max_y <= 90:
        return WGS84
    # The area in which RD New is defined, in metres.
    if -7_000 <= min_x <= max_x <= 300_000 and 289_000 <= min_y <= max_y <= 629_000:
        return RD_NEW
    return None


def _read_feature(
    feature: Feature,
    name_field: str,
    code_field: str | None,
    kind: str | None,
    transform: CoordTransform | None,
) -> KernData | KernChange:
    name = _text(feature.get(name_field))
    label = name or _("feature %(number)s") % {"number": feature.fid}
    if not name:
        return KernChange(KernAction.SKIPPED, label, reason=_("it has no name"))
    if len(name) > _max_length("name"):
        return KernChange(KernAction.SKIPPED, label, reason=_("its name is too long"))
    code = _text(feature.get(code_field)) if code_field else ""
    if len(code) > _max_length("cbs_code"):
        return KernChange(KernAction.SKIPPED, label, reason=_("its CBS code is too long"))

    try:
        geometry = feature.geom
    except GDALException:
        geometry = None
    if geometry is None or geometry.empty:
        return KernChange(KernAction.SKIPPED, label, reason=_("it has no boundary"))
    geometry.set_3d(False)
    geometry.set_measured(False)
    if geometry.geom_type.name not in ("Polygon", "MultiPolygon"):
        raise KernImportError(
            _("The boundary of %(name)s is a %(type)s; only Polygon and MultiPolygon work.")
            % {"name": label, "type": geometry.geom_type.name}
        )
    if transform is not None:
        geometry.transform(transform)
    boundary = _valid_multipolygon(geometry)
    if boundary.empty:
        return KernChange(KernAction.SKIPPED, label, reason=_("its boundary encloses no area"))
    return KernData(name=name, boundary=boundary, cbs_code=code, kind=kind)


def _valid_multipolygon(geometry: OGRGeometry) -> MultiPolygon:
    boundary = GEOSGeometry(geometry.wkb, srid=WGS84)
    try:
        if not boundary.valid:
            boundary = boundary.make_valid()
    except GEOSException:
        return MultiPolygon(srid=WGS84)
    return as_multipolygon(boundary)


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()
