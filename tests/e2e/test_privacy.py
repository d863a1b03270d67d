"""At phone width: a resident takes their data with them and removes their account. The
download is a zip whose gegevens.json holds their story; after the removal they are
signed out, their account is gone, and their story stays on the initiative's page
without their name. No page breaks its Content-Security-Policy or logs an error.

Elements are found by ids, names and links, never by their words: the pages' Dutch comes
from the catalogue."""

import json
import zipfile

import pytest
from django.utils import timezone

from accounts.models import User
from accounts.services import ensure_account
from kompas.choices import InitiativeStatus, Role
from stories import services
from stories.models import Story
from tests.e2e.helpers import Person, submit
from tests.factories import InitiativeFactory, KernFactory, MembershipFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

NAME = "Sanne Hofstra"
EMAIL = "sanne@example.org"
TITLE = "Soep op zondag"
TEXT = "Elke zondag koken we met de buurt. Wie wil, schuift aan."


def test_a_resident_downloads_their_data_and_removes_their_account(browser, live_server):
    village = KernFactory(name="Markeveld-Zuid")
    soup = InitiativeFactory(
        name="Soepgroep De Pollepel",
        kern=village,
        status=InitiativeStatus.PUBLIC,
        published_at=timezone.now(),
    )
    sanne, _ = ensure_account(EMAIL, role=Role.RESIDENT, name=NAME)
    MembershipFactory(initiative=soup, user=sanne)
    story = services.write_story(
        soup, sanne, services.StoryData(title=TITLE, text=TEXT, date=timezone.localdate())
    )

    resident = Person(browser, live_server)
    resident.sign_in_by_code(EMAIL)
    page = resident.page

    # "Mijn gegevens" from the header.
    page.locator("header a[href='/mijn/']").click()
    page.wait_for_url("**/mijn/")
    assert EMAIL in page.locator("main").inner_text()
    resident.assert_clean()

    # The download, made at once.
    with page.expect_download() as started:
        page.locator("#download-gegevens").click()
    download = started.value
    assert download.suggested_filename.endswith(".zip")
    with zipfile.ZipFile(download.path()) as archive:
        data = json.loads(archive.read("gegevens.json").decode("utf-8"))
        readable = archive.read("gegevens.html").decode("utf-8")
    assert data["account"]["email"] == EMAIL
    assert [(s["title"], s["text"]) for s in data["stories"]] == [(TITLE, TEXT)]
    assert TITLE in readable

    # Removing the account: a page that says what happens, a box to tick.
    page.locator("#account-verwijderen").click()
    page.wait_for_url("**/mijn/verwijderen/")
    resident.assert_clean()
    page.check("input[name=confirm]")
    submit(page)
    page.wait_for_url(f"{live_server.url}/")
    assert page.locator("header a[href='/accounts/login/']").count() == 1
    assert page.locator("header a[href='/mijn/']").count() == 0
    resident.assert_clean()
    resident.close()
    assert not User.objects.filter(email=EMAIL).exists()

    # The story stays with the initiative, naming nobody.
    visitor = Person(browser, live_server)
    page = visitor.page
    visitor.goto(soup.get_absolute_url())
    assert page.locator(f"#verhalen a[href='{story.get_absolute_url()}']").count() == 1
    assert NAME not in page.content()
    visitor.goto(story.get_absolute_url())
    assert TEXT in page.locator("main").inner_text()
    assert NAME not in page.content() and EMAIL not in page.content()
    assert Story.objects.get(pk=story.pk).author is None
    visitor.assert_clean()
    visitor.close()
