"""Every main page asks each query once, for every role: permissions ask the request's
Viewer, which looks the viewer's role and memberships up once. Each page's own query test
compares few rows with many; this one forbids a query asked twice on any of them."""

import collections

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from connections.models import Connection
from kompas.choices import ConnectionAnswer
from tests.factories import (
    AppreciationFactory,
    CrownJewelFactory,
    InitiativeFactory,
    KernFactory,
    MembershipFactory,
    ObstacleFactory,
    StaffNoteFactory,
    StoryFactory,
)

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "resident", "member", "staff", "council", "admin"]


def _pages() -> dict[str, str]:
    kern = KernFactory()
    initiative = InitiativeFactory(kern=kern)
    other = InitiativeFactory(kern=kern)
    MembershipFactory(initiative=initiative)
    StaffNoteFactory(initiative=initiative)
    story = StoryFactory(initiative=initiative)
    obstacle = ObstacleFactory(initiative=initiative)
    jewel = CrownJewelFactory(kern=kern)
    jewel.caretakers.add(initiative)
    AppreciationFactory(jewel=jewel)
    link = Connection.objects.create(
        first=initiative,
        second=other,
        first_answer=ConnectionAnswer.YES,
        second_answer=ConnectionAnswer.YES,
    )
    return {
        "initiative": initiative.get_absolute_url(),
        "initiative history": reverse("initiative_history", kwargs={"slug": initiative.slug}),
        "story": story.get_absolute_url(),
        "obstacle": reverse("obstacle_detail", args=[obstacle.pk]),
        "jewel": jewel.get_absolute_url(),
        "connection": reverse("connection_detail", args=[link.pk]),
        "kern": kern.get_absolute_url(),
        "home": reverse("home"),
        "initiatives": reverse("initiative_list"),
        "stories": reverse("story_list"),
        "jewels": reverse("jewel_list"),
        "obstacles": reverse("obstacle_list"),
        "connections": reverse("connection_list"),
        "conversations": reverse("conversation_list"),
        "tips": reverse("tip_list"),
        "network": reverse("network"),
        "map": reverse("map"),
        "initiatives layer": reverse("layer_initiatives"),
        "connections layer": reverse("layer_connections"),
        "insight": reverse("insight"),
        "spread": reverse("conversation_spread"),
        "mine": reverse("mine"),
    }


@pytest.mark.parametrize("role", ROLES)
def test_no_page_asks_a_query_twice(client, make_user, role, request):
    pages = _pages()
    if role == "admin":
        user = request.getfixturevalue("admin_user")
    else:
        user = make_user("resident" if role == "member" else role)
    if role == "member":
        initiative = InitiativeFactory()
        MembershipFactory(initiative=initiative, user=user)
        pages["own initiative"] = initiative.get_absolute_url()
    if role != "anonymous":
        client.force_login(user)

    repeated = {}
    for name, url in pages.items():
        with CaptureQueriesContext(connection) as captured:
            response = client.get(url)
        assert response.status_code in (200, 302, 403), name
        counts = collections.Counter(query["sql"] for query in captured.captured_queries)
        twice = [sql for sql, count in counts.items() if count > 1]
        if twice:
            repeated[name] = twice

    assert not repeated, f"asked more than once: {repeated}"
