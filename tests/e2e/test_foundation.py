"""At phone width: the home page, the language switch, and signing in as each demo role."""

from io import StringIO

import pytest
from django.core.management import call_command

from demo.people import DEMO_PASSWORD, DEMO_TOTP_SECRET
from tests.e2e.conftest import PHONE
from tests.e2e.helpers import assert_signed_in, enter_emailed_code, sign_in, submit
from tests.totp import current_totp

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_home_at_phone_width_and_the_language_switch(phone):
    phone.goto("/")

    assert phone.locator("html").get_attribute("lang") == "nl"
    assert phone.get_by_role("heading", level=1).inner_text() == "Er gebeurt al een hele hoop"
    # Nothing is wider than the phone: no sideways scrolling.
    assert phone.evaluate("document.documentElement.scrollWidth") <= 360
    # The skip link is the first thing a keyboard reaches.
    phone.keyboard.press("Tab")
    assert phone.evaluate("document.activeElement.getAttribute('href')") == "#inhoud"

    phone.get_by_role("button", name="English").click()

    phone.wait_for_selector("html[lang=en]")
    assert phone.get_by_role("heading", level=1).inner_text() == "A lot is already happening"
    phone.get_by_role("button", name="Nederlands").click()
    phone.wait_for_selector("html[lang=nl]")


def test_every_demo_role_signs_in(browser, live_server):
    call_command("load_demo", stdout=StringIO())

    def fresh_page():
        context = browser.new_context(viewport=PHONE, base_url=live_server.url, locale="nl-NL")
        return context, context.new_page()

    # Residents and council members: an emailed code, no password.
    for email in ("inwoner@example.org", "raadslid@example.org"):
        context, page = fresh_page()
        sign_in(page, email)
        enter_emailed_code(page)
        assert_signed_in(page, f"{live_server.url}/")
        assert not page.get_by_role("link", name="Beheer").count()
        context.close()

    # Staff: a password; they start at what waits for their attention.
    context, page = fresh_page()
    sign_in(page, "ambtenaar@example.org", DEMO_PASSWORD)
    assert_signed_in(page, f"{live_server.url}/aandacht/")
    assert not page.get_by_role("link", name="Beheer").count()
    context.close()

    # Administrators: a password and the code of their authenticator app.
    context, page = fresh_page()
    sign_in(page, "beheerder@example.org", DEMO_PASSWORD)
    page.wait_for_selector("input[name=code]")
    page.fill("input[name=code]", current_totp(DEMO_TOTP_SECRET))
    submit(page)
    assert_signed_in(page, f"{live_server.url}/aandacht/")
    assert page.get_by_role("link", name="Beheer").is_visible()
    context.close()
