"""The story pages: the list of public stories, writing and changing a story, a story's
own page with staff's reactions, and the stories on the home, kern and initiative pages.

Messages are checked through their English text (the language cookie set to English).
"""

import datetime
import html
import re
from io import BytesIO

import pytest
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.conf import settings
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from PIL import ExifTags, Image

from initiatives.models import InitiativeKind, Membership, StaffNote
from kompas.choices import InitiativeStatus, Visibility
from stories import services
from stories.models import Story, StoryPhoto
from stories.services import MAX_PHOTOS
from tests.factories import InitiativeFactory, KernFactory, StoryFactory, UserFactory
from tests.photos import phone_jpeg, upload

pytestmark = pytest.mark.django_db

SCRIPT = "<script>alert('x')</script>"
LIST = reverse("story_list")
ROLES = ["anonymous", "resident", "staff", "council"]


def english(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def page(response) -> str:
    return response.content.decode()


def signed_in(user):
    client = english(Client())
    client.force_login(user)
    return client


def as_role(role):
    """A client for a role, not a member of any initiative."""
    if role == "anonymous":
        return english(Client())
    user = UserFactory(**({role: True} if role != "resident" else {}))
    if role == "admin":
        # Administrators have an authenticator; without one they are sent to set it up.
        TOTP.activate(user, generate_totp_secret())
    return signed_in(user)


@pytest.fixture
def initiative(kern):
    return InitiativeFactory(name="Soepgroep", kern=kern, status=InitiativeStatus.PUBLIC)


@pytest.fixture
def member(initiative):
    user = UserFactory(name="Els de Vries")
    Membership.objects.create(initiative=initiative, user=user)
    return user


def story_form(**overrides):
    data = {
        "title": "Soep op zondag",
        "text": "Elke zondag koken we met tien buren.\nDaarna eten we samen.",
        "date": "2025-05-14",
        "visibility": Visibility.PUBLIC,
        "photo_description": "De grote pan op het vuur",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def create_url(initiative):
    return reverse("story_create", kwargs={"slug": initiative.slug})


def edit_url(story):
    return reverse("story_edit", kwargs={"pk": story.pk})


def react_url(story):
    return reverse("story_react", kwargs={"pk": story.pk})


# --- The list of public stories ---------------------------------------------------------


def test_the_list_shows_each_story_with_initiative_place_date_photo_and_start(
    client, initiative, member
):
    story = services.write_story(
        initiative,
        member,
        services.StoryData(
            title="Soep op zondag",
            text="Elke zondag koken we met tien buren. " * 20,
            date=datetime.date(2025, 5, 14),
            photos=[(upload(), "De grote pan")],
        ),
    )

    content = page(english(client).get(LIST))

    assert story.get_absolute_url() in content
    assert "Soep op zondag" in content
    assert initiative.get_absolute_url() in content
    assert "Veldwijk" in content
    assert 'datetime="2025-05-14"' in content
    assert 'alt="De grote pan"' in content
    assert "…" in content  # the start of the text, not all of it
    assert reverse("story_feed") in content


def test_a_photo_without_description_has_the_title_as_alt(client, initiative, member):
    services.write_story(
        initiative,
        member,
        services.StoryData(
            title="De moestuin bloeit",
            text="Tekst.",
            date=timezone.localdate(),
            photos=[(upload(), "")],
        ),
    )

    assert 'alt="De moestuin bloeit"' in page(client.get(LIST))


def test_the_list_is_newest_first_and_pages_by_twenty(client, initiative):
    today = timezone.localdate()
    for number in range(25):
        StoryFactory(
            initiative=initiative,
            title=f"Verhaal nummer {number:02}",
            date=today - datetime.timedelta(days=number),
        )

    first = page(client.get(LIST))
    second = page(client.get(LIST, {"pagina": 2}))

    titles = re.findall(r"Verhaal nummer (\d\d)", first)
    assert titles == [f"{number:02}" for number in range(20)]
    assert re.findall(r"Verhaal nummer (\d\d)", second) == [f"{n:02}" for n in range(20, 25)]


def test_the_list_filters_by_kern_and_kind_without_javascript(client, initiative):
    other_kern = KernFactory(name="Lindeveld")
    kind = InitiativeKind.objects.get_or_create(name="Buurtkeuken")[0]
    initiative.kinds.add(kind)
    elsewhere = InitiativeFactory(name="Moestuin", kern=other_kern)
    StoryFactory(initiative=initiative, title="Soep op zondag")
    StoryFactory(initiative=elsewhere, title="Bonen geoogst")

    by_kern = page(client.get(LIST, {"kern": other_kern.slug}))
    by_kind = page(client.get(LIST, {"soort": kind.slug}))
    unknown = client.get(LIST, {"kern": "bestaat-niet", "soort": "\x00"})

    assert 'method="get"' in by_kern
    assert "Bonen geoogst" in by_kern and "Soep op zondag" not in by_kern
    assert "Soep op zondag" in by_kind and "Bonen geoogst" not in by_kind
    assert unknown.status_code == 200
    assert "Soep op zondag" not in page(unknown)


def test_the_list_keeps_a_constant_number_of_queries(
    client_as, initiative, member, django_assert_max_num_queries
):
    client = client_as("resident")

    def add(number):
        for index in range(number):
            services.write_story(
                initiative,
                member,
                services.StoryData(
                    title=f"Verhaal {index}",
                    text="Tekst.",
                    date=timezone.localdate(),
                    photos=[(upload(), "Een foto")],
                ),
            )

    add(2)
    with CaptureQueriesContext(connection) as few:
        assert client.get(LIST).status_code == 200
    add(15)
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(LIST)


# --- Who reads which story --------------------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
def test_a_shared_story_never_reaches_a_list_the_home_or_the_kern_page(role, initiative):
    StoryFactory(initiative=initiative, title="Alleen voor de gemeente", visibility="shared")
    client = as_role(role)

    for url in (LIST, reverse("home"), initiative.kern.get_absolute_url()):
        assert "Alleen voor de gemeente" not in page(client.get(url)), url


@pytest.mark.parametrize("role", ["anonymous", "resident", "council"])
def test_a_shared_story_is_not_on_the_initiative_page_for_others(role, initiative):
    story = StoryFactory(
        initiative=initiative, title="Alleen voor de gemeente", visibility="shared"
    )
    client = as_role(role)

    assert "Alleen voor de gemeente" not in page(client.get(initiative.get_absolute_url()))
    assert client.get(story.get_absolute_url()).status_code == 404


@pytest.mark.parametrize("role", ["anonymous", "resident", "council"])
def test_a_story_of_an_initiative_not_on_the_map_never_reaches_the_public(role, kern):
    known = InitiativeFactory(name="Nog niet op de kaart", kern=kern, status=InitiativeStatus.KNOWN)
    story = StoryFactory(initiative=known, title="Ons eerste jaar", visibility=Visibility.PUBLIC)
    client = as_role(role)

    assert client.get(story.get_absolute_url()).status_code == 404
    for url in (LIST, reverse("home"), kern.get_absolute_url()):
        assert "Ons eerste jaar" not in page(client.get(url)), url


def test_members_and_staff_read_the_shared_story_on_the_initiative_page(initiative, member):
    StoryFactory(initiative=initiative, title="Alleen voor de gemeente", visibility="shared")

    for client in (signed_in(member), as_role("staff")):
        content = page(client.get(initiative.get_absolute_url()))
        assert "Alleen voor de gemeente" in content
        assert "Only for the municipality's staff" in html.unescape(content)


def test_the_initiative_page_offers_members_to_write_a_story(client, initiative, member):
    create = create_url(initiative)

    assert create in page(signed_in(member).get(initiative.get_absolute_url()))
    assert "Write a story" in page(signed_in(member).get(initiative.get_absolute_url()))
    assert create not in page(as_role("staff").get(initiative.get_absolute_url()))
    assert create not in page(client.get(initiative.get_absolute_url()))


def test_the_initiative_page_shows_the_newest_stories_and_all_on_request(client, initiative):
    today = timezone.localdate()
    for number in range(8):
        StoryFactory(
            initiative=initiative,
            title=f"Verhaal nummer {number}",
            date=today - datetime.timedelta(days=number),
        )

    few = page(english(client).get(initiative.get_absolute_url()))
    everything = page(client.get(initiative.get_absolute_url(), {"verhalen": "alle"}))

    assert "Verhaal nummer 5" in few and "Verhaal nummer 6" not in few
    assert "Show all their stories" in few
    assert "Verhaal nummer 7" in everything


# --- The home and kern pages ------------------------------------------------------------


def test_the_home_page_shows_the_newest_public_stories(client, initiative):
    today = timezone.localdate()
    for number in range(5):
        StoryFactory(
            initiative=initiative,
            title=f"Verhaal nummer {number}",
            date=today - datetime.timedelta(days=number),
        )

    content = page(english(client).get(reverse("home")))

    assert "Everything that gets attention grows" in content
    assert "Verhaal nummer 0" in content and "Verhaal nummer 2" in content
    assert "Verhaal nummer 3" not in content
    assert LIST in content


def test_the_kern_page_shows_its_stories_and_its_feed(client, initiative):
    StoryFactory(initiative=initiative, title="Soep op zondag")
    StoryFactory(initiative=InitiativeFactory(name="Elders"), title="Ergens anders")

    content = page(english(client).get(initiative.kern.get_absolute_url()))

    assert "Soep op zondag" in content
    assert "Ergens anders" not in content
    assert reverse("kern_story_feed", kwargs={"slug": initiative.kern.slug}) in content
    assert f"{LIST}?kern={initiative.kern.slug}" in content


def test_everyone_finds_the_stories_in_the_menu(client):
    assert f'href="{LIST}"' in page(client.get(reverse("home")))


# --- Writing a story --------------------------------------------------------------------


def test_a_member_writes_a_story_with_photos_stored_without_metadata(settings, initiative, member):
    settings.KOMPAS_PHOTO_MAX_SIDE = 200
    original = phone_jpeg(size=(800, 600))
    assert Image.open(BytesIO(original)).getexif().get_ifd(ExifTags.IFD.GPSInfo)
    client = signed_in(member)

    response = client.post(
        create_url(initiative),
        story_form(photos=[upload(original), upload(phone_jpeg(), name="tweede.jpg")]),
        follow=True,
    )

    story = Story.objects.get()
    assert response.redirect_chain[-1][0] == story.get_absolute_url()
    assert (story.author, story.initiative, story.title) == (member, initiative, "Soep op zondag")
    assert story.date == datetime.date(2025, 5, 14)
    photos = list(story.photos.all())
    assert len(photos) == 2
    with photos[0].photo.open("rb") as stored, Image.open(stored) as image:
        assert max(image.size) == 200
        assert not image.getexif()
        assert "exif" not in image.info
    content = page(response)
    assert "Your story is saved" in content
    assert content.count('alt="De grote pan op het vuur"') == 2
    assert 'width="200"' in content and 'height="150"' in content
    assert "Elke zondag koken we met tien buren.<br>Daarna eten we samen." in content


def test_the_form_explains_who_reads_it_and_takes_several_photos(initiative, member):
    content = page(signed_in(member).get(create_url(initiative)))

    assert 'type="file"' in content and "multiple" in content
    assert 'accept="image/*"' in content
    assert 'enctype="multipart/form-data"' in content
    assert f'value="{timezone.localdate():%Y-%m-%d}"' in content
    assert "How would you like to explain what" in content
    assert "Only the municipality's staff" in html.unescape(content)
    assert f"up to {MAX_PHOTOS} photos" in content
    assert "location and camera data" in content
    assert "not on the public map yet" not in content


def test_the_form_says_a_story_waits_for_the_initiative_to_go_on_the_map(kern):
    known = InitiativeFactory(name="Nog niet op de kaart", kern=kern, status=InitiativeStatus.KNOWN)
    user = UserFactory()
    Membership.objects.create(initiative=known, user=user)

    content = page(signed_in(user).get(create_url(known)))

    assert "not on the public map yet" in content


@pytest.mark.parametrize("role", ["resident", "staff", "council", "admin"])
def test_only_members_write_a_story(role, initiative):
    client = as_role(role)

    assert client.get(create_url(initiative)).status_code == 403
    assert client.post(create_url(initiative), story_form()).status_code == 403
    assert not Story.objects.exists()


def test_writing_for_an_initiative_one_cannot_see_does_not_exist(kern):
    tip = InitiativeFactory(name="Een tip", kern=kern, status=InitiativeStatus.TIP)

    assert as_role("resident").get(create_url(tip)).status_code == 404


def test_an_anonymous_visitor_is_sent_to_sign_in(client, initiative):
    response = client.get(create_url(initiative))

    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]


def posted(member, initiative, **overrides):
    response = signed_in(member).post(create_url(initiative), story_form(**overrides))
    assert response.status_code == 200
    assert not Story.objects.exists()
    return page(response)


def test_a_file_that_is_not_a_photo_is_named_and_the_rest_kept(initiative, member):
    content = posted(
        member,
        initiative,
        photos=[upload(), upload(b"dit is geen foto", name="brief.jpg")],
    )

    assert "brief.jpg: This file is not a photo we can show" in content
    assert "Soep op zondag" in content
    assert "Elke zondag koken we met tien buren." in content
    assert not StoryPhoto.objects.exists()


def test_a_photo_over_the_limit_is_refused(settings, initiative, member):
    settings.KOMPAS_PHOTO_MAX_BYTES = 1_000

    content = posted(
        member, initiative, photos=[upload(phone_jpeg(size=(400, 300)), name="groot.jpg")]
    )

    assert "groot.jpg: " in content
    assert "Choose a smaller photo" in content
    assert "Soep op zondag" in content


def test_more_photos_than_allowed_are_refused(initiative, member):
    content = posted(
        member,
        initiative,
        photos=[upload(name=f"foto{number}.jpg") for number in range(MAX_PHOTOS + 1)],
    )

    assert f"A story has at most {MAX_PHOTOS} photos" in content
    assert "Soep op zondag" in content


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"title": "   "}, "Give your story a title."),
        ({"text": ""}, "Write your story before saving it."),
        ({"date": "2999-01-01"}, "A story tells what already happened"),
        ({"date": "gisteren"}, "Write the date as day-month-year"),
        ({"visibility": "internal"}, "Choose who may read this story."),
    ],
)
def test_bad_input_gives_a_clear_message_and_keeps_what_was_typed(
    initiative, member, overrides, message
):
    content = posted(member, initiative, **overrides)

    assert message in content
    assert "Not everything could be saved yet" in content
    if "text" not in overrides:
        assert "Elke zondag koken we met tien buren." in content


def test_a_good_photo_with_another_mistake_asks_to_choose_the_photos_again(initiative, member):
    content = posted(member, initiative, title="", photos=[upload()])

    assert "Choose the photos again" in content


def test_script_in_a_story_is_kept_as_typed_and_shown_as_text(client, initiative, member):
    signed_in(member).post(create_url(initiative), story_form(title="Soep " + SCRIPT, text=SCRIPT))

    story = Story.objects.get()
    assert story.text == SCRIPT
    for url in (story.get_absolute_url(), LIST, reverse("home"), initiative.get_absolute_url()):
        content = page(client.get(url))
        assert SCRIPT not in content, url
        assert "&lt;script&gt;" in content, url


# --- A story's page and changing it -----------------------------------------------------


def test_a_story_page_shows_everything_and_an_edit_link_for_members(client, initiative, member):
    story = StoryFactory(initiative=initiative, author=member, title="Soep op zondag")

    anonymous = page(english(client).get(story.get_absolute_url()))
    own = page(signed_in(member).get(story.get_absolute_url()))

    assert "Soep op zondag" in anonymous
    assert initiative.get_absolute_url() in anonymous
    assert edit_url(story) not in anonymous
    assert edit_url(story) in own
    assert "Els de Vries" not in anonymous  # told by the initiative, not a person


def test_a_member_changes_the_story_removes_a_photo_and_adds_one(initiative, member):
    story = services.write_story(
        initiative,
        member,
        services.StoryData(
            title="Soep",
            text="Eerste versie.",
            date=timezone.localdate(),
            photos=[(upload(), "Eerste"), (upload(), "Tweede")],
        ),
    )
    first, _second = story.photos.order_by("position")
    other = UserFactory()
    Membership.objects.create(initiative=initiative, user=other)
    client = signed_in(other)
    assert 'alt=""' in page(client.get(edit_url(story)))  # the photo beside its checkbox

    response = client.post(
        edit_url(story),
        story_form(
            title="Soep op zondag",
            text="Tweede versie.",
            visibility=Visibility.SHARED,
            remove_photos=[first.pk],
            photos=[upload(name="derde.jpg")],
            photo_description="Derde",
        ),
    )

    assert response.status_code == 302
    story.refresh_from_db()
    assert (story.title, story.text, story.visibility) == (
        "Soep op zondag",
        "Tweede versie.",
        Visibility.SHARED,
    )
    assert list(story.photos.order_by("position").values_list("description", flat=True)) == [
        "Tweede",
        "Derde",
    ]
    assert story.history.count() == 2


def test_a_change_past_the_photo_limit_is_refused(initiative, member):
    story = services.write_story(
        initiative,
        member,
        services.StoryData(
            title="Soep",
            text="Tekst.",
            date=timezone.localdate(),
            photos=[(upload(), "") for _ in range(MAX_PHOTOS - 1)],
        ),
    )

    response = signed_in(member).post(edit_url(story), story_form(photos=[upload(), upload()]))

    assert response.status_code == 200
    assert f"A story has at most {MAX_PHOTOS} photos" in page(response)
    assert story.photos.count() == MAX_PHOTOS - 1


@pytest.mark.parametrize("role", ["staff", "admin", "resident", "council"])
def test_nobody_but_the_members_changes_a_story_not_even_staff(role, initiative, member):
    story = StoryFactory(initiative=initiative, author=member, title="Soep op zondag")
    client = as_role(role)

    assert client.get(edit_url(story)).status_code == 403
    assert client.post(edit_url(story), story_form(title="Overschreven")).status_code == 403
    story.refresh_from_db()
    assert story.title == "Soep op zondag"
    assert edit_url(story) not in page(client.get(story.get_absolute_url()))


# --- Staff react ------------------------------------------------------------------------


def test_staff_react_and_the_reaction_is_shared_with_the_members(client, initiative, member):
    story = StoryFactory(initiative=initiative, author=member)
    staff = as_role("staff")
    assert "React to the initiative" in page(staff.get(story.get_absolute_url()))

    response = staff.post(react_url(story), {"reactie-text": "Mooi verhaal, dank jullie!"})

    assert response.status_code == 302
    assert response["Location"].endswith("#reacties")
    note = StaffNote.objects.get()
    assert (note.story, note.initiative, note.visibility) == (story, initiative, "shared")
    assert "Mooi verhaal, dank jullie!" in page(signed_in(member).get(story.get_absolute_url()))
    assert "React to the initiative" not in page(signed_in(member).get(story.get_absolute_url()))
    for outsider in (client, as_role("council"), as_role("resident")):
        assert "Mooi verhaal" not in page(outsider.get(story.get_absolute_url()))


def test_an_empty_reaction_keeps_the_page_and_a_long_one_what_was_typed(initiative):
    story = StoryFactory(initiative=initiative)
    staff = as_role("staff")

    empty = staff.post(react_url(story), {"reactie-text": "   "})
    long_text = "Dank! " * 1000
    too_long = staff.post(react_url(story), {"reactie-text": long_text})

    assert empty.status_code == 200
    assert "Write your reaction before saving it." in page(empty)
    assert too_long.status_code == 200
    assert long_text.strip() in html.unescape(page(too_long))
    assert not StaffNote.objects.exists()


@pytest.mark.parametrize("role", ["resident", "council"])
def test_only_staff_react(role, initiative, member):
    story = StoryFactory(initiative=initiative, author=member)

    assert as_role(role).post(react_url(story), {"reactie-text": "Hoi"}).status_code == 403
    assert signed_in(member).post(react_url(story), {"reactie-text": "Hoi"}).status_code == 403
    assert not StaffNote.objects.exists()


def test_an_anonymous_reaction_is_sent_to_sign_in(client, initiative):
    story = StoryFactory(initiative=initiative)

    response = client.post(react_url(story), {"reactie-text": "Hoi"})

    assert response.status_code == 302
    assert not StaffNote.objects.exists()
