"""The story and obstacle services: a member writes and keeps their initiative's stories
(photos stored without what the phone wrote into them), staff react beside a story and
never in it; an obstacle is reported by a member or by staff on the initiative's behalf,
and the municipality's answer is written beside the report, never over it."""

import datetime
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from conversations.models import Conversation
from initiatives.models import StaffNote
from kompas import access
from kompas.choices import InitiativeStatus, ObstacleStatus, Visibility
from obstacles import services as obstacles_services
from obstacles.models import Obstacle
from stories import services as stories_services
from stories.models import Story, StoryPhoto
from stories.services import MAX_PHOTOS
from tests.factories import (
    DepartmentFactory,
    InitiativeFactory,
    MembershipFactory,
    ObstacleFactory,
    StoryFactory,
    UserFactory,
    obstacle_category,
)
from tests.photos import phone_jpeg, upload

pytestmark = pytest.mark.django_db

# EXIF tags (numbers from the EXIF standard).
MAKE, MODEL, GPS_IFD = 0x010F, 0x0110, 0x8825
DAY = datetime.date(2026, 5, 1)


@pytest.fixture
def initiative():
    return InitiativeFactory(name="Repair Café Veldwijk")


@pytest.fixture
def member(initiative):
    return MembershipFactory(initiative=initiative, user=UserFactory(email="lid@example.org")).user


def big_photo(name="foto.jpg"):
    """A phone's photo, larger than a page shows it."""
    return upload(phone_jpeg((2400, 1600)), name)


def story_data(**changes) -> stories_services.StoryData:
    values: dict[str, Any] = {
        "title": "Honderd reparaties",
        "text": "Vandaag repareerden we onze honderdste broodrooster.",
        "date": DAY,
    }
    values.update(changes)
    return stories_services.StoryData(**values)


def obstacle_data(**changes) -> obstacles_services.ObstacleData:
    values: dict[str, Any] = {
        "what_happened": "We vroegen een bijdrage voor gereedschap en hoorden dat het niet past.",
        "category": obstacle_category("past-niet-in-de-subsidiecriteria"),
        "happened_on": DAY,
    }
    values.update(changes)
    return obstacles_services.ObstacleData(**values)


def history(obj):
    return list(obj.history.order_by("history_date", "history_id"))


def conversation_about(initiative, author) -> Conversation:
    conversation = Conversation.objects.create(
        author=author, learned="Ze willen een werkplaats.", visibility=Visibility.SHARED
    )
    conversation.initiatives.add(initiative)
    return conversation


# --- Writing a story --------------------------------------------------------------------


def test_a_member_writes_a_story_with_photos_stored_without_exif(initiative, member):
    story = stories_services.write_story(
        initiative,
        member,
        story_data(
            title="  Honderd reparaties  ",
            photos=[
                (big_photo(), "  De broodrooster  "),
                (big_photo("b.jpg"), ""),
            ],
        ),
    )

    assert story.initiative == initiative
    assert story.author == member
    assert story.title == "Honderd reparaties"
    assert story.date == DAY
    assert story.visibility == Visibility.PUBLIC
    photos = list(story.photos.all())
    assert [photo.description for photo in photos] == ["De broodrooster", ""]
    assert [photo.position for photo in photos] == [1, 2]
    for photo in photos:
        assert photo.photo.name.startswith("verhalen/")
        assert photo.photo.name.endswith(".jpg")
        assert "foto" not in photo.photo.name  # a random name, never the phone's
        with photo.photo.open() as stored, Image.open(stored) as image:
            assert image.format == "JPEG"
            assert max(image.size) <= 1600
            exif = image.getexif()
            assert not exif
            assert not exif.get_ifd(GPS_IFD)
            assert "exif" not in image.info
    [written] = history(story)
    assert written.history_type == "+"
    assert written.history_user == member
    assert written.history_change_reason


def test_a_story_may_be_shared_with_staff_only(initiative, member):
    story = stories_services.write_story(
        initiative, member, story_data(visibility=Visibility.SHARED)
    )

    assert story.visibility == Visibility.SHARED


@pytest.mark.parametrize("visibility", [Visibility.INTERNAL, "everyone", ""])
def test_a_story_is_public_or_shared_nothing_else(initiative, member, visibility):
    with pytest.raises(ValidationError):
        stories_services.write_story(initiative, member, story_data(visibility=visibility))

    assert not Story.objects.exists()


@pytest.mark.parametrize(("title", "text"), [("", "Tekst"), ("Titel", ""), ("  ", "\n  ")])
def test_a_story_needs_a_title_and_a_text(initiative, member, title, text):
    with pytest.raises(ValidationError):
        stories_services.write_story(initiative, member, story_data(title=title, text=text))

    assert not Story.objects.exists()


def test_at_most_max_photos_and_nothing_is_kept_when_there_are_more(initiative, member):
    too_many = [(upload(phone_jpeg((40, 30)), f"{n}.jpg"), "") for n in range(MAX_PHOTOS + 1)]

    with pytest.raises(ValidationError):
        stories_services.write_story(initiative, member, story_data(photos=too_many))

    assert not Story.objects.exists()
    assert not StoryPhoto.objects.exists()

    enough = too_many[:MAX_PHOTOS]
    story = stories_services.write_story(initiative, member, story_data(photos=enough))
    assert story.photos.count() == MAX_PHOTOS


def test_a_file_that_is_not_a_photo_is_refused(initiative, member):
    script = SimpleUploadedFile("foto.jpg", b"<script>alert(1)</script>", "image/jpeg")

    with pytest.raises(ValidationError):
        stories_services.write_story(initiative, member, story_data(photos=[(script, "")]))

    assert not Story.objects.exists()


@pytest.mark.parametrize("who", ["resident", "staff", "other member", "council", "admin"])
def test_only_members_write_a_story(initiative, who):
    traits = {who: True} if who in {"staff", "council", "admin"} else {}
    user = UserFactory(**traits)
    if who == "other member":
        MembershipFactory(user=user)

    with pytest.raises(PermissionDenied):
        stories_services.write_story(initiative, user, story_data())

    assert not Story.objects.exists()


# --- Keeping a story up to date ---------------------------------------------------------


def test_a_member_changes_the_story_and_its_photos(initiative, member):
    story = stories_services.write_story(
        initiative,
        member,
        story_data(
            photos=[
                (big_photo("a.jpg"), "Eerste"),
                (big_photo("b.jpg"), "Tweede"),
            ]
        ),
    )
    first, _second = story.photos.all()
    co_member = MembershipFactory(initiative=initiative).user

    stories_services.update_story(
        story,
        co_member,
        story_data(
            title="Honderd en één reparaties",
            visibility=Visibility.SHARED,
            photos=[(big_photo("c.jpg"), "Derde")],
            remove_photos=[first.pk],
        ),
    )

    story.refresh_from_db()
    assert story.title == "Honderd en één reparaties"
    assert story.visibility == Visibility.SHARED
    assert story.author == member  # who wrote it stays who wrote it
    assert [photo.description for photo in story.photos.all()] == ["Tweede", "Derde"]
    written, changed = history(story)
    assert (written.history_type, changed.history_type) == ("+", "~")
    assert changed.history_user == co_member
    assert written.title == "Honderd reparaties"


def test_removing_photos_of_another_story_does_nothing(initiative, member):
    story = stories_services.write_story(initiative, member, story_data())
    other = StoryFactory()
    theirs = StoryPhoto.objects.create(story=other, photo="verhalen/2026/hun.jpg")

    stories_services.update_story(story, member, story_data(remove_photos=[theirs.pk]))

    assert StoryPhoto.objects.filter(pk=theirs.pk).exists()


def test_editing_cannot_go_beyond_max_photos(initiative, member):
    photos = [(upload(phone_jpeg((40, 30)), f"{n}.jpg"), "") for n in range(MAX_PHOTOS)]
    story = stories_services.write_story(initiative, member, story_data(photos=photos))

    with pytest.raises(ValidationError):
        stories_services.update_story(
            story,
            member,
            story_data(title="Nieuw", photos=[(big_photo(), "")]),
        )

    story.refresh_from_db()
    assert story.title == "Honderd reparaties"
    assert story.photos.count() == MAX_PHOTOS
    assert len(history(story)) == 1

    # Room is made by removing one first, in the same change.
    stories_services.update_story(
        story,
        member,
        story_data(photos=[(big_photo(), "")], remove_photos=[story.photos.first().pk]),
    )
    assert story.photos.count() == MAX_PHOTOS


def test_an_emptied_story_is_refused_and_left_as_it_was(initiative, member):
    story = stories_services.write_story(initiative, member, story_data())

    with pytest.raises(ValidationError):
        stories_services.update_story(story, member, story_data(text="  "))

    story.refresh_from_db()
    assert story.text.startswith("Vandaag")


@pytest.mark.parametrize("who", ["staff", "admin", "resident"])
def test_staff_never_edit_a_story(initiative, member, who):
    story = stories_services.write_story(initiative, member, story_data())
    traits = {who: True} if who != "resident" else {}

    with pytest.raises(PermissionDenied):
        stories_services.update_story(story, UserFactory(**traits), story_data(title="Anders"))

    story.refresh_from_db()
    assert story.title == "Honderd reparaties"


# --- A staff reaction -------------------------------------------------------------------


def test_staff_react_with_a_note_shared_with_the_initiative(initiative, member, staff):
    story = stories_services.write_story(
        initiative, member, story_data(visibility=Visibility.SHARED)
    )

    note = stories_services.react_to_story(
        story, staff, "  Mooi om te lezen! Mogen we het delen?  "
    )

    assert note.story == story
    assert note.initiative == initiative
    assert note.author == staff
    assert note.visibility == Visibility.SHARED
    assert note.text == "Mooi om te lezen! Mogen we het delen?"
    assert list(story.reactions.all()) == [note]
    # The members read it; the story itself is untouched.
    assert access.can_view(member, note)
    assert len(history(story)) == 1
    assert note.history.get().history_user == staff


@pytest.mark.parametrize("who", ["member", "resident", "council"])
def test_only_staff_react(initiative, member, who):
    story = stories_services.write_story(initiative, member, story_data())
    user = member if who == "member" else UserFactory(**({who: True} if who == "council" else {}))

    with pytest.raises(PermissionDenied):
        stories_services.react_to_story(story, user, "Goed zo")

    assert not StaffNote.objects.exists()


def test_an_empty_reaction_is_refused(initiative, member, staff):
    story = stories_services.write_story(initiative, member, story_data())

    with pytest.raises(ValidationError):
        stories_services.react_to_story(story, staff, "   ")

    assert not StaffNote.objects.exists()


# --- Reporting an obstacle --------------------------------------------------------------


def test_a_member_reports_an_obstacle_in_one_history_entry(initiative, member, staff):
    conversation = conversation_about(initiative, staff)
    department = DepartmentFactory(name="Economie en vrije tijd")

    obstacle = obstacles_services.report_obstacle(
        initiative,
        member,
        obstacle_data(
            what_happened="  Het past niet in de subsidiecriteria.  ",
            department=department,
            organisation="Stichting Fonds",  # a department was chosen: this goes
            conversations=[conversation],
            visibility=Visibility.PUBLIC,
        ),
    )

    obstacle.refresh_from_db()
    assert obstacle.initiative == initiative
    assert obstacle.reported_by == member
    assert obstacle.what_happened == "Het past niet in de subsidiecriteria."
    assert obstacle.department == department
    assert obstacle.organisation == ""
    assert obstacle.happened_on == DAY
    assert obstacle.visibility == Visibility.PUBLIC
    assert obstacle.status == ObstacleStatus.REPORTED
    assert (obstacle.answer, obstacle.answered_by, obstacle.answered_at) == ("", None, None)
    assert list(obstacle.conversations.all()) == [conversation]
    [reported] = history(obstacle)
    assert reported.history_type == "+"
    assert reported.history_user == member
    assert reported.history_change_reason
    assert [row.conversation for row in reported.conversations.all()] == [conversation]


def test_another_organisation_is_kept_when_no_department_is_chosen(initiative, member):
    obstacle = obstacles_services.report_obstacle(
        initiative, member, obstacle_data(organisation="  Provincie  ")
    )

    assert obstacle.department is None
    assert obstacle.organisation == "Provincie"
    assert obstacle.visibility == Visibility.SHARED  # the default: staff only


def test_staff_report_on_an_initiatives_behalf(staff):
    tip = InitiativeFactory(status=InitiativeStatus.TIP)

    obstacle = obstacles_services.report_obstacle(tip, staff, obstacle_data())

    assert obstacle.reported_by == staff
    assert obstacle.initiative == tip
    assert access.can_edit_obstacle(staff, obstacle)


@pytest.mark.parametrize("who", ["resident", "other member", "council"])
def test_others_do_not_report(initiative, who):
    user = UserFactory(**({"council": True} if who == "council" else {}))
    if who == "other member":
        MembershipFactory(user=user)

    with pytest.raises(PermissionDenied):
        obstacles_services.report_obstacle(initiative, user, obstacle_data())

    assert not Obstacle.objects.exists()


@pytest.mark.parametrize(
    "changes",
    [
        {"what_happened": "   "},
        {"visibility": Visibility.INTERNAL},
        {"visibility": "openbaar"},
    ],
)
def test_bad_reports_are_refused(initiative, member, changes):
    with pytest.raises(ValidationError):
        obstacles_services.report_obstacle(initiative, member, obstacle_data(**changes))

    assert not Obstacle.objects.exists()


def test_from_form_takes_what_the_form_cleaned(initiative, member):
    cleaned = {
        "what_happened": "Kom over een jaar terug, zeiden ze.",
        "category": obstacle_category("kom-over-een-jaar-nog-eens-terug"),
        "happened_on": DAY,
        "visibility": Visibility.PUBLIC,
        "department": None,
        "organisation": "Provincie",
        "conversations": [],
        "something_else": "ignored",
    }

    obstacle = obstacles_services.report_obstacle(
        initiative, member, obstacles_services.ObstacleData.from_form(cleaned)
    )

    assert obstacle.category.slug == "kom-over-een-jaar-nog-eens-terug"
    assert obstacle.organisation == "Provincie"


# --- Keeping an obstacle up to date -----------------------------------------------------


def test_a_member_changes_the_report_in_one_more_history_entry(initiative, member, staff):
    obstacle = obstacles_services.report_obstacle(initiative, member, obstacle_data())
    conversation = conversation_about(initiative, staff)

    obstacles_services.update_obstacle(
        obstacle,
        member,
        obstacle_data(
            what_happened="Eerst het formulier, zeiden ze.",
            category=obstacle_category("vul-eerst-maar-eens-het-formulier-in"),
            conversations=[conversation],
            visibility=Visibility.PUBLIC,
        ),
    )

    obstacle.refresh_from_db()
    assert obstacle.what_happened == "Eerst het formulier, zeiden ze."
    assert obstacle.category.slug == "vul-eerst-maar-eens-het-formulier-in"
    assert obstacle.visibility == Visibility.PUBLIC
    assert obstacle.reported_by == member
    reported, changed = history(obstacle)
    assert (reported.history_type, changed.history_type) == ("+", "~")
    assert reported.what_happened.startswith("We vroegen")
    assert [row.conversation for row in changed.conversations.all()] == [conversation]
    assert not reported.conversations.exists()


@pytest.mark.parametrize("who", ["staff", "admin", "resident"])
def test_others_do_not_change_what_an_initiative_reported(initiative, member, who):
    obstacle = obstacles_services.report_obstacle(initiative, member, obstacle_data())
    user = UserFactory(**({who: True} if who != "resident" else {}))

    with pytest.raises(PermissionDenied):
        obstacles_services.update_obstacle(obstacle, user, obstacle_data(what_happened="Anders"))

    obstacle.refresh_from_db()
    assert obstacle.what_happened.startswith("We vroegen")


def test_an_emptied_report_is_refused(initiative, member):
    obstacle = obstacles_services.report_obstacle(initiative, member, obstacle_data())

    with pytest.raises(ValidationError):
        obstacles_services.update_obstacle(obstacle, member, obstacle_data(what_happened=""))

    obstacle.refresh_from_db()
    assert obstacle.what_happened.startswith("We vroegen")


# --- The municipality's answer ----------------------------------------------------------


@pytest.mark.parametrize("status", ObstacleStatus.values)
def test_staff_answer_beside_the_report(initiative, member, staff, status):
    obstacle = obstacles_services.report_obstacle(initiative, member, obstacle_data())

    obstacles_services.answer_obstacle(
        obstacle, staff, status=status, answer="  We kijken naar een andere regeling.  "
    )

    obstacle.refresh_from_db()
    assert obstacle.status == status
    assert obstacle.answer == "We kijken naar een andere regeling."
    assert obstacle.answered_by == staff
    assert obstacle.answered_at is not None
    # The report itself is the initiative's and stays as it was.
    assert obstacle.what_happened == obstacle_data().what_happened
    assert obstacle.reported_by == member
    _reported, answered = history(obstacle)
    assert answered.history_user == staff
    assert answered.history_type == "~"


def test_changing_only_the_status_keeps_who_answered(initiative, member, staff):
    obstacle = obstacles_services.report_obstacle(initiative, member, obstacle_data())
    obstacles_services.answer_obstacle(
        obstacle, staff, status=ObstacleStatus.LOOKING, answer="We kijken."
    )
    answered_at = Obstacle.objects.get().answered_at
    colleague = UserFactory(staff=True)

    obstacles_services.answer_obstacle(
        obstacle, colleague, status=ObstacleStatus.SOLVED, answer=" We kijken. "
    )

    obstacle.refresh_from_db()
    assert obstacle.status == ObstacleStatus.SOLVED
    assert (obstacle.answered_by, obstacle.answered_at) == (staff, answered_at)


@pytest.mark.parametrize("status", ["", "closed", "rejected"])
def test_a_status_that_does_not_exist_is_refused(initiative, member, staff, status):
    obstacle = obstacles_services.report_obstacle(initiative, member, obstacle_data())

    with pytest.raises(ValidationError):
        obstacles_services.answer_obstacle(obstacle, staff, status=status, answer="Opgelost.")

    obstacle.refresh_from_db()
    assert obstacle.status == ObstacleStatus.REPORTED
    assert obstacle.answer == ""


@pytest.mark.parametrize("who", ["member", "resident", "council"])
def test_only_staff_answer(initiative, member, who):
    obstacle = ObstacleFactory(initiative=initiative, reported_by=member)
    user = member if who == "member" else UserFactory(**({who: True} if who == "council" else {}))

    with pytest.raises(PermissionDenied):
        obstacles_services.answer_obstacle(
            obstacle, user, status=ObstacleStatus.SOLVED, answer="Klaar."
        )

    obstacle.refresh_from_db()
    assert obstacle.status == ObstacleStatus.REPORTED
