"""Every form of Kompas, fed malformed input by hypothesis: never a 500.

Each POST endpoint of Kompas's own pages is posted to, as a role that may post there, with
data over the names of its form's fields (read from the page that shows the form): wrong
types, huge strings, control characters (NUL too), script, SQL, bad coordinates, missing
fields, several values for one. A new POST view fails the completeness test until it is
added to FUZZED.
"""

from html.parser import HTMLParser

import pytest
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.db import transaction
from django.urls import reverse
from hypothesis import HealthCheck, example, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from tests.access.test_url_matrix import (
    MATRIX,
    a_consent_link,
    a_jewel,
    a_proposal,
    a_public_obstacle,
    a_public_story,
    a_story_of_the_resident,
    a_tip,
    an_appreciation,
    an_initiative_of_the_resident,
    an_obstacle_written_down_by_staff,
    invitation_for_the_resident,
    join_request,
    made_public_connection,
    own_views,
    public_initiative,
    shared_conversation,
    site_patterns,
)

pytestmark = pytest.mark.django_db

METHOD_NOT_ALLOWED = 405


def on_page(name):
    """The form is on another page (a POST-only action): that page, for the same object."""
    return lambda kwargs: reverse(
        name, kwargs={"slug": kwargs["slug"]} if "slug" in kwargs else {"pk": kwargs["pk"]}
    )


def page(name, **fixed):
    return lambda _kwargs: reverse(name, kwargs=fixed or None)


# A button alone (withdrawing a consent): the view reads no field, so only stray names and
# values are sent.
BUTTON_ONLY = "button only"


# url name → (role that may post, kwargs builder, where its form is shown: None = itself)
FUZZED = {
    "initiative_create": ("resident", None, None),
    "initiative_edit": ("staff", public_initiative, None),
    "initiative_status": ("staff", public_initiative, on_page("initiative_detail")),
    "staff_note_add": ("staff", public_initiative, on_page("initiative_detail")),
    "invitation_send": ("staff", public_initiative, on_page("initiative_detail")),
    "join_request_send": ("resident", public_initiative, on_page("initiative_detail")),
    "join_request_decide": (
        "staff",
        join_request,
        lambda kwargs: reverse("initiative_detail", kwargs={"slug": kwargs["slug"]}),
    ),
    "invitation_accept": ("resident", invitation_for_the_resident, None),
    "tip_state": ("staff", a_tip, page("tip_list")),
    "notification_settings": ("resident", None, None),
    "consent_withdraw": ("resident", MATRIX["consent_withdraw"][0], BUTTON_ONLY),
    "email_consent_withdraw": ("resident", None, BUTTON_ONLY),
    "account_delete": ("resident", None, None),
    "conversation_create": ("staff", None, None),
    "conversation_edit": ("staff", shared_conversation, None),
    "connection_create": ("staff", public_initiative, None),
    "connection_answer": ("resident", a_proposal, on_page("connection_detail")),
    "connection_follow_up": ("staff", made_public_connection, on_page("connection_detail")),
    "jewel_create": ("resident", None, None),
    "jewel_edit": ("staff", a_jewel, None),
    "jewel_appreciate": ("resident", a_jewel, on_page("jewel_detail")),
    "jewel_report": ("anonymous", a_jewel, None),
    "appreciation_report": ("anonymous", an_appreciation, None),
    "jewel_consent": ("anonymous", a_consent_link, None),
    "jewel_connect": ("staff", a_jewel, None),
    "story_create": ("resident", an_initiative_of_the_resident, None),
    "story_edit": ("resident", a_story_of_the_resident, None),
    "story_react": ("staff", a_public_story, on_page("story_detail")),
    "obstacle_create": ("staff", public_initiative, None),
    "obstacle_edit": ("staff", an_obstacle_written_down_by_staff, None),
    "obstacle_answer": ("staff", a_public_obstacle, on_page("obstacle_detail")),
    "jewel_release": ("staff", a_jewel, BUTTON_ONLY),
}

# allauth's form for the emailed sign-in code, in Kompas's own view only for where it sends
# someone whose code expired; its input is allauth's and its failures are tested in
# test_sign_in_messages.py (a wrong code, an expired one, one typed wrong too often).
ALLAUTH_FORMS = {"account_confirm_login_code"}

# Feeds answer any method with the feed: they take no form.
ANSWER_ANY_METHOD = {"story_feed", "kern_story_feed"}


def own_url_names() -> list[str]:
    return sorted(
        name
        for name, _route, view in site_patterns()
        # Kompas's own pages; the admin's (namespaced) are Django's forms.
        if name and ":" not in name and own_views(view)
    )


def test_every_post_endpoint_is_fuzzed(client_as, settings):
    """A POST to a page that takes none answers 405; every other page is in FUZZED."""
    settings.KOMPAS_FORM_RATE_LIMIT_POSTS = 10_000
    client = client_as("staff")
    takes_posts = set()
    for name in own_url_names():
        if name in ANSWER_ANY_METHOD | ALLAUTH_FORMS:
            continue
        build, _expected = MATRIX[name]
        with transaction.atomic():
            url = reverse(name, kwargs=build() if build else None)
            if client.post(url, {}).status_code != METHOD_NOT_ALLOWED:
                takes_posts.add(name)
            transaction.set_rollback(True)
    assert takes_posts - set(FUZZED) == set(), "add these POST endpoints to FUZZED"
    assert set(FUZZED) - takes_posts == set(), "these take no POST: remove them from FUZZED"


class FormFields(HTMLParser):
    """The names of the fields of each form on a page, by the form's action."""

    def __init__(self, page_url) -> None:
        super().__init__()
        self.page_url = page_url
        self.forms: dict[str, set[str]] = {}
        self.action = None

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "form":
            self.action = (attributes.get("action") or self.page_url).split("?")[0]
            self.forms.setdefault(self.action, set())
        elif tag in ("input", "select", "textarea", "button") and self.action is not None:
            name = attributes.get("name")
            if name and name != "csrfmiddlewaretoken":
                self.forms[self.action].add(name)

    def handle_endtag(self, tag):
        if tag == "form":
            self.action = None


def field_names(client, page_url, action) -> list[str] | None:
    """The names in the form that posts to ``action``; None if the page has no such form."""
    parser = FormFields(page_url)
    parser.feed(client.get(page_url).content.decode())
    fields = parser.forms.get(action)
    return None if fields is None else sorted(fields)


NASTY = [
    "",
    " ",
    "\x00",
    "een\x00twee",
    "\x01\x02\x1b[31m\x7f",
    "<script>alert('kompas')</script>",
    '"><img src=x onerror=alert(1)>',
    "'; DROP TABLE initiatives_initiative; --",
    "' OR '1'='1",
    "x" * 100_000,
    "9" * 400,
    "-1",
    "0",
    "1e309",
    "NaN",
    "-inf",
    "99999999999999999999999",
    "2026-02-30",
    "31-31-2026",
    "25:99",
    "POINT(999 999)",
    "SRID=4326;POINT(6.6 52.7)",
    '{"type": "Point", "coordinates": [1e309, "x"]}',
    '{"type": "Polygon", "coordinates": [[[0, 0]]]}',
    "52.78,6.62",
    "200,-400",
    "abc,def",
    "../../etc/passwd",
    "%00",
    "null",
    "[]",
    "{}",
    "on",
    "\u202egnirts",
    "😀" * 50,
]

scalar = st.one_of(
    st.sampled_from(NASTY),
    st.text(max_size=200),
    st.integers().map(str),
    st.floats(allow_nan=True, allow_infinity=True).map(str),
)
value = st.one_of(scalar, st.lists(scalar, min_size=2, max_size=4))


def post_data(fields):
    names = st.sampled_from(fields) if fields else st.nothing()
    return st.dictionaries(
        st.one_of(names, st.text(min_size=1, max_size=12)), value, max_size=len(fields) + 2
    )


def signed_in(client, make_user, role):
    if role != "anonymous":
        user = make_user(role)
        if role == "admin":
            TOTP.activate(user, generate_totp_secret())
        client.force_login(user)
    return client


@pytest.mark.parametrize("name", sorted(FUZZED))
def test_a_form_survives_malformed_input(client, make_user, settings, name):
    # The per-address limit is tested on its own; here it would only cut the run short.
    settings.KOMPAS_FORM_RATE_LIMIT_POSTS = 10_000
    role, build, form_page = FUZZED[name]
    kwargs = build() if build else {}
    signed_in(client, make_user, role)
    url = reverse(name, kwargs=kwargs or None)
    if form_page == BUTTON_ONLY:
        fields = []
    else:
        fields = field_names(client, form_page(kwargs) if form_page else url, url)
        assert fields is not None, f"no form posting to {url} was found on its page"

    @hypothesis_settings(
        max_examples=15,
        deadline=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
        database=None,
    )
    # Always tried, whatever hypothesis draws: NUL in every field (PostgreSQL refuses it
    # in text), a huge value in every field, and two values for every field.
    @example(data=dict.fromkeys(fields, "een\x00twee"))
    @example(data=dict.fromkeys(fields, "x" * 100_000))
    @example(data={field: ["1", "<script>"] for field in fields})
    @given(data=post_data(fields))
    def post(data):
        response = client.post(url, data)
        assert response.status_code < 500, (url, data)

    post()


FILTER_VALUES = ["een\x00twee", "x" * 10_000, "-1", "<script>", "' OR 1=1 --", "1e309"]


@pytest.mark.parametrize("role", ["anonymous", "staff"])
def test_filters_and_searches_survive_malformed_input(client, make_user, role):
    """The GET forms (search, filters, pages of a list) of every page without parameters,
    each field at once set to a malformed value: never a 500."""
    signed_in(client, make_user, role)
    for name in own_url_names():
        build, _expected = MATRIX[name]
        if build is not None:
            continue
        url = reverse(name)
        parser = FormFields(url)
        response = client.get(url)
        if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
            continue
        parser.feed(response.content.decode())
        names = set().union(*parser.forms.values()) | {"q", "pagina", "page"}
        for value in FILTER_VALUES:
            response = client.get(url, dict.fromkeys(names, value))
            assert response.status_code < 500, (url, value)
        assert client.get(url, {key: ["1", "2"] for key in names}).status_code < 500, url
