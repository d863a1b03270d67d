"""At phone width: a civil servant writes down a conversation with one hand. The search
answers as you type, "add another tip" adds a row, and what was typed survives a reload
until it is saved."""

import pytest
from django.conf import settings
from django.test import Client

from conversations.models import Conversation
from initiatives.models import Initiative
from kompas.choices import InitiativeStatus
from tests.factories import InitiativeFactory, KernFactory, UserFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def signed_in(page, live_server, user):
    """Skip the sign-in form (tested elsewhere): the browser gets a signed-in session."""
    client = Client()
    client.force_login(user)
    page.context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
            }
        ]
    )


def draft_key(user) -> str:
    return f"kompas:conversation:{user.pk}:new"


def kept(page, user, field: str, value: str) -> None:
    """Wait until the browser has kept what was typed in its draft."""
    page.wait_for_function(
        """([key, field, value]) => {
            const draft = JSON.parse(window.localStorage.getItem(key) || "null");
            return Boolean(draft) && draft.fields[field] === value;
        }""",
        arg=[draft_key(user), field, value],
    )


def test_a_draft_survives_a_reload_and_is_gone_after_saving(phone, live_server):
    staff = UserFactory(email="ambtenaar@example.org", staff=True, name="Fatima Bakker")
    kern = KernFactory(name="Witteloo")
    InitiativeFactory(name="Moestuin De Ster", kern=kern, status=InitiativeStatus.KNOWN)
    InitiativeFactory(name="Repair Café", kern=kern, status=InitiativeStatus.PUBLIC)
    signed_in(phone, live_server, staff)

    phone.goto("/gesprekken/nieuw/")
    phone.fill("[data-initiative-search-input]", "moest")
    phone.wait_for_selector("[data-initiative-search-results] input[name=initiatives]")
    phone.locator("[data-initiative-search-results] input[name=initiatives]").first.check()
    phone.wait_for_selector("[data-initiative-chosen] input[name=initiatives]")
    phone.fill("textarea[name=learned]", "Ze oogsten samen en delen op zaterdag.")
    phone.fill("input[name=with_whom]", "Drie mensen van de moestuin")
    phone.click("summary")
    phone.fill("input[name=tips-0-name]", "Jeu de boules bij de kerk")
    phone.click("[data-tip-add]")
    phone.click("[data-tip-add]")
    assert phone.locator("[data-tip-row]").count() == 4
    phone.fill("input[name=tips-3-name]", "Breiclub")
    kept(phone, staff, "tips-3-name", "Breiclub")

    phone.reload()

    phone.wait_for_selector("[data-draft-note]:not([hidden])")
    assert phone.input_value("textarea[name=learned]") == "Ze oogsten samen en delen op zaterdag."
    assert phone.input_value("input[name=tips-3-name]") == "Breiclub"
    assert phone.locator("[data-initiative-chosen] input[name=initiatives]:checked").count() == 1

    phone.locator(".kompas-save-bar button[type=submit]").click()

    phone.wait_for_url(f"{live_server.url}/gesprekken/*/")
    conversation = Conversation.objects.get()
    assert [i.name for i in conversation.initiatives.all()] == ["Moestuin De Ster"]
    assert set(Initiative.objects.filter(tip_from=conversation).values_list("name", flat=True)) == {
        "Jeu de boules bij de kerk",
        "Breiclub",
    }
    assert phone.evaluate("key => window.localStorage.getItem(key)", draft_key(staff)) is None

    phone.goto("/gesprekken/nieuw/")
    assert phone.locator("[data-draft-note]").is_hidden()
    assert phone.input_value("textarea[name=learned]") == ""


def test_a_draft_can_be_discarded(phone, live_server):
    staff = UserFactory(email="ambtenaar@example.org", staff=True)
    signed_in(phone, live_server, staff)
    phone.goto("/gesprekken/nieuw/")
    phone.fill("textarea[name=learned]", "Toch maar niet")
    kept(phone, staff, "learned", "Toch maar niet")
    phone.reload()
    phone.wait_for_selector("[data-draft-note]:not([hidden])")

    with phone.expect_navigation():
        phone.click("[data-draft-discard]")

    assert phone.input_value("textarea[name=learned]") == ""
    assert phone.locator("[data-draft-note]").is_hidden()
    assert phone.evaluate("key => window.localStorage.getItem(key)", draft_key(staff)) is None
