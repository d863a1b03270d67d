"""The connection pages: the list, one connection, proposing, answering, following up."""

import pytest
from django.conf import settings
from django.urls import reverse

from connections import services
from connections.models import Connection
from kompas.choices import ConnectionAnswer, ConnectionStatus, InitiativeStatus
from tests.factories import InitiativeFactory, KernFactory, MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db

MEET = services.ConnectionData(reasons=("meet",), note="Beide koken.")


@pytest.fixture(autouse=True)
def english(client):
    """The messages are checked by their English text."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"


@pytest.fixture
def pair():
    first = InitiativeFactory(name="Soepgroep")
    second = InitiativeFactory(name="Moestuin")
    return (
        first,
        second,
        MembershipFactory(initiative=first).user,
        MembershipFactory(initiative=second).user,
    )


def made(first, second, **fields):
    connection = Connection.objects.create(
        first=first,
        second=second,
        learn=True,
        first_answer=ConnectionAnswer.YES,
        second_answer=ConnectionAnswer.YES,
        status=ConnectionStatus.MADE,
        **fields,
    )
    return connection


# --- The list ---------------------------------------------------------------------------


def test_the_list_shows_made_public_connections_to_everyone(client):
    made(InitiativeFactory(name="Soepgroep"), InitiativeFactory(name="Moestuin"), note="Koken")

    page = client.get(reverse("connection_list")).content.decode()

    assert "Soepgroep" in page and "Moestuin" in page and "Koken" in page


def test_a_no_is_never_listed_beyond_the_two_and_staff(client, pair, staff):
    first, second, first_member, second_member = pair
    connection = services.propose_connection(staff, first, second, MEET)
    services.answer_connection(connection, first_member, accept=False)

    for viewer, expected in (
        (None, False),
        (UserFactory(), False),
        (UserFactory(council=True), False),
        (first_member, True),
        (second_member, True),
        (staff, True),
    ):
        client.logout()
        if viewer is not None:
            client.force_login(viewer)
        page = client.get(reverse("connection_list")).content.decode()
        assert ("Moestuin" in page) is expected, viewer


def test_the_list_filters_by_kern_reason_and_status(client):
    veld = KernFactory(name="Veldwijk")
    in_veld = made(InitiativeFactory(name="Soepgroep", kern=veld), InitiativeFactory(name="A1"))
    made(InitiativeFactory(name="Breiclub"), InitiativeFactory(name="B1"), together=True)

    by_kern = client.get(reverse("connection_list"), {"kern": "veldwijk"}).content.decode()
    by_reason = client.get(reverse("connection_list"), {"reden": "together"}).content.decode()
    by_status = client.get(reverse("connection_list"), {"status": "running"}).content.decode()

    assert "Soepgroep" in by_kern and "Breiclub" not in by_kern
    assert "Breiclub" in by_reason and "Soepgroep" not in by_reason
    assert "Soepgroep" not in by_status and "Breiclub" not in by_status
    assert in_veld.pk


def test_a_filter_not_understood_is_said_and_left_out(client):
    made(InitiativeFactory(name="Soepgroep"), InitiativeFactory(name="Moestuin"))

    response = client.get(reverse("connection_list"), {"reden": "geld", "pagina": "x"})

    assert response.status_code == 200
    page = response.content.decode()
    assert "Not every filter was understood" in page
    assert "Soepgroep" in page


def test_the_list_keeps_a_constant_number_of_queries(client, django_assert_max_num_queries):
    for _ in range(30):
        made(InitiativeFactory(), InitiativeFactory())

    with django_assert_max_num_queries(12):
        assert client.get(reverse("connection_list")).status_code == 200


# --- One connection ---------------------------------------------------------------------


def test_the_involved_see_answers_and_who_proposed(client, pair, staff):
    first, second, first_member, _ = pair
    connection = services.propose_connection(staff, first, second, MEET)
    client.force_login(first_member)

    page = client.get(connection.get_absolute_url()).content.decode()

    assert str(staff) in page
    assert "Yes, gladly" in page


def test_a_member_answers_yes_and_then_the_other_no(client, pair, staff):
    first, second, first_member, second_member = pair
    connection = services.propose_connection(staff, first, second, MEET)
    url = reverse("connection_answer", kwargs={"pk": connection.pk})

    client.force_login(first_member)
    assert client.post(url, {"accept": "ja"}).status_code == 302
    client.force_login(second_member)
    assert client.post(url, {"accept": "nee"}).status_code == 302

    connection.refresh_from_db()
    assert connection.first_answer == ConnectionAnswer.YES
    assert connection.second_answer == ConnectionAnswer.NO
    assert connection.status == ConnectionStatus.STOPPED


@pytest.mark.parametrize("value", ["", "misschien"])
def test_an_answer_not_understood_is_said(client, pair, staff, value):
    first, second, first_member, _ = pair
    connection = services.propose_connection(staff, first, second, MEET)
    client.force_login(first_member)

    response = client.post(
        reverse("connection_answer", kwargs={"pk": connection.pk}), {"accept": value}
    )

    assert response.status_code == 400
    connection.refresh_from_db()
    assert connection.first_answer == ConnectionAnswer.PENDING


def test_answering_for_another_is_refused_kindly(client, pair, staff):
    first, second, *_ = pair
    connection = services.propose_connection(staff, first, second, MEET)
    client.force_login(staff)

    response = client.post(
        reverse("connection_answer", kwargs={"pk": connection.pk}), {"accept": "ja"}
    )

    assert response.status_code == 400
    assert "Only a member of one of the two initiatives answers this." in response.content.decode()


def test_a_hidden_connection_cannot_be_answered(client, pair, staff):
    first, second, *_ = pair
    connection = services.propose_connection(staff, first, second, MEET)
    client.force_login(UserFactory())

    response = client.post(
        reverse("connection_answer", kwargs={"pk": connection.pk}), {"accept": "ja"}
    )

    assert response.status_code == 404


def test_those_involved_tell_how_it_went(client, pair):
    first, second, first_member, _ = pair
    connection = made(first, second)
    client.force_login(first_member)
    assert "How is it going?" in client.get(connection.get_absolute_url()).content.decode()

    response = client.post(
        reverse("connection_follow_up", kwargs={"pk": connection.pk}),
        {"status": "running", "how_it_went": "We koken nu samen."},
    )

    assert response.status_code == 302
    connection.refresh_from_db()
    assert connection.status == ConnectionStatus.RUNNING
    assert connection.how_it_went == "We koken nu samen."


@pytest.mark.parametrize("data", [{}, {"status": "made"}, {"status": "x", "how_it_went": "Goed"}])
def test_a_follow_up_not_understood_is_said(client, pair, data):
    first, second, first_member, _ = pair
    connection = made(first, second)
    client.force_login(first_member)

    response = client.post(reverse("connection_follow_up", kwargs={"pk": connection.pk}), data)

    assert response.status_code == 400
    connection.refresh_from_db()
    assert connection.status == ConnectionStatus.MADE


def test_a_follow_up_of_a_proposal_is_refused_kindly(client, pair, staff):
    first, second, first_member, _ = pair
    connection = services.propose_connection(staff, first, second, MEET)
    client.force_login(first_member)

    response = client.post(
        reverse("connection_follow_up", kwargs={"pk": connection.pk}), {"status": "running"}
    )

    assert response.status_code == 400
    assert "This connection cannot get that status now." in response.content.decode()


def test_an_outsider_cannot_tell_how_it_went(client, pair):
    first, second, *_ = pair
    connection = made(first, second)
    client.force_login(UserFactory())

    response = client.post(
        reverse("connection_follow_up", kwargs={"pk": connection.pk}), {"how_it_went": "Top"}
    )

    assert response.status_code == 403
    connection.refresh_from_db()
    assert connection.how_it_went == ""


# --- Proposing --------------------------------------------------------------------------


def test_a_member_proposes_a_connection(client, pair):
    first, second, first_member, _ = pair
    client.force_login(first_member)
    url = reverse("connection_create", kwargs={"slug": first.slug})

    form = client.get(url, {"met": second.slug, "reden": "offer"}).content.decode()
    assert f'value="{second.pk}" selected' in form
    assert 'value="offer"' in form
    assert form.count(" checked") == 1

    response = client.post(url, {"other": second.pk, "reasons": ["offer"], "note": "Soep"})

    connection = Connection.objects.get()
    assert response.status_code == 302
    assert response["Location"] == connection.get_absolute_url()
    assert (connection.first, connection.second, connection.offer) == (first, second, True)
    assert connection.first_answer == ConnectionAnswer.YES


def test_the_initiative_page_links_to_proposing_and_lists_connections(client, pair):
    first, second, first_member, _ = pair
    made(first, second)
    client.force_login(first_member)

    page = client.get(first.get_absolute_url()).content.decode()

    assert reverse("connection_create", kwargs={"slug": first.slug}) in page
    assert "Moestuin" in page


def test_a_visitor_sees_public_connections_but_no_proposing_link(client, pair):
    first, second, *_ = pair
    made(first, second)

    page = client.get(first.get_absolute_url()).content.decode()

    assert reverse("connection_create", kwargs={"slug": first.slug}) not in page
    assert "Moestuin" in page


@pytest.mark.parametrize(
    "case", ["itself", "duplicate", "hidden", "no_reason", "forged", "bad_reason", "missing"]
)
def test_bad_proposals_get_a_clear_message(client, pair, staff, case):
    first, second, first_member, _ = pair
    hidden = InitiativeFactory(name="Verborgen", status=InitiativeStatus.TIP)
    if case == "duplicate":
        services.propose_connection(staff, first, second, MEET)
    before = Connection.objects.count()
    data = {"other": second.pk, "reasons": ["learn"], "note": "Hallo"}
    data |= {
        "itself": {"other": first.pk},
        "duplicate": {},
        "hidden": {"other": hidden.pk},
        "no_reason": {"reasons": []},
        "forged": {"other": "999999"},
        "bad_reason": {"reasons": ["geld"]},
        "missing": {"other": ""},
    }[case]
    client.force_login(first_member)

    response = client.post(reverse("connection_create", kwargs={"slug": first.slug}), data)

    assert response.status_code == 400
    page = response.content.decode()
    assert "Not everything could be saved yet" in page
    assert "Hallo" in page
    assert Connection.objects.count() == before


def test_a_duplicate_says_they_are_already_connected(client, pair, staff):
    first, second, first_member, _ = pair
    services.propose_connection(staff, first, second, MEET)
    client.force_login(first_member)

    response = client.post(
        reverse("connection_create", kwargs={"slug": first.slug}),
        {"other": second.pk, "reasons": ["learn"]},
    )

    assert "These two initiatives are already connected." in response.content.decode()


def test_someone_who_is_no_member_may_not_propose(client, pair):
    first, *_ = pair
    client.force_login(UserFactory())

    response = client.get(reverse("connection_create", kwargs={"slug": first.slug}))

    assert response.status_code == 403


def test_proposing_for_a_hidden_initiative_does_not_exist(client):
    tip = InitiativeFactory(status=InitiativeStatus.TIP)
    client.force_login(UserFactory())

    assert client.get(reverse("connection_create", kwargs={"slug": tip.slug})).status_code == 404
