"""A visitor's browser for the fault drill and the benchmark: its own cookies, a new
connection per request, and the forms of a page as a browser would send them."""

from __future__ import annotations

import http.client
import http.cookies
from dataclasses import dataclass
from html.parser import HTMLParser
from urllib.parse import urlencode

HOST = "127.0.0.1"


@dataclass
class Answer:
    """What the site answered: no redirect is followed, so ``location`` says where to."""

    status: int
    headers: dict[str, str]
    text: str
    location: str = ""


class Browser:
    """One visitor: its own cookies, a new connection per request, no redirects followed
    (a write's success is its redirect)."""

    def __init__(self, port: int):
        self.port = port
        self.origin = f"http://{HOST}:{port}"
        self.cookies: dict[str, str] = {}

    def get(self, path: str) -> Answer:
        return self.request("GET", path)

    def post(self, path: str, fields: dict[str, list[str]]) -> Answer:
        return self.request("POST", path, urlencode(fields, doseq=True))

    def request(self, method: str, path: str, body: str | None = None) -> Answer:
        headers = {
            "Host": f"{HOST}:{self.port}",
            "Accept-Language": "nl-NL,nl;q=0.9",
            "User-Agent": "kompas-fault-drill",
        }
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        if body is not None:
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["Origin"] = self.origin
            headers["Referer"] = self.origin + path
        connection = http.client.HTTPConnection(HOST, self.port, timeout=60)
        try:
            connection.request(method, path, body, headers)
            response = connection.getresponse()
            raw = response.read()
            answer_headers = {name.lower(): value for name, value in response.getheaders()}
            for name, value in response.getheaders():
                if name.lower() == "set-cookie":
                    self._keep_cookie(value)
        finally:
            connection.close()
        location = answer_headers.get("location", "")
        return Answer(response.status, answer_headers, raw.decode("utf-8", "replace"), location)

    def _keep_cookie(self, header: str) -> None:
        jar = http.cookies.SimpleCookie()
        jar.load(header)
        for name, morsel in jar.items():
            if morsel.value == "" or morsel["max-age"] == "0":
                self.cookies.pop(name, None)
            else:
                self.cookies[name] = morsel.value


class FormReader(HTMLParser):
    """The forms of a page with what a browser would send: every named input, textarea and
    select with its value (checked boxes, the chosen option, the checked radio); no buttons
    or files. Selects also list their options."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.forms: list[dict] = []
        self._form: dict | None = None
        self._textarea: tuple[str, list[str]] | None = None
        self._select: dict | None = None

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "form":
            self._form = {"action": attributes.get("action") or "", "fields": {}, "options": {}}
            self.forms.append(self._form)
            return
        if self._form is None:
            return
        name = attributes.get("name")
        fields = self._form["fields"]
        if tag == "input" and name:
            kind = (attributes.get("type") or "text").lower()
            value = attributes.get("value") or ""
            if kind in {"submit", "button", "image", "reset", "file"}:
                return
            if kind in {"checkbox", "radio"}:
                if "checked" in attributes:
                    if kind == "radio":
                        fields[name] = [value or "on"]
                    else:
                        fields.setdefault(name, []).append(value or "on")
                return
            fields.setdefault(name, []).append(value)
        elif tag == "textarea" and name:
            self._textarea = (name, [])
        elif tag == "select" and name:
            self._select = {"name": name, "chosen": None}
            self._form["options"][name] = []
        elif tag == "option" and self._select is not None:
            value = attributes.get("value") or ""
            self._form["options"][self._select["name"]].append(value)
            if "selected" in attributes:
                self._select["chosen"] = value

    def handle_data(self, data):
        if self._textarea is not None:
            self._textarea[1].append(data)

    def handle_endtag(self, tag):
        if self._form is None:
            return
        if tag == "textarea" and self._textarea is not None:
            name, parts = self._textarea
            self._form["fields"][name] = ["".join(parts).removeprefix("\n")]
            self._textarea = None
        elif tag == "select" and self._select is not None:
            options = self._form["options"][self._select["name"]]
            chosen = self._select["chosen"]
            if chosen is None and options:
                chosen = options[0]
            if chosen is not None:
                self._form["fields"][self._select["name"]] = [chosen]
            self._select = None
        elif tag == "form":
            self._form = None


def form_with(page: str, field_name: str) -> dict | None:
    """The first form on the page that has a field of that name."""
    reader = FormReader()
    reader.feed(page)
    return next((form for form in reader.forms if field_name in form["fields"]), None)


def required_form(page: str, field_name: str) -> dict:
    """The first form on the page that has a field of that name; the drill stops without."""
    form = form_with(page, field_name)
    if form is None:
        raise SystemExit(f"no form with a {field_name!r} field on the page")
    return form
