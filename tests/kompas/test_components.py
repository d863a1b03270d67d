"""The components of templates/components/: each sees only what it is given, so a page
variable of the same name (an initiative's ``jewels``) never ends up in a map."""

import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit

import pytest
from django import forms
from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.template import Context, Template
from django.urls import reverse
from django.utils import timezone

from connections.models import Connection
from conversations.models import Conversation
from initiatives.models import Initiative, TipState
from jewels.models import CrownJewel
from kompas.choices import ConnectionStatus, InitiativeStatus, Visibility
from kompas.templatetags import components
from places.models import Kern
from tests.factories import CrownJewelFactory, InitiativeFactory

pytestmark = pytest.mark.django_db

# The attributes of components/map.html that hold layer URLs, space separated.
MAP_URL_ATTRIBUTES = ("data-layers", "data-lines", "data-points", "data-jewels")
# Pages a crawl of the public site leaves alone: sign-in, the admin, files.
NOT_CRAWLED = ("/accounts/", "/beheer/", "/static/", "/media/")
# The only query parameters a crawl keeps; other filters are combinations of the same.
CRAWLED_PARAMETERS = {"kern", "page"}
COMPONENTS = Path(settings.BASE_DIR) / "templates" / "components"
COMPONENT_INCLUDE = re.compile(r"\{%\s*include\s+[\"']components/(.*?)%\}", re.S)


class PageParser(HTMLParser):
    """The links of a page and the attributes of each map on it."""

    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []
        self.maps: list[dict[str, str]] = []

    def handle_starttag(self, tag, attrs):
        attributes = {name: value or "" for name, value in attrs}
        if tag == "a" and attributes.get("href"):
            self.links.append(attributes["href"])
        if "data-kompas-map" in attributes:
            self.maps.append(attributes)


def parsed(response) -> PageParser:
    parser = PageParser()
    parser.feed(response.content.decode())
    return parser


def crawlable(page: str, href: str) -> str | None:
    """The link as a page of this site to crawl, or None."""
    link = urlsplit(urljoin(page, href))
    if link.scheme not in ("", "http") or link.netloc not in ("", "testserver"):
        return None
    if not link.path.startswith("/") or link.path.startswith(NOT_CRAWLED):
        return None
    query = sorted((k, v) for k, v in parse_qsl(link.query) if k in CRAWLED_PARAMETERS)
    return link.path + (f"?{urlencode(query)}" if query else "")


def crawl(client, start: str) -> dict[str, list[dict[str, str]]]:
    """Every HTML page reachable by links from ``start``, with the maps on each."""
    seen, queue, maps = {start}, [start], {}
    while queue:
        page = queue.pop()
        response = client.get(page)
        if response.status_code != 200 or not response["Content-Type"].startswith("text/html"):
            continue
        content = parsed(response)
        maps[page] = content.maps
        for href in content.links:
            link = crawlable(page, href)
            if link and link not in seen:
                seen.add(link)
                queue.append(link)
    return maps


def test_every_map_on_every_public_demo_page_asks_only_for_layers_that_exist(demo, client) -> None:
    anonymous = AnonymousUser()

    maps_by_page = crawl(client, reverse("home"))

    # The crawl reached every public initiative and every kern, each with its map.
    expected = {
        reverse("initiative_detail", kwargs={"slug": slug})
        for slug in Initiative.objects.visible_to(anonymous)
        .filter(kern__boundary__isnull=False)
        .values_list("slug", flat=True)
    } | {
        reverse("kern_detail", kwargs={"slug": slug})
        for slug in Kern.objects.values_list("slug", flat=True)
    }
    assert expected <= {page for page, maps in maps_by_page.items() if maps}
    answers: dict[str, int] = {}
    for page, maps in maps_by_page.items():
        for attributes in maps:
            for name in MAP_URL_ATTRIBUTES:
                value = attributes.get(name, "")
                assert "QuerySet" not in value and "<" not in value, (page, name, value)
                for url in value.split():
                    if url not in answers:
                        answers[url] = client.get(url).status_code
                    assert answers[url] == 200, (page, name, url)
    # The crown jewels' layer was among them.
    assert any(urlsplit(url).path == reverse("layer_jewels") for url in answers)


def test_an_initiative_page_does_not_hand_its_jewels_to_the_map(client):
    initiative = InitiativeFactory(status=InitiativeStatus.PUBLIC, published_at=timezone.now())
    jewel = CrownJewelFactory(name="De oude lindeboom", kern=initiative.kern)
    jewel.caretakers.add(initiative)

    response = client.get(reverse("initiative_detail", kwargs={"slug": initiative.slug}))

    assert response.status_code == 200
    assert "De oude lindeboom" in response.content.decode()  # its own list still has it
    (attributes,) = parsed(response).maps
    assert attributes["data-jewels"] == ""
    assert attributes["data-layers"] == reverse("layer_kernen")
    assert attributes["data-focus"] == initiative.kern.slug
    assert "data-kompas-map-legend" not in response.content.decode()


def test_the_map_sees_only_its_arguments_never_the_page():
    page = Template('{% load components %}{% map label="Dorp" points=points_url %}')
    page_context = Context(
        {
            "points_url": "/kaart/lagen/initiatieven.geojson",
            "jewels": ["a jewel of the page"],
            "lines": "/of/the/page",
            "layers": "/of/the/page",
            "focus": "of-the-page",
            "map_settings": {"tiles": "https://tiles.of.the.page/{z}/{x}/{y}.png"},
        }
    )

    rendered = page.render(page_context)

    assert 'data-points="/kaart/lagen/initiatieven.geojson"' in rendered
    assert 'data-jewels=""' in rendered and 'data-lines=""' in rendered
    assert 'data-layers=""' in rendered and 'data-focus=""' in rendered
    assert "of the page" not in rendered and "of-the-page" not in rendered
    assert f'data-tiles="{settings.KOMPAS_MAP_TILES_URL}"' in rendered
    assert "data-kompas-map-legend" not in rendered


def test_the_map_refuses_anything_but_layer_urls():
    page = Template('{% load components %}{% map label="Dorp" jewels=jewels %}')

    with pytest.raises(TypeError):
        page.render(Context({"jewels": CrownJewel.objects.all()}))


class ExampleForm(forms.Form):
    name = forms.CharField(label="Name", help_text="As the village knows it.")
    website = forms.CharField(label="Website", required=False)
    agree = forms.BooleanField(label="I agree")


def test_a_form_field_shows_its_label_help_and_error(in_english):
    form = ExampleForm(data={"name": "", "website": "x"})
    page = Template(
        "{% load components %}{% form_field form.name %}{% form_field form.website %}"
        "{% form_field form.agree %}"
    )

    rendered = page.render(Context({"form": form}))

    assert '<label class="utrecht-form-label" for="id_name">' in rendered
    assert 'id="id_name_helptext">As the village knows it.</div>' in rendered
    assert 'id="id_name_error"><ul class="errorlist"' in rendered
    assert 'aria-describedby="id_name_helptext id_name_error"' in rendered
    assert rendered.count("(optional)") == 1  # the website only
    assert 'for="id_agree">I agree</label>' in rendered
    assert rendered.index('name="agree"') < rendered.index('for="id_agree"')


def badge(record, arguments=""):
    page = Template(f"{{% load components %}}{{% status_badge record {arguments} %}}")
    return page.render(Context({"record": record})).strip()


def test_a_status_badge_names_the_state_in_the_words_of_its_choices(in_english):
    tip = Initiative(status=InitiativeStatus.TIP, tip_state=TipState.GOING)

    assert badge(tip) == (
        '<span class="utrecht-status-badge utrecht-status-badge--warning kompas-badge--tip">'
        "Tip: nobody has met them yet</span>"
    )
    assert "utrecht-status-badge--inactive" in badge(Initiative(status=InitiativeStatus.ENDED))
    assert badge(tip, '"tip_state"') == (
        '<span class="utrecht-status-badge utrecht-status-badge--warning kompas-badge--going">'
        "Someone is going to meet them</span>"
    )
    assert badge(Connection(status=ConnectionStatus.RUNNING)) == (
        '<span class="utrecht-status-badge kompas-badge--running">Running</span>'
    )


def test_a_visibility_badge_says_who_may_read_it_unless_the_page_words_it(in_english):
    internal = Conversation(visibility=Visibility.INTERNAL)
    shared = Conversation(visibility=Visibility.SHARED)

    assert badge(internal, '"visibility"').endswith('kompas-badge--internal">Only staff</span>')
    assert "utrecht-status-badge--neutral" in badge(shared, '"visibility"')
    assert badge(shared, '"visibility"').endswith(">Shared with the initiative</span>")
    assert badge(shared, '"visibility" text="the page\'s <words>"').endswith(
        ">The page&#x27;s &lt;words&gt;</span>"
    )


def test_every_component_is_used_through_its_tag_or_an_isolated_include():
    tags = Path(components.__file__).read_text()
    for component in COMPONENTS.glob("*.html"):
        assert f'"components/{component.name}"' in tags, component.name
    for template in Path(settings.BASE_DIR, "templates").rglob("*.html"):
        for include in COMPONENT_INCLUDE.findall(template.read_text()):
            assert include.split()[-1] == "only", (template, include)
