"""Finding what the organisation knows: the conversations list and its search, the
timeline and "who already knows" on an initiative's page, and who is told by email.

An internal conversation never reaches a member, a council member or a visitor; a shared
one reaches only the members of the initiatives it is about."""

import datetime

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from conversations import services
from conversations.models import Conversation
from kompas.choices import InitiativeStatus, Visibility
from tests.factories import (
    DepartmentFactory,
    InitiativeFactory,
    KernFactory,
    MembershipFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

SHARED_WORDS = "Ze bakken elke vrijdag appeltaart voor de buurt."
INTERNAL_WORDS = "Intern: de penningmeester wil eigenlijk stoppen."
LIST = reverse("conversation_list")


def talk(author, learned="Ze koken elke week met twintig buren.", **fields):
    """A conversation, written down the way the form does: through the service."""
    fields.setdefault("date", timezone.localdate())
    if not fields.get("initiatives") and "kern" not in fields:
        fields["kern"] = KernFactory()
    return services.log_conversation(author, services.ConversationData(learned=learned, **fields))


def page(response) -> str:
    return response.content.decode()


@pytest.fixture
def staff():
    return UserFactory(
        staff=True, name="Jeroen Mulder", department=DepartmentFactory(name="Sociaal team")
    )


@pytest.fixture
def initiative():
    return InitiativeFactory(name="Bakkersgilde", status=InitiativeStatus.PUBLIC)


@pytest.fixture
def member(initiative):
    person = UserFactory(email="lid@example.org")
    MembershipFactory(initiative=initiative, user=person)
    return person


@pytest.fixture
def both(staff, initiative):
    """A shared and an internal conversation about the same initiative."""
    shared = talk(staff, SHARED_WORDS, initiatives=[initiative])
    internal = talk(staff, INTERNAL_WORDS, initiatives=[initiative], visibility=Visibility.INTERNAL)
    return shared, internal


# --- Who may open the list --------------------------------------------------------------


@pytest.mark.parametrize(
    ("role", "status"),
    [("anonymous", 302), ("resident", 403), ("council", 403), ("staff", 200)],
)
def test_the_list_is_for_staff(client_as, role, status):
    assert client_as(role).get(LIST).status_code == status


# --- What a row shows -------------------------------------------------------------------


def test_a_row_shows_when_who_where_about_what_and_for_whom(staff_client, staff, initiative):
    partner = UserFactory(
        staff=True,
        name="Fenna de Vries",
        department=DepartmentFactory(name="Welzijn Markeveld", is_partner=True),
    )
    kern = KernFactory(name="Aldeburen")
    talk(staff, SHARED_WORDS, initiatives=[initiative], kern=kern, date=datetime.date(2025, 3, 4))
    talk(partner, INTERNAL_WORDS, kern=kern, visibility=Visibility.INTERNAL)

    html = page(staff_client.get(LIST))

    assert "2 gesprekken" in html or "2 conversations" in html
    for expected in (
        "Jeroen Mulder",
        "Sociaal team",
        "Fenna de Vries",
        "Welzijn Markeveld",
        "Aldeburen",
        "Bakkersgilde",
        initiative.get_absolute_url(),
        "appeltaart",
        "penningmeester",
    ):
        assert expected in html
    assert "4 maart 2025" in html or "4 March 2025" in html
    assert "kompas-badge--internal" in html
    assert "kompas-badge--shared" in html
    # Newest first.
    assert html.index("penningmeester") < html.index("appeltaart")


def test_long_texts_show_only_their_start(staff_client, staff):
    talk(staff, "Begin. " + "heel veel woorden " * 100 + "EINDE")

    html = page(staff_client.get(LIST))

    assert "Begin." in html
    assert "EINDE" not in html


def test_the_list_links_to_logging_a_conversation(staff_client):
    assert reverse("conversation_create") in page(staff_client.get(LIST))


def test_the_list_is_paginated(staff_client, staff):
    kern = KernFactory()
    for number in range(26):
        talk(staff, f"Gesprek nummer {number}.", kern=kern)

    first = page(staff_client.get(LIST))
    second = page(staff_client.get(LIST, {"pagina": 2}))

    assert first.count('class="kompas-card kompas-conversation"') == 25
    assert second.count('class="kompas-card kompas-conversation"') == 1
    assert "Gesprek nummer 0." in second


@pytest.mark.parametrize("role", ["staff", "admin"])
def test_the_list_keeps_a_constant_number_of_queries(
    client, staff, role, django_assert_max_num_queries
):
    viewer = UserFactory(**{role: True})
    client.force_login(viewer)
    if role == "admin":
        from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

        TOTP.activate(viewer, generate_totp_secret())

    def write(count):
        for number in range(count):
            author = UserFactory(staff=True, department=DepartmentFactory())
            initiatives = [InitiativeFactory(), InitiativeFactory(status=InitiativeStatus.TIP)]
            talk(author, f"Gesprek {number}", initiatives=initiatives, kern=KernFactory())

    write(3)
    with CaptureQueriesContext(connection) as few:
        assert client.get(LIST, {"q": "Gesprek", "mine": ""}).status_code == 200
    write(27)

    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(LIST, {"q": "Gesprek"})

    assert page(response).count('class="kompas-card kompas-conversation"') == 25


# --- Filters and search -----------------------------------------------------------------


def rows(response) -> int:
    return page(response).count('class="kompas-card kompas-conversation"')


def test_filter_by_kern_where_it_was_held_or_where_its_initiatives_are(staff_client, staff):
    aldeburen = KernFactory(name="Aldeburen")
    elsewhere = KernFactory(name="Elders")
    talk(staff, "Op het bankje in Aldeburen.", kern=aldeburen)
    talk(staff, "Over de soepgroep.", initiatives=[InitiativeFactory(kern=aldeburen)])
    talk(staff, "Ergens anders.", kern=elsewhere)

    html = page(staff_client.get(LIST, {"kern": "aldeburen"}))

    assert "Op het bankje" in html
    assert "Over de soepgroep" in html
    assert "Ergens anders" not in html


def test_filter_by_initiative(staff_client, staff, initiative):
    talk(staff, SHARED_WORDS, initiatives=[initiative])
    talk(staff, "Over iets anders.")

    html = page(staff_client.get(LIST, {"initiative": initiative.slug}))

    assert "appeltaart" in html
    assert "iets anders" not in html
    assert "Bakkersgilde" in html
    # Beside the form, with a way to take the filter off again.
    assert f'value="{initiative.slug}"' in html


def test_filter_by_department_author_mine_and_period(staff_client, staff):
    week_ago = timezone.localdate() - datetime.timedelta(days=7)
    colleague = UserFactory(
        staff=True, name="Anna Smit", department=DepartmentFactory(name="Openbare ruimte")
    )
    talk(staff, "Eigen gesprek van vorige maand.", date=week_ago - datetime.timedelta(days=33))
    talk(colleague, "Gesprek van Anna van vandaag.")

    def shown(**params):
        html = page(staff_client.get(LIST, params))
        return {"eigen": "Eigen gesprek" in html, "anna": "Gesprek van Anna" in html}

    assert shown(department=colleague.department.pk) == {"eigen": False, "anna": True}
    assert shown(author=colleague.pk) == {"eigen": False, "anna": True}
    assert shown(mine="1") == {"eigen": True, "anna": False}
    assert shown(van=week_ago.isoformat()) == {
        "eigen": False,
        "anna": True,
    }
    assert shown(tot=week_ago.strftime("%d-%m-%Y")) == {
        "eigen": True,
        "anna": False,
    }


def test_the_department_filter_marks_partner_organisations(staff_client, staff):
    DepartmentFactory(name="Welzijn Markeveld", is_partner=True)

    html = page(staff_client.get(LIST))

    assert "Welzijn Markeveld (partnerorganisatie)" in html or (
        "Welzijn Markeveld (partner organisation)" in html
    )


@pytest.mark.parametrize("field", ["learned", "ideas", "talents", "to_connect", "place"])
def test_search_finds_words_in_every_part_of_what_was_written(staff_client, staff, field):
    texts = {"learned": "Een gesprek.", field: "Ze willen een jeu-de-boulesbaan bij de molen."}
    talk(staff, texts.pop("learned"), **texts)
    talk(staff, "Over de voetbalclub.")

    html = page(staff_client.get(LIST, {"q": "molen"}))

    assert rows(staff_client.get(LIST, {"q": "molen"})) == 1
    assert "voetbalclub" not in html


def test_search_uses_every_word(staff_client, staff):
    talk(staff, "De molen draait op zaterdag.")
    talk(staff, "De molen staat stil.")

    assert rows(staff_client.get(LIST, {"q": "molen zaterdag"})) == 1


def test_search_finds_dutch_word_forms_on_postgres(staff_client, staff):
    talk(staff, "Ze organiseren wandelingen langs de molen.")

    assert rows(staff_client.get(LIST, {"q": "wandelingen"})) == 1
    if connection.vendor == "postgresql":
        assert rows(staff_client.get(LIST, {"q": "wandeling"})) == 1


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"van": "gisteren"}, "gisteren"),
        ({"van": "2025-02-31"}, "2025-02-31"),
        ({"van": "2025-03-01", "tot": "2025-02-01"}, "2025-02-01"),
        ({"department": "sociaal"}, ""),
        ({"author": "999999"}, ""),
        ({"kern": "bestaat-niet"}, ""),
        ({"initiative": "bestaat-niet"}, "bestaat-niet"),
        ({"q": "molen\x00 <script>alert(1)</script>"}, "&lt;script&gt;"),
        ({"q": 'molen OR "zaterdag -stil'}, ""),
        ({"pagina": "twee"}, ""),
    ],
)
def test_bad_input_gets_a_message_and_keeps_what_was_typed(staff_client, staff, params, message):
    talk(staff, "De molen draait op zaterdag.")

    response = staff_client.get(LIST, params)

    html = page(response)
    assert response.status_code == 200
    assert "<script>alert" not in html
    if message:
        assert message in html
    if set(params) - {"q", "pagina"}:
        assert "kompas-error-summary" in html


# --- On the initiative's page -----------------------------------------------------------


def test_staff_see_every_conversation_about_it_with_a_label(staff_client, initiative, both):
    html = page(staff_client.get(initiative.get_absolute_url()))

    assert "appeltaart" in html
    assert "penningmeester" in html
    assert both[0].get_absolute_url() in html
    assert both[1].get_absolute_url() in html
    assert "kompas-badge--internal" in html
    assert f"{LIST}?initiative={initiative.slug}" in html


def test_a_member_reads_only_the_shared_ones(client, initiative, member, both):
    client.force_login(member)

    html = page(client.get(initiative.get_absolute_url()))

    assert "appeltaart" in html
    assert both[0].get_absolute_url() in html
    assert "penningmeester" not in html
    assert both[1].get_absolute_url() not in html
    assert "Wat de gemeente over jullie weet" in html or (
        "What the municipality knows about you" in html
    )
    # Members see no names of staff and no list of who knows them.
    assert "Jeroen Mulder" not in html
    assert 'id="wie-kent"' not in html
    assert f"{LIST}?" not in html


@pytest.mark.parametrize("role", ["anonymous", "resident", "council"])
def test_nobody_else_reads_any_of_them(client_as, initiative, both, role):
    html = page(client_as(role).get(initiative.get_absolute_url()))

    assert "appeltaart" not in html
    assert "penningmeester" not in html
    assert 'id="gesprekken"' not in html
    assert 'id="wie-kent"' not in html


def test_a_shared_conversation_reaches_only_the_initiatives_it_is_about(client, staff):
    ours = InitiativeFactory(name="Ons initiatief")
    theirs = InitiativeFactory(name="Hun initiatief")
    member_of_ours = UserFactory()
    MembershipFactory(initiative=ours, user=member_of_ours)
    MembershipFactory(initiative=theirs, user=member_of_ours)
    talk(staff, "Alleen over hen.", initiatives=[theirs])
    talk(staff, "Over ons.", initiatives=[ours])
    client.force_login(member_of_ours)

    ours_page = page(client.get(ours.get_absolute_url()))

    assert "Over ons." in ours_page
    assert "Alleen over hen." not in ours_page


def test_a_member_of_another_initiative_reads_nothing(client, initiative, both):
    stranger = UserFactory()
    MembershipFactory(initiative=InitiativeFactory(), user=stranger)
    client.force_login(stranger)

    html = page(client.get(initiative.get_absolute_url()))

    assert "appeltaart" not in html


def test_who_knows_it_lists_each_person_once_with_department_and_last_date(
    staff_client, staff, initiative
):
    partner = UserFactory(
        staff=True,
        name="Fenna de Vries",
        department=DepartmentFactory(name="Welzijn Markeveld", is_partner=True),
    )
    talk(staff, "Eerste.", initiatives=[initiative], date=datetime.date(2025, 1, 10))
    talk(staff, "Tweede.", initiatives=[initiative], date=datetime.date(2025, 5, 20))
    talk(staff, "Derde.", initiatives=[initiative], date=datetime.date(2025, 2, 3))
    talk(partner, "Van de partner.", initiatives=[initiative], date=datetime.date(2025, 4, 1))

    response = staff_client.get(initiative.get_absolute_url())

    section = page(response).split('id="wie-kent"')[1].split("</section>")[0]
    assert section.count("Jeroen Mulder") == 1
    assert section.count("Fenna de Vries") == 1
    assert "Sociaal team" in section
    assert "Welzijn Markeveld" in section
    assert "20 mei 2025" in section or "20 May 2025" in section
    assert "10 januari 2025" not in section and "10 January 2025" not in section
    # Ordered by the last conversation, never by how many.
    assert section.index("Jeroen Mulder") < section.index("Fenna de Vries")
    assert response.context["who_knows"][0]["last"] == datetime.date(2025, 5, 20)
    assert set(response.context["who_knows"][0]) == {"person", "department", "partner", "last"}


def test_who_knows_says_so_when_nobody_does(staff_client, initiative):
    html = page(staff_client.get(initiative.get_absolute_url()))

    assert 'id="wie-kent"' in html
    assert f"{reverse('conversation_create')}?initiatief={initiative.slug}" in html


def test_the_timeline_shows_the_latest_and_all_on_request(staff_client, staff, initiative):
    for day in range(25):
        talk(
            staff,
            f"Gesprek op dag {day}.",
            initiatives=[initiative],
            date=datetime.date(2025, 1, 1) + datetime.timedelta(days=day),
        )

    latest = page(staff_client.get(initiative.get_absolute_url()))
    everything = page(staff_client.get(initiative.get_absolute_url(), {"gesprekken": "alle"}))

    assert "Gesprek op dag 24." in latest
    assert "Gesprek op dag 0." not in latest
    assert "?gesprekken=alle" in latest
    assert "Gesprek op dag 0." in everything


@pytest.mark.parametrize("viewer", ["staff", "member"])
def test_the_initiative_page_keeps_a_constant_number_of_queries(
    client, staff, initiative, member, viewer, django_assert_max_num_queries
):
    client.force_login(staff if viewer == "staff" else member)

    def write(count):
        for number in range(count):
            author = UserFactory(staff=True, department=DepartmentFactory())
            talk(author, f"Gesprek {number}.", initiatives=[initiative])

    write(2)
    with CaptureQueriesContext(connection) as few:
        client.get(initiative.get_absolute_url())
    write(23)

    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(initiative.get_absolute_url())

    assert len(response.context["conversations"]) == 20


# --- Email ------------------------------------------------------------------------------


def test_an_email_reaches_only_members_of_the_initiative_a_shared_one_is_about(
    staff, initiative, member, django_capture_on_commit_callbacks
):
    other_member = UserFactory(email="ander@example.org")
    MembershipFactory(initiative=InitiativeFactory(), user=other_member)
    UserFactory(council=True, email="raad@example.org")

    with django_capture_on_commit_callbacks(execute=True):
        talk(staff, SHARED_WORDS, initiatives=[initiative])
    with django_capture_on_commit_callbacks(execute=True):
        talk(staff, INTERNAL_WORDS, initiatives=[initiative], visibility=Visibility.INTERNAL)

    assert [message.to for message in mail.outbox] == [["lid@example.org"]]
    for message in mail.outbox:
        assert "penningmeester" not in message.body
        assert "appeltaart" not in message.body
        assert reverse("notification_settings") in message.body


def test_no_email_for_a_member_who_switched_it_off(
    client, staff, initiative, member, django_capture_on_commit_callbacks
):
    client.force_login(member)
    response = client.post(reverse("notification_settings"), {})
    assert response.status_code == 302

    with django_capture_on_commit_callbacks(execute=True):
        talk(staff, SHARED_WORDS, initiatives=[initiative])

    assert mail.outbox == []


# --- Email settings ---------------------------------------------------------------------

SETTINGS = reverse("notification_settings")


def test_email_settings_need_signing_in(client):
    response = client.get(SETTINGS)

    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]


def test_switch_emails_off_and_on_again(client, member):
    client.force_login(member)

    html = page(client.get(SETTINGS))
    assert 'name="notify_by_email"' in html
    assert "checked" in html
    assert SETTINGS in page(client.get(reverse("account_email")))

    client.post(SETTINGS, {})
    member.refresh_from_db()
    assert not member.notify_by_email
    assert "checked" not in page(client.get(SETTINGS)).split('name="notify_by_email"')[1][:80]

    response = client.post(SETTINGS, {"notify_by_email": "on"}, follow=True)
    member.refresh_from_db()
    assert member.notify_by_email
    assert response.redirect_chain[-1][0] == SETTINGS


def test_conversations_are_kept_when_an_author_leaves(staff_client, staff):
    author = UserFactory(staff=True, name="Vertrokken Collega")
    talk(author, "Een gesprek van vroeger.")
    author.delete()

    html = page(staff_client.get(LIST))

    assert "Een gesprek van vroeger." in html
    assert Conversation.objects.get().author is None
