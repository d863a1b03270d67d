"""Every page type, as every role that may open it, in Chromium at phone width: axe-core
finds no serious or critical violation of WCAG 2.1 A and AA.

axe-core comes from npm (node_modules/axe-core) and is evaluated in the page by the
browser's developer protocol, so the strict Content-Security-Policy stays as it is.
"""

from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection
from django.test import Client

from jewels.models import JewelCategory
from kompas import words
from obstacles.models import ObstacleCategory
from tests.e2e.conftest import PHONE
from tests.pages import build_url, is_document, page_types, roles_that_see, sign_in

pytestmark = pytest.mark.django_db(transaction=True)

AXE = Path(settings.BASE_DIR) / "node_modules" / "axe-core" / "axe.min.js"
WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
RUN_AXE = """tags => axe.run(document, {runOnly: {type: "tag", values: tags}})
  .then(result => result.violations.map(violation => ({
    id: violation.id,
    impact: violation.impact,
    help: violation.help,
    where: violation.nodes.slice(0, 3).map(node => node.target.join(" ")),
  })))"""


@pytest.fixture(autouse=True)
def vocabularies():
    """The starting categories come with a migration, which a transactional test empties."""
    words.add_jewel_categories(JewelCategory)
    words.add_obstacle_categories(ObstacleCategory)


@pytest.fixture(scope="module")
def axe_source():
    if not AXE.exists():
        pytest.fail("axe-core is missing from node_modules: run scripts/test.sh.")
    return AXE.read_text()


def violations_on(browser, live_server, session_cookie, url, axe_source):
    context = browser.new_context(viewport=PHONE, base_url=live_server.url, locale="nl-NL")
    if session_cookie:
        context.add_cookies([{**session_cookie, "url": live_server.url}])
    try:
        page = context.new_page()
        response = page.goto(url, wait_until="load")
        assert response is not None and response.ok, f"{url}: {response and response.status}"
        page.evaluate(axe_source)
        return page.evaluate(RUN_AXE, WCAG_21_AA)
    finally:
        context.close()


@pytest.mark.parametrize("name", page_types())
def test_no_serious_accessibility_violation(browser, live_server, make_user, axe_source, name):
    if connection.vendor != "postgresql":
        pytest.skip("Pages are the same on both databases; checked in the PostGIS run.")
    url = build_url(name)
    roles = roles_that_see(name)
    if not is_document(sign_in(Client(), make_user, roles[0]).get(url)):
        pytest.skip(f"{name} is data or a fragment, not a page")
    found = {}
    for role in roles:
        client = sign_in(Client(), make_user, role)
        cookie = client.cookies.get(settings.SESSION_COOKIE_NAME)
        session_cookie = {"name": cookie.key, "value": cookie.value} if cookie else None
        violations = violations_on(browser, live_server, session_cookie, url, axe_source)
        serious = [v for v in violations if v["impact"] in ("serious", "critical")]
        if serious:
            found[role] = serious
    assert found == {}, f"{url}: {found}"
