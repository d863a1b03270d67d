"""The pages of connections with a crown jewel: proposing one from an initiative's page or
from the jewel's page, the list and its kern filter, one connection, and the map layer."""

import json

import pytest
from django.conf import settings
from django.contrib.gis.geos import Point
from django.urls import reverse
from django.utils import timezone

from connections import services
from connections.models import Connection
from kompas.choices import ConnectionAnswer, ConnectionStatus, GiftConsent
from tests.factories import (
    CrownJewelFactory,
    InitiativeFactory,
    KernFactory,
    MembershipFactory,
    UserFactory,
    jewel_category,
)

pytestmark = pytest.mark.django_db

MEET = services.ConnectionData(reasons=("meet",), note="Onder de linde.")


@pytest.fixture(autouse=True)
def english(client):
    """The messages are checked by their English text."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"


@pytest.fixture
def groengroep():
    initiative = InitiativeFactory(name="Groengroep")
    return initiative, MembershipFactory(initiative=initiative).user


@pytest.fixture
def linde():
    return CrownJewelFactory(name="De oude linde", kern=KernFactory(name="Lindeburen"))


def made(initiative, jewel, **fields):
    return Connection.objects.create(
        first=initiative,
        jewel=jewel,
        learn=True,
        first_answer=ConnectionAnswer.YES,
        second_answer=ConnectionAnswer.YES,
        status=ConnectionStatus.MADE,
        **fields,
    )


# --- Proposing from an initiative's page ------------------------------------------------


def test_a_member_connects_their_initiative_with_a_jewel(client, groengroep, linde):
    initiative, member = groengroep
    client.force_login(member)
    url = reverse("connection_create", kwargs={"slug": initiative.slug})

    form = client.get(url, {"kroonjuweel": linde.slug}).content.decode()
    assert f'value="{linde.pk}" selected' in form
    assert "De oude linde (Lindeburen)" in form

    response = client.post(url, {"jewel": linde.pk, "reasons": ["learn"], "note": "Snoeien"})

    connection = Connection.objects.get()
    assert response.status_code == 302
    assert response["Location"] == connection.get_absolute_url()
    assert (connection.first, connection.second, connection.jewel) == (initiative, None, linde)
    assert connection.status == ConnectionStatus.MADE


def test_staff_connect_an_initiative_with_a_jewel_and_the_members_are_asked(
    client, groengroep, linde, staff
):
    initiative, _member = groengroep
    client.force_login(staff)

    response = client.post(
        reverse("connection_create", kwargs={"slug": initiative.slug}),
        {"other": "", "jewel": linde.pk, "reasons": ["meet"]},
        follow=True,
    )

    connection = Connection.objects.get()
    assert connection.status == ConnectionStatus.PROPOSED
    assert "The members of the initiative are asked." in response.content.decode()


@pytest.mark.parametrize(
    "case", ["neither", "both", "hidden", "gift", "forged", "not a number", "duplicate"]
)
def test_bad_choices_get_a_clear_message(client, groengroep, linde, staff, case):
    initiative, member = groengroep
    other = InitiativeFactory(name="Moestuin")
    hidden = CrownJewelFactory(name="Verborgen", hidden_at=timezone.now())
    gift = CrownJewelFactory(
        name="De soep van Annie",
        category=jewel_category("gave-van-mensen"),
        consent=GiftConsent.ASKED,
        person_email="annie@example.org",
    )
    if case == "duplicate":
        services.propose_jewel_connection(staff, initiative, linde, MEET)
    before = Connection.objects.count()
    data = {"other": "", "jewel": linde.pk, "reasons": ["learn"], "note": "Hallo"}
    data |= {
        "neither": {"jewel": ""},
        "both": {"other": other.pk},
        "hidden": {"jewel": hidden.pk},
        "gift": {"jewel": gift.pk},
        "forged": {"jewel": "999999"},
        "not a number": {"jewel": "linde"},
        "duplicate": {},
    }[case]
    message = {
        "neither": "Choose the initiative or the crown jewel it could meet.",
        "both": "Choose an initiative or a crown jewel, not both: one at a time.",
        "hidden": "Choose a crown jewel from the list.",
        "gift": "Choose a crown jewel from the list.",
        "forged": "Choose a crown jewel from the list.",
        "not a number": "Choose a crown jewel from the list.",
        "duplicate": "This initiative and this crown jewel are already connected.",
    }[case]
    client.force_login(member)

    response = client.post(reverse("connection_create", kwargs={"slug": initiative.slug}), data)

    assert response.status_code == 400
    page = response.content.decode()
    assert "Not everything could be saved yet" in page
    assert message in page
    assert "Hallo" in page
    assert "Verborgen" not in page and "Annie" not in page
    assert Connection.objects.count() == before


def test_the_initiatives_page_lists_its_jewel_and_links_to_connecting(client, groengroep, linde):
    initiative, member = groengroep
    made(initiative, linde)

    page = client.get(initiative.get_absolute_url()).content.decode()
    assert "De oude linde" in page
    client.force_login(member)
    page = client.get(initiative.get_absolute_url()).content.decode()
    assert reverse("connection_create", kwargs={"slug": initiative.slug}) in page


# --- Proposing from a jewel's page ------------------------------------------------------


def test_staff_connect_any_initiative_from_the_jewels_page(client, groengroep, linde, staff):
    initiative, _member = groengroep
    client.force_login(staff)
    url = reverse("jewel_connect", kwargs={"slug": linde.slug})
    assert url in client.get(linde.get_absolute_url()).content.decode()

    form = client.get(url, {"initiatief": initiative.slug}).content.decode()
    assert f'value="{initiative.pk}" selected' in form

    response = client.post(url, {"initiative": initiative.pk, "reasons": ["together"]})

    connection = Connection.objects.get()
    assert response.status_code == 302
    assert (connection.first, connection.jewel, connection.together) == (initiative, linde, True)
    assert connection.status == ConnectionStatus.PROPOSED


def test_a_member_chooses_only_among_their_own_initiatives(client, groengroep, linde):
    initiative, member = groengroep
    other = InitiativeFactory(name="Moestuin")
    client.force_login(member)
    url = reverse("jewel_connect", kwargs={"slug": linde.slug})
    assert url in client.get(linde.get_absolute_url()).content.decode()

    form = client.get(url).content.decode()
    assert "Groengroep" in form and "Moestuin" not in form

    refused = client.post(url, {"initiative": other.pk, "reasons": ["meet"], "note": "Hallo"})
    assert refused.status_code == 400
    assert "Choose an initiative from the list." in refused.content.decode()
    assert "Hallo" in refused.content.decode()
    assert not Connection.objects.exists()

    client.post(url, {"initiative": initiative.pk, "reasons": ["meet"]})
    assert Connection.objects.get().status == ConnectionStatus.MADE


@pytest.mark.parametrize("data", [{}, {"initiative": "x"}, {"initiative": "1", "reasons": ["?"]}])
def test_a_jewel_form_not_understood_is_said(client, linde, staff, data):
    client.force_login(staff)

    response = client.post(reverse("jewel_connect", kwargs={"slug": linde.slug}), data)

    assert response.status_code == 400
    assert "Not everything could be saved yet" in response.content.decode()


def test_who_may_not_connect_from_a_jewels_page(client, linde, staff):
    url = reverse("jewel_connect", kwargs={"slug": linde.slug})
    client.force_login(UserFactory())
    assert client.get(url).status_code == 403
    assert url not in client.get(linde.get_absolute_url()).content.decode()

    hidden = CrownJewelFactory(hidden_at=timezone.now())
    hidden_url = reverse("jewel_connect", kwargs={"slug": hidden.slug})
    assert client.get(hidden_url).status_code == 404
    client.force_login(staff)
    assert client.get(hidden_url).status_code == 403


def test_the_jewels_page_lists_only_the_connections_a_viewer_may_see(
    client, groengroep, linde, staff
):
    initiative, _member = groengroep
    made(initiative, linde)
    services.propose_jewel_connection(staff, InitiativeFactory(name="Moestuin"), linde, MEET)

    page = client.get(linde.get_absolute_url()).content.decode()

    assert "Initiatives connected with this crown jewel" in page
    assert "Groengroep" in page and "Moestuin" not in page
    assert reverse("jewel_connect", kwargs={"slug": linde.slug}) not in page


# --- The list, one connection -----------------------------------------------------------


def test_the_list_shows_the_jewel_side_and_filters_on_its_kern(client, groengroep, linde):
    initiative, _member = groengroep
    made(initiative, linde)
    made(InitiativeFactory(name="Breiclub"), CrownJewelFactory(name="De molen"))

    everything = client.get(reverse("connection_list")).content.decode()
    by_kern = client.get(reverse("connection_list"), {"kern": "lindeburen"}).content.decode()

    assert linde.get_absolute_url() in everything and "De molen" in everything
    assert "De oude linde" in by_kern and "Breiclub" not in by_kern


def test_the_list_keeps_a_constant_number_of_queries_with_jewels(
    client, django_assert_max_num_queries
):
    for _ in range(15):
        made(InitiativeFactory(), CrownJewelFactory())
        Connection.objects.create(
            first=InitiativeFactory(),
            second=InitiativeFactory(),
            meet=True,
            first_answer=ConnectionAnswer.YES,
            second_answer=ConnectionAnswer.YES,
            status=ConnectionStatus.MADE,
        )

    with django_assert_max_num_queries(12):
        assert client.get(reverse("connection_list")).status_code == 200


def test_one_connection_shows_the_jewel_and_only_the_initiatives_answer(
    client, groengroep, linde, staff
):
    initiative, member = groengroep
    connection = services.propose_jewel_connection(staff, initiative, linde, MEET)
    client.force_login(member)

    page = client.get(connection.get_absolute_url()).content.decode()

    assert linde.get_absolute_url() in page
    assert "A crown jewel" in page and "Lindeburen" in page
    assert page.count("not answered yet") == 1
    assert "Yes, gladly" in page

    response = client.post(
        reverse("connection_answer", kwargs={"pk": connection.pk}), {"accept": "ja"}
    )
    assert response.status_code == 302
    connection.refresh_from_db()
    assert connection.status == ConnectionStatus.MADE

    followed = client.post(
        reverse("connection_follow_up", kwargs={"pk": connection.pk}),
        {"status": "running", "how_it_went": "We snoeien samen."},
    )
    assert followed.status_code == 302


def test_the_jewels_nominator_does_not_answer_or_tell(client, linde, groengroep, staff):
    initiative, _member = groengroep
    connection = services.propose_jewel_connection(staff, initiative, linde, MEET)
    client.force_login(linde.nominated_by)

    assert client.get(connection.get_absolute_url()).status_code == 404
    answer = reverse("connection_answer", kwargs={"pk": connection.pk})
    assert client.post(answer, {"accept": "nee"}).status_code == 404


# --- The map layer and the network ------------------------------------------------------


def features(client):
    response = client.get(reverse("layer_connections"))
    assert response.status_code == 200
    return {feature["id"]: feature for feature in json.loads(response.content)["features"]}


def test_a_line_joins_the_initiative_and_the_jewel(client):
    initiative = InitiativeFactory(location=Point(6.5, 52.7, srid=4326))
    placed = CrownJewelFactory(location=Point(6.6, 52.8, srid=4326))
    centred = CrownJewelFactory(
        kern=KernFactory(name="Midden", centre=Point(6.4, 52.6, srid=4326)), location=None
    )
    nowhere = CrownJewelFactory(kern=None, location=None)
    to_placed, to_centre = made(initiative, placed), made(initiative, centred)
    made(initiative, nowhere)

    lines = features(client)

    assert set(lines) == {to_placed.pk, to_centre.pk}
    assert lines[to_placed.pk]["geometry"]["coordinates"] == [[6.5, 52.7], [6.6, 52.8]]
    assert lines[to_centre.pk]["geometry"]["coordinates"] == [[6.5, 52.7], [6.4, 52.6]]
    assert lines[to_placed.pk]["properties"] == {"status": "made"}


def test_the_layer_shows_only_what_the_viewer_may_see(client, groengroep, linde, staff):
    initiative, member = groengroep
    public = made(initiative, linde)
    proposal = services.propose_jewel_connection(
        staff, initiative, CrownJewelFactory(name="De molen"), MEET
    )
    hidden_jewel = CrownJewelFactory(name="Verborgen")
    hidden = made(initiative, hidden_jewel)
    hidden_jewel.hidden_at = timezone.now()
    hidden_jewel.save()

    assert set(features(client)) == {public.pk}
    client.force_login(member)
    assert set(features(client)) == {public.pk, proposal.pk}
    client.force_login(staff)
    assert set(features(client)) == {public.pk, proposal.pk, hidden.pk}


def test_a_moved_jewel_changes_the_layers_etag(client, groengroep, linde):
    made(groengroep[0], linde)
    etag = client.get(reverse("layer_connections"))["ETag"]

    linde.location = Point(6.7, 52.9, srid=4326)
    linde.save()

    assert client.get(
        reverse("layer_connections"), headers={"if-none-match": etag}
    ).status_code == (200)


def test_the_network_leaves_jewel_connections_out(client, groengroep, linde):
    made(groengroep[0], linde)

    page = client.get(reverse("network")).content.decode()

    assert "De oude linde" not in page
