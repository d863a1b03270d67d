"""Connections: proposed by staff or a member, answered by each side for itself. An
initiative may also meet a crown jewel: the jewel has no members, so only the initiative
answers."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from accounts.models import User
from connections.models import REASONS, Connection
from connections.tasks import notify_members_of_connection
from initiatives.models import Initiative
from jewels.models import CrownJewel
from kompas import access
from kompas.changes import record_change
from kompas.choices import ConnectionAnswer, ConnectionStatus

LIVE = (ConnectionStatus.PROPOSED, ConnectionStatus.MADE, ConnectionStatus.RUNNING)
REASON_NAMES = tuple(name for name, _label in REASONS)


@dataclass
class ConnectionData:
    """Why two initiatives might meet: one or more reasons, and a short note."""

    reasons: tuple[str, ...]
    note: str = ""


def live_connection_between(first: Initiative, second: Initiative) -> Connection | None:
    """The connection between these two that is still going, either way round."""
    return (
        Connection.objects.filter(status__in=LIVE)
        .filter(Q(first=first, second=second) | Q(first=second, second=first))
        .first()
    )


def live_jewel_connection(initiative: Initiative, jewel: CrownJewel) -> Connection | None:
    """The connection between this initiative and this jewel that is still going."""
    return Connection.objects.filter(status__in=LIVE, first=initiative, jewel=jewel).first()


def _reasons(data: ConnectionData) -> list[str]:
    reasons = [name for name in data.reasons if name in REASON_NAMES]
    if not reasons:
        raise ValidationError(_("Say why these two could meet."))
    return reasons


def _propose(proposer: User, connection: Connection, reasons: list[str]) -> Connection:
    for name in REASON_NAMES:
        setattr(connection, name, name in reasons)
    _settle(connection)
    record_change(connection, by=proposer, reason=_("Proposed"))
    connection.save()
    notify_members_of_connection.enqueue(connection.pk)
    return connection


@transaction.atomic
def propose_connection(
    proposer: User, first: Initiative, second: Initiative, data: ConnectionData
) -> Connection:
    """Propose that ``first`` and ``second`` meet. A member proposes for their own
    initiative (``first``), which so says yes at once; the other side answers itself."""
    if first.pk == second.pk:
        raise ValidationError(_("An initiative cannot be connected with itself."))
    if not access.can_propose_connection(proposer, first) or not access.can_view(proposer, second):
        raise PermissionDenied(_("You can only connect initiatives you can see."))
    reasons = _reasons(data)
    if live_connection_between(first, second):
        raise ValidationError(_("These two initiatives are already connected."))
    connection = Connection(first=first, second=second, note=data.note, made_by=proposer)
    if access.is_member(proposer, first):
        connection.first_answer = ConnectionAnswer.YES
    if access.is_member(proposer, second):
        connection.second_answer = ConnectionAnswer.YES
    return _propose(proposer, connection, reasons)


@transaction.atomic
def propose_jewel_connection(
    proposer: User, initiative: Initiative, jewel: CrownJewel, data: ConnectionData
) -> Connection:
    """Propose that ``initiative`` meets the crown jewel ``jewel``. The jewel has no
    members, so its side says yes at once; the initiative's members answer for it (a
    member proposing for their own initiative says yes, and the connection is made)."""
    if not access.can_propose_connection(proposer, initiative) or not access.can_connect_jewel(
        proposer, jewel
    ):
        raise PermissionDenied(_("You can only connect initiatives and crown jewels you can see."))
    reasons = _reasons(data)
    if live_jewel_connection(initiative, jewel):
        raise ValidationError(_("This initiative and this crown jewel are already connected."))
    connection = Connection(
        first=initiative,
        jewel=jewel,
        note=data.note,
        made_by=proposer,
        second_answer=ConnectionAnswer.YES,
    )
    if access.is_member(proposer, initiative):
        connection.first_answer = ConnectionAnswer.YES
    return _propose(proposer, connection, reasons)


@transaction.atomic
def answer_connection(connection: Connection, user: User, *, accept: bool) -> Connection:
    """A member answers for their own initiative: yes, or no thank you."""
    side = access.connection_side_for(user, connection)
    if side is None or connection.status != ConnectionStatus.PROPOSED:
        raise PermissionDenied(_("Only a member of one of the two initiatives answers this."))
    setattr(connection, f"{side}_answer", ConnectionAnswer.YES if accept else ConnectionAnswer.NO)
    _settle(connection)
    record_change(connection, by=user, reason=_("Answered"))
    connection.save()
    return connection


def _settle(connection: Connection) -> None:
    """Both said yes: the connection is made. One said no: it stops there, quietly."""
    answers = {connection.first_answer, connection.second_answer}
    if ConnectionAnswer.NO in answers:
        connection.status = ConnectionStatus.STOPPED
    elif answers == {ConnectionAnswer.YES}:
        connection.status = ConnectionStatus.MADE


@transaction.atomic
def follow_up_connection(
    connection: Connection, user: User, *, status: str | None = None, how_it_went: str = ""
) -> Connection:
    """Those involved say it is running or has stopped, and tell how it went."""
    if not access.is_involved_in_connection(user, connection):
        raise PermissionDenied(_("Only those involved tell how it went."))
    if status is not None:
        if connection.status == ConnectionStatus.PROPOSED or status not in (
            ConnectionStatus.RUNNING,
            ConnectionStatus.STOPPED,
        ):
            raise ValidationError(_("This connection cannot get that status now."))
        connection.status = status
    if how_it_went:
        connection.how_it_went = how_it_went
    record_change(connection, by=user, reason=_("How it went"))
    connection.save()
    return connection
