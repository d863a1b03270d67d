"""Every URL of Kompas, for every role: what each visitor gets.

Adding a page means adding it here; the completeness test fails until it is.
"""

import pytest
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from initiatives import services
from initiatives.models import Invitation, JoinRequest, Membership
from initiatives.permissions import (
    ConnectionAnswer,
    ConnectionStatus,
    GiftConsent,
    InitiativeStatus,
    Visibility,
)
from tests.conftest import ROLES
from tests.factories import (
    AppreciationFactory,
    CrownJewelFactory,
    InitiativeFactory,
    KernFactory,
    ObstacleFactory,
    StoryFactory,
    UserFactory,
    jewel_category,
)

pytestmark = pytest.mark.django_db

OK, REDIRECT, FORBIDDEN, NOT_FOUND = 200, 302, 403, 404
EVERYONE = dict.fromkeys(ROLES, OK)

# url name → (kwargs builder, expected status per role)
MATRIX = {
    "home": (None, EVERYONE),
    "health": (None, EVERYONE),
    "accessibility": (None, EVERYONE),
    "privacy": (None, EVERYONE),
    # Open data: the same public files for everyone (what is in them: test_open_data.py).
    "open_data": (None, EVERYONE),
    "open_data_initiatives_csv": (None, EVERYONE),
    "open_data_initiatives_geojson": (None, EVERYONE),
    "open_data_jewels_csv": (None, EVERYONE),
    "open_data_jewels_geojson": (None, EVERYONE),
    "open_data_hsds_package": (None, EVERYONE),
    "open_data_hsds_file": (lambda: {"name": "organizations"}, EVERYONE),
    "kern_list": (None, EVERYONE),
    "kern_detail": (lambda: {"slug": KernFactory(name="Veldwijk").slug}, EVERYONE),
    "layer_kernen": (None, EVERYONE),
    # What each role sees on the connections layer and the network: test_connection_layer.py
    # and test_network.py.
    "layer_connections": (None, EVERYONE),
    "network": (None, EVERYONE),
    "kern_network": (lambda: {"slug": KernFactory(name="Lindeveld").slug}, EVERYONE),
    # What each role sees on the map and its layer is in test_map.py and test_layers.py.
    "map": (None, EVERYONE),
    "layer_initiatives": (None, EVERYONE),
    # A tip's popup, like the tip itself, exists only for staff.
    "layer_initiative_popup": (
        lambda: {"pk": InitiativeFactory(name="Een tip", status=InitiativeStatus.TIP).pk},
        dict.fromkeys(("anonymous", "resident", "council"), NOT_FOUND)
        | dict.fromkeys(("staff", "admin"), OK),
    ),
    # What each role sees of the crown jewels on the map: test_jewel_layer.py.
    "layer_jewels": (None, EVERYONE),
    # A person's gift waiting for their yes: only its nominator and staff see its popup.
    "layer_jewel_popup": (
        lambda: {
            "pk": CrownJewelFactory(
                name="De soep van Annie",
                category=jewel_category("gave-van-mensen"),
                consent=GiftConsent.ASKED,
                person_email="annie@example.org",
            ).pk
        },
        dict.fromkeys(("anonymous", "resident", "council"), NOT_FOUND)
        | dict.fromkeys(("staff", "admin"), OK),
    ),
    "admin:index": (
        None,
        {"anonymous": REDIRECT, "resident": REDIRECT, "staff": REDIRECT, "council": REDIRECT}
        | {"admin": OK},
    ),
    "account_login": (None, {"anonymous": OK} | dict.fromkeys(ROLES[1:], REDIRECT)),
    "account_email": (None, {"anonymous": REDIRECT} | dict.fromkeys(ROLES[1:], OK)),
}

# --- The initiative pages ---------------------------------------------------------------
# A public initiative that nobody speaks for yet: everyone reads it; staff may still write
# its text. The actions on its page only take a POST (405 to a GET once signed in).
METHOD_NOT_ALLOWED = 405
RESIDENT = "resident@example.org"  # the address make_user("resident") signs in with
POST_ONLY = {"anonymous": REDIRECT} | dict.fromkeys(ROLES[1:], METHOD_NOT_ALLOWED)
SIGNED_IN_STAFF = {"anonymous": REDIRECT, "resident": FORBIDDEN, "council": FORBIDDEN} | {
    "staff": OK,
    "admin": OK,
}


def public_initiative():
    return {"slug": InitiativeFactory(name="Soepgroep", status=InitiativeStatus.PUBLIC).slug}


def join_request():
    initiative = InitiativeFactory(name="Soepgroep", status=InitiativeStatus.PUBLIC)
    request = JoinRequest.objects.create(initiative=initiative, user=UserFactory())
    return {"slug": initiative.slug, "pk": request.pk}


def invitation_for_the_resident():
    initiative = InitiativeFactory(name="Soepgroep", status=InitiativeStatus.KNOWN)
    return {"token": Invitation.objects.create(initiative=initiative, email=RESIDENT).token}


MATRIX |= {
    "initiative_list": (None, EVERYONE),
    "initiative_create": (None, SIGNED_IN_STAFF | {"resident": OK}),
    "initiative_detail": (public_initiative, EVERYONE),
    "initiative_edit": (public_initiative, SIGNED_IN_STAFF),
    "initiative_history": (public_initiative, EVERYONE),
    "initiative_status": (public_initiative, POST_ONLY),
    "staff_note_add": (public_initiative, POST_ONLY),
    "invitation_send": (public_initiative, POST_ONLY),
    "join_request_send": (public_initiative, POST_ONLY),
    "join_request_decide": (join_request, POST_ONLY),
    # Only the person invited opens an invitation; for anyone else it does not exist.
    "invitation_accept": (
        invitation_for_the_resident,
        {"anonymous": REDIRECT, "resident": OK}
        | dict.fromkeys(("staff", "council", "admin"), NOT_FOUND),
    ),
}


# --- What the organisation knows --------------------------------------------------------


def a_tip():
    return {"pk": InitiativeFactory(name="Een tip", status=InitiativeStatus.TIP).pk}


MATRIX |= {
    "conversation_list": (None, SIGNED_IN_STAFF),
    "tip_list": (None, SIGNED_IN_STAFF),
    "tip_state": (a_tip, POST_ONLY),
    # Counts only: staff and council members.
    "conversation_spread": (None, SIGNED_IN_STAFF | {"council": OK}),
    # Insight: the figures and their CSVs, for the council and staff (test_insight.py).
    "insight": (None, SIGNED_IN_STAFF | {"council": OK}),
    "insight_csv": (lambda: {"figure": "status"}, SIGNED_IN_STAFF | {"council": OK}),
    "notification_settings": (None, {"anonymous": REDIRECT} | dict.fromkeys(ROLES[1:], OK)),
}


# --- Writing down a conversation --------------------------------------------------------
STAFF = "staff@example.org"  # the address make_user("staff") signs in with: the author


def shared_conversation():
    """A shared conversation about a public initiative, written by the signed-in staff
    member: only its initiative's members and staff read it; only its author changes it."""
    author = UserFactory(email=STAFF, staff=True)
    initiative = InitiativeFactory(name="Soepgroep", status=InitiativeStatus.PUBLIC)
    conversation = services.log_conversation(
        author,
        services.ConversationData(learned="Ze koken elke week.", initiatives=[initiative]),
    )
    return {"pk": conversation.pk}


HIDDEN_FROM_NON_STAFF = {"anonymous": REDIRECT} | dict.fromkeys(("resident", "council"), NOT_FOUND)

MATRIX |= {
    "conversation_create": (None, SIGNED_IN_STAFF),
    "conversation_initiative_search": (None, SIGNED_IN_STAFF),
    # A resident or council member who is no member of its initiative: it does not exist.
    "conversation_detail": (
        shared_conversation,
        HIDDEN_FROM_NON_STAFF | {"staff": OK, "admin": OK},
    ),
    # Only the author (the staff member) changes it; another staff member may not.
    "conversation_edit": (
        shared_conversation,
        HIDDEN_FROM_NON_STAFF | {"staff": OK, "admin": FORBIDDEN},
    ),
    "conversation_history": (
        shared_conversation,
        HIDDEN_FROM_NON_STAFF | {"staff": OK, "admin": OK},
    ),
}


# --- Connections ------------------------------------------------------------------------


def made_public_connection():
    """Two public initiatives that both said yes: everyone sees it."""
    first = InitiativeFactory(name="Soepgroep", status=InitiativeStatus.PUBLIC)
    second = InitiativeFactory(name="Moestuin", status=InitiativeStatus.PUBLIC)
    made = services.propose_connection(
        UserFactory(staff=True), first, second, services.ConnectionData(reasons=("learn",))
    )
    made.first_answer = made.second_answer = ConnectionAnswer.YES
    made.status = ConnectionStatus.MADE
    made.save()
    return {"pk": made.pk}


def a_proposal():
    """A proposal by staff between two public initiatives; the resident is a member of
    the first. Only the members of the two and staff see it."""
    first = InitiativeFactory(name="Soepgroep", status=InitiativeStatus.PUBLIC)
    second = InitiativeFactory(name="Moestuin", status=InitiativeStatus.PUBLIC)
    Membership.objects.create(initiative=first, user=UserFactory(email=RESIDENT))
    proposal = services.propose_connection(
        UserFactory(staff=True), first, second, services.ConnectionData(reasons=("meet",))
    )
    return {"pk": proposal.pk}


def a_proposal_of_others():
    first = InitiativeFactory(name="Soepgroep", status=InitiativeStatus.PUBLIC)
    second = InitiativeFactory(name="Moestuin", status=InitiativeStatus.PUBLIC)
    proposal = services.propose_connection(
        UserFactory(staff=True), first, second, services.ConnectionData(reasons=("meet",))
    )
    return {"pk": proposal.pk}


MATRIX |= {
    "connection_list": (None, EVERYONE),
    "connection_detail": (made_public_connection, EVERYONE),
    "connection_answer": (made_public_connection, POST_ONLY),
    "connection_follow_up": (made_public_connection, POST_ONLY),
    # Staff connect any initiative; a resident or council member who is no member may not.
    "connection_create": (public_initiative, SIGNED_IN_STAFF),
}

# --- Crown jewels -----------------------------------------------------------------------


def a_jewel():
    """A crown jewel someone else nominated: everyone reads it; staff may change it."""
    return {"slug": CrownJewelFactory(name="De Lindeboom").slug}


def an_appreciation():
    return {"pk": AppreciationFactory(jewel=CrownJewelFactory(name="De Lindeboom")).pk}


def a_consent_link():
    """The link in the email to the person a gift is about: no sign-in needed."""
    gift = CrownJewelFactory(
        name="De soep van Annie",
        category=jewel_category("gave-van-mensen"),
        consent=GiftConsent.ASKED,
        person_email="annie@example.org",
        consent_token="een-lange-sleutel",
    )
    return {"token": gift.consent_token}


MATRIX |= {
    "jewel_list": (None, EVERYONE),
    # Council members read the registry; they do not nominate.
    "jewel_create": (None, SIGNED_IN_STAFF | {"resident": OK}),
    "jewel_detail": (a_jewel, EVERYONE),
    # The nominator (test_jewel_views.py) and staff change it and read its history.
    "jewel_edit": (a_jewel, SIGNED_IN_STAFF),
    "jewel_history": (a_jewel, SIGNED_IN_STAFF),
    "jewel_appreciate": (a_jewel, POST_ONLY),
    # Anyone may report, also without signing in.
    "jewel_report": (a_jewel, EVERYONE),
    "appreciation_report": (an_appreciation, EVERYONE),
    "jewel_consent": (a_consent_link, EVERYONE),
    # Staff connect an initiative with it; members of an initiative too, for their own
    # (test_connection_jewels.py): the resident here is a member of none.
    "jewel_connect": (a_jewel, SIGNED_IN_STAFF),
}

# --- Obstacles --------------------------------------------------------------------------
# Who reads which report, on every page, and who reports, changes and answers one:
# test_obstacle_views.py; the patterns: test_obstacle_patterns.py.


def a_public_obstacle():
    """A public report of a public initiative nobody signed in here is a member of."""
    initiative = InitiativeFactory(name="Soepgroep", status=InitiativeStatus.PUBLIC)
    return {"pk": ObstacleFactory(initiative=initiative).pk}


def an_obstacle_written_down_by_staff():
    """Written down by the signed-in staff member on the initiative's behalf: only they
    (and the initiative's members) change it."""
    initiative = InitiativeFactory(name="Soepgroep", status=InitiativeStatus.PUBLIC)
    writer = UserFactory(email=STAFF, staff=True)
    return {"pk": ObstacleFactory(initiative=initiative, reported_by=writer).pk}


MATRIX |= {
    # The patterns are for everyone: counts name nobody.
    "obstacle_list": (None, EVERYONE),
    # Members report for their own initiative (test_obstacle_views.py); staff on its
    # behalf; the resident here is a member of none.
    "obstacle_create": (public_initiative, SIGNED_IN_STAFF),
    "obstacle_detail": (a_public_obstacle, EVERYONE),
    "obstacle_edit": (
        an_obstacle_written_down_by_staff,
        {"anonymous": REDIRECT, "staff": OK}
        | dict.fromkeys(("resident", "council", "admin"), FORBIDDEN),
    ),
    "obstacle_answer": (a_public_obstacle, POST_ONLY),
}

SHARED_OBSTACLE_MATRIX = {
    "anonymous": NOT_FOUND,
    "resident": NOT_FOUND,
    "council": NOT_FOUND,
    "staff": OK,
}


@pytest.mark.parametrize("role", list(SHARED_OBSTACLE_MATRIX))
def test_a_shared_obstacle_is_read_only_by_staff_and_the_members(client_as, role):
    initiative = InitiativeFactory(name="Soepgroep", status=InitiativeStatus.PUBLIC)
    obstacle = ObstacleFactory(initiative=initiative, visibility=Visibility.SHARED)
    client = client_as(role)

    response = client.get(reverse("obstacle_detail", kwargs={"pk": obstacle.pk}))
    listed = client.get(reverse("obstacle_list")).content.decode()
    on_page = client.get(initiative.get_absolute_url()).content.decode()

    assert response.status_code == SHARED_OBSTACLE_MATRIX[role]
    seen = SHARED_OBSTACLE_MATRIX[role] == OK
    assert (obstacle.get_absolute_url() in listed) is seen
    assert (obstacle.get_absolute_url() in on_page) is seen


# --- Stories ----------------------------------------------------------------------------
# Who sees which story, on every page and feed, is in test_story_views.py and
# test_story_feeds.py.


def a_public_story():
    """A public story of a public initiative the resident is no member of."""
    initiative = InitiativeFactory(name="Soepgroep", status=InitiativeStatus.PUBLIC)
    return {"pk": StoryFactory(initiative=initiative, title="Soep op zondag").pk}


def an_initiative_of_the_resident():
    initiative = InitiativeFactory(name="Soepgroep", status=InitiativeStatus.PUBLIC)
    Membership.objects.create(initiative=initiative, user=UserFactory(email=RESIDENT))
    return {"slug": initiative.slug}


def a_story_of_the_resident():
    initiative = InitiativeFactory(name="Soepgroep", status=InitiativeStatus.PUBLIC)
    author = UserFactory(email=RESIDENT)
    Membership.objects.create(initiative=initiative, user=author)
    return {"pk": StoryFactory(initiative=initiative, author=author).pk}


# Only the initiative's members write and change its stories: staff react, never edit.
MEMBERS_ONLY = {"anonymous": REDIRECT, "resident": OK} | dict.fromkeys(
    ("staff", "council", "admin"), FORBIDDEN
)

MATRIX |= {
    "story_list": (None, EVERYONE),
    "story_feed": (None, EVERYONE),
    "kern_story_feed": (lambda: {"slug": KernFactory(name="Veldwijk").slug}, EVERYONE),
    "story_detail": (a_public_story, EVERYONE),
    "story_create": (an_initiative_of_the_resident, MEMBERS_ONLY),
    "story_edit": (a_story_of_the_resident, MEMBERS_ONLY),
    "story_react": (a_public_story, POST_ONLY),
}

SHARED_STORY_MATRIX = {
    "anonymous": NOT_FOUND,
    "resident": NOT_FOUND,
    "council": NOT_FOUND,
    "staff": OK,
}


@pytest.mark.parametrize("role", list(SHARED_STORY_MATRIX))
def test_a_shared_story_is_read_only_by_staff_and_the_members(client_as, make_user, role):
    initiative = InitiativeFactory(name="Soepgroep", status=InitiativeStatus.PUBLIC)
    story = StoryFactory(
        initiative=initiative, title="Alleen voor de gemeente", visibility=Visibility.SHARED
    )
    client = client_as(role)

    response = client.get(reverse("story_detail", kwargs={"pk": story.pk}))

    assert response.status_code == SHARED_STORY_MATRIX[role]
    assert "Alleen voor de gemeente" not in client.get(reverse("story_list")).content.decode()
    if role == "resident":
        Membership.objects.create(initiative=initiative, user=make_user("resident"))
        assert client.get(reverse("story_detail", kwargs={"pk": story.pk})).status_code == OK


GIFT_MATRIX = {"anonymous": NOT_FOUND, "resident": NOT_FOUND, "council": NOT_FOUND, "staff": OK}


@pytest.mark.parametrize("role", list(GIFT_MATRIX))
@pytest.mark.parametrize("name", ["jewel_detail", "jewel_report"])
def test_a_gift_waiting_for_consent_is_seen_only_by_staff_and_the_nominator(
    client_as, make_user, name, role
):
    gift = CrownJewelFactory(
        name="De soep van Annie",
        category=jewel_category("gave-van-mensen"),
        consent=GiftConsent.ASKED,
        person_email="annie@example.org",
    )
    client = client_as(role)

    response = client.get(reverse(name, kwargs={"slug": gift.slug}))
    listed = client.get(reverse("jewel_list")).content.decode()

    assert response.status_code == GIFT_MATRIX[role]
    assert ("De soep van Annie" in listed) is (GIFT_MATRIX[role] == OK)
    if role == "resident":
        gift.nominated_by = make_user("resident")
        gift.save()
        assert client.get(reverse(name, kwargs={"slug": gift.slug})).status_code == OK


PROPOSAL_MATRIX = {"anonymous": NOT_FOUND, "resident": OK, "staff": OK, "council": NOT_FOUND}


@pytest.mark.parametrize("role", list(PROPOSAL_MATRIX))
def test_a_proposal_is_seen_only_by_the_members_of_the_two_and_staff(client_as, role):
    kwargs = a_proposal()
    client = client_as(role)

    response = client.get(reverse("connection_detail", kwargs=kwargs))
    listed = client.get(reverse("connection_list")).content.decode()

    assert response.status_code == PROPOSAL_MATRIX[role]
    assert ("Moestuin" in listed) is (PROPOSAL_MATRIX[role] == OK)


def a_jewel_proposal():
    """Staff propose that a public initiative of the resident meets a crown jewel: only
    the initiative's members and staff see it until the initiative says yes."""
    initiative = InitiativeFactory(name="Soepgroep", status=InitiativeStatus.PUBLIC)
    Membership.objects.create(initiative=initiative, user=UserFactory(email=RESIDENT))
    proposal = services.propose_jewel_connection(
        UserFactory(staff=True),
        initiative,
        CrownJewelFactory(name="De Lindeboom"),
        services.ConnectionData(reasons=("meet",)),
    )
    return {"pk": proposal.pk}


@pytest.mark.parametrize("role", list(PROPOSAL_MATRIX))
def test_a_proposal_with_a_jewel_is_seen_only_by_the_members_and_staff(client_as, role):
    kwargs = a_jewel_proposal()
    client = client_as(role)

    response = client.get(reverse("connection_detail", kwargs=kwargs))
    listed = client.get(reverse("connection_list")).content.decode()

    assert response.status_code == PROPOSAL_MATRIX[role]
    assert ("De Lindeboom" in listed) is (PROPOSAL_MATRIX[role] == OK)


@pytest.mark.parametrize("role", ["anonymous", "resident", "council"])
def test_a_proposal_of_others_does_not_exist_for_outsiders(client_as, role):
    kwargs = a_proposal_of_others()
    client = client_as(role)

    assert client.get(reverse("connection_detail", kwargs=kwargs)).status_code == NOT_FOUND
    assert "Moestuin" not in client.get(reverse("connection_list")).content.decode()


# --- People's rights (/mijn/) -----------------------------------------------------------
# Each signed-in person sees only their own data here; what is in it, and that nobody
# reaches another person's: test_privacy_rights.py.
ONLY_SIGNED_IN = {"anonymous": REDIRECT} | dict.fromkeys(ROLES[1:], OK)

MATRIX |= {
    "mine": (None, ONLY_SIGNED_IN),
    "personal_data_download": (None, ONLY_SIGNED_IN),
    "account_delete": (None, ONLY_SIGNED_IN),
    "consent_withdraw": (lambda: {"kind": "kaart", "pk": InitiativeFactory().pk}, POST_ONLY),
    "email_consent_withdraw": (None, POST_ONLY),
}


def own_url_names(patterns=None, namespace=None):
    """The names of the URLs Kompas itself defines (not Django's admin or allauth)."""
    names = set()
    for entry in patterns if patterns is not None else get_resolver().url_patterns:
        if isinstance(entry, URLResolver):
            if entry.urlconf_name == "initiatives.urls" or getattr(
                entry.urlconf_module, "__name__", ""
            ).startswith("initiatives"):
                names |= own_url_names(entry.url_patterns, entry.namespace)
        elif isinstance(entry, URLPattern) and entry.name and patterns is not None:
            names.add(f"{namespace}:{entry.name}" if namespace else entry.name)
    return names


def test_the_matrix_covers_every_url_of_kompas():
    missing = own_url_names() - set(MATRIX)
    assert not missing, f"add these URLs to the permission matrix: {sorted(missing)}"


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", list(MATRIX))
def test_url_for_role(client_as, make_user, name, role):
    build_kwargs, expected = MATRIX[name]
    url = reverse(name, kwargs=build_kwargs() if build_kwargs else None)
    client = client_as(role)
    if role == "admin":
        # Administrators have an authenticator; without one they are sent to set it up.
        TOTP.activate(make_user("admin"), generate_totp_secret())

    response = client.get(url)

    assert response.status_code == expected[role], f"{role} on {url}"


def test_an_administrator_without_authenticator_is_sent_to_set_one_up(client_as):
    client = client_as("admin")

    response = client.get(reverse("home"))

    assert response.status_code == REDIRECT
    assert response["Location"] == reverse("mfa_activate_totp")


def test_a_hidden_object_answers_404_as_if_it_did_not_exist(client):
    assert client.get(reverse("kern_detail", kwargs={"slug": "bestaat-niet"})).status_code == 404


@pytest.mark.parametrize("role", ["anonymous", "resident", "council"])
@pytest.mark.parametrize("name", ["initiative_detail", "initiative_history", "initiative_edit"])
def test_a_tip_does_not_exist_outside_staff(client_as, name, role):
    tip = InitiativeFactory(name="Een tip", status=InitiativeStatus.TIP)
    client = client_as(role)

    response = client.get(reverse(name, kwargs={"slug": tip.slug}))

    expected = REDIRECT if role == "anonymous" and name == "initiative_edit" else NOT_FOUND
    assert response.status_code == expected
    assert "Een tip" not in response.content.decode()


@pytest.mark.parametrize("role", ["staff", "admin"])
def test_staff_see_a_tip(client_as, make_user, role):
    tip = InitiativeFactory(name="Een tip", status=InitiativeStatus.TIP)
    client = client_as(role)
    if role == "admin":
        TOTP.activate(make_user("admin"), generate_totp_secret())

    for name in ("initiative_detail", "initiative_history", "initiative_edit"):
        assert client.get(reverse(name, kwargs={"slug": tip.slug})).status_code == OK
