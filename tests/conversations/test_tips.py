"""The tips inbox: communities nobody knew, followed up by staff, and never public."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from conversations import services
from initiatives.models import Initiative, TipState
from kompas.choices import InitiativeStatus
from tests.factories import DepartmentFactory, InitiativeFactory, KernFactory, UserFactory

pytestmark = pytest.mark.django_db

TIPS = reverse("tip_list")
TIP_NAME = "Jeu-de-boulesclub De Kaatsbaan"


def page(response) -> str:
    return response.content.decode()


def cards(response) -> int:
    return page(response).count('class="kompas-card kompas-tip"')


@pytest.fixture
def staff():
    return UserFactory(
        staff=True, name="Jeroen Mulder", department=DepartmentFactory(name="Sociaal team")
    )


@pytest.fixture
def kern():
    return KernFactory(name="Aldeburen")


def heard_of(staff, name, kern, heard="Elke dinsdagavond bij de kerk.", **fields):
    """A tip, as a conversation brings it in."""
    conversation = services.log_conversation(
        staff,
        services.ConversationData(
            learned="Een gesprek op het plein.", kern=kern, date=timezone.localdate(), **fields
        ),
        tips=[services.TipData(name=name, kern=kern, heard=heard)],
    )
    return Initiative.objects.get(tip_from=conversation)


def follow_up(client, tip, state, **extra):
    return client.post(reverse("tip_state", kwargs={"pk": tip.pk}), {"state": state, **extra})


# --- The inbox --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("role", "status"),
    [("anonymous", 302), ("resident", 403), ("council", 403), ("staff", 200)],
)
def test_the_inbox_is_for_staff(client_as, role, status):
    assert client_as(role).get(TIPS).status_code == status


def test_a_tip_shows_what_was_heard_where_and_in_which_conversation(staff_client, staff, kern):
    tip = heard_of(staff, TIP_NAME, kern)

    html = page(staff_client.get(TIPS))

    assert TIP_NAME in html
    assert tip.get_absolute_url() in html
    assert "Aldeburen" in html
    assert "Elke dinsdagavond bij de kerk." in html
    assert "Sociaal team" in html
    assert tip.tip_from.get_absolute_url() in html
    assert timezone.localdate().strftime("%Y") in html


def test_a_tip_entered_by_hand_is_new_too(staff_client):
    InitiativeFactory(name="Handmatige tip", status=InitiativeStatus.TIP)
    InitiativeFactory(name="Gewoon initiatief", status=InitiativeStatus.PUBLIC)

    html = page(staff_client.get(TIPS, {"stand": "new"}))

    assert "Handmatige tip" in html
    assert "Gewoon initiatief" not in html


def test_tips_are_grouped_by_follow_up_and_filtered_by_kern_and_follow_up(
    staff_client, staff, kern
):
    elsewhere = KernFactory(name="Elders")
    new = heard_of(staff, "Nieuwe tip", kern)
    going = heard_of(staff, "Tip waar iemand heen gaat", kern)
    services.set_tip_state(going, staff, TipState.GOING)
    dropped = heard_of(staff, "Tip die niet verder gaat", elsewhere)
    services.set_tip_state(dropped, staff, TipState.NOT_PURSUED)
    met = heard_of(staff, "Tip die we leren kennen", kern)
    services.log_conversation(
        staff, services.ConversationData(learned="Kennisgemaakt.", initiatives=[met])
    )

    html = page(staff_client.get(TIPS))

    # New first, then going, getting to know, not pursued.
    order = [html.index(name) for name in (new.name, going.name, met.name, dropped.name)]
    assert order == sorted(order)
    for state in ("new", "going", "getting_to_know", "not_pursued"):
        assert f'id="stand-{state}"' in html
    assert cards(staff_client.get(TIPS, {"kern": "aldeburen"})) == 3
    assert cards(staff_client.get(TIPS, {"kern": "elders"})) == 1
    assert cards(staff_client.get(TIPS, {"stand": "going"})) == 1
    assert cards(staff_client.get(TIPS, {"stand": "getting_to_know"})) == 1
    assert cards(staff_client.get(TIPS, {"kern": "elders", "stand": "new"})) == 0


@pytest.mark.parametrize(
    "params", [{"kern": "bestaat-niet"}, {"stand": "onzin"}, {"pagina": "x"}, {"kern": "\x00"}]
)
def test_unknown_filters_answer_calmly(staff_client, staff, kern, params):
    heard_of(staff, TIP_NAME, kern)

    response = staff_client.get(TIPS, params)

    assert response.status_code == 200


def test_the_inbox_keeps_a_constant_number_of_queries(staff_client, django_assert_max_num_queries):
    def add(count):
        for number in range(count):
            author = UserFactory(staff=True, department=DepartmentFactory())
            tip = heard_of(author, f"Tip {number} {count}", KernFactory())
            services.set_tip_state(tip, author, TipState.GOING)

    add(3)
    with CaptureQueriesContext(connection) as few:
        staff_client.get(TIPS)
    add(27)

    with django_assert_max_num_queries(len(few.captured_queries)):
        response = staff_client.get(TIPS)

    assert cards(response) == 30


# --- Following a tip up -----------------------------------------------------------------


def test_i_am_going_to_meet_them(staff_client, staff, kern):
    tip = heard_of(staff, TIP_NAME, kern)

    response = follow_up(staff_client, tip, "going")

    assert response.status_code == 302
    tip.refresh_from_db()
    assert tip.tip_state == TipState.GOING
    assert tip.tip_claimed_by == staff
    html = page(staff_client.get(TIPS))
    going = html.split('id="stand-going"')[1]
    assert "Jeroen Mulder" in going
    # Once they met, the conversation is written down about the tip itself.
    assert f"{reverse('conversation_create')}?initiatief={tip.slug}" in going


def test_not_pursued_and_back_to_new(staff_client, staff, kern):
    tip = heard_of(staff, TIP_NAME, kern)
    follow_up(staff_client, tip, "going")

    follow_up(staff_client, tip, "not_pursued")
    tip.refresh_from_db()
    assert tip.tip_state == TipState.NOT_PURSUED

    follow_up(staff_client, tip, "new")
    tip.refresh_from_db()
    assert tip.tip_state == TipState.NEW
    assert tip.tip_claimed_by is None
    assert tip.history.count() >= 4


def test_the_inbox_is_shown_again_as_it_was_filtered(staff_client, staff, kern):
    tip = heard_of(staff, TIP_NAME, kern)

    response = follow_up(staff_client, tip, "going", next=f"{TIPS}?kern=aldeburen")

    assert response["Location"] == f"{TIPS}?kern=aldeburen"


@pytest.mark.parametrize("next_url", ["https://elders.example.com/", "//elders.example.com"])
def test_never_sent_to_another_site(staff_client, staff, kern, next_url):
    tip = heard_of(staff, TIP_NAME, kern)

    response = follow_up(staff_client, tip, "going", next=next_url)

    assert response["Location"] == TIPS


@pytest.mark.parametrize("state", ["getting_to_know", "onzin", ""])
def test_a_follow_up_that_is_not_offered_changes_nothing(staff_client, staff, kern, state):
    tip = heard_of(staff, TIP_NAME, kern)

    response = follow_up(staff_client, tip, state)

    assert response.status_code == 302
    tip.refresh_from_db()
    assert tip.tip_state == TipState.NEW


def test_an_initiative_that_is_no_tip_cannot_be_followed_up(staff_client):
    initiative = InitiativeFactory(status=InitiativeStatus.PUBLIC)

    assert follow_up(staff_client, initiative, "going").status_code == 404


@pytest.mark.parametrize(("role", "status"), [("resident", 403), ("council", 403)])
def test_only_staff_follow_up(client_as, staff, kern, role, status):
    tip = heard_of(staff, TIP_NAME, kern)

    assert follow_up(client_as(role), tip, "going").status_code == status
    tip.refresh_from_db()
    assert tip.tip_state == TipState.NEW


def test_signing_in_comes_first(client, staff, kern):
    tip = heard_of(staff, TIP_NAME, kern)

    assert follow_up(client, tip, "going").status_code == 302
    tip.refresh_from_db()
    assert tip.tip_state == TipState.NEW


# --- A tip never appears anywhere public ------------------------------------------------


@pytest.mark.parametrize("role", ["anonymous", "resident", "council"])
def test_a_tip_never_appears_anywhere_public(client_as, staff, kern, role):
    tip = heard_of(staff, TIP_NAME, kern, heard="Kaatsen op het veld achter de kerk.")
    tip.location = kern.boundary.point_on_surface
    tip.save()
    client = client_as(role)

    urls = [
        reverse("home"),
        reverse("initiative_list"),
        reverse("initiative_list") + "?q=Kaatsbaan",
        reverse("initiative_list") + f"?kern={kern.slug}",
        reverse("map"),
        reverse("map") + "?q=Kaatsbaan",
        reverse("layer_initiatives"),
        reverse("layer_initiatives") + f"?kern={kern.slug}",
        reverse("layer_kernen"),
        reverse("kern_list"),
        reverse("kern_detail", kwargs={"slug": kern.slug}),
    ]
    for url in urls:
        response = client.get(url)
        body = b"".join(response) if response.streaming else response.content
        text = body.decode()
        assert response.status_code == 200, url
        assert TIP_NAME not in text, url
        assert "Kaatsen op het veld" not in text, url
        assert tip.slug not in text, url
    popup = reverse("layer_initiative_popup", kwargs={"pk": tip.pk})
    assert client.get(popup).status_code == 404
    assert client.get(tip.get_absolute_url()).status_code == 404
