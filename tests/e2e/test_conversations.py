"""At phone width: a civil servant writes down a conversation about a resident's
initiative, with one tip; the tip waits in the tips inbox; a second, internal conversation
follows. The initiative's member reads the shared one on their page, never the internal
one, and gets an email about the shared one only."""

from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command

from conversations.models import Conversation
from demo.people import DEMO_PASSWORD
from initiatives.models import Initiative
from kompas.choices import InitiativeStatus, Visibility
from places.models import Kern
from tests.e2e.conftest import PHONE
from tests.e2e.helpers import assert_signed_in, enter_emailed_code, sign_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

INITIATIVE = "Speeltuinvereniging De Klimboom"  # Sanne (inwoner@example.org) speaks for it
SHARED = (
    "Bij de klimboom kwamen we aan de praat: op woensdag schenken vier opa's limonade en "
    "ze willen de kinderen leren hutten bouwen."
)
INTERNAL = "Voor het team: de kabelbaan past misschien in het budget van de speelplekken."
TIP = "Tafeltennisclub De Stuiterbal"
HEARD = "Ze spelen op dinsdagavond in de kantine van de voetbalclub."


def save(page) -> None:
    page.locator(".kompas-save-bar button[type=submit]").click()
    page.wait_for_url("**/gesprekken/*/")


def choose_initiative(page, initiative, words: str) -> None:
    """Type part of the name, as with one thumb, and pick the initiative from the answers."""
    page.fill("[data-initiative-search-input]", words)
    found = f"[data-initiative-search-results] [data-initiative-item='{initiative.pk}'] input"
    page.locator(found).check()
    page.wait_for_selector(f"[data-initiative-chosen] [data-initiative-item='{initiative.pk}']")


def fits_the_phone(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


def test_a_shared_conversation_reaches_the_member_and_an_internal_one_does_not(
    phone, browser, live_server
):
    call_command("load_demo", stdout=StringIO())
    initiative = Initiative.objects.get(name=INITIATIVE)
    kern = Kern.objects.get(name="Witteloo")
    member_emails_before = sum("inwoner@example.org" in message.to for message in mail.outbox)

    # A civil servant writes down the conversation, right after, on their phone.
    sign_in(phone, "ambtenaar@example.org", DEMO_PASSWORD)
    assert_signed_in(phone, f"{live_server.url}/aandacht/")
    phone.goto("/gesprekken/nieuw/")
    choose_initiative(phone, initiative, "klimb")
    phone.fill("textarea[name=learned]", SHARED)
    phone.click("summary")
    phone.fill("input[name=tips-0-name]", TIP)
    phone.select_option("select[name=tips-0-kern]", kern.slug)
    phone.fill("textarea[name=tips-0-heard]", HEARD)
    assert fits_the_phone(phone)
    save(phone)

    shared = Conversation.objects.get(learned=SHARED)
    assert shared.visibility == Visibility.SHARED
    assert list(shared.initiatives.all()) == [initiative]
    tip = Initiative.objects.get(tip_from=shared)
    assert (tip.name, tip.status, tip.kern) == (TIP, InitiativeStatus.TIP, kern)

    # The tip waits in the inbox, with what was heard; someone says they will go.
    phone.goto(f"/tips/?kern={kern.slug}")
    card = phone.locator(".kompas-tip", has_text=TIP)
    assert card.is_visible()
    assert HEARD in card.inner_text()
    assert fits_the_phone(phone)
    card.locator("button[name=state][value=going]").click()
    phone.wait_for_url(f"**/tips/?kern={kern.slug}")
    assert "Jeroen Mulder" in phone.locator(".kompas-tip", has_text=TIP).inner_text()

    # A second conversation, for staff only.
    phone.goto("/gesprekken/nieuw/")
    choose_initiative(phone, initiative, "klimboom")
    phone.fill("textarea[name=learned]", INTERNAL)
    phone.check("input[name=visibility][value=internal]")
    save(phone)
    assert Conversation.objects.get(learned=INTERNAL).visibility == Visibility.INTERNAL

    # Staff find both on the initiative's page.
    phone.goto(initiative.get_absolute_url())
    staff_view = phone.locator("#gesprekken").inner_text()
    assert SHARED[:40] in staff_view
    assert INTERNAL[:40] in staff_view
    assert "Jeroen Mulder" in phone.locator("#wie-kent").inner_text()

    # The member gets one email, for the shared conversation, with nothing of its text.
    to_member = [message for message in mail.outbox if "inwoner@example.org" in message.to]
    assert len(to_member) == member_emails_before + 1
    assert initiative.get_absolute_url() in to_member[-1].body
    assert "limonade" not in to_member[-1].body
    assert "kabelbaan" not in to_member[-1].body

    # The member signs in with a code and reads the shared conversation, not the internal one.
    context = browser.new_context(viewport=PHONE, base_url=live_server.url, locale="nl-NL")
    member = context.new_page()
    member.set_default_timeout(15_000)
    sign_in(member, "inwoner@example.org")
    enter_emailed_code(member)
    assert_signed_in(member, f"{live_server.url}/")
    member.goto(initiative.get_absolute_url())
    timeline = member.locator("#gesprekken")
    assert timeline.is_visible()
    assert SHARED[:40] in timeline.inner_text()
    page_text = member.locator("main").inner_text()
    assert "kabelbaan past misschien" not in page_text
    assert "Jeroen Mulder" not in page_text
    assert member.locator("#wie-kent").count() == 0
    assert fits_the_phone(member)

    # Neither the tip nor the inbox exists for them.
    assert member.goto("/tips/").status == 403
    member.goto(f"/initiatieven/?q={TIP.split()[-1]}")
    assert TIP not in member.locator("main").inner_text()
    context.close()
