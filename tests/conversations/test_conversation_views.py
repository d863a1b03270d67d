"""Writing down a conversation, changing it, its page and its history.

Messages are checked through their English text (the language cookie set to English); the
Dutch catalogue says the same in Dutch.
"""

import datetime
import re

import pytest
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from conversations import services
from conversations.forms import MAX_TIPS
from conversations.models import Conversation
from conversations.views import conversations
from initiatives import selectors
from initiatives.models import Initiative, TipState
from kompas.choices import InitiativeStatus, Visibility
from tests.factories import InitiativeFactory, KernFactory, MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db

SCRIPT = "<script>alert('x')</script>"
ESCAPED = "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;"
CREATE = reverse("conversation_create")
SEARCH = reverse("conversation_initiative_search")
TOMORROW = object()  # stands for the date of tomorrow, worked out inside the test


def english(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def page(response) -> str:
    return response.content.decode()


@pytest.fixture
def staff():
    return UserFactory(staff=True, name="Fatima Bakker")


@pytest.fixture
def as_staff(client, staff):
    client.force_login(staff)
    return english(client)


def form_data(tips=(), **fields):
    values = {
        "date": timezone.localdate().isoformat(),
        "kern": "",
        "place": "",
        "latitude": "",
        "longitude": "",
        "with_whom": "",
        "learned": "Ze koken elke week met twintig buren.",
        "ideas": "",
        "talents": "",
        "to_connect": "",
        "visibility": Visibility.SHARED,
        "q": "",
        "tips-TOTAL_FORMS": str(max(len(tips), 2)),
        "tips-INITIAL_FORMS": "0",
        "tips-MIN_NUM_FORMS": "0",
        "tips-MAX_NUM_FORMS": str(MAX_TIPS),
    }
    for index, tip in enumerate(tips):
        for name, value in tip.items():
            values[f"tips-{index}-{name}"] = value
    values.update(fields)
    return values


def logged(author, initiatives=(), visibility=Visibility.SHARED, **fields):
    fields.setdefault("learned", "Ze koken elke week.")
    if not initiatives and "kern" not in fields:
        fields["kern"] = KernFactory()
    return services.log_conversation(
        author,
        services.ConversationData(initiatives=list(initiatives), visibility=visibility, **fields),
    )


# --- Writing one down -------------------------------------------------------------------


def test_the_form_is_ready_for_a_phone_and_keeps_a_draft(as_staff, staff):
    response = as_staff.get(CREATE)

    html = page(response)
    assert response.status_code == 200
    assert f'data-draft-key="kompas:conversation:{staff.pk}:new"' in html
    assert 'data-draft-restore="true"' in html
    assert "data-draft-note" in html and "data-draft-discard" in html
    assert "js/conversation_form.js" in html
    assert f'data-initiative-search="{SEARCH}"' in html
    assert "data-locate-button" in html and "data-tip-add" in html
    assert "<template data-tip-template>" in html
    assert 'type="date"' in html and f'value="{timezone.localdate().isoformat()}"' in html
    assert "not a file on persons" in html
    assert "for example: three people from the vegetable garden" in html
    # Without JavaScript: empty tip rows and a search button that reloads the form.
    assert 'name="tips-1-name"' in html
    assert 'name="zoek"' in html
    # No inline script or style (Content-Security-Policy).
    assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html)
    assert ' style="' not in html and " onclick=" not in html


def test_staff_write_down_a_conversation_with_a_tip(as_staff, staff):
    kern = KernFactory()
    initiative = InitiativeFactory(name="Soepgroep", status=InitiativeStatus.KNOWN)
    tip = {"name": "Jeu de boules bij de kerk", "kern": kern.slug, "heard": "Elke dinsdag"}

    response = as_staff.post(
        CREATE,
        form_data(
            tips=[tip],
            initiatives=[str(initiative.pk)],
            place="Bankje bij de speelplaats",
            latitude="52.71",
            longitude="6.51",
            with_whom="Drie mensen van de moestuin",
            talents="Koken, organiseren",
        ),
    )

    conversation = Conversation.objects.get()
    assert response.status_code == 302
    assert response["Location"] == conversation.get_absolute_url()
    assert conversation.author == staff
    assert conversation.department == staff.department
    assert list(conversation.initiatives.all()) == [initiative]
    assert conversation.place == "Bankje bij de speelplaats"
    assert conversation.location.y == pytest.approx(52.71)
    new_tip = Initiative.objects.get(tip_from=conversation)
    assert (new_tip.name, new_tip.status, new_tip.kern) == (
        "Jeu de boules bij de kerk",
        InitiativeStatus.TIP,
        kern,
    )


def test_the_page_after_saving_tells_the_browser_to_forget_the_draft_once(as_staff, staff):
    as_staff.post(CREATE, form_data(kern=KernFactory().slug))
    conversation = Conversation.objects.get()

    first = page(as_staff.get(conversation.get_absolute_url()))
    again = page(as_staff.get(conversation.get_absolute_url()))

    assert f'data-draft-clear="kompas:conversation:{staff.pk}:new"' in first
    assert "js/conversation_form.js" in first
    assert "Thank you. What you learned is written down." in first
    assert "data-draft-clear" not in again


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"learned": "   "}, "Write down what you learned."),
        ({"date": TOMORROW}, "A conversation cannot take place in the future."),
        ({"kern": ""}, "Say which initiative or which village or district it was about."),
        (
            {"initiatives": ["987654321"]},
            "One of the chosen initiatives does not exist, or is not one you can see.",
        ),
        ({"initiatives": ["1 OR 1=1"]}, "Choose the initiatives from the search."),
        ({"latitude": "52", "longitude": ""}, "Your location could not be used."),
        ({"tips-TOTAL_FORMS": "5000"}, f"Write down at most {MAX_TIPS} tips at a time."),
        ({"tips-TOTAL_FORMS": "veel"}, "The tips could not be read."),
    ],
)
def test_bad_input_keeps_what_was_typed_and_says_why(as_staff, fields, message):
    kern = KernFactory()
    data = form_data(kern=kern.slug, with_whom="Twee buren", ideas="Een repaircafé", talents=SCRIPT)
    data.update(fields)
    if data["date"] is TOMORROW:
        # Worked out now, not when the tests were collected: a run may cross midnight.
        data["date"] = (timezone.localdate() + datetime.timedelta(days=1)).isoformat()

    response = as_staff.post(CREATE, data)

    html = page(response)
    assert response.status_code == 200
    assert message in html
    assert "Not everything could be saved yet" in html
    assert "Twee buren" in html and "Een repaircafé" in html
    assert ESCAPED in html and SCRIPT not in html
    # A page that shows what was sent does not take back an older draft over it.
    assert 'data-draft-restore="false"' in html
    assert not Conversation.objects.exists()


def test_a_tip_named_like_an_existing_initiative_offers_to_link_it(as_staff):
    kern = KernFactory()
    existing = InitiativeFactory(name="Moestuin De Ster", status=InitiativeStatus.TIP)
    tip = {"name": "moestuin de ster", "kern": "", "heard": "Ze zoeken handen"}

    response = as_staff.post(CREATE, form_data(kern=kern.slug, tips=[tip]))

    html = page(response)
    assert response.status_code == 200
    assert "There is already an initiative called “Moestuin De Ster”: link it instead?" in html
    assert existing.get_absolute_url() in html
    assert 'name="tips-0-link_instead"' in html
    assert "Ze zoeken handen" in html
    assert not Conversation.objects.exists()

    tip["link_instead"] = "on"
    response = as_staff.post(CREATE, form_data(kern=kern.slug, tips=[tip]))

    conversation = Conversation.objects.get()
    assert response.status_code == 302
    assert list(conversation.initiatives.all()) == [existing]
    assert "Moestuin De Ster: Ze zoeken handen" in conversation.learned
    assert not Initiative.objects.filter(tip_from=conversation).exists()


@pytest.mark.parametrize(
    "refusal",
    [
        ValidationError("A conversation cannot take place in the future."),
        PermissionDenied("You can only write about initiatives you can see."),
    ],
)
def test_a_refusal_of_the_service_is_a_message_on_the_form(as_staff, monkeypatch, refusal):
    def refuse(*args, **kwargs):
        raise refusal

    monkeypatch.setattr(conversations.services, "log_conversation", refuse)

    response = as_staff.post(CREATE, form_data(kern=KernFactory().slug, with_whom="Twee buren"))

    html = page(response)
    assert response.status_code == 200
    assert str(refusal.args[0]) in html
    assert "Twee buren" in html


def test_script_is_stored_as_text_and_escaped_on_the_page(as_staff):
    kern = KernFactory()
    as_staff.post(
        CREATE,
        form_data(
            kern=kern.slug,
            learned=SCRIPT,
            place=SCRIPT,
            with_whom=SCRIPT,
            ideas=SCRIPT,
            talents=SCRIPT,
            to_connect=SCRIPT,
            tips=[{"name": SCRIPT, "heard": SCRIPT}],
        ),
    )
    conversation = Conversation.objects.get()

    html = page(as_staff.get(conversation.get_absolute_url()))

    assert conversation.learned == SCRIPT
    assert Initiative.objects.get(tip_from=conversation).name == SCRIPT
    assert SCRIPT not in html
    assert html.count(ESCAPED) >= 6


def test_without_javascript_the_search_button_reloads_the_form_with_results(as_staff):
    kern = KernFactory()
    InitiativeFactory(name="Moestuin De Ster", status=InitiativeStatus.KNOWN)
    InitiativeFactory(name="Repair Café", status=InitiativeStatus.PUBLIC)
    chosen = InitiativeFactory(name="Moestuin Oost", status=InitiativeStatus.PUBLIC)

    response = as_staff.post(
        CREATE,
        form_data(
            kern=kern.slug,
            learned="",
            with_whom="Twee buren",
            q="moestuin",
            zoek="1",
            initiatives=[str(chosen.pk)],
        ),
    )

    html = page(response)
    assert response.status_code == 200
    assert "Moestuin De Ster" in html and "Repair Café" not in html
    # What was chosen stays chosen, and is not offered twice.
    assert f'id="gekozen-initiatief-{chosen.pk}"' in html
    assert f'id="gevonden-initiatief-{chosen.pk}"' not in html
    assert "Twee buren" in html and 'value="moestuin"' in html
    # Searching is not saving: nothing is refused yet, nothing is saved.
    assert "Not everything could be saved yet" not in html
    assert not Conversation.objects.exists()


@pytest.mark.parametrize("role", ["resident", "council"])
def test_only_staff_write_down_conversations(client_as, role):
    client = english(client_as(role))

    response = client.get(CREATE)
    posted = client.post(CREATE, form_data(kern=KernFactory().slug))

    assert response.status_code == posted.status_code == 403
    assert "Conversations are written down by staff" in page(response)
    assert not Conversation.objects.exists()


def test_visitors_are_asked_to_sign_in(client):
    response = client.get(CREATE)

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


# --- The search as you type -------------------------------------------------------------


def test_the_search_finds_every_initiative_staff_may_see_including_tips(as_staff):
    InitiativeFactory(name="Moestuin De Ster", status=InitiativeStatus.TIP)
    InitiativeFactory(name="De moestuin van Oost", status=InitiativeStatus.KNOWN)
    InitiativeFactory(name="Repair Café", status=InitiativeStatus.PUBLIC)

    response = as_staff.get(SEARCH, {"q": "moestuin"})

    html = page(response)
    assert response.status_code == 200
    assert "<html" not in html  # a piece of a page
    assert html.index("Moestuin De Ster") < html.index("De moestuin van Oost")
    assert "Repair Café" not in html
    assert 'name="initiatives"' in html
    assert "2 initiatives found" in html


def test_the_search_says_when_nothing_was_found_and_escapes(as_staff):
    InitiativeFactory(name=f"Club {SCRIPT}", status=InitiativeStatus.PUBLIC)

    found = page(as_staff.get(SEARCH, {"q": "club"}))
    nothing = page(as_staff.get(SEARCH, {"q": "Qwzx <b>vet</b>"}))
    empty = page(as_staff.get(SEARCH))

    assert ESCAPED in found and SCRIPT not in found
    assert "Nothing found for “Qwzx &lt;b&gt;vet&lt;/b&gt;”" in nothing
    assert "Type a part of the name" in empty


def test_the_search_shows_a_few_and_says_there_are_more(as_staff):
    for number in range(selectors.LINK_RESULTS + 3):
        InitiativeFactory(name=f"Buurtclub {number:02}")

    html = page(as_staff.get(SEARCH, {"q": "buurtclub"}))

    assert html.count('name="initiatives"') == selectors.LINK_RESULTS
    assert "There are more" in html


def test_the_search_never_offers_what_the_viewer_may_not_see():
    resident = UserFactory()
    InitiativeFactory(name="Moestuin openbaar", status=InitiativeStatus.PUBLIC)
    InitiativeFactory(name="Moestuin tip", status=InitiativeStatus.TIP)
    InitiativeFactory(name="Moestuin bekend", status=InitiativeStatus.KNOWN)
    own = MembershipFactory(
        user=resident,
        initiative=InitiativeFactory(name="Moestuin eigen", status=InitiativeStatus.KNOWN),
    ).initiative

    found, _more = selectors.initiatives_to_link(resident, "moestuin")

    assert {initiative.name for initiative in found} == {"Moestuin openbaar", own.name}


@pytest.mark.parametrize("role", ["resident", "council"])
def test_the_search_answers_nothing_to_anyone_but_staff(client_as, role):
    InitiativeFactory(name="Moestuin tip", status=InitiativeStatus.TIP)
    client = client_as(role)

    response = client.get(SEARCH, {"q": "moestuin"})

    assert response.status_code == 403
    assert "Moestuin tip" not in page(response)


@pytest.mark.parametrize("words", ["moestuin", "moestuin de"])
def test_the_search_takes_as_many_queries_for_3_as_for_20_initiatives(
    as_staff, django_assert_max_num_queries, words
):
    for number in range(3):
        InitiativeFactory(name=f"Moestuin {number}", kern=KernFactory())
    as_staff.get(SEARCH, {"q": words})  # the session and the user are cached from here on

    with django_assert_max_num_queries(10) as few:
        as_staff.get(SEARCH, {"q": words})
    for number in range(3, 20):
        InitiativeFactory(name=f"Moestuin {number}", kern=KernFactory())
    with django_assert_max_num_queries(len(few.captured_queries)):
        as_staff.get(SEARCH, {"q": words})


# --- Its own page -----------------------------------------------------------------------


def test_staff_read_everything_with_the_author_and_the_tips(as_staff, staff):
    public = InitiativeFactory(name="Soepgroep", status=InitiativeStatus.PUBLIC)
    tip = InitiativeFactory(name="Breiclub", status=InitiativeStatus.TIP)
    kern = KernFactory(name="Veldwijk")
    conversation = services.log_conversation(
        staff,
        services.ConversationData(
            learned="Ze koken elke week.",
            initiatives=[public],
            kern=kern,
            place="Bankje bij de speelplaats",
            with_whom="Drie mensen",
            ideas="Een buurtmaaltijd",
            talents="Koken",
            to_connect="De moestuin",
        ),
        tips=[services.TipData(name="Jeu de boules", kern=kern)],
    )
    tip.tip_from = conversation
    tip.save()

    html = page(as_staff.get(conversation.get_absolute_url()))

    for text in (
        "Fatima Bakker",
        str(staff.department),
        "Soepgroep",
        public.get_absolute_url(),
        "Veldwijk",
        "Bankje bij de speelplaats",
        "Drie mensen",
        "Een buurtmaaltijd",
        "Koken",
        "De moestuin",
        "Tips from this conversation",
        "Jeu de boules",
        "Breiclub",
        reverse("conversation_edit", kwargs={"pk": conversation.pk}),
        reverse("conversation_history", kwargs={"pk": conversation.pk}),
    ):
        assert text in html, text


def test_another_staff_member_reads_it_but_cannot_change_it(client, staff):
    conversation = logged(staff)
    colleague = UserFactory(staff=True)
    client.force_login(colleague)

    html = page(client.get(conversation.get_absolute_url()))
    edit = client.get(reverse("conversation_edit", kwargs={"pk": conversation.pk}))

    assert "Fatima Bakker" in html
    assert reverse("conversation_edit", kwargs={"pk": conversation.pk}) not in html
    assert edit.status_code == 403


def test_a_member_reads_a_shared_conversation_about_their_initiative(client, staff):
    ours = InitiativeFactory(name="Soepgroep", status=InitiativeStatus.PUBLIC)
    tip = InitiativeFactory(name="Geheime tip", status=InitiativeStatus.TIP)
    conversation = logged(staff, initiatives=[ours, tip])
    conversation.tips.add(InitiativeFactory(name="Nieuwe tip", status=InitiativeStatus.TIP))
    member = MembershipFactory(initiative=ours).user
    client.force_login(member)

    response = english(client).get(conversation.get_absolute_url())

    html = page(response)
    assert response.status_code == 200
    assert "Ze koken elke week." in html
    assert f"Someone from {staff.department}" in html
    assert "Fatima Bakker" not in html
    # A tip exists only for staff, even when the conversation was about it too.
    assert "Geheime tip" not in html and "Nieuwe tip" not in html
    assert "Tips from this conversation" not in html
    assert reverse("conversation_edit", kwargs={"pk": conversation.pk}) not in html
    assert reverse("conversation_history", kwargs={"pk": conversation.pk}) not in html
    assert reverse("conversation_list") not in html.split('id="inhoud"')[1]
    history = client.get(reverse("conversation_history", kwargs={"pk": conversation.pk}))
    assert history.status_code == 403


def test_an_internal_conversation_does_not_exist_for_a_member(client, staff):
    ours = InitiativeFactory(status=InitiativeStatus.PUBLIC)
    conversation = logged(staff, initiatives=[ours], visibility=Visibility.INTERNAL)
    client.force_login(MembershipFactory(initiative=ours).user)

    for name in ("conversation_detail", "conversation_history", "conversation_edit"):
        response = client.get(reverse(name, kwargs={"pk": conversation.pk}))
        assert response.status_code == 404, name
        assert "Ze koken elke week." not in page(response)


def test_a_shared_conversation_does_not_exist_for_a_member_of_another_initiative(client, staff):
    conversation = logged(staff, initiatives=[InitiativeFactory()])
    client.force_login(MembershipFactory().user)

    assert client.get(conversation.get_absolute_url()).status_code == 404


# --- Changing it, and its history -------------------------------------------------------


def test_the_author_changes_it_and_every_change_is_in_the_history(as_staff, staff):
    first = InitiativeFactory(name="Soepgroep")
    second = InitiativeFactory(name="Breiclub")
    conversation = logged(staff, initiatives=[first], learned="Ze koken elke week.")
    url = reverse("conversation_edit", kwargs={"pk": conversation.pk})

    form = page(as_staff.get(url))
    assert "Ze koken elke week." in form
    assert f'data-draft-key="kompas:conversation:{staff.pk}:{conversation.pk}"' in form
    assert f'id="gekozen-initiatief-{first.pk}"' in form
    assert 'name="tips-TOTAL_FORMS"' not in form

    data = form_data(
        learned="Ze koken elke dinsdag.",
        initiatives=[str(first.pk), str(second.pk)],
        visibility=Visibility.INTERNAL,
    )
    response = as_staff.post(url, {k: v for k, v in data.items() if not k.startswith("tips-")})

    conversation.refresh_from_db()
    assert response.status_code == 302
    assert conversation.learned == "Ze koken elke dinsdag."
    assert conversation.visibility == Visibility.INTERNAL
    assert set(conversation.initiatives.all()) == {first, second}
    after = page(as_staff.get(conversation.get_absolute_url()))
    assert f'data-draft-clear="kompas:conversation:{staff.pk}:{conversation.pk}"' in after

    html = page(as_staff.get(reverse("conversation_history", kwargs={"pk": conversation.pk})))

    # One entry for writing it down, one for the change: a save and its initiatives are one.
    assert html.count('class="kompas-history__entry"') == 2
    assert "Written down in Kompas." in html
    assert "<del><span" in html and "week.</del>" in html
    assert "dinsdag.</ins>" in html
    assert "<ins>Breiclub</ins>" in html
    assert "Internal: staff only" in html
    assert "Fatima Bakker" in html


def test_bad_input_on_changing_keeps_what_was_typed(as_staff, staff):
    conversation = logged(staff)
    url = reverse("conversation_edit", kwargs={"pk": conversation.pk})
    future = (timezone.localdate() + datetime.timedelta(days=3)).isoformat()

    response = as_staff.post(url, form_data(date=future, learned="Nieuwe tekst", kern=""))

    html = page(response)
    assert response.status_code == 200
    assert "A conversation cannot take place in the future." in html
    assert "Say which initiative or which village or district it was about." in html
    assert "Nieuwe tekst" in html
    conversation.refresh_from_db()
    assert conversation.learned == "Ze koken elke week."


def test_the_history_takes_as_many_queries_for_2_as_for_6_changes(
    as_staff, staff, django_assert_max_num_queries
):
    conversation = logged(staff, initiatives=[InitiativeFactory()], kern=KernFactory())
    url = reverse("conversation_history", kwargs={"pk": conversation.pk})
    as_staff.get(url)

    with django_assert_max_num_queries(12) as few:
        as_staff.get(url)
    for number in range(4):
        services.update_conversation(
            conversation,
            staff,
            services.ConversationData(
                learned=f"Versie {number}",
                initiatives=[InitiativeFactory(kern=KernFactory())],
                kern=KernFactory(),
            ),
        )
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = as_staff.get(url)
    assert page(response).count('class="kompas-history__entry"') == 5


def test_a_met_tip_keeps_its_follow_up_when_written_about(as_staff):
    tip = InitiativeFactory(name="Breiclub", status=InitiativeStatus.TIP, tip_state=TipState.NEW)

    as_staff.post(CREATE, form_data(initiatives=[str(tip.pk)]))

    tip.refresh_from_db()
    assert tip.status == InitiativeStatus.KNOWN
    assert tip.tip_state == TipState.GETTING_TO_KNOW


def test_started_from_an_initiative_the_form_is_about_it(as_staff):
    kern = KernFactory(name="Witteloo")
    initiative = InitiativeFactory(name="Soepgroep", kern=kern, status=InitiativeStatus.TIP)

    html = page(as_staff.get(CREATE, {"initiatief": initiative.slug}))
    unknown = page(as_staff.get(CREATE, {"initiatief": "bestaat-niet"}))

    assert f'id="gekozen-initiatief-{initiative.pk}"' in html
    assert re.search(rf'<option value="{kern.slug}" selected>', html)
    assert "gekozen-initiatief" not in unknown


def test_staff_find_their_way_back_to_every_conversation(as_staff, staff):
    conversation = logged(staff)
    listing = reverse("conversation_list")

    for url in (
        conversation.get_absolute_url(),
        reverse("conversation_history", kwargs={"pk": conversation.pk}),
        reverse("conversation_edit", kwargs={"pk": conversation.pk}),
        CREATE,
    ):
        assert f'href="{listing}"' in page(as_staff.get(url)), url


def test_staff_connect_the_initiatives_of_a_conversation_from_its_page(client):
    staff = UserFactory(staff=True)
    initiative = InitiativeFactory()
    conversation = services.log_conversation(
        staff, services.ConversationData(learned="Ze zoeken een tuin.", initiatives=[initiative])
    )
    client.force_login(staff)

    page = client.get(conversation.get_absolute_url()).content.decode()

    assert reverse("connection_create", kwargs={"slug": initiative.slug}) in page
