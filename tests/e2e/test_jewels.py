"""At phone width: a resident nominates the village's dorpshuis with a photo, another
resident adds a few words of appreciation, and both find the crown jewel on the map, in
the list beside it and on the village's page. Nowhere is appreciation counted, and no
page breaks its Content-Security-Policy or logs an error."""

import re

import pytest

from accounts.services import ensure_account
from jewels.models import CrownJewel, JewelCategory
from kompas.choices import GiftConsent, Role
from kompas.words import add_jewel_categories
from tests.e2e.helpers import Person, a_photo, assert_photo_loaded, submit
from tests.factories import KernFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

NAME = "Het dorpshuis"
WHY = (
    "In het dorpshuis komt iedereen samen: de biljartclub op maandag, de koffieochtend "
    "op woensdag en elk jaar het dorpsfeest."
)
WORDS = "Hier hebben we ons trouwfeest gevierd."
JEWEL_MARKER = ".leaflet-marker-icon.kompas-marker--jewel"
# A map that has loaded its layers, zoomed to them, and whose markers have stopped moving
# (Leaflet.markercluster glides them into place for a moment after a zoom).
SETTLED_MAP = (
    "[data-kompas-map][data-ready=true] "
    ".leaflet-map-pane:not(.leaflet-zoom-anim):not(.leaflet-cluster-anim)"
)
# The text of an element without its dates (an appreciation carries the day it was
# written) and without the form to add one: what is left must hold no number at all.
TEXT_WITHOUT_DATES = """
element => {
  const copy = element.cloneNode(true);
  copy.querySelectorAll("time, form").forEach(node => node.remove());
  return copy.textContent;
}
"""


def assert_no_count_of_appreciations(page) -> None:
    main = page.locator("main").inner_text()
    assert not re.search(r"\d+\s*(waardering|appreciation)", main, re.IGNORECASE), main


def sees_it_on_the_map(person: Person, jewel: CrownJewel) -> None:
    page = person.page
    person.goto("/kaart/")
    page.wait_for_selector(SETTLED_MAP, state="attached")
    marker = page.locator(JEWEL_MARKER)
    marker.wait_for()
    assert marker.count() == 1
    # Tapped in the middle of the screen: a marker at the edge is scrolled into view when
    # it takes focus, between pressing and releasing, so the tap would miss it.
    marker.evaluate("element => element.scrollIntoView({block: 'center', inline: 'center'})")
    marker.click()
    link = page.locator(f".leaflet-popup-content a[href='{jewel.get_absolute_url()}']")
    link.wait_for()
    assert link.inner_text() == NAME
    popup = page.locator(".leaflet-popup-content").evaluate(TEXT_WITHOUT_DATES)
    assert not re.search(r"\d", popup), popup
    # Once its popup is known, the marker is named by it.
    assert NAME in marker.get_attribute("aria-label")

    # The list beside the map names it too, with a link to its page.
    beside = page.locator(".kompas-map-jewels")
    card = beside.locator(
        ".kompas-jewel-card", has=page.locator(f"a[href='{jewel.get_absolute_url()}']")
    )
    assert card.locator("a").inner_text() == NAME
    assert not re.search(r"\d", card.evaluate(TEXT_WITHOUT_DATES))
    assert_no_count_of_appreciations(page)
    person.assert_clean()


def sees_it_on_the_kern_page(person: Person, jewel: CrownJewel) -> None:
    assert jewel.kern, "the jewel has a kern"
    page = person.page
    person.goto(jewel.kern.get_absolute_url())
    section = page.locator("section[aria-labelledby=kroonjuwelen-kop]")
    card = section.locator(".kompas-jewel-card")
    assert card.count() == 1
    assert card.locator(f"a[href='{jewel.get_absolute_url()}']").inner_text() == NAME
    assert not re.search(r"\d", card.evaluate(TEXT_WITHOUT_DATES))
    assert_photo_loaded(page, "section[aria-labelledby=kroonjuwelen-kop] .kompas-jewel-card__photo")
    # The kern's own map carries the jewel as well.
    page.wait_for_selector(SETTLED_MAP, state="attached")
    page.locator(JEWEL_MARKER).wait_for()
    assert_no_count_of_appreciations(page)
    person.assert_clean()


def test_a_resident_nominates_the_dorpshuis_another_appreciates_it_both_find_it(
    browser, live_server, tmp_path
):
    # The database is emptied between browser tests: the categories come back first.
    add_jewel_categories(JewelCategory)
    village = KernFactory(name="Ansingeveen")
    KernFactory(name="Witteloo")
    # Residents with a confirmed address, as the demo makes them: they sign in by code.
    nominator, _ = ensure_account("anke@example.org", role=Role.RESIDENT, name="Anke Bosma")
    appreciator, _ = ensure_account("bram@example.org", role=Role.RESIDENT, name="Bram Jansen")
    place = village.boundary.point_on_surface

    # Anke nominates the dorpshuis, with a photo.
    anke = Person(browser, live_server)
    anke.sign_in_by_code(nominator.email)
    anke.assert_clean()
    page = anke.page
    anke.goto("/kroonjuwelen/nieuw/")
    page.fill("input[name=name]", NAME)
    page.check("input[name=category][value=gebouw]")
    page.fill("textarea[name=why]", WHY)
    page.select_option("select[name=kern]", village.slug)
    page.locator("[data-place-picker-map].leaflet-container").wait_for()
    page.fill("input[name=latitude]", f"{place.y:.6f}")
    page.fill("input[name=longitude]", f"{place.x:.6f}")
    page.set_input_files("input[name=photo]", a_photo(tmp_path / "dorpshuis.jpg"))
    page.fill("input[name=photo_description]", "Het dorpshuis met zijn rode gevel")
    anke.assert_clean()
    submit(page)

    page.wait_for_url(re.compile(r"/kroonjuwelen/(?!nieuw/)[-\w]+/$"))
    jewel = CrownJewel.objects.select_related("kern", "category").get(name=NAME)
    assert page.url == f"{live_server.url}{jewel.get_absolute_url()}"
    assert (jewel.kern, jewel.category.slug, jewel.nominated_by) == (
        village,
        "gebouw",
        nominator,
    )
    assert jewel.consent == GiftConsent.NOT_NEEDED
    assert jewel.location.distance(place) < 1e-5
    assert page.get_by_role("heading", level=1).inner_text() == NAME
    assert WHY in page.locator(".kompas-jewel__why").inner_text()
    assert_photo_loaded(page, ".kompas-jewel__photo")
    assert page.locator(".kompas-appreciation").count() == 0
    anke.assert_clean()

    # Bram, in a browser of his own, adds his words as a resident of the village.
    bram = Person(browser, live_server)
    bram.sign_in_by_code(appreciator.email)
    bram.assert_clean()
    page = bram.page
    bram.goto(jewel.get_absolute_url())
    assert_photo_loaded(page, ".kompas-jewel__photo")
    page.fill("textarea[name=waardering-text]", WORDS)
    page.check("input[name=waardering-signed_as][value=kern]")
    page.select_option("select[name=waardering-author_kern]", village.slug)
    page.locator(f"form[action='{jewel.get_absolute_url()}waarderen/'] button[type=submit]").click()
    # Back on the jewel's page, at the words (and once it has loaded, styles and all).
    page.wait_for_url(f"{live_server.url}{jewel.get_absolute_url()}#waarderingen")
    appreciation = page.locator(".kompas-appreciation", has_text=WORDS)
    signature = appreciation.locator("footer").inner_text()
    assert village.name in signature
    assert appreciator.name not in signature
    bram.assert_clean()

    # Both see the words under the jewel, with no count beside them; both find the jewel
    # on the map, in the list beside it, and on the village's page.
    for person in (anke, bram):
        person.goto(jewel.get_absolute_url())
        words = person.page.locator("#waarderingen-lijst")
        assert WORDS in words.locator(".kompas-appreciation").inner_text()
        assert not re.search(r"\d", words.evaluate(TEXT_WITHOUT_DATES))
        assert_no_count_of_appreciations(person.page)
        person.assert_clean()
        sees_it_on_the_map(person, jewel)
        sees_it_on_the_kern_page(person, jewel)

    anke.close()
    bram.close()
