"""At phone width: a civil servant proposes a connection between two initiatives, a member
of each says yes, and the line appears on the public map."""

from io import StringIO

import pytest
from django.core.management import call_command

from connections.models import Connection
from demo.people import DEMO_PASSWORD
from kompas.choices import ConnectionStatus
from tests.e2e.conftest import PHONE
from tests.e2e.helpers import assert_signed_in, enter_emailed_code, sign_in, submit

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

CONNECTION_LINE = 'path[stroke="#6b3fa0"]'


def lines_on_the_public_map(browser, live_server) -> int:
    context = browser.new_context(viewport=PHONE, base_url=live_server.url, locale="nl-NL")
    page = context.new_page()
    page.goto("/kaart/")
    page.wait_for_selector("[data-kompas-map][data-ready=true]")
    count = page.locator(CONNECTION_LINE).count()
    context.close()
    return count


def as_person(browser, live_server, email: str, password: str = ""):
    context = browser.new_context(viewport=PHONE, base_url=live_server.url, locale="nl-NL")
    page = context.new_page()
    sign_in(page, email, password)
    if not password:
        enter_emailed_code(page)
    # Staff (who sign in with a password here) start at what waits for their attention.
    assert_signed_in(page, f"{live_server.url}/aandacht/" if password else f"{live_server.url}/")
    return context, page


def test_a_proposed_connection_both_sides_accept_appears_on_the_map(browser, live_server):
    call_command("load_demo", stdout=StringIO())
    before = lines_on_the_public_map(browser, live_server)

    context, page = as_person(browser, live_server, "ambtenaar@example.org", DEMO_PASSWORD)
    page.goto("/initiatieven/groengroep-witteloo/verbinden/?met=imkers-van-ansingeveen")
    page.check("input[name=reasons][value=learn]")
    page.fill("textarea[name=note]", "Allebei met hun handen in de aarde: bijen en bloemen.")
    submit(page)
    page.wait_for_url(f"{live_server.url}/verbindingen/*/")
    context.close()
    connection = Connection.objects.get(
        first__slug="groengroep-witteloo", second__slug="imkers-van-ansingeveen"
    )
    assert connection.status == ConnectionStatus.PROPOSED
    assert lines_on_the_public_map(browser, live_server) == before

    for initiative in (connection.first, connection.second):
        member = initiative.memberships.order_by("pk").first().user
        context, page = as_person(browser, live_server, member.email)
        page.goto(connection.get_absolute_url())
        page.click("button[name=accept][value=ja]")
        page.wait_for_load_state()
        context.close()

    connection.refresh_from_db()
    assert connection.status == ConnectionStatus.MADE
    assert lines_on_the_public_map(browser, live_server) == before + 1
