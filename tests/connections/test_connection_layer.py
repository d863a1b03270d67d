"""The connections layer: lines between two places, only what the viewer may see."""

import json
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
        learn=True,
        status=status,
        first_answer=answers[0],
        second_answer=answers[1],
    )


def layer(client, **headers):
    return client.get(reverse("layer_connections"), headers=headers)


def ids(response) -> set[int]:
    assert response.status_code == 200
    assert response["Content-Type"] == "application/geo+json"
    return {feature["id"] for feature in json.loads(response.content)["features"]}


@pytest.fixture
def connections():
    """A made connection, a proposal, a "no", and a made one with a non-public side."""
    one, two, three = (InitiativeFactory(name=name) for name in ("Eén", "Twee", "Drie"))
    known = InitiativeFactory(name="Nog niet openbaar", status=InitiativeStatus.KNOWN)
    member = MembershipFactory(initiative=one, user=UserFactory(email="lid@example.org")).user
    return {
        "made": connect(one, two),
        "proposed": connect(one, three, ConnectionStatus.PROPOSED, (YES, PENDING)),
        "no": connect(two, three, ConnectionStatus.STOPPED, (YES, NO)),
        "known": connect(three, known),
        "member": member,
    }


@pytest.mark.parametrize("role", ["anonymous", "resident", "council"])
def test_outside_the_two_only_made_public_connections(client_as, connections, role):
    assert ids(layer(client_as(role))) == {connections["made"].pk}


def test_staff_see_every_connection(client_as, connections):
    assert ids(layer(client_as("staff"))) == {
        connections[key].pk for key in ("made", "proposed", "no", "known")
    }


def test_members_see_their_proposals_too(client, connections):
    client.force_login(connections["member"])
    assert ids(layer(client)) == {connections["made"].pk, connections["proposed"].pk}


def test_the_line_joins_the_two_places_with_only_an_id_and_a_status(client):
    kern = KernFactory(centre=Point(6.4, 52.6, srid=4326))
    first = InitiativeFactory(location=Point(6.123456789, 52.7, srid=4326))
    second = InitiativeFactory(kern=kern, location=None)
    nowhere = InitiativeFactory(kern=None, location=None)
    made = connect(first, second)
    connect(first, nowhere)

    (feature,) = json.loads(layer(client).content)["features"]

    assert feature["id"] == made.pk
    assert feature["properties"] == {"status": "made"}
    assert feature["geometry"] == {
        "type": "LineString",
        "coordinates": [[6.123457, 52.7], [6.4, 52.6]],
    }


def test_a_repeat_visit_gets_304_until_something_changes(client, connections):
    first = layer(client)
    etag = first["ETag"]

    assert layer(client, if_none_match=etag).status_code == 304

    connections["proposed"].first_answer = connections["proposed"].second_answer = YES
    connections["proposed"].status = ConnectionStatus.MADE
    connections["proposed"].save()
    assert layer(client, if_none_match=etag).status_code == 200


def test_the_layer_takes_the_same_queries_for_many_connections(
    client_as, django_assert_max_num_queries
):
    client = client_as("resident")
    initiatives = InitiativeFactory.create_batch(12)
    for first, second in pairwise(initiatives):
        connect(first, second)

    with django_assert_max_num_queries(5):
        assert len(ids(layer(client))) == 11
