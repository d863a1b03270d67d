"""Open data: the public initiatives and crown jewels as CSV, GeoJSON and an Open Referral
HSDS tabular data package, for anyone to take and use.

Everything here starts from ``visible_to(AnonymousUser())``, the rule of the public pages:
initiatives on the public map (and ended ones that once were), jewels shown to everyone.
Each file is written from an explicit list of public fields; contact details, notes,
members, who entered or published something, a person's email, tips and known
initiatives are never read into a row.

Each export is built once per version of the public data (a count and the newest change,
two small queries) and kept in Django's cache under that version, so a large download
does not slow the site and a change builds it again.
"""

import csv
import hashlib
import io
import json
from dataclasses import dataclass
from datetime import UTC, datetime
from urllib.parse import urljoin

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.db.models import Count, Max, Prefetch

from initiatives.models import Initiative, Ownership
from jewels.models import CrownJewel
from kompas.caching import remembered
from kompas.choices import InitiativeStatus
from kompas.spreadsheets import text_cell

CSV = "text/csv; charset=utf-8"
JSON = "application/json"
GEOJSON = "application/geo+json"
# The cache keeps a built export a day at most; a new version of the data has a new key.
CACHE_SECONDS = 24 * 60 * 60
# About 10 cm, as on the map.
COORDINATE_PRECISION = 6
# Several values in one CSV cell (kinds, offers, caretakers).
LIST_SEPARATOR = "; "

# The licences we know the address and full name of, by SPDX identifier.
LICENSES = {
    "CC0-1.0": (
        "https://creativecommons.org/publicdomain/zero/1.0/",
        "Creative Commons Zero v1.0 Universal",
    ),
    "CC-BY-4.0": (
        "https://creativecommons.org/licenses/by/4.0/",
        "Creative Commons Attribution 4.0 International",
    ),
    "CC-BY-SA-4.0": (
        "https://creativecommons.org/licenses/by-sa/4.0/",
        "Creative Commons Attribution Share Alike 4.0 International",
    ),
    "ODbL-1.0": (
        "https://opendatacommons.org/licenses/odbl/1-0/",
        "Open Data Commons Open Database License v1.0",
    ),
    "PDDL-1.0": (
        "https://opendatacommons.org/licenses/pddl/1-0/",
        "Open Data Commons Public Domain Dedication and License v1.0",
    ),
}

# --- The fields: an allow-list, with their Frictionless types ---------------------------

INITIATIVE_FIELDS = (
    ("id", "integer"),
    ("name", "string"),
    ("slug", "string"),
    ("url", "string"),
    ("kern", "string"),
    ("place_description", "string"),
    ("kinds", "string"),
    ("description", "string"),
    ("offers", "string"),
    ("offers_text", "string"),
    ("wishes", "string"),
    ("wishes_text", "string"),
    ("ownership", "string"),
    ("website", "string"),
    ("status", "string"),
    ("longitude", "number"),
    ("latitude", "number"),
    ("location_is_kern_centre", "boolean"),
    ("updated_at", "datetime"),
)
JEWEL_FIELDS = (
    ("id", "integer"),
    ("name", "string"),
    ("url", "string"),
    ("category", "string"),
    ("kern", "string"),
    ("description", "string"),
    ("why", "string"),
    ("caretakers", "string"),
    ("longitude", "number"),
    ("latitude", "number"),
    ("location_is_kern_centre", "boolean"),
    ("photo_url", "string"),
    ("created_at", "datetime"),
)
# Open Referral HSDS: initiative → organization, what it offers → service, place → location.
HSDS_FIELDS = {
    "organizations": (
        ("id", "integer"),
        ("name", "string"),
        ("description", "string"),
        ("url", "string"),
        ("website", "string"),
    ),
    "services": (
        ("id", "string"),
        ("organization_id", "integer"),
        ("name", "string"),
        ("description", "string"),
    ),
    "locations": (
        ("id", "integer"),
        ("organization_id", "integer"),
        ("name", "string"),
        ("latitude", "number"),
        ("longitude", "number"),
    ),
}
HSDS_TITLES = {
    "organizations": "Organizations: the public initiatives",
    "services": "Services: what each initiative offers",
    "locations": "Locations: where each initiative is",
}
HSDS_NAMES = tuple(HSDS_FIELDS)

# Ownership as a stable word, the same in every language.
OWNERSHIP_CODES = {choice.value: choice.name.lower() for choice in Ownership}


# --- Version ----------------------------------------------------------------------------


@dataclass(frozen=True)
class DataVersion:
    """How many public initiatives and jewels there are and when each last changed."""

    initiatives: int
    initiatives_newest: datetime | None
    jewels: int
    jewels_newest: datetime | None

    @property
    def newest(self) -> datetime | None:
        """The date of the data: the newest change of anything in it."""
        moments = [moment for moment in (self.initiatives_newest, self.jewels_newest) if moment]
        return max(moments) if moments else None

    @property
    def key(self) -> str:
        text = "|".join(
            str(part)
            for part in (
                self.initiatives,
                _iso(self.initiatives_newest),
                self.jewels,
                _iso(self.jewels_newest),
                license_name(),
                settings.KOMPAS_SITE_URL,
            )
        )
        return hashlib.sha256(text.encode()).hexdigest()[:32]


def _public_initiatives():
    return Initiative.objects.visible_to(AnonymousUser())


def _public_jewels():
    return CrownJewel.objects.visible_to(AnonymousUser())


def data_version() -> DataVersion:
    """The version of the public data, in two small queries."""
    initiatives = (
        _public_initiatives().order_by().aggregate(total=Count("pk"), newest=Max("updated_at"))
    )
    jewels = _public_jewels().order_by().aggregate(total=Count("pk"), newest=Max("updated_at"))
    return DataVersion(
        initiatives["total"], initiatives["newest"], jewels["total"], jewels["newest"]
    )


# --- Licence ----------------------------------------------------------------------------


def license_name() -> str:
    return settings.KOMPAS_OPEN_DATA_LICENSE


def license_info() -> dict:
    """The licence as a Frictionless Data Package names it: name, and path and title when
    we know them."""
    name = license_name()
    info = {"name": name}
    if name in LICENSES:
        info["path"], info["title"] = LICENSES[name]
    return info


# --- Rows -------------------------------------------------------------------------------


def _iso(moment: datetime | None) -> str:
    """A moment in UTC as ISO 8601 with a Z, Frictionless's default datetime format."""
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ") if moment else ""


def _absolute(path: str) -> str:
    return urljoin(settings.KOMPAS_SITE_URL + "/", path)


def _place(obj) -> tuple[float | None, float | None, bool]:
    """Longitude, latitude, and whether that is the centre of its kern (it has no point of
    its own). Nothing when it has neither."""
    if obj.location is not None:
        point, from_kern = obj.location, False
    elif obj.kern is not None and obj.kern.centre is not None:
        point, from_kern = obj.kern.centre, True
    else:
        return None, None, False
    return (
        round(point.x, COORDINATE_PRECISION),
        round(point.y, COORDINATE_PRECISION),
        from_kern,
    )


def _names(terms) -> list[str]:
    return sorted(term.name for term in terms)


def initiative_records() -> list[dict]:
    """The public initiatives, by id, as records of the allow-listed fields only."""
    initiatives = (
        _public_initiatives()
        .select_related("kern")
        .prefetch_related("kinds", "offers", "wishes")
        .order_by("pk")
    )
    records = []
    for initiative in initiatives:
        longitude, latitude, from_kern = _place(initiative)
        records.append(
            {
                "id": initiative.pk,
                "name": initiative.name,
                "slug": initiative.slug,
                "url": _absolute(initiative.get_absolute_url()),
                "kern": initiative.kern.name if initiative.kern else "",
                # The initiative's own words on its public page.
                "place_description": initiative.place_description,
                "kinds": _names(initiative.kinds.all()),
                "description": initiative.description,
                "offers": _names(initiative.offers.all()),
                "offers_text": initiative.offers_text,
                "wishes": _names(initiative.wishes.all()),
                "wishes_text": initiative.wishes_text,
                "ownership": OWNERSHIP_CODES.get(initiative.ownership, ""),
                "website": initiative.website,
                "status": "ended" if initiative.status == InitiativeStatus.ENDED else "public",
                "longitude": longitude,
                "latitude": latitude,
                "location_is_kern_centre": from_kern,
                "updated_at": _iso(initiative.updated_at),
                # Only to build the HSDS services; not a column of its own.
                "_offer_ids": sorted((tag.name, tag.pk) for tag in initiative.offers.all()),
            }
        )
    return records


def jewel_records() -> list[dict]:
    """The jewels shown to everyone, by id; of their caretakers only the public ones."""
    caretakers = Prefetch(
        "caretakers",
        queryset=_public_initiatives().order_by("name", "pk").only("pk", "name"),
        to_attr="public_caretakers",
    )
    jewels = (
        _public_jewels()
        .select_related("category", "kern")
        .prefetch_related(caretakers)
        .order_by("pk")
    )
    records = []
    for jewel in jewels:
        longitude, latitude, from_kern = _place(jewel)
        records.append(
            {
                "id": jewel.pk,
                "name": jewel.name,
                "url": _absolute(jewel.get_absolute_url()),
                "category": jewel.category.name,
                "kern": jewel.kern.name if jewel.kern else "",
                "description": jewel.description,
                "why": jewel.why,
                "caretakers": [initiative.name for initiative in jewel.public_caretakers],
                "longitude": longitude,
                "latitude": latitude,
                "location_is_kern_centre": from_kern,
                "photo_url": _absolute(jewel.photo.url) if jewel.photo else "",
                "created_at": _iso(jewel.created_at),
            }
        )
    return records


# --- Formats ----------------------------------------------------------------------------


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return text_cell(LIST_SEPARATOR.join(value))
    if isinstance(value, str):
        return text_cell(value)
    return str(value)


def _csv(fields, records) -> str:
    names = [name for name, _type in fields]
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(names)
    for record in records:
        writer.writerow([_cell(record[name]) for name in names])
    return out.getvalue()


def _geojson(fields, records, version: DataVersion) -> str:
    """A FeatureCollection of the records that have a place, with the licence and the date
    of the data as top-level members."""
    names = [name for name, _type in fields if name not in ("id", "longitude", "latitude")]
    features = [
        {
            "type": "Feature",
            "id": record["id"],
            "geometry": {"type": "Point", "coordinates": [record["longitude"], record["latitude"]]},
            "properties": {"id": record["id"]} | {name: record[name] for name in names},
        }
        for record in records
        if record["longitude"] is not None
    ]
    collection = {
        "type": "FeatureCollection",
        "license": license_name(),
        "generated": _iso(version.newest),
        "features": features,
    }
    return json.dumps(collection, ensure_ascii=False, separators=(",", ":"))


def hsds_records(name: str) -> list[dict]:
    """One of the HSDS tables, from the public initiatives."""
    initiatives = initiative_records()
    if name == "organizations":
        return [
            {
                "id": record["id"],
                "name": record["name"],
                "description": record["description"],
                "url": record["url"],
                "website": record["website"],
            }
            for record in initiatives
        ]
    if name == "services":
        return [
            {
                "id": f"{record['id']}-{tag_id}",
                "organization_id": record["id"],
                "name": tag_name,
                "description": record["offers_text"],
            }
            for record in initiatives
            for tag_name, tag_id in record["_offer_ids"]
        ]
    if name == "locations":
        return [
            {
                "id": record["id"],
                "organization_id": record["id"],
                "name": record["kern"] if record["location_is_kern_centre"] else record["name"],
                "latitude": record["latitude"],
                "longitude": record["longitude"],
            }
            for record in initiatives
            if record["longitude"] is not None
        ]
    raise KeyError(name)


def datapackage(version: DataVersion) -> str:
    """The Frictionless Data Package that describes the HSDS tables: one resource per CSV,
    with its fields and their types."""
    municipality = settings.KOMPAS_MUNICIPALITY_NAME
    resources = []
    for name, fields in HSDS_FIELDS.items():
        schema = {
            "fields": [{"name": field, "type": kind} for field, kind in fields],
            "primaryKey": ["id"],
        }
        if name != "organizations":
            schema["foreignKeys"] = [
                {
                    "fields": ["organization_id"],
                    "reference": {"resource": "organizations", "fields": ["id"]},
                }
            ]
        resources.append(
            {
                "name": name,
                "title": HSDS_TITLES[name],
                "path": f"{name}.csv",
                "profile": "tabular-data-resource",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "schema": schema,
            }
        )
    package = {
        "profile": "tabular-data-package",
        "name": "kompas-open-referral-hsds",
        "title": f"Kompas, {municipality}: public initiatives (Open Referral HSDS)",
        "homepage": settings.KOMPAS_SITE_URL + "/open-data/",
        "licenses": [license_info()],
        "created": _iso(version.newest or datetime.now(UTC)),
        "resources": resources,
    }
    return json.dumps(package, ensure_ascii=False, indent=2)


# --- Exports ----------------------------------------------------------------------------

# name → (builder, content type)
EXPORTS = {
    "initiatives.csv": (lambda v: _csv(INITIATIVE_FIELDS, initiative_records()), CSV),
    "initiatives.geojson": (
        lambda v: _geojson(INITIATIVE_FIELDS, initiative_records(), v),
        GEOJSON,
    ),
    "crown_jewels.csv": (lambda v: _csv(JEWEL_FIELDS, jewel_records()), CSV),
    "crown_jewels.geojson": (lambda v: _geojson(JEWEL_FIELDS, jewel_records(), v), GEOJSON),
    "hsds/datapackage.json": (datapackage, JSON),
} | {
    f"hsds/{name}.csv": ((lambda v, name=name: _csv(HSDS_FIELDS[name], hsds_records(name))), CSV)
    for name in HSDS_NAMES
}


def content_type(name: str) -> str:
    return EXPORTS[name][1]


def export(name: str, version: DataVersion) -> str:
    """One export of this version of the data: from the cache, or built and kept there."""
    build, _content_type = EXPORTS[name]
    return remembered(
        f"open-data:{name}:{version.key}", lambda: build(version), CACHE_SECONDS, versioned=True
    )
