"""At phone width: a member of an initiative writes a story with a photo and reports an
obstacle they ran into. Anyone then finds the story on the initiative's page and in
/verhalen/, and the obstacle on the initiative's page and in the /drempels/ patterns, its
kind counted. No page breaks its Content-Security-Policy or logs an error.

Elements are found by input names, ids and links, never by their words: the pages' Dutch
comes from the catalogue."""

import re

import pytest
from django.utils import timezone
from PIL import Image

from accounts.services import ensure_account
from kompas.choices import InitiativeStatus, ObstacleStatus, Role, Visibility
from kompas.words import add_obstacle_categories
from obstacles.models import Obstacle, ObstacleCategory
from stories.models import Story
from tests.e2e.helpers import Person, a_photo, assert_photo_loaded, submit
from tests.factories import DepartmentFactory, InitiativeFactory, KernFactory, MembershipFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

TITLE = "De kabelbaan hangt"
TEXT = (
    "Twee jaar sparen met de vrijmarkt op Koningsdag. Zaterdag ging het eerste kind naar "
    "beneden, en de rij stond tot aan het hek."
)
PHOTO_DESCRIPTION = "Kinderen in de rij voor de kabelbaan"
WHAT_HAPPENED = (
    "Voor de valondergrond vroegen we een bijdrage. Daar was geen budget voor gereserveerd, "
    "hoorden we: de begroting lag al vast."
)
CATEGORY = "daar-is-geen-budget-voor-gereserveerd"


def count_in(page, table: str, row_name: str) -> int:
    """The number on the line of a pattern table whose heading is ``row_name`` (a name
    from the data: a kind of obstacle, a department, a village)."""
    row = page.locator(f"#{table}-tabel tbody tr").filter(
        has=page.locator("th", has_text=re.compile(rf"^\s*{re.escape(row_name)}"))
    )
    assert row.count() == 1, f"{row_name} in #{table}-tabel"
    return int(row.locator(".kompas-pattern-table__number").inner_text())


def test_a_member_writes_a_story_and_reports_an_obstacle_both_show(browser, live_server, tmp_path):
    # The database is emptied between browser tests: the kinds of obstacle come back first.
    add_obstacle_categories(ObstacleCategory)
    category = ObstacleCategory.objects.get(slug=CATEGORY)
    village = KernFactory(name="Markeveld-Zuid")
    department = DepartmentFactory(name="Openbare ruimte")
    playground = InitiativeFactory(
        name="Speeltuinvereniging De Klimboom",
        kern=village,
        status=InitiativeStatus.PUBLIC,
        published_at=timezone.now(),
    )
    # A resident with a confirmed address, as the demo makes them: signs in by code.
    sanne, _ = ensure_account("sanne@example.org", role=Role.RESIDENT, name="Sanne Hofstra")
    MembershipFactory(initiative=playground, user=sanne)
    initiative_url = playground.get_absolute_url()

    member = Person(browser, live_server)
    member.sign_in_by_code(sanne.email)
    page = member.page

    # The story, with a photo, from the initiative's own page.
    member.goto(initiative_url)
    write = page.locator(f"#verhalen a[href='/initiatieven/{playground.slug}/verhalen/nieuw/']")
    write.click()
    page.wait_for_url(f"**/initiatieven/{playground.slug}/verhalen/nieuw/")
    page.fill("input[name=title]", TITLE)
    page.fill("textarea[name=text]", TEXT)
    page.check(f"input[name=visibility][value={Visibility.PUBLIC}]")
    page.set_input_files("input[name=photos]", a_photo(tmp_path / "kabelbaan.jpg"))
    page.fill("input[name=photo_description]", PHOTO_DESCRIPTION)
    member.assert_clean()
    submit(page)

    page.wait_for_url(re.compile(r"/verhalen/\d+/$"))
    story = Story.objects.get(title=TITLE)
    assert page.url == f"{live_server.url}{story.get_absolute_url()}"
    assert (story.initiative, story.author, story.visibility) == (
        playground,
        sanne,
        Visibility.PUBLIC,
    )
    assert story.date == timezone.localdate()
    [photo] = story.photos.all()
    assert photo.description == PHOTO_DESCRIPTION
    with photo.photo.open() as stored, Image.open(stored) as image:
        assert image.format == "JPEG"
        assert not image.getexif()
    assert TEXT in page.locator("main").inner_text()
    assert_photo_loaded(page, ".kompas-story__photo")
    member.assert_clean()

    # The obstacle, from the same page.
    member.goto(initiative_url)
    report = page.locator(f"#drempels a[href='/initiatieven/{playground.slug}/drempels/nieuw/']")
    report.click()
    page.wait_for_url(f"**/initiatieven/{playground.slug}/drempels/nieuw/")
    page.fill("textarea[name=what_happened]", WHAT_HAPPENED)
    page.check(f"input[name=category][value={CATEGORY}]")
    page.select_option("select[name=department]", str(department.pk))
    page.check(f"input[name=visibility][value={Visibility.PUBLIC}]")
    member.assert_clean()
    submit(page)

    page.wait_for_url(re.compile(r"/drempels/\d+/$"))
    obstacle = Obstacle.objects.get()
    assert page.url == f"{live_server.url}{obstacle.get_absolute_url()}"
    assert (obstacle.initiative, obstacle.reported_by, obstacle.category) == (
        playground,
        sanne,
        category,
    )
    assert (obstacle.department, obstacle.visibility) == (department, Visibility.PUBLIC)
    assert obstacle.status == ObstacleStatus.REPORTED
    assert obstacle.happened_on == timezone.localdate()
    assert WHAT_HAPPENED in page.locator("main").inner_text()
    member.assert_clean()
    member.close()

    # Anyone, not signed in, finds both.
    visitor = Person(browser, live_server)
    page = visitor.page
    visitor.goto(initiative_url)
    assert page.locator(f"#verhalen a[href='{story.get_absolute_url()}']").count() == 1
    assert page.locator(f"#drempels a[href='{obstacle.get_absolute_url()}']").count() == 1
    assert page.locator("#verhalen a[href$='/verhalen/nieuw/']").count() == 0
    assert page.locator("#drempels a[href$='/drempels/nieuw/']").count() == 0
    assert_photo_loaded(page, "#verhalen .kompas-story-card__photo")
    visitor.assert_clean()

    visitor.goto("/verhalen/")
    card = page.locator(
        ".kompas-story-card", has=page.locator(f"a[href='{story.get_absolute_url()}']")
    )
    assert card.count() == 1
    assert card.locator(f"a[href='{initiative_url}']").count() == 1
    assert_photo_loaded(page, ".kompas-story-card__photo")
    visitor.assert_clean()

    visitor.goto("/drempels/")
    assert page.locator(f"#meldingen a[href='{obstacle.get_absolute_url()}']").count() == 1
    assert count_in(page, "soorten", category.name) == 1
    assert count_in(page, "afdelingen", department.name) == 1
    assert count_in(page, "kernen", village.name) == 1
    # Every other kind of obstacle counts nothing yet.
    numbers = page.locator("#soorten-tabel .kompas-pattern-table__number").all_inner_texts()
    assert sum(int(number) for number in numbers) == 1
    # The patterns are numbers only: nobody's name.
    patterns = page.locator("#patronen-kop").locator("xpath=..").inner_text()
    assert sanne.name not in patterns
    assert playground.name not in patterns
    visitor.assert_clean()
    visitor.close()
