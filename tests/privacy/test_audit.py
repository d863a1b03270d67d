"""The audit log: who changed what, who was shown contact details or internal notes, and
the administrators' view of it, which searches but never edits."""

import pytest
from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from conversations import services
from conversations.models import Conversation
from initiatives.models import Initiative, StaffNote
from kompas.choices import GiftConsent, InitiativeStatus, Visibility
from places.models import Kern
from privacy import audit
from tests.factories import (
    CrownJewelFactory,
    InitiativeFactory,
    KernFactory,
    MembershipFactory,
    StaffNoteFactory,
    UserFactory,
    jewel_category,
    square,
)

pytestmark = pytest.mark.django_db

ACCESS = LogEntry.Action.ACCESS
WORDS = "Marieke bakt elke vrijdag brood voor de hele straat"
CONTACT = "06-12345678 (Joke)"


def entries_for(model, action=None):
    entries = LogEntry.objects.filter(content_type=ContentType.objects.get_for_model(model))
    return entries.filter(action=action) if action is not None else entries


def access_entries():
    return LogEntry.objects.filter(action=ACCESS)


def written(author, visibility=Visibility.SHARED, initiatives=(), **fields):
    fields.setdefault("learned", WORDS)
    return services.log_conversation(
        author,
        services.ConversationData(
            initiatives=list(initiatives), kern=KernFactory(), visibility=visibility, **fields
        ),
    )


# --- Changes ----------------------------------------------------------------------------


def test_a_change_made_on_the_site_is_logged_with_who_made_it(client, staff):
    initiative = InitiativeFactory()
    client.force_login(staff)

    response = client.post(
        reverse("staff_note_add", kwargs={"slug": initiative.slug}),
        {"text": WORDS, "visibility": Visibility.INTERNAL},
    )

    assert response.status_code == 302
    note = StaffNote.objects.get()
    entry = entries_for(StaffNote, LogEntry.Action.CREATE).get(object_id=note.pk)
    assert entry.actor == staff
    assert entry.actor_email == staff.email
    assert entry.changes["visibility"] == ["None", Visibility.INTERNAL]


def test_the_log_says_which_free_text_changed_but_never_the_words(staff):
    initiative = InitiativeFactory()
    conversation = written(staff, initiatives=[initiative], ideas="Een repaircafé")
    services.update_conversation(
        conversation, staff, services.ConversationData(learned="Iets anders", kern=KernFactory())
    )

    entries = entries_for(Conversation).filter(object_id=conversation.pk)
    created = entries.get(action=LogEntry.Action.CREATE)
    [changed] = [
        entry
        for entry in entries.filter(action=LogEntry.Action.UPDATE)
        if "learned" in entry.changes
    ]
    assert created.changes["learned"] == ["", audit.MASKED_TEXT]
    assert changed.changes["learned"] == [audit.MASKED_TEXT, audit.MASKED_TEXT]
    assert changed.changes["ideas"] == [audit.MASKED_TEXT, ""]
    # Named by kind and number: a conversation's own name quotes what was learned.
    assert created.object_repr.endswith(str(conversation.pk))
    everything = " ".join(f"{e.object_repr} {e.changes}" for e in LogEntry.objects.all())
    assert "Marieke" not in everything
    assert "repaircafé" not in everything


def test_secrets_and_boundaries_stay_out_of_the_log():
    user = UserFactory()
    user.set_password("een-heel-geheim-wachtwoord")
    user.last_login = timezone.now()
    user.save()
    kern = KernFactory()
    kern.boundary = square(7.0, 53.0, size=0.05)
    kern.name = "Nieuwe naam"
    kern.save()

    for entry in entries_for(User):
        assert "password" not in entry.changes
        assert "last_login" not in entry.changes
    kern_change = entries_for(Kern, LogEntry.Action.UPDATE).get(object_id=kern.pk)
    assert set(kern_change.changes) == {"name"}


# --- Who was shown what ---------------------------------------------------------------


def test_staff_shown_unpublished_contact_details_are_logged(client, staff):
    initiative = InitiativeFactory(contact=CONTACT, contact_consent=False)
    client.force_login(staff)

    response = client.get(reverse("initiative_detail", kwargs={"slug": initiative.slug}))

    assert CONTACT in response.content.decode()
    entry = access_entries().get()
    assert entry.actor == staff
    assert entry.object_id == initiative.pk
    assert entry.content_type == ContentType.objects.get_for_model(Initiative)
    assert entry.additional_data == {"viewed": [audit.CONTACT_DETAILS]}


@pytest.mark.parametrize("role", ["anonymous", "resident", "council"])
def test_a_page_without_anything_private_writes_no_access_entry(client_as, role):
    # Published contact details and shared notes are not private to these visitors.
    initiative = InitiativeFactory(contact=CONTACT, contact_consent=True)
    StaffNoteFactory(initiative=initiative, visibility=Visibility.SHARED)
    client = client_as(role)

    response = client.get(reverse("initiative_detail", kwargs={"slug": initiative.slug}))

    assert response.status_code == 200
    assert not access_entries().exists()


def test_staff_on_a_page_with_only_shared_notes_write_no_access_entry(client, staff):
    initiative = InitiativeFactory(contact="", contact_consent=False)
    StaffNoteFactory(initiative=initiative, visibility=Visibility.SHARED)
    written(staff, initiatives=[initiative], visibility=Visibility.SHARED)
    client.force_login(staff)

    assert client.get(initiative.get_absolute_url()).status_code == 200
    assert not access_entries().exists()


def test_internal_notes_and_conversations_on_an_initiative_page_are_one_entry(client, staff):
    initiative = InitiativeFactory(contact=CONTACT, contact_consent=False)
    notes = StaffNoteFactory.create_batch(2, initiative=initiative, visibility="internal")
    StaffNoteFactory(initiative=initiative, visibility=Visibility.SHARED)
    internal = written(staff, initiatives=[initiative], visibility=Visibility.INTERNAL)
    written(staff, initiatives=[initiative], visibility=Visibility.SHARED)
    client.force_login(staff)

    client.get(initiative.get_absolute_url())

    entry = access_entries().get()
    assert entry.additional_data == {
        "viewed": [audit.CONTACT_DETAILS, audit.INTERNAL_NOTES],
        "notes": sorted(note.pk for note in notes),
        "conversations": [internal.pk],
    }


def test_a_member_shown_their_own_unpublished_contact_is_logged_too(client):
    initiative = InitiativeFactory(contact=CONTACT, contact_consent=False)
    member = MembershipFactory(initiative=initiative).user
    client.force_login(member)

    client.get(initiative.get_absolute_url())

    assert access_entries().get().actor == member


def test_the_initiative_page_costs_the_same_queries_for_1_or_5_internal_notes(
    client, staff, django_assert_max_num_queries
):
    initiative = InitiativeFactory(status=InitiativeStatus.KNOWN)
    StaffNoteFactory(initiative=initiative, visibility=Visibility.INTERNAL)
    client.force_login(staff)
    url = initiative.get_absolute_url()
    with django_assert_max_num_queries(60) as few:
        client.get(url)
    StaffNoteFactory.create_batch(4, initiative=initiative, visibility=Visibility.INTERNAL)

    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(url)

    assert access_entries().count() == 2


def test_reading_an_internal_conversation_and_its_history_is_logged(client, staff):
    reader = UserFactory(staff=True)
    conversation = written(staff, visibility=Visibility.INTERNAL)
    client.force_login(reader)

    client.get(reverse("conversation_detail", kwargs={"pk": conversation.pk}))
    client.get(reverse("conversation_history", kwargs={"pk": conversation.pk}))

    entries = access_entries().order_by("pk")
    assert [entry.actor for entry in entries] == [reader, reader]
    assert {entry.object_id for entry in entries} == {conversation.pk}
    assert entries[0].additional_data == {"viewed": [audit.INTERNAL_CONVERSATION]}
    assert "Marieke" not in entries[0].object_repr


def test_reading_a_shared_conversation_is_not_logged(client, staff):
    conversation = written(staff, visibility=Visibility.SHARED)
    client.force_login(staff)

    assert client.get(conversation.get_absolute_url()).status_code == 200
    assert not access_entries().exists()


def test_the_conversations_list_writes_one_entry_per_page_with_the_internal_ones(client, staff):
    internal = [written(staff, visibility=Visibility.INTERNAL) for _ in range(3)]
    written(staff, visibility=Visibility.SHARED)
    client.force_login(staff)

    client.get(reverse("conversation_list"))

    entry = access_entries().get()
    assert entry.actor == staff
    assert entry.content_type == ContentType.objects.get_for_model(Conversation)
    assert entry.additional_data == {
        "viewed": [audit.INTERNAL_CONVERSATIONS],
        "ids": sorted(conversation.pk for conversation in internal),
    }


def test_a_conversations_list_without_internal_ones_writes_nothing(client, staff):
    written(staff, visibility=Visibility.SHARED)
    client.force_login(staff)

    client.get(reverse("conversation_list"))

    assert not access_entries().exists()


def test_the_conversations_list_costs_the_same_queries_for_2_or_8_internal_ones(
    client, staff, django_assert_max_num_queries
):
    for _ in range(2):
        written(staff, visibility=Visibility.INTERNAL)
    client.force_login(staff)
    url = reverse("conversation_list")
    with django_assert_max_num_queries(40) as few:
        client.get(url)
    for _ in range(6):
        written(staff, visibility=Visibility.INTERNAL)

    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(url)

    assert sorted(len(entry.additional_data["ids"]) for entry in access_entries()) == [2, 8]


def test_the_address_of_a_person_whose_gift_is_nominated_is_logged_when_shown(client, staff):
    gift = CrownJewelFactory(
        category=jewel_category("gave-van-mensen"),
        consent=GiftConsent.ASKED,
        person_email="jan@example.org",
    )
    place = CrownJewelFactory()
    client.force_login(staff)

    assert "jan@example.org" in client.get(gift.get_absolute_url()).content.decode()
    client.get(place.get_absolute_url())

    entry = access_entries().get()
    assert (entry.actor, entry.object_id) == (staff, gift.pk)
    assert entry.additional_data == {"viewed": [audit.CONTACT_DETAILS]}


def test_nobody_signed_out_is_recorded():
    initiative = InitiativeFactory()

    from django.contrib.auth.models import AnonymousUser

    assert audit.record_viewed(AnonymousUser(), initiative, audit.CONTACT_DETAILS) is None
    assert not access_entries().exists()


# --- The administration ----------------------------------------------------------------


def test_administrators_search_the_log_by_person_object_and_date(admin_client):
    staff = UserFactory(staff=True, email="fatima@example.org")
    other = UserFactory(staff=True, email="joost@example.org")
    initiative = InitiativeFactory(name="Zorgcoöperatie Hollandscheveld")
    entry = audit.record_viewed(staff, initiative, audit.CONTACT_DETAILS)
    audit.record_viewed(other, InitiativeFactory(name="Broodfonds"), audit.CONTACT_DETAILS)
    changelist = reverse("admin:auditlog_logentry_changelist")
    day = timezone.localtime(entry.timestamp)

    by_person = admin_client.get(changelist, {"q": "fatima@", "action__exact": ACCESS})
    by_object = admin_client.get(changelist, {"q": "Hollandscheveld"})
    by_date = admin_client.get(
        changelist,
        {
            "timestamp__year": day.year,
            "timestamp__month": day.month,
            "timestamp__day": day.day,
            "action__exact": ACCESS,
        },
    )

    assert by_person.status_code == by_object.status_code == by_date.status_code == 200
    assert list(by_person.context["cl"].result_list) == [entry]
    found = list(by_object.context["cl"].result_list)
    assert entry in found
    assert {found_entry.object_id for found_entry in found} == {initiative.pk}
    assert by_date.context["cl"].result_count == 2
    entry_page = admin_client.get(reverse("admin:auditlog_logentry_change", args=[entry.pk]))
    assert entry_page.status_code == 200
    assert audit.CONTACT_DETAILS in entry_page.content.decode()


def test_nobody_adds_changes_or_deletes_an_entry_from_the_site(admin_client, staff):
    entry = audit.record_viewed(staff, InitiativeFactory(), audit.CONTACT_DETAILS)
    change = reverse("admin:auditlog_logentry_change", args=[entry.pk])
    delete = reverse("admin:auditlog_logentry_delete", args=[entry.pk])

    assert admin_client.post(change, {"object_repr": "Iets anders"}).status_code == 403
    assert admin_client.post(delete, {"post": "yes"}).status_code == 403
    assert admin_client.get(reverse("admin:auditlog_logentry_add")).status_code == 403
    bulk = admin_client.post(
        reverse("admin:auditlog_logentry_changelist"),
        {"action": "delete_selected", "_selected_action": [entry.pk], "post": "yes"},
    )
    assert bulk.status_code in (200, 302)
    entry.refresh_from_db()
    assert entry.object_repr != "Iets anders"
    assert LogEntry.objects.filter(pk=entry.pk).exists()


def test_staff_do_not_reach_the_log(client, staff):
    client.force_login(staff)

    response = client.get(reverse("admin:auditlog_logentry_changelist"))

    assert response.status_code == 302
    assert reverse("admin:login") in response["Location"]
