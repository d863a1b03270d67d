"""The network view: a server-drawn SVG and a list, only what the viewer may see."""

import re
from itertools import pairwise

import pytest
from django.contrib.gis.geos import Point
from django.urls import reverse

from connections.models import Connection
from kompas.choices import ConnectionAnswer, ConnectionStatus, InitiativeStatus
from tests.factories import InitiativeFactory, KernFactory, MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db

YES, NO, PENDING = ConnectionAnswer.YES, ConnectionAnswer.NO, ConnectionAnswer.PENDING


def connect(first, second, status=ConnectionStatus.MADE, answers=(YES, YES)):
    return Connection.objects.create(
        first=first,
        second=second,
        meet=True,
        status=status,
        first_answer=answers[0],
        second_answer=answers[1],
    )


def svg_of(page: str) -> str:
    return page[page.index("<svg") : page.index("</svg>")]


@pytest.fixture
def network():
    kern = KernFactory(name="Aldeburen")
    one = InitiativeFactory(name="Moestuin <Aldeburen>", kern=kern)
    two = InitiativeFactory(name="Repair Café", kern=kern, location=Point(6.6, 52.8, srid=4326))
    three = InitiativeFactory(name="Buurtkoor", kern=kern, location=Point(6.4, 52.6, srid=4326))
    lonely = InitiativeFactory(name="Zonder verbinding", kern=kern)
    member = MembershipFactory(initiative=three, user=UserFactory(email="lid@example.org")).user
    connect(one, two)
    connect(two, three, ConnectionStatus.PROPOSED, (PENDING, YES))
    connect(one, three, ConnectionStatus.STOPPED, (YES, NO))
    return {"kern": kern, "member": member, "lonely": lonely}


@pytest.mark.parametrize("role", ["anonymous", "resident", "council"])
def test_outside_the_two_only_made_public_connections(client_as, network, role):
    page = client_as(role).get(reverse("network")).content.decode()

    svg = svg_of(page)
    assert svg.count("<line") == 1
    assert svg.count("<circle") == 2
    assert "Buurtkoor" not in page
    assert "Zonder verbinding" not in page


def test_staff_see_every_connection_and_the_list_alternative(client_as, network):
    page = client_as("staff").get(reverse("network")).content.decode()

    svg = svg_of(page)
    assert svg.count("<line") == 3
    assert "kompas-network__edge--proposed" in svg
    assert 'id="verbindingen-kop"' in page
    assert page.count('class="kompas-network-list__item"') == 3
    assert "Zonder verbinding" not in page


def test_members_see_their_own_proposal_and_no(client, network):
    client.force_login(network["member"])

    svg = svg_of(client.get(reverse("network")).content.decode())

    assert svg.count("<line") == 3


def test_names_are_escaped_and_every_node_is_the_same_size(client_as, network):
    page = client_as("staff").get(reverse("network")).content.decode()

    assert "Moestuin &lt;Aldeburen&gt;" in page
    assert "<Aldeburen>" not in page
    assert set(re.findall(r'r="(\d+)"', svg_of(page))) == {"7"}


def test_the_kern_network_holds_the_connections_around_it(client_as, network):
    elsewhere = KernFactory(name="Veldwijk")
    connect(
        InitiativeFactory(name="Elders een", kern=elsewhere),
        InitiativeFactory(name="Elders twee", kern=elsewhere),
    )
    client = client_as("staff")

    page = client.get(reverse("kern_network", kwargs={"slug": network["kern"].slug}))

    assert page.status_code == 200
    assert "Elders een" not in page.content.decode()
    assert "Elders een" in client.get(reverse("network")).content.decode()
    assert client.get(reverse("kern_network", kwargs={"slug": "nergens"})).status_code == 404


def test_the_network_takes_the_same_queries_for_many_connections(
    client_as, django_assert_max_num_queries
):
    client = client_as("resident")
    kern = KernFactory(name="Aldeburen")
    initiatives = InitiativeFactory.create_batch(10, kern=kern)
    for index, (first, second) in enumerate(pairwise(initiatives)):
        first.location = Point(6.4 + index / 100, 52.6, srid=4326)
        first.save()
        connect(first, second)

    with django_assert_max_num_queries(8):
        assert client.get(reverse("network")).status_code == 200
    with django_assert_max_num_queries(9):
        assert client.get(reverse("kern_network", kwargs={"slug": kern.slug})).status_code == 200


def test_nothing_visible_yet(client):
    InitiativeFactory(status=InitiativeStatus.KNOWN)

    page = client.get(reverse("network")).content.decode()

    assert "<svg" not in page


def test_names_in_the_right_half_stand_left_of_their_dot_so_none_runs_off():
    from connections.selectors import NETWORK_WIDTH, NetworkNode

    assert NetworkNode(pk=1, name="Oost", slug="oost", x=NETWORK_WIDTH * 0.9).label_on_the_left
    assert not NetworkNode(pk=2, name="West", slug="west", x=10).label_on_the_left
