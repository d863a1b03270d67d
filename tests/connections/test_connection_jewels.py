"""Connections between an initiative and a crown jewel: the jewel has no members, so only
the initiative answers; what others see follows both the initiative's and the jewel's
rules, and a proposal or a "no" stays with the initiative's members and staff."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from connections import selectors, services
from connections.models import Connection
from kompas import access
from kompas.choices import ConnectionAnswer, ConnectionStatus, GiftConsent, InitiativeStatus
from tests.factories import (
    CrownJewelFactory,
    InitiativeFactory,
    MembershipFactory,
    UserFactory,
    jewel_category,
)

pytestmark = pytest.mark.django_db

LEARN = services.ConnectionData(reasons=("learn",), note="Hoe zorg je voor een oude boom?")
YES, NO, PENDING = ConnectionAnswer.YES, ConnectionAnswer.NO, ConnectionAnswer.PENDING


@pytest.fixture
def groengroep():
    initiative = InitiativeFactory(name="Groengroep")
    return initiative, MembershipFactory(initiative=initiative).user


@pytest.fixture
def linde():
    return CrownJewelFactory(name="De oude linde")


def viewers(member, staff, jewel):
    """Everyone who might look, with the jewel's nominator among the outsiders."""
    return {
        "member": member,
        "staff": staff,
        "nominator": jewel.nominated_by,
        "resident": UserFactory(),
        "council": UserFactory(council=True),
        "anonymous": AnonymousUser(),
    }


def assert_seen_by(connection, people: dict, seeing: set[str]) -> None:
    """Both faces of the rule agree: the list (visible_to) and the object (can_view)."""
    for name, who in people.items():
        listed = Connection.objects.visible_to(who).filter(pk=connection.pk).exists()
        assert listed is (name in seeing), name
        assert access.can_view(who, connection) is listed, name


# --- Proposing and answering ------------------------------------------------------------


def test_staff_propose_and_only_the_initiative_answers(
    groengroep, linde, staff, django_capture_on_commit_callbacks
):
    initiative, member = groengroep

    with django_capture_on_commit_callbacks(execute=True):
        connection = services.propose_jewel_connection(staff, initiative, linde, LEARN)

    assert (connection.first, connection.second, connection.jewel) == (initiative, None, linde)
    assert (connection.first_answer, connection.second_answer) == (PENDING, YES)
    assert connection.status == ConnectionStatus.PROPOSED
    assert connection.partner == linde
    assert connection.partner_of(initiative) == linde
    assert connection.side_of(initiative) == "first"
    (message,) = mail.outbox
    assert message.to == [member.email]
    assert "Groengroep" in message.subject and "De oude linde" in message.subject
    assert "De oude linde" in message.body

    services.answer_connection(connection, member, accept=True)

    assert connection.status == ConnectionStatus.MADE
    assert access.can_view(AnonymousUser(), connection)


def test_a_member_proposes_for_their_own_initiative_which_makes_it_at_once(
    groengroep, linde, django_capture_on_commit_callbacks
):
    initiative, member = groengroep

    with django_capture_on_commit_callbacks(execute=True):
        connection = services.propose_jewel_connection(member, initiative, linde, LEARN)

    assert (connection.first_answer, connection.second_answer) == (YES, YES)
    assert connection.status == ConnectionStatus.MADE
    assert not mail.outbox
    assert access.connection_side_for(member, connection) is None


def test_a_no_thank_you_is_respected_and_stays_with_the_members_and_staff(groengroep, linde, staff):
    initiative, member = groengroep
    connection = services.propose_jewel_connection(staff, initiative, linde, LEARN)

    services.answer_connection(connection, member, accept=False)

    assert connection.status == ConnectionStatus.STOPPED
    assert_seen_by(connection, viewers(member, staff, linde), {"member", "staff"})


def test_a_proposal_never_reaches_anyone_beyond_the_members_and_staff(groengroep, linde, staff):
    initiative, member = groengroep
    connection = services.propose_jewel_connection(staff, initiative, linde, LEARN)

    assert_seen_by(connection, viewers(member, staff, linde), {"member", "staff"})


def test_only_the_initiatives_members_answer(groengroep, linde, staff):
    initiative, _member = groengroep
    connection = services.propose_jewel_connection(staff, initiative, linde, LEARN)

    for who in (staff, linde.nominated_by, UserFactory()):
        with pytest.raises(PermissionDenied):
            services.answer_connection(connection, who, accept=True)
    assert access.is_involved_in_connection(staff, connection)
    assert not access.is_involved_in_connection(linde.nominated_by, connection)


def test_the_initiative_and_staff_tell_how_it_went(groengroep, linde, staff):
    initiative, member = groengroep
    connection = services.propose_jewel_connection(member, initiative, linde, LEARN)

    with pytest.raises(PermissionDenied):
        services.follow_up_connection(connection, linde.nominated_by, how_it_went="Mooi")
    services.follow_up_connection(
        connection, member, status=ConnectionStatus.RUNNING, how_it_went="We snoeien samen."
    )
    services.follow_up_connection(connection, staff, how_it_went="Het loopt goed.")

    assert connection.status == ConnectionStatus.RUNNING
    assert connection.how_it_went == "Het loopt goed."
    assert connection.history.count() == 3
    assert connection.history.first().jewel_id == linde.pk


@pytest.mark.parametrize(
    "case", ["duplicate", "no reason", "hidden jewel", "gift waiting", "not a member", "council"]
)
def test_bad_proposals_are_refused(groengroep, linde, staff, case):
    initiative, member = groengroep
    proposer, jewel, data = member, linde, LEARN
    if case == "duplicate":
        services.propose_jewel_connection(staff, initiative, linde, LEARN)
        error = ValidationError
    elif case == "no reason":
        data, error = services.ConnectionData(reasons=("money",)), ValidationError
    elif case == "hidden jewel":
        jewel = CrownJewelFactory(hidden_at=timezone.now())
        proposer, error = staff, PermissionDenied
    elif case == "gift waiting":
        jewel = CrownJewelFactory(
            category=jewel_category("gave-van-mensen"),
            consent=GiftConsent.ASKED,
            person_email="annie@example.org",
        )
        proposer, error = staff, PermissionDenied
    elif case == "not a member":
        proposer, error = UserFactory(), PermissionDenied
    else:
        proposer, error = UserFactory(council=True), PermissionDenied
    before = Connection.objects.count()

    with pytest.raises(error):
        services.propose_jewel_connection(proposer, initiative, jewel, data)
    assert Connection.objects.count() == before


def test_after_a_no_the_two_may_be_proposed_again(groengroep, linde, staff):
    initiative, member = groengroep
    services.answer_connection(
        services.propose_jewel_connection(staff, initiative, linde, LEARN), member, accept=False
    )

    again = services.propose_jewel_connection(member, initiative, linde, LEARN)

    assert again.status == ConnectionStatus.MADE


def test_the_database_holds_exactly_one_other_side(groengroep, linde):
    initiative, _member = groengroep
    other = InitiativeFactory()

    for fields in ({}, {"second": other, "jewel": linde}):
        with pytest.raises(IntegrityError), transaction.atomic():
            Connection.objects.create(first=initiative, learn=True, **fields)


# --- Who sees a made connection ---------------------------------------------------------


@pytest.fixture
def made(groengroep, linde):
    initiative, member = groengroep
    return services.propose_jewel_connection(member, initiative, linde, LEARN)


EVERYONE = {"member", "staff", "nominator", "resident", "council", "anonymous"}


def test_a_made_connection_with_a_shown_jewel_is_public(made, groengroep, linde, staff):
    assert_seen_by(made, viewers(groengroep[1], staff, linde), EVERYONE)


def test_an_initiative_off_the_public_map_keeps_it_with_its_members(made, groengroep, linde, staff):
    initiative, member = groengroep
    initiative.status = InitiativeStatus.KNOWN
    initiative.save()

    assert_seen_by(made, viewers(member, staff, linde), {"member", "staff"})


def test_a_jewel_hidden_after_reports_hides_the_connection_from_all_but_staff(
    made, groengroep, linde, staff
):
    linde.hidden_at = timezone.now()
    linde.save()

    assert_seen_by(made, viewers(groengroep[1], staff, linde), {"staff"})


@pytest.mark.parametrize("consent", [GiftConsent.ASKED, GiftConsent.REFUSED, GiftConsent.WITHDRAWN])
def test_a_gift_without_its_persons_yes_hides_the_connection(groengroep, staff, consent):
    initiative, member = groengroep
    gift = CrownJewelFactory(
        name="De soep van Annie",
        category=jewel_category("gave-van-mensen"),
        consent=GiftConsent.GIVEN,
        person_email="annie@example.org",
    )
    connection = services.propose_jewel_connection(member, initiative, gift, LEARN)

    gift.consent = consent
    gift.save()

    assert_seen_by(connection, viewers(member, staff, gift), {"staff"})


def test_initiative_pairs_and_jewel_connections_do_not_exclude_each_other(made, staff):
    """The rule's conditions on the second initiative and on the jewel each hold only
    where that side is set: neither kind of connection drops out through a missing join."""
    pair = services.propose_connection(staff, InitiativeFactory(), InitiativeFactory(), LEARN)
    pair.first_answer = pair.second_answer = YES
    pair.status = ConnectionStatus.MADE
    pair.save()
    member = UserFactory()
    MembershipFactory(initiative=pair.first, user=member)
    MembershipFactory(initiative=made.first, user=member)

    for who in (AnonymousUser(), UserFactory(), member):
        assert set(Connection.objects.visible_to(who)) == {made, pair}


def test_an_initiatives_page_and_a_jewels_page_list_the_connection(made, groengroep, linde):
    initiative, _member = groengroep
    anonymous = AnonymousUser()

    assert list(selectors.initiative_connections(anonymous, initiative)) == [made]
    assert list(selectors.jewel_connections(anonymous, linde)) == [made]


def test_who_may_connect_from_a_jewels_page(groengroep, linde, staff):
    _initiative, member = groengroep
    hidden = CrownJewelFactory(hidden_at=timezone.now())

    assert access.can_connect_from_jewel(staff, linde)
    assert access.can_connect_from_jewel(member, linde)
    assert not access.can_connect_from_jewel(UserFactory(), linde)
    assert not access.can_connect_from_jewel(AnonymousUser(), linde)
    assert not access.can_connect_from_jewel(staff, hidden)
    assert list(selectors.connecting_initiatives(member)) == [groengroep[0]]
    assert linde in selectors.connectable_jewels(member)
    assert hidden not in selectors.connectable_jewels(staff)
