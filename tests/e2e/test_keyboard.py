"""The map page with the keyboard alone: every action on it can be done without a mouse
(the list beside the map counts as the way to reach each initiative)."""

from django.contrib.gis.geos import Point

from jewels.models import JewelCategory
from kompas import words
from kompas.choices import InitiativeStatus
from tests.e2e.helpers import Person
from tests.factories import CrownJewelFactory, InitiativeFactory, KernFactory, jewel_category

MAX_TABS = 120


def focused(page) -> dict:
    return page.evaluate(
        """() => {
          const element = document.activeElement;
          return {
            tag: element.tagName.toLowerCase(),
            text: (element.innerText || element.value || "").trim(),
            href: element.getAttribute("href") || "",
            layer: element.getAttribute("data-kompas-layer") || "",
            name: element.getAttribute("name") || "",
          };
        }"""
    )


def tab_to(page, matches, what: str) -> dict:
    """Press Tab until the focus is on an element that ``matches``; fail after MAX_TABS."""
    for _ in range(MAX_TABS):
        page.keyboard.press("Tab")
        element = focused(page)
        if matches(element):
            return element
    raise AssertionError(f"The keyboard never reaches {what}")


def test_everything_on_the_map_page_works_with_the_keyboard_alone(browser, live_server):
    words.add_jewel_categories(JewelCategory)
    kern = KernFactory(name="Witteloo")
    InitiativeFactory(
        name="Repaircafé Witteloo",
        kern=kern,
        status=InitiativeStatus.PUBLIC,
        location=kern.boundary.centroid,
    )
    InitiativeFactory(name="Wensbus", kern=kern, status=InitiativeStatus.PUBLIC)
    CrownJewelFactory(
        name="De oude linde",
        kern=kern,
        category=jewel_category("natuur"),
        location=Point(kern.boundary.centroid.x + 0.001, kern.boundary.centroid.y),
    )
    person = Person(browser, live_server)
    page = person.page
    person.goto("/kaart/")
    page.wait_for_selector(".kompas-marker--jewel")

    # Skip to the content, then search: type and press Enter.
    first = tab_to(page, lambda element: element["tag"] == "a", "the skip link")
    assert first["href"] == "#main-content" or "inhoud" in first["text"].lower()
    tab_to(page, lambda element: element["name"] == "q", "the search field")
    page.keyboard.type("Wensbus")
    page.keyboard.press("Enter")
    page.wait_for_url("**/kaart/?*q=Wensbus*")
    assert page.locator(".kompas-map-layout__list").get_by_text("Wensbus").is_visible()
    assert page.locator(".kompas-map-layout__list").get_by_text("Repaircafé").count() == 0

    # Switch a layer of the map off and on again with the space bar.
    person.goto("/kaart/")
    page.wait_for_selector(".kompas-marker--jewel")
    tab_to(page, lambda element: element["layer"] == "jewels", "the crown jewels layer switch")
    page.keyboard.press("Space")
    page.wait_for_selector(".kompas-marker--jewel", state="detached")
    page.keyboard.press("Space")
    page.wait_for_selector(".kompas-marker--jewel")

    # Jump to the list, and open an initiative from it with Enter.
    tab_to(page, lambda element: element["href"] == "#lijst-kop", "the link to the list")
    page.keyboard.press("Enter")
    assert focused(page)["text"].startswith(page.locator("#lijst-kop").inner_text().strip()[:10])
    tab_to(page, lambda element: element["text"] == "Repaircafé Witteloo", "the initiative")
    page.keyboard.press("Enter")
    page.wait_for_url("**/initiatieven/repaircafe-witteloo/")

    # And a crown jewel from the list below the map.
    person.goto("/kaart/")
    tab_to(page, lambda element: element["text"] == "De oude linde", "the crown jewel")
    page.keyboard.press("Enter")
    page.wait_for_url("**/kroonjuwelen/de-oude-linde/")
    person.assert_clean()
    person.close()
