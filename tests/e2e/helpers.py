"""Steps a person takes in the browser, shared by the end-to-end tests."""

import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.core import mail
from PIL import Image, ImageDraw

from tests.e2e.conftest import PHONE

CODE = re.compile(r"^\s*([A-Z0-9]{4}-[A-Z0-9]{4})\s*$", re.MULTILINE)
# Records what the browser refuses under the Content-Security-Policy, before any script
# of the page runs.
WATCH_CSP = """
window.kompasCspViolations = [];
document.addEventListener("securitypolicyviolation", function (event) {
  window.kompasCspViolations.push(event.violatedDirective + " " + event.blockedURI);
});
"""


def submit(page):
    """Press the first submit button of the page's main content."""
    page.locator("main form button[type=submit]").first.click()


def sign_in(page, email: str, password: str = "") -> None:
    page.goto("/accounts/login/")
    page.fill("input[name=login]", email)
    if password:
        page.fill("input[name=password]", password)
    submit(page)


def enter_emailed_code(page) -> None:
    """Type the code from the last email sent."""
    page.wait_for_selector("input[name=code]")
    found = CODE.search(str(mail.outbox[-1].body))
    assert found, "no code in the last email"
    code = found.group(1)
    page.fill("input[name=code]", code)
    submit(page)


def assert_signed_in(page, home: str) -> None:
    page.wait_for_url(home)
    assert page.get_by_role("button", name="Uitloggen").is_visible()


class Person:
    """One person's browser context at phone width, noting console errors, uncaught
    exceptions and CSP violations. The live server serves no uploads; the context serves
    /media/ from the test's MEDIA_ROOT, so photos really load."""

    def __init__(self, browser, live_server) -> None:
        self.live_server = live_server
        self.context = browser.new_context(viewport=PHONE, base_url=live_server.url, locale="nl-NL")
        self.context.add_init_script(WATCH_CSP)
        self.context.route(f"{live_server.url}/{settings.MEDIA_URL.strip('/')}/**", self.media)
        self.errors: list[str] = []
        self.page = self.context.new_page()
        self.page.set_default_timeout(15_000)
        self.page.on("console", self.console)
        self.page.on("pageerror", lambda error: self.errors.append(f"exception: {error}"))

    def console(self, message) -> None:
        if message.type == "error":
            self.errors.append(f"{self.page.url}: {message.text}")

    @staticmethod
    def media(route) -> None:
        """Serve a file below MEDIA_ROOT; anything else (``..`` included) is a 404."""
        root = Path(settings.MEDIA_ROOT).resolve()
        relative = unquote(urlsplit(route.request.url).path).split("/", 2)[2]
        file = (root / relative).resolve()
        if root in file.parents and file.is_file():
            route.fulfill(path=file)
        else:
            route.fulfill(status=404)

    def goto(self, path: str) -> None:
        response = self.page.goto(path)
        assert response is not None and response.ok, f"{path}: {response and response.status}"

    def sign_in_by_code(self, email: str) -> None:
        """Sign in as a resident with a confirmed address: by the emailed code."""
        sign_in(self.page, email)
        enter_emailed_code(self.page)
        assert_signed_in(self.page, f"{self.live_server.url}/")

    def assert_clean(self) -> None:
        """No console error, no exception, no CSP violation on the page now open, and
        nothing wider than the phone."""
        width = self.page.evaluate("document.documentElement.scrollWidth")
        assert width <= PHONE["width"], f"{self.page.url} is {width} px wide"
        violations = self.page.evaluate("window.kompasCspViolations || []")
        assert violations == [], f"CSP violations on {self.page.url}: {violations}"
        assert self.errors == [], self.errors

    def close(self) -> None:
        self.context.close()


def a_photo(path: Path) -> Path:
    """Save a small real JPEG at ``path``: a house in front of a sky."""
    image = Image.new("RGB", (640, 480), (135, 190, 235))
    draw = ImageDraw.Draw(image)
    draw.rectangle((180, 220, 460, 440), fill=(170, 80, 60))
    draw.polygon(((160, 220), (320, 110), (480, 220)), fill=(90, 60, 50))
    image.save(path, "JPEG", quality=85)
    return path


def assert_photo_loaded(page, selector: str) -> None:
    """The first image matching ``selector`` comes from /media/, has an alt text and has
    really loaded."""
    photo = page.locator(selector).first
    assert photo.get_attribute("src").startswith(settings.MEDIA_URL)
    assert photo.get_attribute("alt")
    photo.scroll_into_view_if_needed()
    page.wait_for_function(
        "img => img.complete && img.naturalWidth > 0", arg=photo.element_handle()
    )
