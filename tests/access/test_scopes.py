"""The ways around visible_to (kompas/access/scopes.py): each reaches what its reason
needs beyond what the person sees, and nothing more."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from connections.models import Connection
from conversations.models import Conversation
from initiatives.models import Initiative, Invitation, Membership, StaffNote
from jewels.models import CrownJewel
from kompas import access
from kompas.changes import record_change
from kompas.choices import ConnectionAnswer, GiftConsent, InitiativeStatus, Visibility
from stories.models import Story
from tests.factories import (
    CrownJewelFactory,
    InitiativeFactory,
    MembershipFactory,
    StaffNoteFactory,
    StoryFactory,
    UserFactory,
    jewel_category,
)

pytestmark = pytest.mark.django_db


def a_gift_for(email: str, token: str = "sleutel-van-de-persoon") -> CrownJewel:
    return CrownJewelFactory(
        category=jewel_category("gave-van-mensen"),
        consent=GiftConsent.ASKED,
        person_email=email,
        consent_token=token,
    )


def test_aggregate_scope_counts_what_nobody_outside_staff_reads():
    InitiativeFactory(status=InitiativeStatus.PUBLIC)
    InitiativeFactory(status=InitiativeStatus.TIP)
    assert access.aggregate_scope(Initiative).count() == 2
    assert Initiative.objects.visible_to(AnonymousUser()).count() == 1
    assert not access.aggregate_scope(Initiative).query.order_by


def test_own_rows_keep_what_a_person_wrote_after_they_can_no_longer_read_it(resident):
    story = StoryFactory(author=resident, visibility=Visibility.SHARED)
    StoryFactory(initiative=story.initiative)
    # The author was a member when they wrote it; the initiative now speaks without them.
    Membership.objects.filter(user=resident).delete()
    assert not Story.objects.visible_to(resident).filter(pk=story.pk).exists()
    assert list(access.own_rows(resident, Story)) == [story]


def test_own_rows_through_memberships_give_each_initiative_once(resident):
    initiative = InitiativeFactory(status=InitiativeStatus.KNOWN)
    MembershipFactory(initiative=initiative, user=resident)
    MembershipFactory(initiative=initiative)
    InitiativeFactory(status=InitiativeStatus.KNOWN)
    assert list(access.own_rows(access.Viewer(resident), Initiative)) == [initiative]


def test_own_rows_of_staff_hold_their_internal_notes_and_not_a_colleague_s(staff):
    mine = StaffNoteFactory(author=staff, visibility=Visibility.INTERNAL)
    StaffNoteFactory(visibility=Visibility.INTERNAL)
    assert list(access.own_rows(staff, StaffNote)) == [mine]


def test_rows_about_a_person_hold_the_gift_waiting_for_their_yes(resident):
    gift = a_gift_for(resident.email.upper())
    CrownJewelFactory()
    assert not CrownJewel.objects.visible_to(resident).filter(pk=gift.pk).exists()
    assert list(access.rows_about(resident, CrownJewel)) == [gift]


def test_rows_about_a_person_hold_their_invitations(resident):
    initiative = InitiativeFactory()
    invitation = Invitation.objects.create(initiative=initiative, email=resident.email)
    Invitation.objects.create(initiative=initiative, email="iemand.anders@example.org")
    assert list(access.rows_about(resident, Invitation)) == [invitation]


def test_rows_about_a_person_without_an_address_are_none():
    a_gift_for("")
    assert not access.rows_about(UserFactory(email=""), CrownJewel).exists()


def test_own_changes_are_the_changes_the_person_made(resident):
    initiative = InitiativeFactory(status=InitiativeStatus.KNOWN)
    record_change(initiative, by=resident)
    initiative.save()
    record_change(initiative, by=UserFactory())
    initiative.save()
    changes = access.own_changes(resident, Initiative.history.model)
    assert [change.history_user for change in changes] == [resident]


def test_gifts_asking_their_person_are_those_waiting_for_an_answer():
    asked = a_gift_for("gerda@example.org")
    CrownJewelFactory()
    given = a_gift_for("piet@example.org", token="andere-sleutel")
    CrownJewel.objects.filter(pk=given.pk).update(consent=GiftConsent.GIVEN)
    assert list(access.gifts_asking_their_person(CrownJewel)) == [asked]


def test_a_gift_is_found_by_its_person_s_key_and_never_by_no_key():
    gift = a_gift_for("gerda@example.org")
    CrownJewelFactory(consent_token="")
    assert list(access.gift_for_its_person(CrownJewel, "sleutel-van-de-persoon")) == [gift]
    assert not access.gift_for_its_person(CrownJewel, "").exists()


def conversation_about(initiative, staff, visibility) -> Conversation:
    conversation = Conversation.objects.create(
        author=staff, learned="Zij zoeken een ruimte.", visibility=visibility
    )
    conversation.initiatives.add(initiative)
    return conversation


def test_a_shared_conversation_reaches_the_members_who_want_email(staff):
    initiative = InitiativeFactory()
    wants = MembershipFactory(initiative=initiative)
    MembershipFactory(initiative=initiative, user=UserFactory(notify_by_email=False))
    MembershipFactory(initiative=initiative, user=UserFactory(is_active=False))
    MembershipFactory()
    shared = conversation_about(initiative, staff, Visibility.SHARED)
    assert list(access.recipients_of_conversation(Membership, shared.pk)) == [wants]


def test_an_internal_conversation_reaches_nobody_also_when_a_shared_one_is_about_them(staff):
    initiative = InitiativeFactory()
    MembershipFactory(initiative=initiative)
    internal = conversation_about(initiative, staff, Visibility.INTERNAL)
    conversation_about(initiative, staff, Visibility.SHARED)
    assert not access.recipients_of_conversation(Membership, internal.pk).exists()


def test_a_proposed_connection_reaches_the_side_that_has_not_answered(staff):
    first, second = MembershipFactory(), MembershipFactory()
    connection = Connection.objects.create(
        first=first.initiative,
        second=second.initiative,
        made_by=staff,
        first_answer=ConnectionAnswer.YES,
    )
    assert not access.recipients_of_connection(Membership, connection, "first").exists()
    assert list(access.recipients_of_connection(Membership, connection, "second")) == [second]


def test_a_crown_jewel_side_has_no_one_to_tell(staff):
    connection = Connection.objects.create(
        first=MembershipFactory().initiative, jewel=CrownJewelFactory(), made_by=staff
    )
    assert not access.recipients_of_connection(Membership, connection, "second").exists()


def test_the_author_of_a_hidden_jewel_is_told_what_a_moderator_decided():
    hidden = CrownJewelFactory(hidden_at=timezone.now())
    assert not CrownJewel.objects.visible_to(AnonymousUser()).filter(pk=hidden.pk).exists()
    assert list(access.moderated_for_its_author(CrownJewel).filter(pk=hidden.pk)) == [hidden]
