"""Kernen: import boundaries from GeoJSON, GeoPackage or Shapefile, and save one place."""

from __future__ import annotations

import re
import tempfile
import uuid
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path

from django.core.files import File
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from kompas.changes import FROM_REQUEST, record_change
from places.boundary_files import (
    UPLOAD_MAX_BYTES,
    UPLOAD_SUFFIXES,
    KernAction,
    KernChange,
    KernData,
    KernImportError,
    max_length,
    read_kern_file,
    safe_filename,
    unzip_boundary_file,
)
from places.geometry import RD_NEW, same_geometry
from places.models import Kern, KernKind


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
            # Every other intersects, so has a boundary: the test tells the type checker.
            if pair in checked or other.boundary is None:
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
    longest = max_length("slug") - 4
    base = slugify(name)[:longest].strip("-") or "kern"
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
    filename = safe_filename(upload.name or "")
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
            path = unzip_boundary_file(path, Path(directory) / "uitgepakt")
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
    default_storage.save(f"{KEPT_UPLOADS}/{token}-{safe_filename(upload.name or '')}", upload)
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
