"""When signing in does not work, the page says why in its error summary, in Dutch (or
English), and keeps the email address typed; the emails of signing in are Kompas's own."""

import re
from html.parser import HTMLParser

import pytest
from allauth.account.internal.flows import code_verification
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.core import mail
from django.urls import reverse

from tests.accounts.test_accounts import PASSWORD, code_in, verified
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

SITE_URL = "https://kompas.markeveld.example"
MUNICIPALITY = "Gemeente Markeveld"
RESIDENT = "inwoner@example.org"
STAFF = "ambtenaar@example.org"
WRONG_CODE = "AAAA-AAAA"


class Page(HTMLParser):
    """What a person finds on a page: the error summary's text, the values in the
    inputs, every id, and every piece of text (with placeholders and labels for screen
    readers) as shown."""

    def __init__(self, html: str):
        super().__init__()
        self.summaries: list[dict] = []
        self.values: dict[str, str] = {}
        self.ids: set[str] = set()
        self.links: list[str] = []
        self.texts: list[str] = []
        self._open: list[tuple[str, dict | None]] = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if "id" in attrs:
            self.ids.add(attrs["id"])
        if tag == "input" and attrs.get("name"):
            self.values[attrs["name"]] = attrs.get("value") or ""
        for name in ("placeholder", "aria-label", "title"):
            if attrs.get(name):
                self.texts.append(attrs[name])
        summary = None
        if "kompas-error-summary" in (attrs.get("class") or "").split():
            summary = {"attrs": attrs, "text": ""}
            self.summaries.append(summary)
        if tag == "a" and any(s is not None for _tag, s in self._open):
            self.links.append(attrs.get("href", ""))
        if tag not in {"input", "br", "hr", "img", "meta", "link"}:
            self._open.append((tag, summary))

    def handle_endtag(self, tag):
        while self._open:
            if self._open.pop()[0] == tag:
                break

    def handle_data(self, data):
        if data.strip():
            self.texts.append(" ".join(data.split()))
        for _tag, summary in self._open:
            if summary is not None:
                summary["text"] += data

    @property
    def summary(self) -> str:
        assert len(self.summaries) == 1, f"{len(self.summaries)} error summaries"
        return " ".join(self.summaries[0]["text"].split())


def page(response) -> Page:
    return Page(response.content.decode())


@pytest.fixture
def site(settings):
    settings.KOMPAS_SITE_URL = SITE_URL
    settings.KOMPAS_MUNICIPALITY_NAME = MUNICIPALITY


@pytest.fixture
def resident():
    return verified(UserFactory(email=RESIDENT, password=None))


@pytest.fixture
def staff():
    return verified(UserFactory(email=STAFF, staff=True))


def sign_in(client, email: str, password: str = ""):
    return client.post(reverse("account_login"), {"login": email, "password": password})


def ask_for_code(client, email: str = RESIDENT):
    response = client.post(reverse("account_request_login_code"), {"email": email})
    assert response.status_code == 302
    return response


def confirm_code(client, code: str, **kwargs):
    return client.post(reverse("account_confirm_login_code"), {"code": code}, **kwargs)


def assert_summary(response, message: str) -> Page:
    shown = page(response)
    assert message in shown.summary
    summary = shown.summaries[0]["attrs"]
    # Read out at once, and named by its heading, as the site's other error summaries.
    assert summary["role"] == "alert"
    assert summary["aria-labelledby"] in shown.ids
    # Every link in it leads to the field it is about.
    assert all(link.startswith("#") and link[1:] in shown.ids for link in shown.links)
    return shown


# --- A password that does not match -----------------------------------------------------


def test_a_wrong_password_is_said_and_the_address_kept(client, staff):
    response = sign_in(client, STAFF, "fout-wachtwoord")

    assert response.status_code == 200
    shown = assert_summary(response, "Dit e-mailadres en dit wachtwoord horen niet bij elkaar.")
    assert "Dat is nog niet gelukt" in shown.summary
    assert shown.values["login"] == STAFF
    assert not response.wsgi_request.user.is_authenticated


def test_a_wrong_password_is_said_in_english(client, in_english, staff):
    response = sign_in(client, STAFF, "fout-wachtwoord")

    shown = assert_summary(
        response, "This email address and password do not belong together. Please check them."
    )
    assert "That did not work yet" in shown.summary
    assert shown.values["login"] == STAFF


# --- A pause after many tries -----------------------------------------------------------


@pytest.mark.parametrize(
    ("language", "message"),
    [
        ("nl", "Er is kort achter elkaar vaak geprobeerd in te loggen."),
        ("en", "Signing in was tried many times in a short while."),
    ],
)
def test_after_many_wrong_passwords_even_the_right_one_is_paused_and_that_is_said(
    client, request, staff, language, message
):
    if language == "en":
        request.getfixturevalue("in_english")
    for _ in range(5):
        sign_in(client, STAFF, "fout-wachtwoord")

    response = sign_in(client, STAFF, PASSWORD)

    assert response.status_code == 200
    assert not response.wsgi_request.user.is_authenticated
    shown = assert_summary(response, message)
    assert shown.values["login"] == STAFF


# --- Sign-in codes ----------------------------------------------------------------------


def test_a_wrong_code_is_said(client, resident):
    ask_for_code(client)

    response = confirm_code(client, WRONG_CODE)

    assert response.status_code == 200
    assert_summary(response, "Deze code klopt niet.")
    assert not response.wsgi_request.user.is_authenticated


def test_a_wrong_code_is_said_in_english(client, in_english, resident):
    ask_for_code(client)

    assert_summary(confirm_code(client, WRONG_CODE), "This code is not right.")


def test_a_code_typed_wrongly_too_often_is_said_and_a_new_one_asked_for_the_same_address(
    client, resident
):
    ask_for_code(client)
    confirm_code(client, WRONG_CODE)
    confirm_code(client, WRONG_CODE)

    response = confirm_code(client, WRONG_CODE, follow=True)

    assert response.redirect_chain[-1][0] == reverse("account_request_login_code")
    shown = assert_summary(response, "De code klopte 3 keer niet, dus hij werkt niet meer.")
    assert shown.values["email"] == RESIDENT
    # Said once: asking for a new code afterwards is a fresh start.
    assert page(client.get(reverse("account_request_login_code"))).summaries == []


@pytest.fixture
def codes_expired(monkeypatch):
    """The clock of allauth's code checks, twelve minutes on: every code sent has expired
    (10 minutes), while the sign-in it belongs to (15 minutes) has not."""

    class Later:
        @staticmethod
        def time():
            import time

            return time.time() + 12 * 60

    monkeypatch.setattr(code_verification, "time", Later)


@pytest.mark.parametrize(
    ("language", "message"),
    [
        ("nl", "De inlogcode was verlopen: een code werkt 10 minuten."),
        ("en", "The sign-in code had expired: a code works for 10 minutes."),
    ],
)
def test_an_expired_code_is_said_and_a_new_one_asked_for_the_same_address(
    client, request, resident, language, message
):
    if language == "en":
        request.getfixturevalue("in_english")
    ask_for_code(client)
    code = code_in(mail.outbox[-1])
    request.getfixturevalue("codes_expired")

    response = confirm_code(client, code, follow=True)

    assert not response.wsgi_request.user.is_authenticated
    assert response.redirect_chain[-1][0] == reverse("account_request_login_code")
    shown = assert_summary(response, message)
    assert shown.values["email"] == RESIDENT


def test_a_code_sent_after_signing_in_with_only_an_address_keeps_it_too(client, resident):
    # Residents start on the sign-in page and leave the password empty.
    assert sign_in(client, RESIDENT).status_code == 302
    for _ in range(3):
        response = confirm_code(client, WRONG_CODE, follow=True)

    assert page(response).values["email"] == RESIDENT


def test_an_authenticator_code_that_is_not_right_is_said(client, make_user):
    admin = verified(make_user("admin"))
    TOTP.activate(admin, generate_totp_secret())
    response = sign_in(client, admin.email, PASSWORD)
    assert response["Location"] == reverse("mfa_authenticate")

    response = client.post(reverse("mfa_authenticate"), {"code": "000000"})

    assert response.status_code == 200
    assert_summary(response, "Deze code klopt niet. Vul de code in die je authenticator-app")


# --- The Dutch pages are Dutch ----------------------------------------------------------


def words(response) -> set[str]:
    """The pieces of text of the page's own content (not the site's header and footer) of
    two words or more that are not a name or an address."""
    found = re.search(r"<main.*</main>", response.content.decode(), re.DOTALL)
    assert found, "the page has no main"
    main = found.group(0)
    return {
        text
        for text in Page(main).texts
        if len(re.findall(r"[A-Za-z]{2,}", text)) >= 2
        and "@" not in text
        and MUNICIPALITY not in text
    }


def the_sign_in_pages(client, resident, staff):
    """Each sign-in page as a person meets it, fresh and after it did not work."""
    client.cookies.pop("sessionid", None)
    yield client.get(reverse("account_login"))
    yield sign_in(client, STAFF, "fout-wachtwoord")
    yield client.get(reverse("account_request_login_code"))
    ask_for_code(client)
    yield client.get(reverse("account_confirm_login_code"))
    yield confirm_code(client, WRONG_CODE)
    confirm_code(client, WRONG_CODE)
    yield confirm_code(client, WRONG_CODE, follow=True)


def test_the_dutch_sign_in_pages_show_no_english(client, settings, resident, staff):
    from django.core.cache import cache

    dutch = [words(response) for response in the_sign_in_pages(client, resident, staff)]
    cache.clear()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    english = [words(response) for response in the_sign_in_pages(client, resident, staff)]

    untranslated = [sorted(en & nl) for nl, en in zip(dutch, english, strict=True)]
    assert untranslated == [[]] * len(dutch)
    assert "Wachtwoord (alleen voor medewerkers)" in str(dutch[0])
    assert "Password (staff only)" in str(english[0])


# --- The emails of signing in -----------------------------------------------------------


def assert_kompas_mail(message, *, greeting: str):
    body = message.body
    assert body.startswith(greeting), body
    assert "Kompas" in body
    assert MUNICIPALITY in body
    assert SITE_URL in body
    # allauth's own frame named the host of the request, and linked to it.
    assert "testserver" not in body and "127.0.0.1" not in body
    assert "Hallo van" not in body and "Hello from" not in body
    assert "Bedankt voor het gebruiken" not in body and "Thank you for using" not in body
    assert re.findall(r"https?://[^\s]+", body) and all(
        url.startswith(SITE_URL) for url in re.findall(r"https?://[^\s]+", body)
    )


def test_the_sign_in_code_email_is_from_kompas_and_the_municipality(client, site, resident):
    ask_for_code(client)

    message = mail.outbox[-1]
    assert message.subject == "[Kompas] Je inlogcode"
    assert_kompas_mail(message, greeting="Hallo,")
    assert "Hartelijke groet,\nGemeente Markeveld, via Kompas\n" + SITE_URL in message.body
    assert "binnen 10 minuten in op de pagina waar je hem aanvroeg" in message.body
    assert "browser venster" not in message.body
    assert code_in(message)


def test_the_sign_in_code_email_in_english(client, in_english, site, resident):
    ask_for_code(client)

    message = mail.outbox[-1]
    assert message.subject == "[Kompas] Your sign-in code"
    assert_kompas_mail(message, greeting="Hello,")
    assert "Warm regards,\nGemeente Markeveld, through Kompas\n" + SITE_URL in message.body
    assert "within 10 minutes" in message.body
    assert code_in(message)


def test_staff_asking_for_a_code_are_sent_to_sign_in_on_the_site(client, site, staff):
    ask_for_code(client, STAFF)

    message = mail.outbox[-1]
    assert "wachtwoord" in message.body
    assert_kompas_mail(message, greeting="Hallo,")
    assert SITE_URL + reverse("account_login") in message.body


def test_a_code_asked_for_an_unknown_address_invites_to_sign_up_on_the_site(client, site):
    ask_for_code(client, "nieuw@example.org")

    message = mail.outbox[-1]
    assert message.subject == "[Kompas] Nog geen account met dit adres"
    assert_kompas_mail(message, greeting="Hallo,")
    assert SITE_URL + reverse("account_signup") in message.body


def test_signing_up_again_with_a_known_address_says_so(client, site, resident):
    client.post(reverse("account_signup"), {"email": RESIDENT})

    message = mail.outbox[-1]
    assert message.subject == "[Kompas] Je hebt al een account"
    assert_kompas_mail(message, greeting="Hallo,")


def test_the_code_to_confirm_a_new_address_is_from_kompas(client, site):
    client.post(reverse("account_signup"), {"email": "nieuw@example.org"})

    message = mail.outbox[-1]
    assert message.subject == "[Kompas] Bevestig je e-mailadres"
    assert code_in(message)
    assert "Hallo van" not in message.body and "testserver" not in message.body
    assert MUNICIPALITY in message.body and SITE_URL in message.body


def test_choosing_a_new_password_links_to_the_site(client, site, staff):
    client.post(reverse("account_reset_password"), {"email": STAFF})

    message = mail.outbox[-1]
    assert message.subject == "[Kompas] Kies een nieuw wachtwoord"
    assert_kompas_mail(message, greeting="Hallo,")
    assert SITE_URL + "/accounts/password/reset/key/" in message.body
