"""Retention of nominations of a person's gift: those the person never answered go, with
what they leave behind; and no history of a crown jewel keeps a person's address the
jewel no longer needs."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from functools import partial

from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext as _

from connections.models import Connection
from jewels.models import Appreciation, CrownJewel
from kompas.choices import GiftConsent
from moderation.models import Report
from privacy.retention.step import RetentionStep, stamp

# The person's answer was no: their address stays on the nomination only, so that nobody
# asks them again.
SAID_NO = (GiftConsent.REFUSED, GiftConsent.WITHDRAWN)


@dataclass(frozen=True)
class RemovedGifts:
    """Nominations of a person's gift that go in this run, and those an earlier run
    removed, with the connections and appreciations of any of them: what the history of
    connections and the logs may no longer name."""

    removing: tuple[int, ...]
    jewels: frozenset[int]
    connections: frozenset[int]
    appreciations: frozenset[int]


def _removed_for_good(field: str) -> Q:
    """Rows whose ``field`` names a crown jewel of which neither the row nor any history is
    left. Only retention removes a jewel so: one deleted otherwise keeps its history."""
    return (
        Q(**{f"{field}__isnull": False})
        & ~Q(**{f"{field}__in": CrownJewel.objects.values("pk")})
        & ~Q(**{f"{field}__in": CrownJewel.history.values("id")})
    )


def removed_gifts(before: datetime) -> RemovedGifts:
    """The unanswered gifts last changed before ``before``, and every jewel an earlier run
    removed that the audit log or a connection's history still mentions (also from before
    this step existed)."""
    removing = tuple(
        CrownJewel.objects.filter(consent=GiftConsent.ASKED, updated_at__lt=before).values_list(
            "pk", flat=True
        )
    )
    jewel_type = ContentType.objects.get_for_model(CrownJewel)
    earlier = set(
        LogEntry.objects.filter(content_type=jewel_type)
        .filter(_removed_for_good("object_id"))
        .values_list("object_id", flat=True)
        .distinct()
    )
    earlier |= set(
        Connection.history.filter(_removed_for_good("jewel_id"))
        .values_list("jewel_id", flat=True)
        .distinct()
    )
    jewels = frozenset({*removing, *earlier})
    connections = set(Connection.objects.filter(jewel__in=jewels).values_list("pk", flat=True))
    connections |= set(
        Connection.history.filter(jewel_id__in=jewels).values_list("id", flat=True).distinct()
    )
    appreciations = set(Appreciation.objects.filter(jewel__in=jewels).values_list("pk", flat=True))
    appreciations |= set(
        Appreciation.history.filter(jewel_id__in=jewels).values_list("id", flat=True).distinct()
    )
    return RemovedGifts(removing, jewels, frozenset(connections), frozenset(appreciations))


def remove_unconfirmed_gifts(
    gifts: RemovedGifts, before: datetime, *, dry_run: bool
) -> RetentionStep:
    """Remove nominations of a person's gift that the person never answered and that did
    not change since ``before``: without consent they may not be kept. With them go their
    history, appreciations, connections (with their history), reports and photo."""
    ids = list(gifts.removing)
    if not dry_run and gifts.jewels:
        jewels = CrownJewel.objects.filter(pk__in=ids)
        photos = [
            (jewel.photo.storage, jewel.photo.name)
            for jewel in jewels.only("photo")
            if jewel.photo.name
        ]
        jewel_type = ContentType.objects.get_for_model(CrownJewel)
        appreciation_type = ContentType.objects.get_for_model(Appreciation)
        appreciations = list(
            Appreciation.objects.filter(jewel__in=ids).values_list("pk", flat=True)
        )
        Report.objects.filter(
            Q(content_type=jewel_type, object_id__in=ids)
            | Q(content_type=appreciation_type, object_id__in=appreciations)
        ).delete()
        jewels.delete()
        # Deleting adds a last history row: the whole history goes, with the words in it.
        CrownJewel.history.filter(id__in=ids).delete()
        Appreciation.history.filter(id__in=appreciations).delete()
        # A connection's history names the jewel, and its note may describe the person.
        Connection.history.filter(jewel_id__in=gifts.jewels).delete()
        for storage, name in photos:
            transaction.on_commit(partial(storage.delete, name))
    return RetentionStep(
        _("Nominations of a person's gift without an answer since before %(date)s, removed")
        % {"date": stamp(before)},
        len(ids),
    )


def _address_no_longer_needed() -> Q:
    """History rows of crown jewels that hold a person's address the jewel itself no longer
    holds (it changed, the jewel is no gift any more, or it is gone), or that the person
    said no to: the jewel keeps that one, the history needs no copy."""
    still_needed = CrownJewel.objects.filter(
        pk=OuterRef("id"), person_email=OuterRef("person_email")
    ).exclude(consent__in=SAID_NO)
    return ~Exists(still_needed) & ~Q(person_email="")


def forget_person_in_jewel_history(jewel: CrownJewel) -> int:
    """Empty the person's address in the history of ``jewel`` wherever the jewel no longer
    needs it (see ``_address_no_longer_needed``). Call after a change of the address or
    the consent has been saved; returns how many history rows changed."""
    if jewel.pk is None:
        return 0
    return (
        CrownJewel.history.filter(id=jewel.pk)
        .filter(_address_no_longer_needed())
        .update(person_email="")
    )


def forget_addresses_in_jewel_history(gifts: RemovedGifts, *, dry_run: bool) -> RetentionStep:
    """What ``forget_person_in_jewel_history`` does, for every jewel: the services do it at
    once, this catches what they did not see (an edit in the admin, older history). The
    history of gifts removed in this run is gone already (or, in a dry run, would be)."""
    rows = CrownJewel.history.filter(_address_no_longer_needed()).exclude(id__in=gifts.removing)
    return RetentionStep(
        _("Addresses of persons no longer needed in the history of crown jewels, removed"),
        rows.count() if dry_run else rows.update(person_email=""),
    )
