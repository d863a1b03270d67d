"""Every URL of Kompas, for every role: what each visitor gets.

Adding a page means adding it here; the completeness test fails until it is.
"""

from collections.abc import Callable
from pathlib import Path

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.apps import apps
from django.conf import settings
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from connections import services as connections_services
from conversations import services as conversations_services
from initiatives.models import Invitation, JoinRequest, Membership
from jewels import services as jewels_services
from kompas.choices import (
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
    StaffNoteFactory,
    StoryFactory,
    UserFactory,
    jewel_category,
)

pytestmark = pytest.mark.django_db

OK, REDIRECT, FORBIDDEN, NOT_FOUND = 200, 302, 403, 404
EVERYONE = dict.fromkeys(ROLES, OK)

# url name → (kwargs builder, expected status per role)
MATRIX: dict[str, tuple[Callable[[], dict[str, object]] | None, dict[str, int]]] = {
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
    # What waits for attention: staff and administrators pick it up (tests/attention).
    "attention": (None, SIGNED_IN_STAFF),
}


# --- Writing down a conversation --------------------------------------------------------
STAFF = "staff@example.org"  # the address make_user("staff") signs in with: the author


def shared_conversation():
    """A shared conversation about a public initiative, written by the signed-in staff
    member: only its initiative's members and staff read it; only its author changes it."""
    author = UserFactory(email=STAFF, staff=True)
    initiative = InitiativeFactory(name="Soepgroep", status=InitiativeStatus.PUBLIC)
    conversation = conversations_services.log_conversation(
        author,
        conversations_services.ConversationData(
            learned="Ze koken elke week.", initiatives=[initiative]
        ),
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
    made = connections_services.propose_connection(
        UserFactory(staff=True),
        first,
        second,
        connections_services.ConnectionData(reasons=("learn",)),
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
    proposal = connections_services.propose_connection(
        UserFactory(staff=True),
        first,
        second,
        connections_services.ConnectionData(reasons=("meet",)),
    )
    return {"pk": proposal.pk}


def a_proposal_of_others():
    first = InitiativeFactory(name="Soepgroep", status=InitiativeStatus.PUBLIC)
    second = InitiativeFactory(name="Moestuin", status=InitiativeStatus.PUBLIC)
    proposal = connections_services.propose_connection(
        UserFactory(staff=True),
        first,
        second,
        connections_services.ConnectionData(reasons=("meet",)),
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
    # Staff show a former gift to everyone once they looked (test_jewel_views.py): a POST.
    "jewel_release": (a_jewel, POST_ONLY),
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
    proposal = connections_services.propose_jewel_connection(
        UserFactory(staff=True),
        initiative,
        CrownJewelFactory(name="De Lindeboom"),
        connections_services.ConnectionData(reasons=("meet",)),
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


# --- Accounts, languages and the administration's own pages -----------------------------
# allauth's pages as each role finds them (what signing in does: test_accounts.py).
SIGNED_IN_OK = {"anonymous": REDIRECT} | dict.fromkeys(ROLES[1:], OK)
ONLY_ANONYMOUS_OK = {"anonymous": OK} | dict.fromkeys(ROLES[1:], REDIRECT)
EVERYONE_REDIRECTED = dict.fromkeys(ROLES, REDIRECT)
# The administration: administrators only; anyone else is sent to its sign-in.
ADMIN_ONLY = dict.fromkeys(ROLES[:-1], REDIRECT) | {"admin": OK}


def an_account_user():
    return {"id": UserFactory(email="iemand@example.org").pk}


def an_initiative_on_the_site():
    from django.contrib.contenttypes.models import ContentType

    initiative = InitiativeFactory(name="Soepgroep", status=InitiativeStatus.PUBLIC)
    return {
        "content_type_id": ContentType.objects.get_for_model(initiative).pk,
        "object_id": initiative.pk,
    }


MATRIX |= {
    "account_logout": (None, SIGNED_IN_OK),
    "account_inactive": (None, EVERYONE),
    "account_signup": (None, ONLY_ANONYMOUS_OK),
    "account_reauthenticate": (None, SIGNED_IN_OK),
    "account_email_verification_sent": (None, EVERYONE_REDIRECTED),
    "account_change_password": (None, SIGNED_IN_OK),
    "account_set_password": (None, EVERYONE_REDIRECTED),
    "account_reset_password": (None, EVERYONE),
    "account_reset_password_done": (None, EVERYONE),
    "account_reset_password_from_key_done": (None, EVERYONE),
    # A made-up key: the page says the link is not valid (any longer).
    "account_reset_password_from_key": (lambda: {"uidb36": "1", "key": "abc-def"}, EVERYONE),
    "account_request_login_code": (None, ONLY_ANONYMOUS_OK),
    "account_confirm_login_code": (None, EVERYONE_REDIRECTED),
    # Confirming who you are with an emailed code before a sensitive step: how residents
    # and council members, who have no password, do it. The people here have no verified
    # address to send a code to, so each is sent on (a verified one: the test below).
    "account_request_reauthentication_code": (None, EVERYONE_REDIRECTED),
    # Without a code just requested there is nothing to confirm: back to asking for one.
    "account_confirm_reauthentication_code": (None, EVERYONE_REDIRECTED),
    "mfa_index": (None, SIGNED_IN_OK),
    "mfa_authenticate": (None, EVERYONE_REDIRECTED),
    # Only the administrator here has an authenticator to confirm, turn off or back up.
    "mfa_reauthenticate": (None, EVERYONE_REDIRECTED | {"admin": OK}),
    "mfa_activate_totp": (None, EVERYONE_REDIRECTED),
    "mfa_deactivate_totp": (
        None,
        {"anonymous": REDIRECT, "admin": REDIRECT}
        | dict.fromkeys(("resident", "staff", "council"), NOT_FOUND),
    ),
    "mfa_view_recovery_codes": (
        None,
        {"anonymous": REDIRECT} | dict.fromkeys(ROLES[1:], NOT_FOUND),
    ),
    "mfa_generate_recovery_codes": (None, EVERYONE_REDIRECTED),
    "mfa_download_recovery_codes": (
        None,
        {"anonymous": REDIRECT} | dict.fromkeys(ROLES[1:], NOT_FOUND),
    ),
    # Only takes a POST; a GET goes back to where the visitor came from.
    "set_language": (None, EVERYONE_REDIRECTED),
    # The admin's sign-in hands over to the site's (with the authenticator code); someone
    # signed in who is no administrator is refused rather than sent round in circles.
    "admin:login": (
        None,
        {"anonymous": REDIRECT, "admin": REDIRECT}
        | dict.fromkeys(("resident", "staff", "council"), FORBIDDEN),
    ),
    # Signing out of the administration only takes a POST.
    "admin:logout": (None, EVERYONE_REDIRECTED | {"admin": METHOD_NOT_ALLOWED}),
    "admin:password_change": (None, ADMIN_ONLY),
    "admin:password_change_done": (None, ADMIN_ONLY),
    "admin:jsi18n": (None, ADMIN_ONLY),
    # Without the parameters of a select box, the lookup is refused even to administrators.
    "admin:autocomplete": (None, ADMIN_ONLY | {"admin": FORBIDDEN}),
    "admin:app_list": (lambda: {"app_label": "initiatives"}, ADMIN_ONLY),
    "admin:auth_user_password_change": (an_account_user, ADMIN_ONLY),
    # "View on site" sends an administrator on to the page itself.
    "admin:view_on_site": (an_initiative_on_the_site, EVERYONE_REDIRECTED),
    # The moderation queue and the import of a boundary file (test_moderation.py,
    # test_admin.py): pages of the administration like any other.
    "admin:moderation_report_moderation": (None, ADMIN_ONLY),
    "admin:places_kern_import": (None, ADMIN_ONLY),
    # Initiatives from a spreadsheet (test_spreadsheet_import.py); confirming takes a POST.
    "admin:initiatives_initiative_import": (None, ADMIN_ONLY),
    "admin:initiatives_initiative_process_import": (
        None,
        ADMIN_ONLY | {"admin": METHOD_NOT_ALLOWED},
    ),
}


# --- Every URL of the site --------------------------------------------------------------
# The admin writes five pages for every model registered with it (and simple_history a
# sixth); their rows are made from the registry below. Every other named URL needs a row in
# MATRIX; the few unnamed patterns are of the kinds in UNNAMED_KINDS.
ADMIN_MODEL_PAGES = ("changelist", "add", "change", "delete", "history")


def site_patterns(patterns=None, prefix="", namespace=None):
    """(qualified name or None, route, view) of every URL pattern of kompas.urls."""
    found = []
    for entry in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(entry, URLResolver):
            inner = ":".join(filter(None, [namespace, entry.namespace])) or None
            found += site_patterns(entry.url_patterns, prefix + str(entry.pattern), inner)
        elif isinstance(entry, URLPattern):
            name = f"{namespace}:{entry.name}" if namespace and entry.name else entry.name
            found.append((name, prefix + str(entry.pattern), entry.callback))
    return found


def own_packages() -> set[str]:
    """The packages of Kompas's own apps (kompas and the concept apps), not the libraries'."""
    return {
        config.name.split(".")[0]
        for config in apps.get_app_configs()
        if Path(config.path).parent == Path(settings.BASE_DIR)
    }


def own_views(view) -> bool:
    """Whether a URL's view is Kompas's own (not allauth's, the admin's or Django's)."""
    return getattr(view, "__module__", "").split(".")[0] in own_packages()


def registered_model_admins():
    from django.contrib import admin

    return sorted(admin.site._registry.items(), key=lambda item: item[0]._meta.label)


def admin_page_names(model, model_admin) -> dict[str, str]:
    """The admin's own pages for one registered model: page → URL name."""
    from simple_history.admin import SimpleHistoryAdmin

    base = f"admin:{model._meta.app_label}_{model._meta.model_name}"
    pages = {page: f"{base}_{page}" for page in ADMIN_MODEL_PAGES}
    if isinstance(model_admin, SimpleHistoryAdmin):
        pages["simple_history"] = f"{base}_simple_history"
    return pages


def generated_admin_names() -> set[str]:
    return {
        name
        for model, model_admin in registered_model_admins()
        for name in admin_page_names(model, model_admin).values()
    }


def unnamed_kind(route: str, view) -> str | None:
    """What an unnamed pattern is, if it is of a kind the matrix knows how to test."""
    module = getattr(view, "__module__", "")
    if route.startswith("beheer/") and route.endswith("<path:object_id>/"):
        return "admin_object_redirect"
    if route.startswith("beheer/") and getattr(view, "__name__", "") == "catch_all_view":
        return "admin_catch_all"
    if module == "django.views.static":
        return "static_files"
    return None


def test_the_matrix_covers_every_url_of_the_site():
    named = {name for name, _route, _view in site_patterns() if name}
    missing = named - set(MATRIX) - generated_admin_names()
    assert not missing, f"add these URLs to the permission matrix: {sorted(missing)}"
    unknown = [
        route for name, route, view in site_patterns() if not name and not unnamed_kind(route, view)
    ]
    assert not unknown, f"give these URL patterns a name and a row in MATRIX: {unknown}"


def test_the_site_map_includes_the_admin_and_the_accounts():
    """The walk over the resolver reaches every include, not just Kompas's own."""
    named = {name for name, _route, _view in site_patterns() if name}
    assert {"home", "admin:index", "account_login", "mfa_index", "set_language"} <= named
    assert "admin:initiatives_initiative_changelist" in generated_admin_names()


def world_for_the_admin():
    """One of everything the admin lists, made the way the site makes it."""
    from allauth.account.models import EmailAddress
    from django.contrib.auth.models import Group

    from initiatives.models import Tag

    staff = UserFactory(email="collega@example.org", staff=True)
    EmailAddress.objects.create(user=staff, email=staff.email, primary=True, verified=True)
    TOTP.activate(staff, generate_totp_secret())
    Group.objects.create(name="Redactie")
    Tag.objects.get_or_create(slug="koken", defaults={"name": "Koken"})
    initiative = InitiativeFactory(name="Soepgroep", status=InitiativeStatus.PUBLIC)
    StaffNoteFactory(initiative=initiative, author=staff)
    Invitation.objects.create(initiative=initiative, email="nieuw@example.org")
    JoinRequest.objects.create(initiative=initiative, user=UserFactory())
    jewel = CrownJewelFactory(name="De Lindeboom")
    appreciation = AppreciationFactory(jewel=jewel)
    jewels_services.report(appreciation, reporter_key="user:1", user=None, reason="Klopt niet")
    StoryFactory(initiative=initiative, title="Soep op zondag")
    ObstacleFactory(initiative=initiative)
    conversations_services.log_conversation(
        staff,
        conversations_services.ConversationData(
            learned="Ze koken elke week.", initiatives=[initiative]
        ),
    )


def expected_for_the_administrator(model_admin, page, obj, admin_user) -> int:
    """What the ModelAdmin itself allows an administrator: 200, or 403 where it refuses
    (a log that cannot be added to, say); 302 where there is no object to show."""
    from django.test import RequestFactory

    request = RequestFactory().get("/beheer/")
    request.user = admin_user
    allowed = {
        "changelist": lambda: model_admin.has_view_or_change_permission(request),
        "add": lambda: model_admin.has_add_permission(request),
        "change": lambda: model_admin.has_view_or_change_permission(request, obj),
        "delete": lambda: model_admin.has_delete_permission(request, obj),
        "history": lambda: model_admin.has_view_or_change_permission(request, obj),
        "simple_history": lambda: model_admin.has_view_or_change_permission(request, obj),
    }[page]()
    if not allowed:
        return FORBIDDEN
    if page not in ("changelist", "add") and obj is None:
        return REDIRECT  # "does not exist, perhaps it was deleted": back to the index
    return OK


def admin_page_url(model, page, name, obj) -> str:
    if page in ("changelist", "add"):
        return reverse(name)
    object_id = obj.pk if obj is not None else 0
    if page == "simple_history":
        record = obj.history.order_by("history_id").first() if obj is not None else None
        return reverse(name, args=[object_id, record.history_id if record else 0])
    return reverse(name, kwargs={"object_id": object_id})


# Models that the world above has no object of (nothing on the site makes one by hand).
WITHOUT_OBJECT = {"django_tasks_database.DBTaskResult"}


def test_every_model_in_the_admin_has_an_object_to_try_its_pages_on():
    world_for_the_admin()
    empty = {
        model._meta.label
        for model, _admin in registered_model_admins()
        if not model._default_manager.exists()
    }
    assert empty <= WITHOUT_OBJECT, f"make one of these in world_for_the_admin: {empty}"


@pytest.mark.parametrize(
    "label", [model._meta.label for model, _admin in registered_model_admins()]
)
def test_only_administrators_open_the_admin_pages_of_a_model(make_user, label):
    from django.apps import apps
    from django.contrib import admin
    from django.test import Client

    world_for_the_admin()
    model = apps.get_model(label)
    model_admin = admin.site._registry[model]
    obj = model._default_manager.order_by("pk").first()
    admin_user = make_user("admin")
    TOTP.activate(admin_user, generate_totp_secret())
    clients = {role: Client() for role in ROLES}
    for role, client in clients.items():
        if role != "anonymous":
            client.force_login(make_user(role))
    sign_in = reverse("admin:login")

    for page, name in admin_page_names(model, model_admin).items():
        url = admin_page_url(model, page, name, obj)
        for role, client in clients.items():
            response = client.get(url)
            if role == "admin":
                expected = expected_for_the_administrator(model_admin, page, obj, admin_user)
                assert response.status_code == expected, f"{role} on {url}"
            else:
                assert response.status_code == REDIRECT, f"{role} on {url}"
                assert response["Location"].startswith(sign_in), f"{role} on {url}"
    if obj is not None:
        # The short address of an object sends an administrator on to its change page.
        short = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
        response = clients["admin"].get(f"{short}{obj.pk}/")
        assert response.status_code in (REDIRECT, 301), short
        assert clients["resident"].get(f"{short}{obj.pk}/")["Location"].startswith(sign_in)


# --- What the admin's change forms cannot change ------------------------------------------
# Consent is given on the site, through the services that check who may and record who
# did: an initiative's status and contact consent, a person's gift, who reads a story or an
# obstacle, a decision on a request to join, hiding after reports. No admin form (nor an
# inline) edits a field of these names; the exceptions are named with their reason.
CONSENT_FIELD_NAMES = {
    "status",
    "consent",
    "visibility",
    "person_email",
    "contact_consent",
    "published_at",
    "published_by",
    "hidden_at",
    "needs_consent",
}
EDITABLE_IN_THE_ADMIN = {
    # Staff write their own notes; who reads one is theirs to choose.
    "initiatives.StaffNote": {"visibility"},
    # Which categories are about a person: a gift that waits for its person stays hidden
    # whatever its category says (test_jewel_services.py).
    "jewels.JewelCategory": {"needs_consent"},
}
# And per model, what else decides who sees it.
MORE_FIELDS_KEPT = {
    "jewels.CrownJewel": {"category", "nominated_by"},
    "initiatives.Membership": {"user"},
}


def admin_forms(model_admin, request, obj):
    """(model, form class) of a ModelAdmin's change form and of each of its inlines."""
    forms = [(model_admin.model, model_admin.get_form(request, obj))]
    for inline in model_admin.get_inline_instances(request, obj):
        forms.append((inline.model, inline.get_formset(request, obj).form))
    return forms


@pytest.mark.parametrize(
    "label", [model._meta.label for model, _admin in registered_model_admins()]
)
def test_no_admin_form_changes_consent(make_user, rf, label):
    from django.apps import apps
    from django.contrib import admin

    world_for_the_admin()
    model = apps.get_model(label)
    model_admin = admin.site._registry[model]
    request = rf.get("/beheer/")
    request.user = make_user("admin")

    for obj in (None, model._default_manager.order_by("pk").first()):
        for form_model, form in admin_forms(model_admin, request, obj):
            name = form_model._meta.label
            kept = (CONSENT_FIELD_NAMES - EDITABLE_IN_THE_ADMIN.get(name, set())) | (
                MORE_FIELDS_KEPT.get(name, set())
            )
            assert not kept & set(form.base_fields), (name, obj, kept & set(form.base_fields))
    if label == "initiatives.Initiative":
        [inline] = model_admin.get_inline_instances(request, None)
        assert not inline.has_add_permission(request, None), "members come through the site"


def a_gift_waiting_for_its_person():
    return CrownJewelFactory(
        name="De soep van Annie",
        category=jewel_category("gave-van-mensen"),
        consent=GiftConsent.ASKED,
        person_email="annie@example.org",
    )


# change form → (object, what a crafted POST tries, how the object must stay)
CONSENT_POSTS = {
    "admin:initiatives_initiative_change": (
        lambda: InitiativeFactory(name="Soepgroep", status=InitiativeStatus.KNOWN),
        {"status": InitiativeStatus.PUBLIC, "contact_consent": "on"},
        {"status": InitiativeStatus.KNOWN, "contact_consent": False, "published_at": None},
    ),
    "admin:jewels_crownjewel_change": (
        a_gift_waiting_for_its_person,
        {"consent": GiftConsent.GIVEN, "person_email": "", "category": "plek"},
        {"consent": GiftConsent.ASKED, "person_email": "annie@example.org"},
    ),
}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", list(CONSENT_POSTS))
def test_no_role_changes_consent_through_an_admin_change_form(make_user, role, name):
    from django.test import Client

    from tests.admin_forms import change_form_data

    make_obj, tried, kept = CONSENT_POSTS[name]
    obj = make_obj()
    url = reverse(name, args=[obj.pk])
    admin_user = make_user("admin")
    TOTP.activate(admin_user, generate_totp_secret())
    administrator = Client()
    administrator.force_login(admin_user)
    if "category" in tried:
        tried = tried | {"category": str(jewel_category(tried["category"]).pk)}
    data = change_form_data(administrator.get(url), **tried)
    client = administrator if role == "admin" else Client()
    if role not in ("anonymous", "admin"):
        client.force_login(make_user(role))

    response = client.post(url, data)

    assert response.status_code == REDIRECT, f"{role} on {url}"
    if role != "admin":
        assert response["Location"].startswith(reverse("admin:login"))
    obj.refresh_from_db()
    assert {field: getattr(obj, field) for field in kept} == kept, f"{role} on {url}"


@pytest.mark.parametrize("role", ROLES)
def test_an_unknown_admin_address_is_no_way_in(client_as, make_user, role):
    client = client_as(role)
    if role == "admin":
        TOTP.activate(make_user("admin"), generate_totp_secret())

    response = client.get("/beheer/bestaat-niet/")

    if role == "admin":
        assert response.status_code == NOT_FOUND
    else:
        assert response.status_code == REDIRECT
        assert response["Location"].startswith(reverse("admin:login"))


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


@pytest.mark.parametrize("role", ["resident", "council", "staff"])
def test_someone_with_a_verified_address_may_confirm_who_they_are_by_code(client_as, role):
    client = client_as(role)
    user = UserFactory._meta.model.objects.get(email=f"{role}@example.org")
    EmailAddress.objects.create(user=user, email=user.email, primary=True, verified=True)

    response = client.get(reverse("account_request_reauthentication_code"))

    assert response.status_code == OK
    assert user.email in response.content.decode()


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
