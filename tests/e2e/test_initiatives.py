"""At phone width: a resident puts their initiative on the map in their own words, and finds
it again on the map and by search; the map of an initiative page settles on its kern."""

from io import StringIO

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.management import call_command

from initiatives.models import Initiative
from jewels.models import CrownJewel
from kompas.choices import InitiativeStatus
from places.models import Kern
from tests.e2e.helpers import Person, assert_signed_in, enter_emailed_code, sign_in, submit

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

OWN_WORDS = (
    "Wij zijn vijf buren met een moestuin achter de kerk. Iedereen mag komen schoffelen, "
    "en wat we oogsten delen we op zaterdag bij de bakker."
)


def test_a_resident_puts_their_initiative_on_the_public_map(phone, live_server):
    call_command("load_demo", stdout=StringIO())
    kern = Kern.objects.get(name="Witteloo")
    place = kern.boundary.point_on_surface

    sign_in(phone, "inwoner@example.org")
    enter_emailed_code(phone)
    assert_signed_in(phone, f"{live_server.url}/")

    phone.goto("/initiatieven/nieuw/")
    phone.fill("input[name=name]", "Moestuin De Zonnebloem")
    phone.select_option("select[name=kern]", kern.slug)
    phone.fill("input[name=latitude]", f"{place.y:.6f}")
    phone.fill("input[name=longitude]", f"{place.x:.6f}")
    phone.fill("textarea[name=description]", OWN_WORDS)
    phone.fill("input[name=offers]", "groente, tuinieren")
    phone.check("input[name=status][value=public]")
    submit(phone)

    phone.wait_for_url(f"{live_server.url}/initiatieven/moestuin-de-zonnebloem/")
    assert phone.get_by_role("heading", level=1).inner_text() == "Moestuin De Zonnebloem"
    assert OWN_WORDS[:40] in phone.locator("main").inner_text()
    initiative = Initiative.objects.get(slug="moestuin-de-zonnebloem")
    assert initiative.status == InitiativeStatus.PUBLIC
    assert initiative.published_by.email == "inwoner@example.org"

    # Anyone finds it on the map, in the list beside it, and on the map itself.
    phone.context.clear_cookies()
    phone.goto("/kaart/?q=Zonnebloem")
    phone.wait_for_selector("[data-kompas-map][data-ready=true]")
    assert phone.get_by_role("link", name="Moestuin De Zonnebloem").count() >= 1
    assert phone.locator(".leaflet-marker-icon").count() >= 1

    # And by search in the registry.
    phone.goto("/initiatieven/?q=moestuin")
    assert phone.get_by_role("link", name="Moestuin De Zonnebloem").is_visible()
    assert phone.evaluate("document.documentElement.scrollWidth") <= 360


def test_the_map_of_an_initiative_that_cares_for_a_crown_jewel_settles_on_its_kern(
    browser, live_server
):
    call_command("load_demo", stdout=StringIO())
    initiative = (
        Initiative.objects.visible_to(AnonymousUser())
        .filter(
            jewels__in=CrownJewel.objects.visible_to(AnonymousUser()),
            kern__boundary__isnull=False,
        )
        .first()
    )
    visitor = Person(browser, live_server)

    visitor.goto(f"/initiatieven/{initiative.slug}/")

    the_map = visitor.page.wait_for_selector("[data-kompas-map][data-ready]")
    assert the_map.get_attribute("data-ready") == "true", visitor.errors
    assert visitor.page.locator(".leaflet-marker-icon").count() >= 1
    visitor.assert_clean()
    visitor.close()
