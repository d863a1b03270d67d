"""The initiative pages: the registry, putting one on the map, its page, its text, its history.

Messages are checked through their English text (the language cookie set to English); the
Dutch catalogue says the same in Dutch.
"""

import re

import pytest
from django.conf import settings
from django.contrib.gis.geos import Point
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from connections.models import Connection
from conversations.models import Conversation
from initiatives import services
from initiatives.models import (
    Initiative,
    InitiativeKind,
    Invitation,
    JoinRequest,
    JoinRequestStatus,
    StaffNote,
    Tag,
)
from initiatives.views import initiatives as initiative_views
from kompas.choices import ConnectionAnswer, InitiativeStatus, Visibility
from tests.factories import (
    CrownJewelFactory,
    InitiativeFactory,
    KernFactory,
    MembershipFactory,
    ObstacleFactory,
    StaffNoteFactory,
    StoryFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

SCRIPT = "<script>alert('x')</script>"


def english(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def page(response) -> str:
    return response.content.decode()


def form_data(**overrides):
    data = {
        "name": "Repair Café Aldeburen",
        "other_kinds": "repair café",
        "kern": "",
        "latitude": "",
        "longitude": "",
        "description": "Wij repareren samen, elke eerste zaterdag.",
        "offers": "gereedschap, koffie",
        "offers_text": "",
        "wishes": "vrijwilligers",
        "wishes_text": "",
        "ideas": "",
        "ownership": "1",
        "website": "",
        "contact": "",
        "status": InitiativeStatus.PUBLIC,
    }
    data.update(overrides)
    return data


def inside(kern) -> Point:
    return kern.boundary.point_on_surface


def with_terms(initiative, kinds=(), offers=(), wishes=()):
    initiative.kinds.add(*(InitiativeKind.objects.get_or_create(name=name)[0] for name in kinds))
    initiative.offers.add(*(Tag.objects.get_or_create(name=name)[0] for name in offers))
    initiative.wishes.add(*(Tag.objects.get_or_create(name=name)[0] for name in wishes))
    return initiative


@pytest.fixture
def resident(client):
    user = UserFactory(email="inwoner@example.org", name="Inge Inwoner")
    client.force_login(user)
    return user


@pytest.fixture
def staff(client):
    user = UserFactory(email="ambtenaar@example.org", name="Anne Ambtenaar", staff=True)
    client.force_login(user)
    return user


# --- The registry -----------------------------------------------------------------------


def test_the_registry_shows_what_each_initiative_offers_and_wishes_for(client):
    kern = KernFactory(name="Aldeburen")
    with_terms(
        InitiativeFactory(name="Soepgroep", kern=kern),
        kinds=["Burenhulp"],
        offers=["Soep"],
        wishes=["Pannen"],
    )

    response = client.get(reverse("initiative_list"))

    html = page(response)
    assert response.status_code == 200
    assert reverse("initiative_detail", kwargs={"slug": "soepgroep"}) in html
    for word in ("Aldeburen", "Burenhulp", "Soep", "Pannen"):
        assert word in html


def test_the_registry_shows_only_what_the_visitor_may_see(client):
    InitiativeFactory(name="Zichtbaar", status=InitiativeStatus.PUBLIC)
    InitiativeFactory(name="Alleen een tip", status=InitiativeStatus.TIP)

    html = page(client.get(reverse("initiative_list")))

    assert "Zichtbaar" in html
    assert "Alleen een tip" not in html


def test_staff_see_tips_with_their_status(client, staff):
    InitiativeFactory(name="Alleen een tip", status=InitiativeStatus.TIP)

    html = page(english(client).get(reverse("initiative_list")))

    assert "Alleen een tip" in html
    assert "Tip: nobody has met them yet" in html


def test_filters_combine_and_search_finds_words(client):
    aldeburen, beekhuizen = KernFactory(name="Aldeburen"), KernFactory(name="Beekhuizen")
    with_terms(InitiativeFactory(name="Broodfonds Aldeburen", kern=aldeburen), kinds=["Broodfonds"])
    with_terms(
        InitiativeFactory(name="Broodfonds Beekhuizen", kern=beekhuizen), kinds=["Broodfonds"]
    )
    with_terms(InitiativeFactory(name="Dorpshuis Aldeburen", kern=aldeburen), kinds=["Dorpshuis"])
    services.refresh_search(Initiative.objects.all())
    kind = InitiativeKind.objects.get(name="Broodfonds")

    combined = page(
        client.get(reverse("initiative_list"), {"kern": "aldeburen", "soort": kind.slug})
    )
    searched = page(client.get(reverse("initiative_list"), {"q": "dorpshuis"}))

    assert "Broodfonds Aldeburen" in combined
    assert "Broodfonds Beekhuizen" not in combined
    assert "Dorpshuis Aldeburen" not in combined
    assert "Dorpshuis Aldeburen" in searched
    assert "Broodfonds Aldeburen" not in searched


def test_offers_and_wishes_filters(client):
    with_terms(InitiativeFactory(name="Timmerclub"), offers=["Gereedschap"])
    with_terms(InitiativeFactory(name="Speeltuin"), wishes=["Gereedschap"])

    offers = page(client.get(reverse("initiative_list"), {"biedt": "gereedschap"}))
    wishes = page(client.get(reverse("initiative_list"), {"zoekt": "gereedschap"}))

    assert "Timmerclub" in offers and "Speeltuin" not in offers
    assert "Speeltuin" in wishes and "Timmerclub" not in wishes


def test_ordered_by_name_or_by_most_recently_updated(client):
    first = InitiativeFactory(name="Aa-groep")
    InitiativeFactory(name="Zz-groep")
    first.description = "Nieuw"
    first.save()
    InitiativeFactory(name="Mm-groep")

    by_name = page(client.get(reverse("initiative_list")))
    by_update = page(client.get(reverse("initiative_list"), {"volgorde": "bijgewerkt"}))

    assert by_name.index("Aa-groep") < by_name.index("Mm-groep") < by_name.index("Zz-groep")
    assert by_update.index("Mm-groep") < by_update.index("Aa-groep") < by_update.index("Zz-groep")


def test_unknown_filter_values_find_nothing_and_never_break(client):
    InitiativeFactory(name="Soepgroep")

    for params in ({"kern": "bestaat-niet"}, {"eigenaarschap": "zeven"}, {"pagina": "-3"}):
        response = client.get(reverse("initiative_list"), params)
        assert response.status_code == 200


def test_pages_keep_the_filters(client, monkeypatch):
    monkeypatch.setattr(initiative_views, "PER_PAGE", 2)
    kern = KernFactory(name="Aldeburen")
    for number in range(5):
        InitiativeFactory(name=f"Groep {number}", kern=kern)

    html = page(client.get(reverse("initiative_list"), {"kern": "aldeburen", "pagina": "2"}))

    assert "Groep 2" in html and "Groep 0" not in html
    assert "?kern=aldeburen&amp;pagina=3" in html
    assert "?kern=aldeburen&amp;pagina=1" in html


def test_the_registry_links_to_the_same_filters_on_the_map_and_to_the_form(client):
    html = page(english(client).get(reverse("initiative_list"), {"kern": "aldeburen", "q": "soep"}))

    assert "/kaart/?kern=aldeburen&amp;q=soep" in html
    assert "Put your initiative on the map" in html
    assert reverse("initiative_create") in html


def test_the_filter_form_offers_only_words_of_visible_initiatives(client):
    with_terms(InitiativeFactory(status=InitiativeStatus.PUBLIC), offers=["Vergaderruimte"])
    with_terms(InitiativeFactory(status=InitiativeStatus.TIP), offers=["Geheim woord"])

    html = page(client.get(reverse("initiative_list")))

    assert "Vergaderruimte" in html
    assert "Geheim woord" not in html


def _registry(start: int, stop: int):
    for number in range(start, stop):
        kern = KernFactory(name=f"Kern {number % 4}")
        with_terms(
            InitiativeFactory(name=f"Initiatief {number}", kern=kern),
            kinds=[f"Soort {number % 3}"],
            offers=[f"Aanbod {number}"],
            wishes=[f"Wens {number}", "Vrijwilligers"],
        )


@pytest.mark.parametrize("role", ["anonymous", "resident", "staff"])
def test_the_registry_keeps_a_constant_number_of_queries(
    client_as, role, django_assert_max_num_queries
):
    _registry(0, 3)
    client = client_as(role)
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("initiative_list"))
    _registry(3, 20)

    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(reverse("initiative_list"))

    assert page(response).count('class="kompas-card kompas-result') == 20


# --- Putting an initiative on the map ---------------------------------------------------


def test_signing_in_comes_first(client):
    response = client.get(reverse("initiative_create"))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
    assert "next=/initiatieven/nieuw/" in response["Location"]


def test_council_members_read_but_do_not_add(client_as):
    assert client_as("council").get(reverse("initiative_create")).status_code == 403


def test_the_form_asks_in_warm_words_and_suggests_kinds(client, resident):
    html = page(english(client).get(reverse("initiative_create")))

    assert "How would you like to explain what you do?" in html
    assert "What can you offer?" in html
    assert "Ideas in the attic" in html
    assert "Zorgcoöperatie" in html  # a suggested kind
    assert "Yes, show it on the public map now" in html
    assert "It is ours: we, the residents, run it ourselves." in html
    assert "data-place-picker" in html
    assert "place_picker.js" in html
    assert "<script>" not in html.replace("<script src=", "")


def test_a_resident_puts_an_initiative_on_the_public_map_and_becomes_its_member(client, resident):
    kern = KernFactory(name="Aldeburen")
    point = inside(kern)

    response = client.post(
        reverse("initiative_create"),
        form_data(
            kern=kern.slug,
            latitude=f"{point.y:.6f}",
            longitude=str(point.x).replace(".", ","),
            suggested_kinds=["Burenhulp"],
            contact="06-12345678",
            contact_consent="on",
        ),
    )

    initiative = Initiative.objects.get()
    assert response.status_code == 302
    assert response["Location"] == initiative.get_absolute_url()
    assert initiative.status == InitiativeStatus.PUBLIC
    assert initiative.memberships.get().user == resident
    assert initiative.kern == kern
    assert initiative.location.distance(point) < 1e-5
    assert sorted(initiative.kinds.values_list("name", flat=True)) == ["Burenhulp", "repair café"]
    assert sorted(initiative.offers.values_list("name", flat=True)) == ["gereedschap", "koffie"]
    assert initiative.contact_consent is True


def test_a_resident_may_wait_with_the_public_map(client, resident):
    client.post(reverse("initiative_create"), form_data(status=InitiativeStatus.KNOWN))

    initiative = Initiative.objects.get()
    assert initiative.status == InitiativeStatus.KNOWN
    assert initiative.published_at is None


def test_staff_enter_a_tip_marked_as_written_by_the_municipality(client, staff):
    html = page(english(client).get(reverse("initiative_create")))
    assert "marked as written by the municipality" in html
    assert "A tip: we heard of it, but nobody has met them yet" in html
    assert "Yes, show it on the public map now" not in html

    client.post(reverse("initiative_create"), form_data(status=InitiativeStatus.TIP))

    initiative = Initiative.objects.get()
    assert initiative.status == InitiativeStatus.TIP
    assert initiative.description_by_municipality is True
    assert not initiative.memberships.exists()
    detail = page(english(client).get(initiative.get_absolute_url()))
    assert "Written by the municipality until the initiative writes its own text." in detail


def test_staff_cannot_choose_the_public_map(client, staff):
    response = english(client).post(reverse("initiative_create"), form_data(status="public"))

    assert response.status_code == 200
    assert "Select a valid choice" in page(response)
    assert not Initiative.objects.exists()


def test_only_a_kern_is_a_valid_answer(client, resident):
    kern = KernFactory(name="Aldeburen")

    client.post(reverse("initiative_create"), form_data(kern=kern.slug))

    initiative = Initiative.objects.get()
    assert initiative.kern == kern
    assert initiative.location is None


def test_the_kern_follows_from_the_place_when_none_was_chosen(client, resident):
    kern = KernFactory(name="Beekhuizen")
    KernFactory(name="Aldeburen")
    point = inside(kern)

    client.post(
        reverse("initiative_create"),
        form_data(latitude=str(point.y), longitude=str(point.x)),
    )

    assert Initiative.objects.get().kern == kern


def post_bad(client, **overrides):
    before = Initiative.objects.count()
    response = english(client).post(reverse("initiative_create"), form_data(**overrides))
    assert response.status_code == 200, "bad input answers with the form, never a 500"
    assert Initiative.objects.count() == before
    return page(response)


def test_a_place_outside_the_municipality_is_refused_and_kept(client, resident):
    KernFactory(name="Aldeburen")

    html = post_bad(client, latitude="48.8566", longitude="2.3522")

    assert "This place lies outside" in html
    assert 'value="48.8566"' in html and 'value="2.3522"' in html
    assert 'value="Repair Café Aldeburen"' in html
    assert "Not everything could be saved yet" in html


def test_a_place_in_another_kern_than_the_one_chosen_is_named(client, resident):
    chosen, actual = KernFactory(name="Aldeburen"), KernFactory(name="Beekhuizen")
    point = inside(actual)

    html = post_bad(client, kern=chosen.slug, latitude=str(point.y), longitude=str(point.x))

    assert "The place on the map lies in Beekhuizen, not in Aldeburen." in html


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"latitude": "52.7"}, "Fill in both latitude and longitude, or leave both empty."),
        ({"latitude": "noord", "longitude": "6.5"}, "Write the latitude as a number"),
        ({"latitude": "95", "longitude": "6.5"}, "A latitude lies between -90 and 90."),
        ({"kern": "atlantis"}, "We do not know that village or district."),
        ({"name": ""}, "Give your initiative a name."),
        ({"name": "x" * 161}, "Ensure this value has at most 160 characters (it has 161)."),
        (
            {"description": "w" * 10_001},
            "Ensure this value has at most 10000 characters (it has 10001).",
        ),
        ({"offers": "a" * 81}, "Keep each word under 80 characters"),
        ({"wishes": ", ".join(f"wens {n}" for n in range(21))}, "Name at most 20"),
        ({"website": "niet een adres"}, "Write a complete web address"),
        ({"website": "javascript:alert(1)"}, "Write a complete web address"),
        ({"ownership": "7"}, "Choose one of the answers in the list."),
        ({"status": ""}, "Choose whether to show it on the public map now."),
        ({"status": "tip"}, "Select a valid choice"),
        ({"description": "nul\x00teken"}, "Null characters are not allowed."),
    ],
)
def test_bad_input_gets_a_clear_message(client, resident, overrides, message):
    html = post_bad(client, **overrides)

    assert message in html


def test_a_name_already_used_in_the_same_kern_asks_for_something_to_tell_them_apart(
    client, resident
):
    kern = KernFactory(name="Aldeburen")
    InitiativeFactory(name="Repair Café Aldeburen", kern=kern)

    html = post_bad(client, kern=kern.slug, name="repair café aldeburen")

    assert "There is already an initiative called" in html
    assert "Add something that tells them apart" in html


def test_the_same_name_in_another_kern_is_fine(client, resident):
    InitiativeFactory(name="Repair Café", kern=KernFactory(name="Aldeburen"))

    client.post(
        reverse("initiative_create"),
        form_data(name="Repair Café", kern=KernFactory(name="Beekhuizen").slug),
    )

    assert Initiative.objects.filter(name="Repair Café").count() == 2


def test_a_hidden_tip_with_the_same_name_is_not_revealed(client, resident):
    kern = KernFactory(name="Aldeburen")
    InitiativeFactory(name="Stille tip", kern=kern, status=InitiativeStatus.TIP)

    response = client.post(
        reverse("initiative_create"), form_data(name="Stille tip", kern=kern.slug)
    )

    assert response.status_code == 302


def test_markup_is_stored_as_text_and_always_escaped(client, resident):
    client.post(
        reverse("initiative_create"),
        form_data(name=f"Kook{SCRIPT}", description=f"Wij {SCRIPT} koken", offers=SCRIPT),
    )
    initiative = Initiative.objects.get()
    assert initiative.name == f"Kook{SCRIPT}"
    services.update_initiative(
        initiative, resident, services.InitiativeData(name=initiative.name, description="<b>")
    )

    for url in (
        initiative.get_absolute_url(),
        reverse("initiative_list"),
        reverse("initiative_edit", kwargs={"slug": initiative.slug}),
        reverse("initiative_history", kwargs={"slug": initiative.slug}),
    ):
        html = page(client.get(url))
        assert SCRIPT not in html, url
        assert "&lt;script&gt;" in html, url
        assert "<b>" not in html, url


# --- The initiative's own page ----------------------------------------------------------


def test_its_own_words_come_first_and_staff_notes_stand_beside_them(client, staff):
    initiative = InitiativeFactory(description="Wij zingen elke dinsdag.")
    StaffNoteFactory(initiative=initiative, text="Gedeelde notitie", visibility=Visibility.SHARED)
    StaffNoteFactory(initiative=initiative, text="Interne notitie", visibility=Visibility.INTERNAL)

    html = page(english(client).get(initiative.get_absolute_url()))

    own = html.index("Wij zingen elke dinsdag.")
    aside = html.index('<aside class="kompas-panel kompas-notes"')
    assert own < aside < html.index("Gedeelde notitie")
    assert html.index("Interne notitie") > aside
    assert "Only staff" in html and "Shared with the initiative" in html
    article = html[html.index("<article") : html.index("</article>")]
    assert "notitie" not in article


@pytest.mark.parametrize(
    ("who", "sees"),
    [
        ("anonymous", set()),
        ("council", set()),
        ("resident", set()),
        ("member", {"Gedeelde notitie"}),
        ("staff", {"Gedeelde notitie", "Interne notitie"}),
    ],
)
def test_notes_reach_only_those_who_may_read_them(client, who, sees):
    initiative = InitiativeFactory()
    StaffNoteFactory(initiative=initiative, text="Gedeelde notitie", visibility=Visibility.SHARED)
    StaffNoteFactory(initiative=initiative, text="Interne notitie", visibility=Visibility.INTERNAL)
    if who != "anonymous":
        user = UserFactory(**({who: True} if who in {"staff", "council"} else {}))
        if who == "member":
            MembershipFactory(initiative=initiative, user=user)
        client.force_login(user)

    html = page(client.get(initiative.get_absolute_url()))

    assert {text for text in ("Gedeelde notitie", "Interne notitie") if text in html} == sees


@pytest.mark.parametrize(
    ("who", "consent", "sees"),
    [
        ("anonymous", False, False),
        ("anonymous", True, True),
        ("resident", False, False),
        ("council", False, False),
        ("member", False, True),
        ("staff", False, True),
    ],
)
def test_contact_details_only_with_consent(client, who, consent, sees):
    initiative = InitiativeFactory(contact="bel 06-11112222", contact_consent=consent)
    if who != "anonymous":
        user = UserFactory(**({who: True} if who in {"staff", "council"} else {}))
        if who == "member":
            MembershipFactory(initiative=initiative, user=user)
        client.force_login(user)

    html = page(client.get(initiative.get_absolute_url()))

    assert ("06-11112222" in html) is sees


def test_the_page_shows_kinds_kern_offers_wishes_ideas_ownership_and_website(client):
    kern = KernFactory(name="Aldeburen")
    initiative = with_terms(
        InitiativeFactory(
            kern=kern,
            ideas="Een pluktuin",
            ownership=2,
            website="https://soep.example.nl",
        ),
        kinds=["Burenhulp"],
        offers=["Soep"],
        wishes=["Pannen"],
    )

    html = page(english(client).get(initiative.get_absolute_url()))

    assert kern.get_absolute_url() in html
    for text in ("Burenhulp", "Soep", "Pannen", "Een pluktuin", "https://soep.example.nl"):
        assert text in html
    assert "the municipality or an organisation contributes" in html
    assert "FeatureCollection" not in html
    assert "?kern=aldeburen" in html


def test_members_and_staff_see_when_it_went_on_the_map(client, resident):
    initiative = services.create_initiative(
        resident, services.InitiativeData(name="Soepgroep"), status="public"
    )

    html = page(english(client).get(initiative.get_absolute_url()))
    client.logout()
    anonymous = page(english(client).get(initiative.get_absolute_url()))

    assert "put on the public map on" in html
    assert "put on the public map on" not in anonymous


# The most queries the page asks per role, however many rows it shows: the session, the
# viewer, the initiative (with whether the viewer is a member and whether anyone is), its
# kinds, offers and wishes in one, then one query per part of the page the viewer may see.
PAGE_QUERIES = {
    "anonymous": 7,
    "resident": 12,
    "member": 15,
    "staff": 16,
    "council": 9,
    "admin": 17,
}


def _fill_page(initiative, start: int, stop: int) -> None:
    """Rows of every kind the initiative page shows."""
    for number in range(start, stop):
        MembershipFactory(initiative=initiative)
        StoryFactory(initiative=initiative)
        ObstacleFactory(initiative=initiative)
        StaffNoteFactory(initiative=initiative)
        JoinRequest.objects.create(initiative=initiative, user=UserFactory())
        Invitation.objects.create(initiative=initiative, email=f"uitgenodigd{number}@example.org")
        other = with_terms(InitiativeFactory(), offers=["Wens"], wishes=["Aanbod", f"W{number}"])
        Connection.objects.create(
            first=initiative,
            second=other,
            first_answer=ConnectionAnswer.YES,
            second_answer=ConnectionAnswer.YES,
        )
        CrownJewelFactory().caretakers.add(initiative)
        conversation = Conversation.objects.create(
            learned="Zij zoeken een ruimte.", author=UserFactory(staff=True)
        )
        conversation.initiatives.add(initiative)


def _page_queries(client, initiative) -> list[str]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(initiative.get_absolute_url())
    assert response.status_code == 200
    return [query["sql"] for query in queries.captured_queries]


@pytest.mark.parametrize("role", list(PAGE_QUERIES))
def test_the_page_asks_the_same_few_queries_for_few_and_many_rows(client, make_user, role, request):
    """Each role's permissions ask for the viewer's role and memberships once: no query
    is asked twice, and ten rows of everything take as many queries as one."""
    initiative = with_terms(
        InitiativeFactory(), kinds=["A", "B"], offers=["Aanbod"], wishes=["Wens"]
    )
    _fill_page(initiative, 0, 1)
    if role == "admin":
        user = request.getfixturevalue("admin_user")
    else:
        user = make_user("resident" if role == "member" else role)
    if role == "member":
        MembershipFactory(initiative=initiative, user=user)
    if role != "anonymous":
        client.force_login(user)

    few = _page_queries(client, initiative)
    _fill_page(initiative, 1, 10)
    many = _page_queries(client, initiative)

    assert len(many) == len(few) <= PAGE_QUERIES[role]
    assert len(set(few)) == len(few), "a query was asked twice"
    assert len(set(many)) == len(many), "a query was asked twice"


def test_edit_link_only_for_those_who_may_edit(client):
    initiative = InitiativeFactory()
    member = UserFactory()
    MembershipFactory(initiative=initiative, user=member)
    edit = reverse("initiative_edit", kwargs={"slug": initiative.slug})

    assert edit not in page(client.get(initiative.get_absolute_url()))
    client.force_login(member)
    assert edit in page(client.get(initiative.get_absolute_url()))
    client.force_login(UserFactory(staff=True))
    assert edit not in page(client.get(initiative.get_absolute_url()))


# --- Status ----------------------------------------------------------------------------


def test_members_put_it_on_the_map_take_it_off_and_mark_it_ended(client, resident):
    initiative = services.create_initiative(
        resident, services.InitiativeData(name="Soepgroep"), status="known"
    )
    url = reverse("initiative_status", kwargs={"slug": initiative.slug})
    html = page(english(client).get(initiative.get_absolute_url()))
    assert "Put it on the public map" in html

    for status in ("public", "known", "ended"):
        response = client.post(url, {"status": status})
        assert response.status_code == 302
        initiative.refresh_from_db()
        assert initiative.status == status


def test_staff_cannot_put_it_on_the_public_map(client, staff):
    initiative = InitiativeFactory(status=InitiativeStatus.KNOWN)

    html = page(english(client).get(initiative.get_absolute_url()))
    response = client.post(
        reverse("initiative_status", kwargs={"slug": initiative.slug}), {"status": "public"}
    )

    assert "Put it on the public map" not in html
    assert "Mark it as ended" in html
    assert response.status_code == 403
    initiative.refresh_from_db()
    assert initiative.status == InitiativeStatus.KNOWN


def test_a_nonsense_status_is_refused(client, resident):
    initiative = services.create_initiative(
        resident, services.InitiativeData(name="Soepgroep"), status="known"
    )
    response = client.post(
        reverse("initiative_status", kwargs={"slug": initiative.slug}), {"status": "beroemd"}
    )
    assert response.status_code == 403


def test_status_of_a_hidden_initiative_is_404(client, resident):
    initiative = InitiativeFactory(status=InitiativeStatus.TIP)
    response = client.post(
        reverse("initiative_status", kwargs={"slug": initiative.slug}), {"status": "known"}
    )
    assert response.status_code == 404


# --- Staff notes -----------------------------------------------------------------------


def test_staff_add_a_note_beside_the_text(client, staff):
    initiative = InitiativeFactory()

    response = client.post(
        reverse("staff_note_add", kwargs={"slug": initiative.slug}),
        {"text": "Fijn gesprek op het bankje.", "visibility": "internal"},
    )

    assert response.status_code == 302
    note = StaffNote.objects.get()
    assert note.visibility == Visibility.INTERNAL and note.author == staff


def test_an_empty_note_is_refused_with_what_was_chosen_kept(client, staff):
    initiative = InitiativeFactory()

    response = english(client).post(
        reverse("staff_note_add", kwargs={"slug": initiative.slug}),
        {"text": "", "visibility": "internal"},
    )

    assert response.status_code == 200
    assert "Write the note before saving it." in page(response)
    assert re.search(r'value="internal"[^>]*checked', page(response))
    assert not StaffNote.objects.exists()


def test_residents_cannot_add_notes(client, resident):
    initiative = InitiativeFactory()
    MembershipFactory(initiative=initiative, user=resident)

    response = client.post(
        reverse("staff_note_add", kwargs={"slug": initiative.slug}),
        {"text": "Hallo", "visibility": "shared"},
    )

    assert response.status_code == 403
    assert not StaffNote.objects.exists()


# --- Invitations ------------------------------------------------------------------------


def test_a_member_invites_a_co_member_by_email(client, resident):
    initiative = services.create_initiative(
        resident, services.InitiativeData(name="Soepgroep"), status="known"
    )

    response = client.post(
        reverse("invitation_send", kwargs={"slug": initiative.slug}),
        {"email": "buurman@example.org"},
    )

    assert response.status_code == 302
    invitation = Invitation.objects.get()
    assert len(mail.outbox) == 1
    # The link goes to the site's own address, not to the host name of the request.
    assert (
        settings.KOMPAS_SITE_URL + reverse("invitation_accept", kwargs={"token": invitation.token})
        in mail.outbox[0].body
    )
    assert "testserver" not in mail.outbox[0].body


@pytest.mark.parametrize(
    ("email", "message"),
    [
        ("geen-adres", "Write a complete email address"),
        ("inwoner@example.org", "inwoner@example.org is already a member."),
    ],
)
def test_a_bad_invitation_gets_a_clear_message(client, resident, email, message):
    initiative = services.create_initiative(
        resident, services.InitiativeData(name="Soepgroep"), status="known"
    )

    response = english(client).post(
        reverse("invitation_send", kwargs={"slug": initiative.slug}), {"email": email}
    )

    assert response.status_code == 200
    assert message in page(response)
    assert f'value="{email}"' in page(response)
    assert not mail.outbox


def test_non_members_cannot_invite_once_it_has_members(client, staff):
    initiative = InitiativeFactory()
    MembershipFactory(initiative=initiative)
    response = client.post(
        reverse("invitation_send", kwargs={"slug": initiative.slug}), {"email": "x@example.org"}
    )
    assert response.status_code == 403


def test_accepting_an_invitation_asks_to_sign_in_with_the_invited_address(client):
    initiative = InitiativeFactory(status=InitiativeStatus.KNOWN)
    invitation = Invitation.objects.create(initiative=initiative, email="buurman@example.org")
    url = reverse("invitation_accept", kwargs={"token": invitation.token})

    anonymous = client.get(url)
    client.force_login(UserFactory(email="iemand@example.org"))
    wrong = english(client).get(url)
    wrong_post = client.post(url)
    invited = UserFactory(email="buurman@example.org")
    client.force_login(invited)
    right = client.get(url)
    accepted = client.post(url)
    again = client.post(url)

    assert anonymous.status_code == 302 and f"next={url}" in anonymous["Location"]
    assert wrong.status_code == 404
    assert "An invitation only works for the email address it was sent to" in page(wrong)
    assert initiative.name not in page(wrong)
    assert wrong_post.status_code == 404
    assert right.status_code == 200 and initiative.name in page(right)
    assert accepted.status_code == 302
    assert initiative.memberships.filter(user=invited).exists()
    assert again.status_code == 302


# --- Requests to join -------------------------------------------------------------------


def test_a_resident_asks_to_join_an_initiative_staff_entered_and_staff_accept(client):
    initiative = InitiativeFactory(status=InitiativeStatus.PUBLIC, description_by_municipality=True)
    resident = UserFactory(name="Inge Inwoner")
    client.force_login(resident)
    assert "Are you involved? Ask to join" in page(
        english(client).get(initiative.get_absolute_url())
    )

    client.post(
        reverse("join_request_send", kwargs={"slug": initiative.slug}), {"message": "Ik kook mee"}
    )
    waiting = page(english(client).get(initiative.get_absolute_url()))
    staff = UserFactory(staff=True)
    client.force_login(staff)
    staff_page = page(client.get(initiative.get_absolute_url()))
    request = JoinRequest.objects.get()
    response = client.post(
        reverse("join_request_decide", kwargs={"slug": initiative.slug, "pk": request.pk}),
        {"decision": "accept"},
    )

    assert "You asked to join" in waiting
    assert "Ik kook mee" in staff_page and "Inge Inwoner" in staff_page
    assert response.status_code == 302
    request.refresh_from_db()
    assert request.status == JoinRequestStatus.ACCEPTED
    assert initiative.memberships.filter(user=resident).exists()


def test_a_too_long_request_to_join_keeps_what_was_typed(client, resident):
    initiative = InitiativeFactory(status=InitiativeStatus.PUBLIC)
    message = "Ik help mee. " * 200

    response = english(client).post(
        reverse("join_request_send", kwargs={"slug": initiative.slug}), {"message": message}
    )

    assert response.status_code == 200
    assert "Ensure this value has at most 2000 characters" in page(response)
    assert message.strip()[:100] in page(response)
    assert not JoinRequest.objects.exists()


def test_no_request_to_join_an_initiative_that_speaks_for_itself(client, resident):
    initiative = InitiativeFactory()
    MembershipFactory(initiative=initiative)

    html = page(english(client).get(initiative.get_absolute_url()))
    response = client.post(reverse("join_request_send", kwargs={"slug": initiative.slug}))

    assert "Ask to join" not in html
    assert response.status_code == 403


def test_residents_cannot_decide_requests_to_join(client, resident):
    initiative = InitiativeFactory()
    request = JoinRequest.objects.create(initiative=initiative, user=resident)

    response = client.post(
        reverse("join_request_decide", kwargs={"slug": initiative.slug, "pk": request.pk}),
        {"decision": "accept"},
    )

    assert response.status_code == 403
    assert not initiative.memberships.exists()


# --- Changing the text ------------------------------------------------------------------


def test_a_member_changes_the_text_and_it_becomes_their_own(client):
    staff = UserFactory(staff=True)
    initiative = services.create_initiative(
        staff,
        services.InitiativeData(name="Soepgroep", kinds=["Burenhulp", "Soepkeuken"]),
        status="known",
    )
    member = UserFactory()
    MembershipFactory(initiative=initiative, user=member)
    client.force_login(member)
    url = reverse("initiative_edit", kwargs={"slug": initiative.slug})

    form = page(english(client).get(url))
    response = client.post(
        url, form_data(name="Soepgroep", description="Onze eigen woorden.", status="")
    )

    assert 'value="Burenhulp" checked' in form or re.search(r'value="Burenhulp"[^>]*checked', form)
    assert 'value="Soepkeuken"' in form
    assert "Show it on the public map?" not in form
    assert response.status_code == 302
    initiative.refresh_from_db()
    assert initiative.description == "Onze eigen woorden."
    assert initiative.description_by_municipality is False
    assert initiative.status == InitiativeStatus.KNOWN


def test_staff_may_not_edit_an_initiative_that_has_members(client, staff):
    initiative = InitiativeFactory()
    MembershipFactory(initiative=initiative)
    url = reverse("initiative_edit", kwargs={"slug": initiative.slug})

    assert client.get(url).status_code == 403
    assert client.post(url, form_data()).status_code == 403


def test_editing_a_hidden_initiative_is_404(client, resident):
    initiative = InitiativeFactory(status=InitiativeStatus.TIP)
    url = reverse("initiative_edit", kwargs={"slug": initiative.slug})
    assert client.get(url).status_code == 404


def test_editing_keeps_the_name_check_but_not_against_itself(client, resident):
    kern = KernFactory(name="Aldeburen")
    initiative = InitiativeFactory(name="Soepgroep", kern=kern)
    InitiativeFactory(name="Breigroep", kern=kern)
    MembershipFactory(initiative=initiative, user=resident)
    url = reverse("initiative_edit", kwargs={"slug": initiative.slug})

    same = client.post(url, form_data(name="Soepgroep", kern=kern.slug))
    taken = english(client).post(url, form_data(name="Breigroep", kern=kern.slug))

    assert same.status_code == 302
    assert taken.status_code == 200
    assert "There is already an initiative called" in page(taken)


# --- History ---------------------------------------------------------------------------


def test_history_shows_every_change_newest_first_with_a_word_diff(client, resident):
    initiative = services.create_initiative(
        resident,
        services.InitiativeData(name="Soepgroep", description="Wij koken soep.", kinds=["A"]),
        status="known",
    )
    services.update_initiative(
        initiative,
        resident,
        services.InitiativeData(name="Soepgroep", description="Wij koken verse soep.", kinds=["B"]),
    )
    services.set_status(initiative, resident, InitiativeStatus.PUBLIC)

    html = page(
        english(client).get(reverse("initiative_history", kwargs={"slug": initiative.slug}))
    )

    assert html.index("Status:") < html.index("verse") < html.index("Entered in Kompas.")
    assert re.search(r"<ins>.*verse", html, re.S)
    assert "In their own words" in html
    assert "Kinds" in html


def test_history_names_people_only_for_staff(client, resident):
    initiative = services.create_initiative(
        resident, services.InitiativeData(name="Soepgroep"), status="public"
    )
    url = reverse("initiative_history", kwargs={"slug": initiative.slug})
    client.logout()

    anonymous = page(english(client).get(url))
    client.force_login(UserFactory(staff=True))
    staff = page(english(client).get(url))

    assert "Inge Inwoner" not in anonymous
    assert "Resident" in anonymous
    assert "Inge Inwoner" in staff


def test_history_hides_contact_details_from_those_who_may_not_see_them(client, resident):
    initiative = services.create_initiative(
        resident, services.InitiativeData(name="Soepgroep"), status="public"
    )
    services.update_initiative(
        initiative, resident, services.InitiativeData(name="Soepgroep", contact="06-99998888")
    )
    url = reverse("initiative_history", kwargs={"slug": initiative.slug})

    member = page(client.get(url))
    client.logout()
    anonymous = page(client.get(url))

    assert "06-99998888" in member
    assert "06-99998888" not in anonymous


@pytest.mark.parametrize("changes", [1, 6])
def test_history_keeps_a_constant_number_of_queries(
    client, resident, changes, django_assert_max_num_queries
):
    kern = KernFactory(name="Aldeburen")
    initiative = services.create_initiative(
        resident, services.InitiativeData(name="Soepgroep", kern=kern), status="public"
    )
    for number in range(changes):
        services.update_initiative(
            initiative,
            resident,
            services.InitiativeData(
                name="Soepgroep",
                kern=kern,
                description=f"Versie {number}",
                kinds=[f"Soort {number}"],
                offers=[f"Aanbod {number}"],
            ),
        )

    with django_assert_max_num_queries(12):
        response = client.get(reverse("initiative_history", kwargs={"slug": initiative.slug}))

    assert page(response).count("kompas-history__entry") == changes + 1
