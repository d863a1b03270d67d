"""Connections: each side answers for itself; a "no" stays between the two and staff."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError

from connections import services
from connections.models import Connection
from kompas import access
from kompas.choices import ConnectionAnswer, ConnectionStatus, InitiativeStatus
from tests.factories import InitiativeFactory, MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db

LEARN = services.ConnectionData(reasons=("learn",), note="Beide koken voor het dorp.")


@pytest.fixture
def pair():
    first, second = InitiativeFactory(), InitiativeFactory()
    return (
        first,
        second,
        MembershipFactory(initiative=first).user,
        MembershipFactory(initiative=second).user,
    )


def test_staff_propose_and_both_sides_answer(pair, django_capture_on_commit_callbacks):
    first, second, first_member, second_member = pair
    staff = UserFactory(staff=True)

    with django_capture_on_commit_callbacks(execute=True):
        connection = services.propose_connection(staff, first, second, LEARN)
    assert connection.status == ConnectionStatus.PROPOSED
    assert sorted(message.to[0] for message in mail.outbox) == sorted(
        [first_member.email, second_member.email]
    )

    services.answer_connection(connection, first_member, accept=True)
    assert not access.can_view(AnonymousUser(), connection)
    services.answer_connection(connection, second_member, accept=True)

    assert connection.status == ConnectionStatus.MADE
    assert access.can_view(AnonymousUser(), connection)


def test_a_member_proposes_for_their_own_initiative_which_says_yes_at_once(pair):
    first, second, first_member, _second_member = pair

    connection = services.propose_connection(first_member, first, second, LEARN)

    assert connection.first_answer == ConnectionAnswer.YES
    assert connection.second_answer == ConnectionAnswer.PENDING
    with pytest.raises(PermissionDenied):
        services.answer_connection(connection, first_member, accept=True)


def test_a_no_stays_between_the_two_and_staff(pair):
    first, second, first_member, second_member = pair
    connection = services.propose_connection(first_member, first, second, LEARN)

    services.answer_connection(connection, second_member, accept=False)

    assert connection.status == ConnectionStatus.STOPPED
    for who, sees in [
        (first_member, True),
        (second_member, True),
        (UserFactory(staff=True), True),
        (UserFactory(), False),
        (UserFactory(council=True), False),
        (AnonymousUser(), False),
    ]:
        assert access.can_view(who, connection) is sees


def test_a_made_connection_is_public_only_while_both_are_on_the_public_map(pair):
    first, second, first_member, second_member = pair
    connection = services.propose_connection(first_member, first, second, LEARN)
    services.answer_connection(connection, second_member, accept=True)

    second.status = InitiativeStatus.KNOWN
    second.save()

    assert not Connection.objects.visible_to(AnonymousUser()).exists()
    assert Connection.objects.visible_to(first_member).get() == connection


@pytest.mark.parametrize("case", ["itself", "duplicate", "hidden", "no reason"])
def test_bad_proposals_are_refused(pair, case):
    first, second, first_member, _second_member = pair
    hidden = InitiativeFactory(status=InitiativeStatus.TIP)
    if case == "duplicate":
        services.propose_connection(first_member, first, second, LEARN)
    target, data, error = {
        "itself": (first, LEARN, ValidationError),
        "duplicate": (second, LEARN, ValidationError),
        "hidden": (hidden, LEARN, PermissionDenied),
        "no reason": (second, services.ConnectionData(reasons=()), ValidationError),
    }[case]

    with pytest.raises(error):
        services.propose_connection(first_member, first, target, data)


def test_only_those_involved_tell_how_it_went(pair):
    first, second, first_member, second_member = pair
    connection = services.propose_connection(first_member, first, second, LEARN)
    services.answer_connection(connection, second_member, accept=True)

    with pytest.raises(PermissionDenied):
        services.follow_up_connection(connection, UserFactory(), how_it_went="Mooi!")
    services.follow_up_connection(
        connection, second_member, status=ConnectionStatus.RUNNING, how_it_went="We koken samen."
    )

    assert connection.status == ConnectionStatus.RUNNING
    assert connection.history.count() == 3
