"""Canary strings in everything that is not for everyone: each may appear only in the
responses (and emails) to those the rules in initiatives/permissions.py let see it.

Every URL of Kompas is asked for, as every kind of visitor: each page listed by the URL
resolver (with a small table of kwargs for those that need them, so a new page fails
until it has an entry), each search with the canary as the query, the map layers and
popups, the feeds, the open data, the insight CSVs, the history pages and the zip of
"my data". The admin (/beheer/) is left out: only administrators, who may see all of
it, get in (test_url_matrix.py).
"""

import io
import zipfile
from dataclasses import dataclass
from urllib.parse import quote

import pytest
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.contrib.auth.models import AnonymousUser
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from connections import services as connections_services
from conversations import services as conversations_services
from conversations.models import Conversation
from initiatives import services
from initiatives.models import Initiative, JoinRequest, Membership, StaffNote
from insight.open_data import HSDS_NAMES
from insight.selectors import FIGURES
from jewels import services as jewels_services
from jewels.models import Appreciation, CrownJewel
from kompas import access
from kompas.choices import GiftConsent, InitiativeStatus, Visibility
from obstacles import services as obstacles_services
from obstacles.models import Obstacle
from stories import services as stories_services
from stories.models import Story
from tests.access.test_url_matrix import own_views, site_patterns
from tests.factories import (
    AppreciationFactory,
    CrownJewelFactory,
    InitiativeFactory,
    KernFactory,
    UserFactory,
    jewel_category,
    obstacle_category,
)

pytestmark = pytest.mark.django_db

# One word each (lower case, no digits), so full-text search finds them as they are.
CANARIES = {
    "conversation_shared": "kanariegesprekgedeeld",
    "conversation_internal": "kanariegesprekintern",
    "note_shared": "kanarienotitiegedeeld",
    "note_internal": "kanarienotitieintern",
    "tip_name": "kanarietipnaam",
    "tip_description": "kanarietipomschrijving",
    "contact": "kanariecontactgegevens",
    "gift_name": "kanariegavenaam",
    "gift_email": "kanariegavepersoon",
    "story": "kanarieverhaalgedeeld",
    "obstacle": "kanariedrempelgedeeld",
}


@dataclass
class World:
    """The objects the canaries live in, and the people around them."""

    kern: object
    host: Initiative
    other: Initiative
    tip: Initiative
    conversation_shared: Conversation
    conversation_internal: Conversation
    note_shared: StaffNote
    note_internal: StaffNote
    gift: CrownJewel
    appreciation: Appreciation
    story: Story
    obstacle: Obstacle
    join_request: JoinRequest
    proposal: object
    member: object
    other_member: object
    staff_author: object

    def allowed(self, user) -> dict[str, bool]:
        """Which canaries ``user`` may read, by the rules of permissions.py."""
        can_view = access.can_view
        return {
            "conversation_shared": can_view(user, self.conversation_shared),
            "conversation_internal": can_view(user, self.conversation_internal),
            "note_shared": can_view(user, self.note_shared),
            "note_internal": can_view(user, self.note_internal),
            "tip_name": can_view(user, self.tip),
            "tip_description": can_view(user, self.tip),
            "contact": can_view(user, self.host) and access.can_see_contact(user, self.host),
            "gift_name": can_view(user, self.gift),
            "gift_email": can_view(user, self.gift)
            and access.can_see_gift_consent(user, self.gift),
            "story": can_view(user, self.story),
            "obstacle": can_view(user, self.obstacle),
        }


def build_world() -> World:
    """Everything made the way the site makes it (services), so the emails go out too."""
    kern = KernFactory(name="Kanariedorp")
    staff_author = UserFactory(email="schrijver@example.org", staff=True)
    member = UserFactory(email="lid@example.org")
    other_member = UserFactory(email="ander-lid@example.org")
    host = InitiativeFactory(
        name="Soepgroep",
        kern=kern,
        status=InitiativeStatus.PUBLIC,
        published_at=timezone.now(),
        contact=f"{CANARIES['contact']} 06-12345678",
        contact_consent=False,
    )
    other = InitiativeFactory(name="Moestuin", kern=kern, status=InitiativeStatus.PUBLIC)
    Membership.objects.create(initiative=host, user=member)
    Membership.objects.create(initiative=other, user=other_member)
    tip = InitiativeFactory(
        name=f"Breiclub {CANARIES['tip_name']}",
        kern=kern,
        status=InitiativeStatus.TIP,
        description=f"Ze breien op dinsdag, {CANARIES['tip_description']}.",
    )
    services.refresh_search([host, other, tip])

    def conversation(canary, visibility):
        return conversations_services.log_conversation(
            staff_author,
            conversations_services.ConversationData(
                learned=f"We spraken over de soep, {CANARIES[canary]}.",
                initiatives=[host],
                visibility=visibility,
            ),
        )

    conversation_shared = conversation("conversation_shared", Visibility.SHARED)
    conversation_internal = conversation("conversation_internal", Visibility.INTERNAL)
    note_shared = services.add_staff_note(
        host, staff_author, f"Gedeeld: {CANARIES['note_shared']}", Visibility.SHARED
    )
    note_internal = services.add_staff_note(
        host, staff_author, f"Intern: {CANARIES['note_internal']}", Visibility.INTERNAL
    )
    # A person's gift, nominated by the member, that the person has not agreed to yet.
    gift = jewels_services.nominate_jewel(
        member,
        jewels_services.JewelData(
            name=f"De soep van {CANARIES['gift_name']}",
            category=jewel_category("gave-van-mensen"),
            why="Zij kookt voor iedereen.",
            kern=kern,
            person_email=f"{CANARIES['gift_email']}@example.org",
        ),
    )
    assert gift.consent == GiftConsent.ASKED
    appreciation = AppreciationFactory(jewel=CrownJewelFactory(name="De Lindeboom", kern=kern))
    story = stories_services.write_story(
        host,
        member,
        stories_services.StoryData(
            title=f"Alleen voor de gemeente {CANARIES['story']}",
            text=f"Wat er gebeurde: {CANARIES['story']}.",
            date=timezone.localdate(),
            visibility=Visibility.SHARED,
        ),
    )
    obstacle = obstacles_services.report_obstacle(
        host,
        member,
        obstacles_services.ObstacleData(
            what_happened=f"De zaal was dicht, {CANARIES['obstacle']}.",
            category=obstacle_category(),
            happened_on=timezone.localdate(),
            visibility=Visibility.SHARED,
        ),
    )
    join_request = JoinRequest.objects.create(initiative=host, user=UserFactory())
    proposal = connections_services.propose_connection(
        staff_author, host, other, connections_services.ConnectionData(reasons=("meet",))
    )
    return World(
        kern=kern,
        host=host,
        other=other,
        tip=tip,
        conversation_shared=conversation_shared,
        conversation_internal=conversation_internal,
        note_shared=note_shared,
        note_internal=note_internal,
        gift=gift,
        appreciation=appreciation,
        story=story,
        obstacle=obstacle,
        join_request=join_request,
        proposal=proposal,
        member=member,
        other_member=other_member,
        staff_author=staff_author,
    )


def initiatives_of(world):
    return [{"slug": world.host.slug}, {"slug": world.tip.slug}]


def conversations_of(world):
    return [{"pk": world.conversation_shared.pk}, {"pk": world.conversation_internal.pk}]


def kern_of(world):
    return [{"slug": world.kern.slug}]


def gift_of(world):
    return [{"slug": world.gift.slug}]


def story_of(world):
    return [{"pk": world.story.pk}]


def obstacle_of(world):
    return [{"pk": world.obstacle.pk}]


def proposal_of(world):
    return [{"pk": world.proposal.pk}]


# url name → the kwargs to ask for it with (each a page of the world above).
KWARGS = {
    "initiative_detail": initiatives_of,
    "initiative_edit": initiatives_of,
    "initiative_history": initiatives_of,
    "initiative_status": initiatives_of,
    "staff_note_add": initiatives_of,
    "invitation_send": initiatives_of,
    "join_request_send": initiatives_of,
    "connection_create": initiatives_of,
    "story_create": initiatives_of,
    "obstacle_create": initiatives_of,
    "join_request_decide": lambda w: [{"slug": w.host.slug, "pk": w.join_request.pk}],
    # Links with a key in them belong to the one person they were sent to.
    "invitation_accept": lambda w: [{"token": "geen-geldige-sleutel"}],
    "jewel_consent": lambda w: [{"token": "geen-geldige-sleutel"}],
    "tip_state": lambda w: [{"pk": w.tip.pk}],
    "conversation_detail": conversations_of,
    "conversation_edit": conversations_of,
    "conversation_history": conversations_of,
    "connection_detail": proposal_of,
    "connection_answer": proposal_of,
    "connection_follow_up": proposal_of,
    "jewel_detail": gift_of,
    "jewel_edit": gift_of,
    "jewel_history": gift_of,
    "jewel_appreciate": gift_of,
    "jewel_report": gift_of,
    "jewel_connect": gift_of,
    "jewel_release": gift_of,
    "appreciation_report": lambda w: [{"pk": w.appreciation.pk}],
    "story_detail": story_of,
    "story_edit": story_of,
    "story_react": story_of,
    "obstacle_detail": obstacle_of,
    "obstacle_edit": obstacle_of,
    "obstacle_answer": obstacle_of,
    "kern_detail": kern_of,
    "kern_network": kern_of,
    "kern_story_feed": kern_of,
    "layer_initiative_popup": lambda w: [{"pk": w.host.pk}, {"pk": w.tip.pk}],
    "layer_jewel_popup": lambda w: [{"pk": w.gift.pk}],
    "insight_csv": lambda w: [{"figure": figure} for figure in FIGURES],
    "open_data_hsds_file": lambda w: [{"name": name} for name in HSDS_NAMES],
    "consent_withdraw": lambda w: [{"kind": "kaart", "pk": w.host.pk}],
}

# Pages that search: each is asked for once more with every canary as the query.
SEARCHED = {
    "initiative_list",
    "map",
    "layer_initiatives",
    "conversation_list",
    "conversation_initiative_search",
    "tip_list",
    "jewel_list",
    "story_list",
    "obstacle_list",
    "connection_list",
}


def own_urls():
    """(name, route) of every page Kompas itself defines."""
    return sorted(
        (name, route)
        for name, route, view in site_patterns()
        if name and ":" not in name and own_views(view)
    )


def takes_kwargs(route: str) -> bool:
    return "<" in route


def test_every_page_with_parameters_has_kwargs_to_ask_for_it_with():
    missing = {name for name, route in own_urls() if takes_kwargs(route)} - set(KWARGS)
    assert not missing, f"add these to KWARGS in test_canaries.py: {sorted(missing)}"
    assert set(SEARCHED) <= {name for name, _route in own_urls()}


def text_of(response) -> str:
    """Everything a response says: headers, body, and the files inside a zip."""
    body = b"".join(response.streaming_content) if response.streaming else response.content
    parts = [body]
    if body[:2] == b"PK":
        with zipfile.ZipFile(io.BytesIO(body)) as archive:
            parts += [archive.read(name) for name in archive.namelist()]
    headers = " ".join(f"{key}: {value}" for key, value in response.items())
    return headers + "\n" + b"\n".join(parts).decode("utf-8", errors="replace")


def without_echo(text: str, url: str) -> str:
    """The page less the address that was asked for (a sign-in link back to it, the
    language switch): a slug the visitor typed is no leak; a link to it elsewhere is."""
    for asked in (url, url.split("?")[0]):
        for form in (asked, quote(asked), quote(asked, safe="")):
            text = text.replace(form, "")
    return text


def addresses(world):
    """The pages to ask for: every own URL, with kwargs where it needs them."""
    urls = []
    for name, route in own_urls():
        for kwargs in KWARGS[name](world) if takes_kwargs(route) else [None]:
            url = reverse(name, kwargs=kwargs)
            urls.append(url)
            if name in SEARCHED:
                # In capitals: search ignores case, and the page's echo of the query
                # ("results for …") is then not mistaken for the canary itself.
                urls += [f"{url}?q={canary.upper()}" for canary in CANARIES.values()]
    return urls


VIEWERS = ["anonymous", "resident", "member", "council", "staff", "admin"]


def viewer(world, make_user, name):
    """A signed-in client for one kind of visitor; the member is the world's own."""
    client = Client()
    if name == "anonymous":
        return client, AnonymousUser()
    user = world.member if name == "member" else make_user(name)
    if name == "admin":
        TOTP.activate(user, generate_totp_secret())
    client.force_login(user)
    return client, user


@pytest.mark.parametrize("name", VIEWERS)
def test_a_canary_shows_only_to_those_allowed_to_see_it(make_user, settings, name) -> None:
    settings.KOMPAS_FORM_RATE_LIMIT_POSTS = 10_000
    world = build_world()
    client, user = viewer(world, make_user, name)
    allowed = world.allowed(user)
    seen: dict[str, list[str]] = {key: [] for key in CANARIES}

    for url in addresses(world):
        response = client.get(url)
        assert response.status_code < 500, url
        text = without_echo(text_of(response), url)
        for key, canary in CANARIES.items():
            if canary in text:
                seen[key].append(url)

    leaks = {key: urls for key, urls in seen.items() if urls and not allowed[key]}
    assert not leaks, f"{name} sees what is not for them: {leaks}"
    if name == "staff":
        # Staff may see every canary: each must really be on some page, or the test
        # above could pass for a canary that is shown nowhere.
        assert [key for key, urls in seen.items() if not urls] == []


def test_the_rules_let_each_viewer_see_what_the_canaries_expect(make_user):
    """The derived permissions themselves: a few anchors, so a broken rule cannot make
    the canary test pass by allowing everything or nothing."""
    world = build_world()
    _client, resident = viewer(world, make_user, "resident")
    _client, staff = viewer(world, make_user, "staff")
    assert not any(world.allowed(AnonymousUser()).values())
    assert not any(world.allowed(resident).values())
    assert all(world.allowed(staff).values())
    member = world.allowed(world.member)
    assert member["conversation_shared"] and member["note_shared"] and member["story"]
    assert not member["conversation_internal"] and not member["note_internal"]
    assert not member["tip_name"]


def test_emails_carry_a_canary_only_to_those_allowed_to_see_it(mailoutbox):
    world = build_world()
    # An action that mails the members of two initiatives, after the proposal above.
    connections_services.answer_connection(world.proposal, world.member, accept=True)
    assert mailoutbox, "the world's actions send email"
    person = f"{CANARIES['gift_email']}@example.org"
    users = {user.email: user for user in type(world.member).objects.all()}

    for message in mailoutbox:
        text = message.subject + message.body
        text += "".join(str(content) for content, _type in getattr(message, "alternatives", []))
        for address in message.to + message.cc + message.bcc:
            if address in users:
                allowed = world.allowed(users[address])
            else:
                # The person a gift is about reads about their own gift, nothing else.
                allowed = {key: address == person and key.startswith("gift") for key in CANARIES}
            leaked = [
                key for key, canary in CANARIES.items() if canary in text and not allowed[key]
            ]
            assert not leaked, f"mail to {address} ({message.subject}) carries {leaked}"
    assert any(person in message.to for message in mailoutbox), "the gift's consent mail"
