"""At phone width: a council member opens a village's page, reads it in numbers, follows
its link to the insight figures and downloads one of the tables as CSV. Small groups stay
"<5" there too; no page breaks its Content-Security-Policy or logs an error."""

import csv
import io

import pytest

from accounts.services import ensure_account
from initiatives.models import Ownership
from kompas.choices import InitiativeStatus, Role
from tests.e2e.helpers import Person
from tests.factories import InitiativeFactory, KernFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

COUNCIL = "raadslid@example.org"


def test_a_council_member_goes_from_a_village_to_its_insight_and_downloads_a_table(
    browser, live_server
):
    kern = KernFactory(name="Aldeburen")
    for _ in range(6):
        InitiativeFactory(kern=kern, ownership=Ownership.COMMUNITY)
    InitiativeFactory(name="Een tip die niemand kent", kern=kern, status=InitiativeStatus.TIP)
    ensure_account(COUNCIL, role=Role.COUNCIL, name="Raadslid Jansen")

    person = Person(browser, live_server)
    page = person.page
    person.sign_in_by_code(COUNCIL)

    person.goto(kern.get_absolute_url())
    numbers = page.locator("section[aria-labelledby=in-cijfers-kop]")
    numbers.scroll_into_view_if_needed()
    assert numbers.locator("#in-cijfers-eigenaarschap td").first.inner_text() == "6"
    person.assert_clean()

    numbers.locator(f'a[href="/inzicht/?kern={kern.slug}"]').click()
    page.wait_for_url(f"**/inzicht/?kern={kern.slug}")
    # Every chart has its table; how long obstacles wait is a table alone.
    charted_tables = page.locator("main table:not(#wachten-tabel)")
    assert page.locator("svg.kompas-chart[role=img]").count() == charted_tables.count()
    status = page.locator("#status-tabel")
    assert status.locator("td").all_inner_texts() == ["<5", "0", "6", "0"]
    assert "Een tip die niemand kent" not in page.locator("main").inner_text()
    person.assert_clean()

    link = page.locator('main a[href^="/inzicht/status.csv"]')
    link.scroll_into_view_if_needed()
    with page.expect_download() as info:
        link.click()
    download = info.value
    assert download.suggested_filename.startswith(f"kompas-status-{kern.slug}-")
    assert download.suggested_filename.endswith(".csv")
    with open(download.path(), encoding="utf-8") as file:
        header, *lines = list(csv.reader(io.StringIO(file.read())))
    assert len(header) == 2
    assert [line[1] for line in lines] == ["<5", "0", "6", "0"]
    person.assert_clean()
    person.close()
