"""The obstacle pages: the reports on /drempels/, reporting one for an initiative, a
report's own page with the municipality's answer beside it, changing a report, and the
obstacles on the initiative's page. The patterns: test_obstacle_patterns.py.

Messages are checked through their English text (the language cookie set to English).
"""

import datetime
import html
import re

import pytest
from django.conf import settings
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from conversations import services as conversations_services
from kompas.choices import InitiativeStatus, ObstacleStatus, Visibility
from obstacles import services as obstacles_services
from obstacles.models import Obstacle
from tests.factories import (
    DepartmentFactory,
    InitiativeFactory,
    KernFactory,
    MembershipFactory,
    ObstacleFactory,
    UserFactory,
    obstacle_category,
)

pytestmark = pytest.mark.django_db

SCRIPT = "<script>alert('x')</script>"
LIST = reverse("obstacle_list")
OK, REDIRECT, FORBIDDEN, NOT_FOUND = 200, 302, 403, 404


def english(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def page(response) -> str:
    return response.content.decode()


def text_of(response) -> str:
    """What a reader sees: the page without its tags, attributes and scripts."""
    body = re.sub(r"<(script|style)\b.*?</\1>", " ", page(response), flags=re.S)
    return html.unescape(re.sub(r"<[^>]+>", " ", body))


def signed_in(user):
    client = english(Client())
    client.force_login(user)
    return client


def member_of(initiative, **traits):
    return MembershipFactory(initiative=initiative, user=UserFactory(**traits)).user


def create_url(initiative) -> str:
    return reverse("obstacle_create", kwargs={"slug": initiative.slug})


def edit_url(obstacle) -> str:
    return reverse("obstacle_edit", kwargs={"pk": obstacle.pk})


def answer_url(obstacle) -> str:
    return reverse("obstacle_answer", kwargs={"pk": obstacle.pk})


def report_data(**overrides):
    data = {
        "what_happened": "We vroegen een vergunning voor het buurtfeest aan.",
        "category": "kom-over-een-jaar-nog-eens-terug",
        "department": "",
        "organisation": "",
        "happened_on": timezone.localdate().isoformat(),
        "visibility": Visibility.PUBLIC,
    }
    return data | overrides


def clients_by_role(initiative):
    """A client per kind of viewer of an initiative's obstacle."""
    return {
        "anonymous": english(Client()),
        "resident": signed_in(UserFactory()),
        "member": signed_in(member_of(initiative)),
        "staff": signed_in(UserFactory(staff=True)),
        "council": signed_in(UserFactory(council=True)),
    }


# --- Who reads what ---------------------------------------------------------------------

PUBLIC_SEEN_BY = {"anonymous", "resident", "member", "staff", "council"}
SHARED_SEEN_BY = {"member", "staff"}


@pytest.mark.parametrize(
    ("visibility", "seen_by"),
    [(Visibility.PUBLIC, PUBLIC_SEEN_BY), (Visibility.SHARED, SHARED_SEEN_BY)],
)
def test_every_role_reads_what_it_may_and_nothing_else(visibility, seen_by):
    initiative = InitiativeFactory(name="Soepgroep")
    obstacle = ObstacleFactory(
        initiative=initiative, visibility=visibility, what_happened="Het formulier was zoek."
    )

    for role, client in clients_by_role(initiative).items():
        detail = client.get(obstacle.get_absolute_url())
        listed = text_of(client.get(LIST))
        on_page = page(client.get(initiative.get_absolute_url()))

        expected = OK if role in seen_by else NOT_FOUND
        assert detail.status_code == expected, role
        assert ("Het formulier was zoek." in listed) is (role in seen_by), role
        assert (obstacle.get_absolute_url() in on_page) is (role in seen_by), role


def test_a_shared_obstacle_never_names_its_initiative_to_the_public_or_the_council():
    initiative = InitiativeFactory(name="Geheime Moestuin")
    ObstacleFactory(initiative=initiative, visibility=Visibility.SHARED)

    for client in (english(Client()), signed_in(UserFactory(council=True))):
        listed = page(client.get(LIST))
        assert "Geheime Moestuin" not in listed
        assert "There are no reports you can read yet." in listed


def test_the_obstacle_of_an_initiative_not_on_the_map_stays_inside():
    initiative = InitiativeFactory(name="Nog niet openbaar", status=InitiativeStatus.KNOWN)
    obstacle = ObstacleFactory(initiative=initiative, visibility=Visibility.PUBLIC)

    assert english(Client()).get(obstacle.get_absolute_url()).status_code == NOT_FOUND
    assert "Nog niet openbaar" not in page(english(Client()).get(LIST))
    assert signed_in(member_of(initiative)).get(obstacle.get_absolute_url()).status_code == OK


def test_the_list_shows_what_a_report_is_about_newest_first():
    initiative = InitiativeFactory(name="Soepgroep")
    old = ObstacleFactory(
        initiative=initiative,
        happened_on=datetime.date(2025, 1, 5),
        what_happened="Eerst gebeurde dit.",
    )
    new = ObstacleFactory(
        initiative=initiative,
        happened_on=datetime.date(2025, 6, 5),
        category=obstacle_category("geen-prioriteit"),
        what_happened="Later gebeurde dat.",
        status=ObstacleStatus.LOOKING,
        answer="We kijken ernaar.",
    )

    text = text_of(english(Client()).get(LIST))

    assert text.index("Later gebeurde dat.") < text.index("Eerst gebeurde dit.")
    assert "Soepgroep" in text
    assert "Geen prioriteit" in text
    assert "Being looked at" in text
    assert "The municipality answered" in text
    assert "No answer yet" in text
    assert new.get_absolute_url() in page(english(Client()).get(LIST))
    assert old.get_absolute_url() in page(english(Client()).get(LIST))


def test_the_list_filters_by_kern_kind_and_status():
    here, there = KernFactory(name="Oosterend"), KernFactory(name="Westerend")
    in_here = ObstacleFactory(
        initiative=InitiativeFactory(kern=here), what_happened="Hier gebeurd."
    )
    ObstacleFactory(
        initiative=InitiativeFactory(kern=there),
        what_happened="Daar gebeurd.",
        category=obstacle_category("geen-prioriteit"),
        status=ObstacleStatus.SOLVED,
    )
    client = english(Client())

    by_kern = text_of(client.get(LIST, {"kern": "oosterend"}))
    by_kind = text_of(client.get(LIST, {"categorie": "geen-prioriteit"}))
    by_status = text_of(client.get(LIST, {"status": "solved"}))

    assert "Hier gebeurd." in by_kern and "Daar gebeurd." not in by_kern
    assert "Daar gebeurd." in by_kind and "Hier gebeurd." not in by_kind
    assert "Daar gebeurd." in by_status and "Hier gebeurd." not in by_status
    assert in_here.get_absolute_url() in page(client.get(LIST, {"kern": "oosterend"}))


@pytest.mark.parametrize(
    "query",
    [
        {"kern": "bestaat-niet"},
        {"categorie": "<b>nee</b>"},
        {"status": "weg"},
        {"pagina": "x"},
        {"kern": "\x00"},
    ],
)
def test_a_filter_that_is_not_understood_gets_a_message_not_an_error(query):
    ObstacleFactory(what_happened="Het formulier was zoek.")

    response = english(Client()).get(LIST, query)

    assert response.status_code == OK
    assert "Het formulier was zoek." in text_of(response)
    if "pagina" not in query:
        assert "Not every filter was understood" in text_of(response)
        assert "<b>nee</b>" not in page(response)


def test_the_list_pages_by_twenty():
    for _ in range(21):
        ObstacleFactory(initiative=InitiativeFactory())

    first = page(english(Client()).get(LIST))
    second = page(english(Client()).get(LIST, {"pagina": 2}))

    assert first.count('class="kompas-card kompas-obstacle-card"') == 20
    assert second.count('class="kompas-card kompas-obstacle-card"') == 1


def make_reports(count: int, kern) -> None:
    department = DepartmentFactory(name="Vergunningen")
    for number in range(count):
        ObstacleFactory(
            initiative=InitiativeFactory(kern=kern),
            department=department if number % 2 else None,
            visibility=Visibility.SHARED if number % 3 == 0 else Visibility.PUBLIC,
            happened_on=timezone.localdate() - datetime.timedelta(days=20 * number),
            answer="Antwoord." if number % 2 else "",
        )


@pytest.mark.parametrize("role", ["anonymous", "resident", "staff", "council"])
def test_the_page_keeps_a_constant_number_of_queries(
    client_as, role, django_assert_max_num_queries
):
    kern = KernFactory(name="Oosterend")
    make_reports(2, kern)
    client = client_as(role)
    with CaptureQueriesContext(connection) as few:
        client.get(LIST)
    make_reports(25, kern)

    with django_assert_max_num_queries(len(few.captured_queries)) as many:
        response = client.get(LIST, {"kern": "oosterend"})

    assert response.status_code == OK
    for captured in (few, many):
        asked = [query["sql"] for query in captured.captured_queries]
        assert len(set(asked)) == len(asked), "a query was asked twice"


# --- Reporting an obstacle --------------------------------------------------------------


def test_signing_in_comes_first():
    initiative = InitiativeFactory()

    response = Client().get(create_url(initiative))

    assert response.status_code == REDIRECT
    assert response["Location"].startswith(reverse("account_login"))


@pytest.mark.parametrize("traits", [{}, {"council": True}])
def test_only_members_and_staff_report(traits):
    initiative = InitiativeFactory()
    client = signed_in(UserFactory(**traits))

    assert client.get(create_url(initiative)).status_code == FORBIDDEN
    assert client.post(create_url(initiative), report_data()).status_code == FORBIDDEN
    assert not Obstacle.objects.exists()


def test_an_initiative_one_may_not_see_does_not_exist():
    tip = InitiativeFactory(status=InitiativeStatus.TIP)

    assert signed_in(UserFactory()).get(create_url(tip)).status_code == NOT_FOUND


def test_a_member_reports_an_obstacle_in_their_own_words():
    initiative = InitiativeFactory(name="Soepgroep")
    member = member_of(initiative)
    department = DepartmentFactory(name="Vergunningen")
    client = signed_in(member)

    response = client.post(
        create_url(initiative),
        report_data(department=department.pk, organisation="wordt genegeerd"),
    )

    obstacle = Obstacle.objects.get()
    assert response.status_code == REDIRECT
    assert response["Location"] == obstacle.get_absolute_url()
    assert obstacle.initiative == initiative
    assert obstacle.reported_by == member
    assert obstacle.category.slug == "kom-over-een-jaar-nog-eens-terug"
    assert obstacle.department == department
    assert obstacle.organisation == ""
    assert obstacle.visibility == Visibility.PUBLIC
    assert obstacle.status == ObstacleStatus.REPORTED
    shown = text_of(client.get(obstacle.get_absolute_url()))
    assert "We vroegen een vergunning" in shown
    assert "Thank you for telling what happened." in shown


def test_another_organisation_is_written_down():
    initiative = InitiativeFactory()
    client = signed_in(member_of(initiative))

    client.post(create_url(initiative), report_data(organisation="  De provincie "))

    assert Obstacle.objects.get().organisation == "De provincie"


def test_the_form_offers_every_answer_with_other_last_and_today():
    initiative = InitiativeFactory()
    client = signed_in(member_of(initiative))

    response = client.get(create_url(initiative))

    labels = re.findall(r'name="category" value="([^"]+)"', page(response))
    assert labels[-1] == "anders"
    assert "past-niet-in-de-subsidiecriteria" in labels
    assert f'value="{timezone.localdate().isoformat()}"' in page(response)
    assert re.search(r'value="public"[^>]*checked', page(response))


def test_staff_report_on_an_initiatives_behalf_shared_by_default():
    initiative = InitiativeFactory()
    staff = UserFactory(staff=True)
    client = signed_in(staff)

    response = client.get(create_url(initiative))
    assert re.search(r'value="shared"[^>]*checked', page(response))

    client.post(create_url(initiative), report_data(visibility=Visibility.SHARED))

    obstacle = Obstacle.objects.get()
    assert obstacle.reported_by == staff
    assert obstacle.visibility == Visibility.SHARED


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"what_happened": "   "}, "Tell what happened."),
        ({"category": "bestaat-niet"}, "Choose one of the answers in the list"),
        ({"category": ""}, "Choose what you heard"),
        (
            {"happened_on": (timezone.localdate() + datetime.timedelta(days=2)).isoformat()},
            "That date is still to come",
        ),
        ({"happened_on": "gisteren"}, "Type a date, for example 31-12-2025."),
        ({"visibility": "internal"}, "Choose who may read this."),
        ({"department": "999999"}, "Choose a department from the list."),
    ],
)
def test_bad_input_gets_a_clear_message_and_keeps_what_was_typed(overrides, message):
    initiative = InitiativeFactory()
    client = signed_in(member_of(initiative))

    response = client.post(
        create_url(initiative), report_data(what_happened="Mijn eigen woorden.") | overrides
    )

    assert response.status_code == OK
    assert message in text_of(response)
    assert "Not everything could be saved yet" in text_of(response)
    if "what_happened" not in overrides:
        assert "Mijn eigen woorden." in page(response)
    assert not Obstacle.objects.exists()


def test_script_in_the_words_is_shown_as_text():
    initiative = InitiativeFactory()
    client = signed_in(member_of(initiative))

    client.post(create_url(initiative), report_data(what_happened=SCRIPT, organisation=SCRIPT))
    obstacle = Obstacle.objects.get()

    for url in (obstacle.get_absolute_url(), LIST, initiative.get_absolute_url()):
        shown = page(english(Client()).get(url))
        assert SCRIPT not in shown
    assert "&lt;script&gt;" in page(english(Client()).get(obstacle.get_absolute_url()))


def conversation_about(initiative, visibility, learned):
    return conversations_services.log_conversation(
        UserFactory(staff=True),
        conversations_services.ConversationData(
            learned=learned, initiatives=[initiative], visibility=visibility
        ),
    )


def test_members_link_only_the_conversations_they_may_read():
    initiative = InitiativeFactory()
    shared = conversation_about(initiative, Visibility.SHARED, "Gedeeld gesprek over de zaal.")
    internal = conversation_about(initiative, Visibility.INTERNAL, "Intern gesprek.")
    client = signed_in(member_of(initiative))

    form = page(client.get(create_url(initiative)))
    assert "Gedeeld gesprek over de zaal." in form
    assert "Intern gesprek." not in form

    refused = client.post(create_url(initiative), report_data(conversations=[internal.pk]))
    assert "Choose conversations from the list." in text_of(refused)

    client.post(create_url(initiative), report_data(conversations=[shared.pk]))
    assert list(Obstacle.objects.get().conversations.all()) == [shared]


def test_the_page_shows_only_the_linked_conversations_the_viewer_may_read():
    initiative = InitiativeFactory()
    shared = conversation_about(initiative, Visibility.SHARED, "Gedeeld.")
    internal = conversation_about(initiative, Visibility.INTERNAL, "Intern.")
    obstacle = ObstacleFactory(initiative=initiative)
    obstacle.conversations.set([shared, internal])

    public = page(english(Client()).get(obstacle.get_absolute_url()))
    member = page(signed_in(member_of(initiative)).get(obstacle.get_absolute_url()))
    staff = page(signed_in(UserFactory(staff=True)).get(obstacle.get_absolute_url()))

    assert shared.get_absolute_url() not in public
    assert shared.get_absolute_url() in member and internal.get_absolute_url() not in member
    assert shared.get_absolute_url() in staff and internal.get_absolute_url() in staff


# --- Changing a report ------------------------------------------------------------------


def test_members_change_their_report():
    initiative = InitiativeFactory()
    obstacle = ObstacleFactory(initiative=initiative, what_happened="Eerst zo.")
    client = signed_in(member_of(initiative))

    assert client.get(edit_url(obstacle)).status_code == OK
    assert "Eerst zo." in page(client.get(edit_url(obstacle)))
    response = client.post(
        edit_url(obstacle), report_data(what_happened="Toch anders.", visibility="shared")
    )

    obstacle.refresh_from_db()
    assert response.status_code == REDIRECT
    assert obstacle.what_happened == "Toch anders."
    assert obstacle.visibility == Visibility.SHARED
    assert "Change this report" in text_of(client.get(obstacle.get_absolute_url()))


def test_a_change_by_a_member_keeps_the_conversations_only_staff_read():
    initiative = InitiativeFactory()
    internal = conversation_about(initiative, Visibility.INTERNAL, "Intern.")
    shared = conversation_about(initiative, Visibility.SHARED, "Gedeeld.")
    obstacle = ObstacleFactory(initiative=initiative)
    obstacle.conversations.set([internal, shared])
    client = signed_in(member_of(initiative))

    client.post(edit_url(obstacle), report_data())

    assert set(obstacle.conversations.all()) == {internal}


def test_the_staff_member_who_wrote_it_down_changes_it_another_does_not():
    initiative = InitiativeFactory()
    writer = UserFactory(staff=True)
    obstacle = ObstacleFactory(initiative=initiative, reported_by=writer)

    assert signed_in(writer).get(edit_url(obstacle)).status_code == OK
    assert signed_in(UserFactory(staff=True)).get(edit_url(obstacle)).status_code == FORBIDDEN
    other = signed_in(UserFactory(staff=True)).get(obstacle.get_absolute_url())
    assert edit_url(obstacle) not in page(other)


@pytest.mark.parametrize("traits", [{}, {"council": True}])
def test_others_do_not_change_a_report(traits):
    obstacle = ObstacleFactory()
    client = signed_in(UserFactory(**traits))

    assert client.get(edit_url(obstacle)).status_code == FORBIDDEN
    assert client.post(edit_url(obstacle), report_data()).status_code == FORBIDDEN
    assert edit_url(obstacle) not in page(client.get(obstacle.get_absolute_url()))


def test_a_change_with_bad_input_keeps_the_report():
    initiative = InitiativeFactory()
    obstacle = ObstacleFactory(initiative=initiative, what_happened="Eerst zo.")
    client = signed_in(member_of(initiative))

    response = client.post(edit_url(obstacle), report_data(category="bestaat-niet"))

    obstacle.refresh_from_db()
    assert response.status_code == OK
    assert "Choose one of the answers in the list" in text_of(response)
    assert obstacle.what_happened == "Eerst zo."


# --- The municipality's answer, beside the report ---------------------------------------


def answer_box(response) -> str:
    """The text of the box with the municipality's answer."""
    match = re.search(r'<aside[^>]*id="antwoord".*?</aside>', page(response), flags=re.S)
    assert match, "no answer box"
    return html.unescape(re.sub(r"<[^>]+>", " ", match.group(0)))


def report_box(response) -> str:
    match = re.search(r"<article[^>]*kompas-obstacle__report.*?</article>", page(response), re.S)
    assert match, "no report"
    return html.unescape(re.sub(r"<[^>]+>", " ", match.group(0)))


def test_staff_answer_beside_the_report_and_the_report_stays_as_it_was():
    department = DepartmentFactory(name="Vergunningen")
    staff = UserFactory(staff=True, name="Ambtenaar Jansen", department=department)
    obstacle = ObstacleFactory(what_happened="Het ligt op de stapel, zeiden ze.")
    client = signed_in(staff)

    assert "Answer on behalf of the municipality" in text_of(
        client.get(obstacle.get_absolute_url())
    )
    response = client.post(
        answer_url(obstacle),
        {"antwoord-status": ObstacleStatus.LEARNED, "antwoord-answer": "We pakken het op."},
    )

    obstacle.refresh_from_db()
    assert response.status_code == REDIRECT
    assert obstacle.status == ObstacleStatus.LEARNED
    assert obstacle.answer == "We pakken het op."
    assert obstacle.what_happened == "Het ligt op de stapel, zeiden ze."
    public = english(Client()).get(obstacle.get_absolute_url())
    assert "We pakken het op." in answer_box(public)
    assert "We learned from it" in answer_box(public)
    assert "We pakken het op." not in report_box(public)
    assert "Het ligt op de stapel, zeiden ze." in report_box(public)
    # History keeps the report as reported and the answer.
    records = list(obstacle.history.order_by("history_date", "history_id"))
    assert records[0].what_happened == "Het ligt op de stapel, zeiden ze."
    assert records[-1].answer == "We pakken het op."
    assert records[-1].what_happened == "Het ligt op de stapel, zeiden ze."


def test_who_answered_by_name_for_staff_by_department_for_others():
    department = DepartmentFactory(name="Vergunningen")
    staff = UserFactory(staff=True, name="Ambtenaar Jansen", department=department)
    obstacle = ObstacleFactory()
    obstacles_services.answer_obstacle(
        obstacle, staff, status=ObstacleStatus.LOOKING, answer="We kijken."
    )

    public = answer_box(english(Client()).get(obstacle.get_absolute_url()))
    colleague = answer_box(signed_in(UserFactory(staff=True)).get(obstacle.get_absolute_url()))

    assert "Vergunningen" in public and "Ambtenaar Jansen" not in public
    assert "Ambtenaar Jansen" in colleague


@pytest.mark.parametrize("who", ["member", "resident", "council"])
def test_only_staff_answer(who):
    initiative = InitiativeFactory()
    obstacle = ObstacleFactory(initiative=initiative)
    user = member_of(initiative) if who == "member" else UserFactory(council=who == "council")
    client = signed_in(user)

    response = client.post(
        answer_url(obstacle), {"antwoord-status": "solved", "antwoord-answer": "Opgelost!"}
    )

    obstacle.refresh_from_db()
    assert response.status_code == FORBIDDEN
    assert obstacle.status == ObstacleStatus.REPORTED and obstacle.answer == ""
    assert "Answer on behalf of the municipality" not in text_of(
        client.get(obstacle.get_absolute_url())
    )


def test_an_answer_with_a_status_not_in_the_list_is_shown_again_with_a_message():
    obstacle = ObstacleFactory()
    client = signed_in(UserFactory(staff=True))

    response = client.post(
        answer_url(obstacle), {"antwoord-status": "kwijt", "antwoord-answer": "Mijn antwoord."}
    )

    obstacle.refresh_from_db()
    assert response.status_code == OK
    assert "Choose one of the statuses in the list." in text_of(response)
    assert "Mijn antwoord." in page(response)
    assert obstacle.answer == ""


def test_an_answer_to_a_shared_obstacle_of_another_does_not_exist_for_a_resident():
    obstacle = ObstacleFactory(visibility=Visibility.SHARED)

    response = signed_in(UserFactory()).post(answer_url(obstacle), {"antwoord-status": "solved"})

    assert response.status_code == NOT_FOUND


# --- On the initiative's page -----------------------------------------------------------


def test_the_initiative_page_shows_its_obstacles_with_status_and_answer():
    initiative = InitiativeFactory()
    obstacle = ObstacleFactory(
        initiative=initiative,
        category=obstacle_category("geen-prioriteit"),
        status=ObstacleStatus.SOLVED,
        answer="Het is geregeld.",
    )

    response = english(Client()).get(initiative.get_absolute_url())

    assert obstacle.get_absolute_url() in page(response)
    assert "Geen prioriteit" in text_of(response)
    assert "Solved" in text_of(response)
    assert "Het is geregeld." in text_of(response)


def test_members_and_staff_find_how_to_report_an_obstacle_others_do_not():
    initiative = InitiativeFactory()
    url = create_url(initiative)

    assert url not in page(english(Client()).get(initiative.get_absolute_url()))
    assert url not in page(signed_in(UserFactory()).get(initiative.get_absolute_url()))
    assert url not in page(signed_in(UserFactory(council=True)).get(initiative.get_absolute_url()))
    assert url in page(signed_in(member_of(initiative)).get(initiative.get_absolute_url()))
    assert url in page(signed_in(UserFactory(staff=True)).get(initiative.get_absolute_url()))


def test_everyone_finds_the_obstacles_page_in_the_menu():
    assert f'href="{LIST}"' in page(english(Client()).get(reverse("home")))
