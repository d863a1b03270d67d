"""Reading a boundary file of kernen: GeoJSON, GeoPackage or a zipped shapefile, uploaded in
the administration or given to ``manage.py import_kernen``."""

from __future__ import annotations

import logging
import zipfile
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
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
from django.db.models import Field
from django.urls import reverse
from django.utils.text import get_valid_filename
from django.utils.translation import gettext as _

from places.geometry import RD_NEW, WGS84, as_multipolygon
from places.models import Kern

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


def safe_filename(name: str) -> str:
    """The last part of ``name`` as a plain file name, or "" when nothing of it is usable."""
    try:
        return get_valid_filename(Path(name).name)
    except SuspiciousFileOperation:
        return ""


def unzip_boundary_file(archive: Path, directory: Path) -> Path:
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
                member = Path(safe_filename(info.filename))
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
    if len(name) > max_length("name"):
        return KernChange(KernAction.SKIPPED, label, reason=_("its name is too long"))
    code = _text(feature.get(code_field)) if code_field else ""
    if len(code) > max_length("cbs_code"):
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


class KernImportError(Exception):
    """A boundary file that cannot be imported; the message says why, in one line."""


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


# Boundary files uploaded in the administration.


class KernAction(StrEnum):
    CREATED = "created"
    UPDATED = "updated"
    UNCHANGED = "unchanged"
    SKIPPED = "skipped"


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
                "fields": ", ".join(field_label(name) for name in self.fields),
            }
        if self.action == KernAction.UNCHANGED:
            return _("Unchanged %(name)s") % {"name": self.name}
        return _("Skipped %(name)s: %(reason)s") % {"name": self.name, "reason": self.reason}


def field_label(name: str) -> str:
    return str(cast(Field, Kern._meta.get_field(name)).verbose_name)


def max_length(name: str) -> int:
    return cast(int, cast(Field, Kern._meta.get_field(name)).max_length)
