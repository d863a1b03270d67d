"""The demo's connections: every status and reason, answered by the initiatives themselves;
and initiatives that meet a crown jewel."""

from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command

from connections.models import REASONS, Connection
from demo.connections import CONNECTIONS, JEWEL_CONNECTIONS
from kompas.choices import ConnectionAnswer, ConnectionStatus
from kompas.words import AVOIDED_WORDS

pytestmark = pytest.mark.django_db


def test_every_status_and_every_reason_is_in_the_demo(demo):
    connections = list(Connection.objects.all())

    assert {connection.status for connection in connections} == set(ConnectionStatus.values)
    for reason, _label in REASONS:
        assert any(getattr(connection, reason) for connection in connections), reason


def test_one_initiative_said_no_thank_you(demo):
    declined = Connection.objects.filter(second_answer=ConnectionAnswer.NO).get()

    assert declined.status == ConnectionStatus.STOPPED


def test_how_it_went_is_told_for_running_and_stopped_ones(demo):
    told = Connection.objects.exclude(how_it_went="")

    assert {connection.status for connection in told} == {
        ConnectionStatus.RUNNING,
        ConnectionStatus.STOPPED,
    }


def test_loading_twice_makes_nothing_twice_and_sends_no_email(demo):
    call_command("load_demo", stdout=StringIO())

    assert Connection.objects.filter(jewel__isnull=True).count() == len(CONNECTIONS)
    assert Connection.objects.filter(jewel__isnull=False).count() == len(JEWEL_CONNECTIONS)
    assert not demo.sent
    assert not mail.outbox


def test_initiatives_meet_crown_jewels_answered_by_the_initiative_alone(demo):
    with_jewels = list(Connection.objects.filter(jewel__isnull=False).select_related("jewel"))

    assert len(with_jewels) == len(JEWEL_CONNECTIONS)
    assert all(connection.second_id is None for connection in with_jewels)
    assert all(connection.second_answer == ConnectionAnswer.YES for connection in with_jewels)
    assert {connection.status for connection in with_jewels} == {
        ConnectionStatus.PROPOSED,
        ConnectionStatus.MADE,
        ConnectionStatus.RUNNING,
    }
    running = next(c for c in with_jewels if c.status == ConnectionStatus.RUNNING)
    assert running.how_it_went
    assert running.jewel.name == "Dorpshuis De Berkenhof"


def test_the_demo_texts_use_no_avoided_words():
    texts = " ".join(
        spec.note + " " + spec.how_it_went for spec in (*CONNECTIONS, *JEWEL_CONNECTIONS)
    ).lower()

    assert not [word for word in AVOIDED_WORDS if word in texts]
