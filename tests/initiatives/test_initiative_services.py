"""The initiative services: the consent rule, the community's own text, members joining;
and merging kinds in the administration."""

import pytest
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from initiatives import selectors, services, terms
from initiatives.models import (
    Initiative,
    InitiativeKind,
    JoinRequestStatus,
    Membership,
    MembershipRole,
    StaffNote,
)
from kompas import access
from kompas.choices import InitiativeStatus, Visibility
from tests.factories import InitiativeFactory, KernFactory, MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db


def data(name="Buurtmoestuin De Zaailing", **extra):
    return services.InitiativeData(name=name, **extra)


def accept_url(invitation):
    return f"https://kompas.example/initiatieven/uitnodiging/{invitation.token}/"


# --- Putting an initiative on the map ---------------------------------------------------


def test_a_resident_becomes_the_first_member_and_may_go_public_at_once(resident):
    initiative = services.create_initiative(
        resident, data(kinds=["Groengroep"]), status=InitiativeStatus.PUBLIC
    )

    membership = Membership.objects.get(initiative=initiative)
    assert membership.user == resident
    assert membership.role == MembershipRole.INITIATOR
    assert initiative.status == InitiativeStatus.PUBLIC
    assert initiative.published_by == resident
    assert initiative.published_at is not None
    assert initiative.description_by_municipality is False


def test_a_resident_may_also_choose_not_yet(resident):
    initiative = services.create_initiative(resident, data(), status=InitiativeStatus.KNOWN)

    assert initiative.status == InitiativeStatus.KNOWN
    assert initiative.published_at is None
    assert access.can_view(resident, initiative)


def test_a_resident_cannot_enter_a_tip(resident):
    with pytest.raises(PermissionDenied):
        services.create_initiative(resident, data(), status=InitiativeStatus.TIP)
    assert not Initiative.objects.exists()


def test_staff_enter_a_tip_marked_as_written_by_the_municipality_without_members(staff):
    initiative = services.create_initiative(
        staff, data(description="Zij maken soep."), status=InitiativeStatus.TIP
    )

    assert initiative.description_by_municipality is True
    assert initiative.created_by == staff
    assert not initiative.memberships.exists()


def test_staff_cannot_publish_a_community_that_did_not_ask_for_it(staff):
    with pytest.raises(PermissionDenied):
        services.create_initiative(staff, data(), status=InitiativeStatus.PUBLIC)

    initiative = services.create_initiative(staff, data(), status=InitiativeStatus.KNOWN)
    with pytest.raises(PermissionDenied):
        services.set_status(initiative, staff, InitiativeStatus.PUBLIC)
    initiative.refresh_from_db()
    assert initiative.status == InitiativeStatus.KNOWN
    assert initiative.published_at is None


def test_a_council_member_does_not_add_initiatives():
    council = UserFactory(council=True)
    with pytest.raises(PermissionDenied):
        services.create_initiative(council, data(), status=InitiativeStatus.PUBLIC)


def test_kinds_offers_and_wishes_are_an_open_vocabulary_matched_without_case(resident):
    InitiativeKind.objects.get_or_create(
        name="Broodfonds", defaults={"slug": "broodfonds", "suggested": True}
    )

    initiative = services.create_initiative(
        resident,
        data(
            kinds=["broodfonds", "Ruilkring"], offers=["Vergaderruimte"], wishes=["Vrijwilligers"]
        ),
        status=InitiativeStatus.KNOWN,
    )

    assert sorted(initiative.kinds.values_list("name", flat=True)) == ["Broodfonds", "Ruilkring"]
    assert InitiativeKind.objects.filter(name__iexact="broodfonds").count() == 1
    assert list(initiative.offers.values_list("name", flat=True)) == ["Vergaderruimte"]
    assert list(initiative.wishes.values_list("name", flat=True)) == ["Vrijwilligers"]


@pytest.mark.parametrize("name", ["Nieuw", "Uitnodiging"])
def test_an_initiative_never_gets_the_address_of_another_page(resident, name):
    initiative = services.create_initiative(resident, data(name=name), status="known")

    assert initiative.slug not in services.RESERVED_SLUGS
    assert initiative.slug.startswith(name.lower())


def test_two_initiatives_with_the_same_name_get_their_own_address(resident):
    first = services.create_initiative(resident, data(), status="known")
    second = services.create_initiative(resident, data(), status="known")

    assert first.slug != second.slug


# --- The community's own text -----------------------------------------------------------


def test_staff_cannot_change_the_text_of_an_initiative_with_members(staff):
    initiative = InitiativeFactory(description="Onze eigen woorden.")
    MembershipFactory(initiative=initiative)

    with pytest.raises(PermissionDenied):
        services.update_initiative(initiative, staff, data(description="Anders gezegd."))
    initiative.refresh_from_db()
    assert initiative.description == "Onze eigen woorden."


def test_staff_may_change_the_text_while_nobody_speaks_for_it(staff):
    initiative = services.create_initiative(staff, data(), status="known")

    services.update_initiative(initiative, staff, data(description="Ze koken op woensdag."))

    initiative.refresh_from_db()
    assert initiative.description == "Ze koken op woensdag."
    assert initiative.description_by_municipality is True


def test_the_text_is_the_initiatives_own_once_a_member_edits_it(staff, resident):
    initiative = services.create_initiative(staff, data(), status="known")
    MembershipFactory(initiative=initiative, user=resident)

    services.update_initiative(initiative, resident, data(description="Wij koken samen."))

    initiative.refresh_from_db()
    assert initiative.description_by_municipality is False


def test_a_resident_who_is_not_a_member_cannot_change_the_text(resident):
    initiative = InitiativeFactory()
    MembershipFactory(initiative=initiative)

    with pytest.raises(PermissionDenied):
        services.update_initiative(initiative, resident, data(description="Niet van mij."))


def test_one_edit_is_one_change_in_the_history_with_who_and_why(resident):
    initiative = services.create_initiative(
        resident, data(kinds=["Groengroep"], offers=["Zaden"]), status="known"
    )
    services.update_initiative(
        initiative, resident, data(kinds=["Groengroep", "Buurttuin"], offers=["Gereedschap"])
    )

    records = list(initiative.history.order_by("history_date", "history_id"))
    assert len(records) == 2
    assert all(record.history_user == resident for record in records)
    created, changed = records
    assert (created.history_type, changed.history_type) == ("+", "~")
    assert sorted(
        str(row.initiativekind) for row in changed.historicalinitiative_kinds_set.all()
    ) == [
        "Buurttuin",
        "Groengroep",
    ]
    assert [str(row.initiativekind) for row in created.historicalinitiative_kinds_set.all()] == [
        "Groengroep"
    ]


# --- Status: the consent rule -----------------------------------------------------------


def test_a_member_puts_it_on_the_public_map_and_takes_it_off_again(resident):
    initiative = services.create_initiative(resident, data(), status="known")

    services.set_status(initiative, resident, InitiativeStatus.PUBLIC)
    assert initiative.published_by == resident

    services.set_status(initiative, resident, InitiativeStatus.KNOWN)
    initiative.refresh_from_db()
    assert initiative.status == InitiativeStatus.KNOWN


def test_a_member_marks_it_ended_and_it_is_kept(resident):
    initiative = services.create_initiative(resident, data(), status="public")

    services.set_status(initiative, resident, InitiativeStatus.ENDED)

    initiative.refresh_from_db()
    assert initiative.status == InitiativeStatus.ENDED
    assert Initiative.objects.visible_to(UserFactory()).filter(pk=initiative.pk).exists()


def test_staff_mark_a_tip_they_met_as_known_but_leave_a_community_with_members_alone(staff):
    tip = services.create_initiative(staff, data(), status=InitiativeStatus.TIP)
    services.set_status(tip, staff, InitiativeStatus.KNOWN)
    assert tip.status == InitiativeStatus.KNOWN

    spoken_for = InitiativeFactory(status=InitiativeStatus.PUBLIC)
    MembershipFactory(initiative=spoken_for)
    for status in (InitiativeStatus.KNOWN, InitiativeStatus.ENDED, InitiativeStatus.TIP):
        with pytest.raises(PermissionDenied):
            services.set_status(spoken_for, staff, status)


def test_a_member_cannot_make_it_a_tip(resident):
    initiative = services.create_initiative(resident, data(), status="known")
    with pytest.raises(PermissionDenied):
        services.set_status(initiative, resident, InitiativeStatus.TIP)


def test_a_stranger_cannot_change_the_status(resident):
    initiative = InitiativeFactory(status=InitiativeStatus.PUBLIC)
    MembershipFactory(initiative=initiative)
    with pytest.raises(PermissionDenied):
        services.set_status(initiative, resident, InitiativeStatus.ENDED)


# --- Notes beside the text --------------------------------------------------------------


def test_staff_add_notes_beside_the_text(staff):
    initiative = InitiativeFactory()

    note = services.add_staff_note(initiative, staff, "Mooi gesprek gehad.", Visibility.INTERNAL)

    assert note.author == staff
    assert StaffNote.objects.get().visibility == Visibility.INTERNAL
    initiative.refresh_from_db()
    assert "gesprek" not in initiative.description


def test_residents_do_not_write_staff_notes_and_a_note_is_never_public(resident, staff):
    initiative = InitiativeFactory()
    with pytest.raises(PermissionDenied):
        services.add_staff_note(initiative, resident, "Hallo", Visibility.SHARED)
    with pytest.raises(PermissionDenied):
        services.add_staff_note(initiative, staff, "Hallo", Visibility.PUBLIC)
    assert not StaffNote.objects.exists()


# --- Invitations ------------------------------------------------------------------------


def test_a_member_invites_a_co_member_who_accepts_with_the_invited_address(resident):
    initiative = services.create_initiative(resident, data(), status="known")

    invitation = services.invite_member(
        initiative, resident, " Buurvrouw@Example.org ", accept_url=accept_url
    )

    assert invitation.email == "buurvrouw@example.org"
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["buurvrouw@example.org"]
    assert accept_url(invitation) in mail.outbox[0].body
    neighbour = UserFactory(email="buurvrouw@example.org")
    services.accept_invitation(invitation, neighbour)
    assert access.is_member(neighbour, initiative)
    invitation.refresh_from_db()
    assert invitation.accepted_at is not None


def test_an_invitation_works_only_for_its_address_and_only_once(resident):
    initiative = services.create_initiative(resident, data(), status="known")
    invitation = services.invite_member(
        initiative, resident, "buurvrouw@example.org", accept_url=accept_url
    )

    with pytest.raises(PermissionDenied):
        services.accept_invitation(invitation, UserFactory(email="iemand-anders@example.org"))
    services.accept_invitation(invitation, UserFactory(email="buurvrouw@example.org"))
    with pytest.raises(PermissionDenied):
        services.accept_invitation(invitation, UserFactory(email="buurvrouw@example.org"))


def test_only_members_invite_once_an_initiative_has_members(resident, staff):
    initiative = InitiativeFactory()
    MembershipFactory(initiative=initiative)
    for outsider in (resident, staff):
        with pytest.raises(PermissionDenied):
            services.invite_member(initiative, outsider, "x@example.org", accept_url=accept_url)
    assert not mail.outbox


def test_staff_invite_the_first_member_of_a_community_they_met(resident, staff):
    tip = InitiativeFactory(status=InitiativeStatus.TIP, created_by=staff)

    invitation = services.invite_member(tip, staff, resident.email, accept_url=accept_url)
    services.accept_invitation(invitation, resident)

    tip.refresh_from_db()
    assert access.is_member(resident, tip)
    # Met at last: no longer a tip, and now only its member can put it on the public map.
    assert tip.status == InitiativeStatus.KNOWN
    assert access.can_publish_initiative(resident, tip)
    assert not access.can_invite_members(staff, tip)


def test_a_status_change_keeps_the_search_vector(resident):
    initiative = services.create_initiative(
        resident, services.InitiativeData(name="Wensbus Rietveen"), status=InitiativeStatus.KNOWN
    )

    services.set_status(initiative, resident, InitiativeStatus.PUBLIC)

    found = selectors.search_initiatives(Initiative.objects.all(), "wensbus")
    assert list(found) == [initiative]


# --- Requests to join -------------------------------------------------------------------


@pytest.fixture
def entered_by_staff(staff):
    """An initiative staff entered that is public (a demo or an import): nobody speaks for it."""
    return InitiativeFactory(
        status=InitiativeStatus.PUBLIC, created_by=staff, description_by_municipality=True
    )


def test_a_resident_asks_to_join_and_staff_accept(entered_by_staff, resident, staff):
    request = services.request_to_join(entered_by_staff, resident, "Ik kook mee.")
    assert request.status == JoinRequestStatus.PENDING
    assert services.request_to_join(entered_by_staff, resident, "Nog eens") == request

    services.decide_join_request(request, staff, accept=True)

    assert access.is_member(resident, entered_by_staff)
    assert request.decided_by == staff


def test_staff_decline_a_request_to_join(entered_by_staff, resident, staff):
    request = services.request_to_join(entered_by_staff, resident, "")

    services.decide_join_request(request, staff, accept=False)

    assert request.status == JoinRequestStatus.DECLINED
    assert not access.is_member(resident, entered_by_staff)
    with pytest.raises(PermissionDenied):
        services.decide_join_request(request, staff, accept=True)


def test_residents_do_not_decide_requests_to_join(entered_by_staff, resident):
    request = services.request_to_join(entered_by_staff, resident, "")
    with pytest.raises(PermissionDenied):
        services.decide_join_request(request, UserFactory(), accept=True)


def test_accepting_a_request_for_a_tip_makes_it_known(staff, resident):
    tip = services.create_initiative(staff, data(), status=InitiativeStatus.TIP)
    # A resident cannot see a tip, so staff record the request they heard about.
    request = tip.join_requests.create(user=resident, message="Via de telefoon")

    services.decide_join_request(request, staff, accept=True)

    tip.refresh_from_db()
    assert tip.status == InitiativeStatus.KNOWN
    assert access.can_view(resident, tip)


def test_nobody_asks_to_join_an_initiative_that_has_members_or_is_hidden(resident, staff):
    with_members = InitiativeFactory(status=InitiativeStatus.PUBLIC)
    MembershipFactory(initiative=with_members)
    hidden = InitiativeFactory(status=InitiativeStatus.TIP)
    public = InitiativeFactory(status=InitiativeStatus.PUBLIC)

    for initiative in (with_members, hidden):
        with pytest.raises(PermissionDenied):
            services.request_to_join(initiative, resident, "")
    for outsider in (staff, UserFactory(council=True)):
        with pytest.raises(PermissionDenied):
            services.request_to_join(public, outsider, "")


# --- Vocabulary -------------------------------------------------------------------------


def test_merging_kinds_keeps_the_initiatives_kind(resident):
    keep = InitiativeKind.objects.create(name="Soepgroep", slug="soepgroep")
    other = InitiativeKind.objects.create(name="Soep groep", slug="soep-groep")
    initiative = InitiativeFactory()
    initiative.kinds.add(other)

    assert terms.merge_terms(keep, [keep, other]) == 1

    assert list(initiative.kinds.all()) == [keep]
    assert not InitiativeKind.objects.filter(pk=other.pk).exists()


def test_kern_is_kept_as_given(resident):
    kern = KernFactory(name="Aldeburen")
    initiative = services.create_initiative(resident, data(kern=kern), status="known")
    assert initiative.kern == kern


def test_administrators_merge_kinds_in_the_admin(client_as, make_user):
    client = client_as("admin")
    TOTP.activate(make_user("admin"), generate_totp_secret())
    keep = InitiativeKind.objects.create(name="Aa soepgroep", slug="aa-soepgroep")
    other = InitiativeKind.objects.create(name="Soep groep", slug="soep-groep")
    initiative = InitiativeFactory()
    initiative.kinds.add(other)

    response = client.post(
        reverse("admin:initiatives_initiativekind_changelist"),
        {"action": "merge_into_first", "_selected_action": [other.pk, keep.pk]},
    )

    assert response.status_code == 302
    assert list(initiative.kinds.all()) == [keep]
    assert not InitiativeKind.objects.filter(pk=other.pk).exists()
    for model in ("initiativekind", "tag", "invitation", "joinrequest"):
        assert client.get(reverse(f"admin:initiatives_{model}_changelist")).status_code == 200
