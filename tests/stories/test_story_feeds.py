"""The Atom feeds of public stories, for the whole municipality and per kern: valid Atom,
only what an anonymous visitor may read, whoever asks, and the initiative as the author."""

import datetime
import xml.etree.ElementTree as ET

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from initiatives.models import Membership
from kompas.choices import InitiativeStatus, Visibility
from stories import services
from stories.feeds import FEED_LENGTH
from tests.factories import InitiativeFactory, KernFactory, StoryFactory, UserFactory
from tests.photos import upload

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"
FEED = reverse("story_feed")
SCRIPT = "<script>alert('x')</script>"


def kern_feed(kern) -> str:
    return reverse("kern_story_feed", kwargs={"slug": kern.slug})


def parsed(response) -> ET.Element:
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    root = ET.fromstring(response.content)
    assert root.tag == f"{ATOM}feed"
    for name in ("id", "title", "updated"):
        assert root.find(f"{ATOM}{name}") is not None, name
    return root


def entries(root) -> list[ET.Element]:
    found = root.findall(f"{ATOM}entry")
    for entry in found:
        for name in ("id", "title", "link", "updated"):
            assert entry.find(f"{ATOM}{name}") is not None, name
    return found


def titles(root) -> list[str | None]:
    return [entry.findtext(f"{ATOM}title") for entry in entries(root)]


@pytest.fixture
def initiative(kern):
    return InitiativeFactory(name="Soepgroep", kern=kern, status=InitiativeStatus.PUBLIC)


@pytest.fixture
def member(initiative):
    user = UserFactory(name="Els de Vries")
    Membership.objects.create(initiative=initiative, user=user)
    return user


def test_the_feed_is_atom_with_the_story_the_initiative_as_author_and_the_photo(
    client, initiative, member
):
    story = services.write_story(
        initiative,
        member,
        services.StoryData(
            title="Soep op zondag",
            text="Elke zondag koken we.\nDaarna eten we samen.",
            date=timezone.localdate(),
            photos=[(upload(), "De pan")],
        ),
    )

    root = parsed(client.get(FEED))

    [entry] = entries(root)
    assert entry.findtext(f"{ATOM}title") == "Soep op zondag"
    link = entry.find(f"{ATOM}link[@rel='alternate']")
    assert link.get("href") == f"http://testserver{story.get_absolute_url()}"
    assert entry.findtext(f"{ATOM}author/{ATOM}name") == "Soepgroep"
    assert "Els de Vries" not in client.get(FEED).content.decode()
    content = entry.find(f"{ATOM}content")
    assert content.get("type") == "text"
    assert content.text == "Elke zondag koken we.\nDaarna eten we samen."
    enclosure = entry.find(f"{ATOM}link[@rel='enclosure']")
    assert enclosure.get("href").startswith("http://testserver/")
    assert enclosure.get("href").endswith(".jpg")
    assert enclosure.get("type") == "image/jpeg"
    assert int(enclosure.get("length")) > 0


def test_script_and_control_characters_stay_plain_text(client, initiative):
    StoryFactory(initiative=initiative, title="Soep " + SCRIPT, text=SCRIPT + "\x0b\x0c en meer")

    [entry] = entries(parsed(client.get(FEED)))

    assert entry.findtext(f"{ATOM}title") == "Soep " + SCRIPT
    assert entry.findtext(f"{ATOM}content") == SCRIPT + " en meer"
    assert SCRIPT not in client.get(FEED).content.decode()


@pytest.mark.parametrize("role", ["anonymous", "member", "staff", "council"])
def test_shared_stories_and_initiatives_not_on_the_map_never_reach_a_feed(
    role, kern, initiative, member
):
    known = InitiativeFactory(name="Nog niet op de kaart", kern=kern, status=InitiativeStatus.KNOWN)
    Membership.objects.create(initiative=known, user=member)
    StoryFactory(initiative=initiative, title="Voor iedereen")
    StoryFactory(initiative=initiative, title="Alleen gedeeld", visibility=Visibility.SHARED)
    StoryFactory(initiative=known, title="Nog niet openbaar", visibility=Visibility.PUBLIC)
    client = Client()
    if role == "member":
        client.force_login(member)
    elif role != "anonymous":
        client.force_login(UserFactory(**{role: True}))

    for url in (FEED, kern_feed(kern)):
        assert titles(parsed(client.get(url))) == ["Voor iedereen"], url


def test_the_kern_feed_holds_only_that_kerns_stories(client, kern, initiative):
    elsewhere = InitiativeFactory(name="Moestuin", kern=KernFactory(name="Lindeveld"))
    StoryFactory(initiative=initiative, title="Soep op zondag")
    StoryFactory(initiative=elsewhere, title="Bonen geoogst")

    root = parsed(client.get(kern_feed(kern)))

    assert titles(root) == ["Soep op zondag"]
    assert "Veldwijk" in root.findtext(f"{ATOM}title")
    assert sorted(titles(parsed(client.get(FEED)))) == ["Bonen geoogst", "Soep op zondag"]


def test_an_unknown_kern_has_no_feed(client):
    assert (
        client.get(reverse("kern_story_feed", kwargs={"slug": "bestaat-niet"})).status_code == 404
    )


def test_the_feed_holds_the_newest_thirty(client, initiative):
    today = timezone.localdate()
    for number in range(FEED_LENGTH + 5):
        StoryFactory(
            initiative=initiative,
            title=f"Verhaal {number:02}",
            date=today - datetime.timedelta(days=number),
        )

    assert titles(parsed(client.get(FEED))) == [f"Verhaal {n:02}" for n in range(FEED_LENGTH)]


def test_an_empty_feed_is_still_valid_atom(client, kern):
    assert entries(parsed(client.get(FEED))) == []
    assert entries(parsed(client.get(kern_feed(kern)))) == []


def test_the_feeds_keep_a_constant_number_of_queries(
    client, kern, initiative, member, django_assert_max_num_queries
):
    def add(number):
        for index in range(number):
            services.write_story(
                initiative,
                member,
                services.StoryData(
                    title=f"Verhaal {index}",
                    text="Tekst.",
                    date=timezone.localdate(),
                    photos=[(upload(), "")],
                ),
            )

    add(2)
    with CaptureQueriesContext(connection) as few:
        parsed(client.get(FEED))
        parsed(client.get(kern_feed(kern)))
    add(12)
    with django_assert_max_num_queries(len(few.captured_queries)):
        parsed(client.get(FEED))
        parsed(client.get(kern_feed(kern)))
