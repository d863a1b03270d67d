"""Logging conversations and tips: the rules that hold whatever form wrote them."""

import datetime

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from conversations import services
from conversations.models import Conversation
from initiatives.models import Initiative, TipState
from kompas.choices import InitiativeStatus, Visibility
from tests.factories import InitiativeFactory, KernFactory, MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db


def learned(**fields):
    return services.ConversationData(learned="Ze koken elke week met twintig buren.", **fields)


def test_the_department_is_recorded_at_the_moment_of_logging(staff):
    conversation = services.log_conversation(staff, learned(kern=KernFactory()))
    logged_in = staff.department

    staff.department = None
    staff.save()

    conversation.refresh_from_db()
    assert conversation.department == logged_in
    assert conversation.author == staff


def test_each_tip_becomes_an_initiative_only_staff_see(staff):
    kern = KernFactory()
    conversation = services.log_conversation(
        staff,
        learned(kern=kern),
        tips=[services.TipData(name="Jeu de boules bij de kerk", kern=kern, heard="Elke dinsdag")],
    )

    tip = Initiative.objects.get(tip_from=conversation)
    assert tip.status == InitiativeStatus.TIP
    assert tip.tip_state == TipState.NEW
    assert tip.description_by_municipality
    assert not Initiative.objects.visible_to(UserFactory()).filter(pk=tip.pk).exists()


def test_a_first_conversation_with_a_tip_means_they_were_met(staff):
    tip = InitiativeFactory(status=InitiativeStatus.TIP, tip_state=TipState.GOING)

    services.log_conversation(staff, learned(initiatives=[tip]))

    tip.refresh_from_db()
    assert tip.status == InitiativeStatus.KNOWN
    assert tip.tip_state == TipState.GETTING_TO_KNOW


@pytest.mark.parametrize(
    ("data", "error"),
    [
        (learned(date=timezone.localdate() + datetime.timedelta(days=1)), ValidationError),
        (services.ConversationData(learned="  ", kern=None), ValidationError),
        (learned(), ValidationError),
    ],
)
def test_bad_input_is_refused(staff, data, error):
    with pytest.raises(error):
        services.log_conversation(staff, data)
    assert not Conversation.objects.exists()


def test_only_staff_log_and_only_about_what_they_may_see(staff):
    with pytest.raises(PermissionDenied):
        services.log_conversation(UserFactory(), learned(kern=KernFactory()))
    hidden = InitiativeFactory(status=InitiativeStatus.KNOWN)
    with pytest.raises(PermissionDenied):
        services.log_conversation(UserFactory(council=True), learned(initiatives=[hidden]))


def test_members_who_want_email_hear_of_a_shared_conversation_only(
    staff, django_capture_on_commit_callbacks
):
    initiative = InitiativeFactory()
    MembershipFactory(initiative=initiative, user=UserFactory(email="lid@example.org"))
    MembershipFactory(
        initiative=initiative, user=UserFactory(email="stil@example.org", notify_by_email=False)
    )

    services.log_conversation(staff, learned(initiatives=[initiative]))
    services.log_conversation(
        staff, learned(initiatives=[initiative], visibility=Visibility.INTERNAL)
    )

    assert [message.to for message in mail.outbox] == [["lid@example.org"]]
    assert initiative.get_absolute_url() in mail.outbox[0].body
    assert "twintig buren" not in mail.outbox[0].body


def test_only_the_author_changes_a_conversation(staff):
    conversation = services.log_conversation(staff, learned(kern=KernFactory()))
    changed = learned(kern=conversation.kern, place="Bankje bij de speelplaats")

    with pytest.raises(PermissionDenied):
        services.update_conversation(conversation, UserFactory(staff=True), changed)
    services.update_conversation(conversation, staff, changed)

    assert conversation.history.count() == 2
