"""load_demo's stories and obstacles: stories by several initiatives in their own words,
some with a photo, two shared with staff only, reactions beside them; obstacles in nearly
every kind over the last year, some answered with every status, one linked to the
conversation it came up in; no email, nothing twice."""

import re
from datetime import timedelta

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core import mail
from django.utils import timezone

from accounts.models import Department
from demo.context import DemoContext, DemoSize
from demo.stories import OBSTACLES, STORIES, add_obstacles
from initiatives.models import StaffNote
from kompas.choices import ObstacleStatus, Role, Visibility
from kompas.words import AVOIDED_WORDS, OBSTACLE_CATEGORIES
from obstacles.models import Obstacle, ObstacleCategory
from stories.models import Story, StoryPhoto
from tests.demo_loading import load_demo

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo", "in_english")]

AVOIDED = re.compile("|".join(re.escape(word) for word in AVOIDED_WORDS), re.IGNORECASE)


def counts() -> dict[str, int]:
    return {
        "stories": Story.objects.count(),
        "story history": Story.history.count(),
        "photos": StoryPhoto.objects.count(),
        "reactions": StaffNote.objects.filter(story__isnull=False).count(),
        "obstacles": Obstacle.objects.count(),
        "obstacle history": Obstacle.history.count(),
        "categories": ObstacleCategory.objects.count(),
    }


# --- Stories ----------------------------------------------------------------------------


def test_stories_by_several_initiatives_written_by_their_members():
    stories = Story.objects.select_related("initiative", "author")

    assert stories.count() == len(STORIES)
    assert 8 <= stories.count() <= 12
    assert len({story.initiative_id for story in stories}) >= 8
    for story in stories:
        assert story.initiative.memberships.filter(user=story.author).exists()
        assert story.author.role == Role.RESIDENT
        assert story.history.get().history_type == "+"


def test_most_stories_are_public_and_one_or_two_are_shared():
    shared = Story.objects.filter(visibility=Visibility.SHARED)

    assert 1 <= shared.count() <= 2
    assert Story.objects.filter(visibility=Visibility.PUBLIC).count() > Story.objects.count() / 2
    public_to_all = Story.objects.visible_to(AnonymousUser())
    assert not public_to_all.filter(visibility=Visibility.SHARED).exists()
    assert public_to_all.count() >= 6


def test_stories_are_spread_over_the_year():
    today = timezone.localdate()
    dates = list(Story.objects.values_list("date", flat=True))

    assert all(today - timedelta(days=365) <= day <= today for day in dates)
    assert len(set(dates)) == len(dates)


def test_some_stories_have_a_photo_prepared_as_any_upload(demo, settings):
    settings.MEDIA_ROOT = demo.media
    photos = StoryPhoto.objects.all()

    assert photos.values("story").distinct().count() >= 3
    for photo in photos:
        assert photo.photo.name.startswith("verhalen/")
        assert photo.photo.name.endswith(".jpg")
        assert photo.description
        with photo.photo.open() as stored:
            assert stored.read(3) == b"\xff\xd8\xff"  # a JPEG


def test_a_colleague_reacts_beside_a_story():
    reactions = StaffNote.objects.filter(story__isnull=False).select_related("story", "author")

    assert reactions.count() >= 1
    for note in reactions:
        assert note.visibility == Visibility.SHARED
        assert note.initiative_id == note.story.initiative_id
        assert note.author.role == Role.STAFF
    assert reactions.filter(story__visibility=Visibility.SHARED).exists()


# --- Obstacles --------------------------------------------------------------------------


def test_obstacles_in_most_kinds():
    obstacles = Obstacle.objects.all()
    kinds = {obstacle.category_id for obstacle in obstacles}

    assert obstacles.count() == len(OBSTACLES)
    assert 15 <= obstacles.count() <= 20
    assert len(kinds) > len(OBSTACLE_CATEGORIES) * 3 / 4
    assert ObstacleCategory.objects.get(slug="anders").pk in kinds
    assert len({obstacle.initiative_id for obstacle in obstacles}) >= 12


def test_obstacles_over_the_last_twelve_months():
    today = timezone.localdate()
    days = sorted(
        (today - day).days for day in Obstacle.objects.values_list("happened_on", flat=True)
    )

    assert days[0] >= 0
    assert days[-1] <= 365
    months = {day // 30 for day in days}
    assert len(months) >= 8


def test_obstacles_in_demo_departments_and_other_organisations():
    obstacles = Obstacle.objects.all()
    demo_departments = set(Department.objects.values_list("pk", flat=True))

    with_department = obstacles.filter(department__isnull=False)
    assert with_department.values("department").distinct().count() >= 5
    assert set(with_department.values_list("department", flat=True)) <= demo_departments
    assert not with_department.exclude(organisation="").exists()
    assert obstacles.filter(department__isnull=True).exclude(organisation="").count() >= 3


def test_obstacles_are_public_and_shared():
    public = Obstacle.objects.filter(visibility=Visibility.PUBLIC)
    shared = Obstacle.objects.filter(visibility=Visibility.SHARED)

    assert public.count() >= 8
    assert shared.count() >= 3
    seen_by_all = Obstacle.objects.visible_to(AnonymousUser())
    assert not seen_by_all.filter(visibility=Visibility.SHARED).exists()
    assert seen_by_all.count() >= 8


def test_reported_by_members_and_once_by_staff_on_the_initiatives_behalf():
    obstacles = Obstacle.objects.select_related("initiative", "reported_by")

    by_staff = [obstacle for obstacle in obstacles if obstacle.reported_by.role == Role.STAFF]
    assert len(by_staff) >= 1
    for obstacle in obstacles:
        if obstacle.reported_by.role != Role.STAFF:
            assert obstacle.initiative.memberships.filter(user=obstacle.reported_by).exists()
        [reported, *_answered] = obstacle.history.order_by("history_date", "history_id")
        assert reported.history_type == "+"


def test_some_are_answered_with_every_status():
    obstacles = Obstacle.objects.all()

    assert set(obstacles.values_list("status", flat=True)) == set(ObstacleStatus.values)
    unanswered = obstacles.filter(status=ObstacleStatus.REPORTED)
    assert unanswered.exists()
    assert not unanswered.exclude(answer="").exists()
    answered = obstacles.exclude(status=ObstacleStatus.REPORTED)
    assert answered.count() >= 8
    for obstacle in answered.select_related("answered_by"):
        assert obstacle.answer
        assert obstacle.answered_by.role == Role.STAFF
        assert obstacle.answered_at is not None


def test_one_is_linked_to_the_conversation_it_came_up_in():
    linked = Obstacle.objects.filter(conversations__isnull=False).distinct()

    assert linked.count() >= 1
    for obstacle in linked:
        for conversation in obstacle.conversations.all():
            assert conversation.initiatives.filter(pk=obstacle.initiative_id).exists()


# --- Running it again -------------------------------------------------------------------


def test_no_email_is_sent(demo):
    assert demo.sent == []


def test_running_twice_makes_nothing_twice():
    first = counts()
    mail.outbox = []

    load_demo()

    assert counts() == first
    assert not mail.outbox


def test_the_kinds_of_obstacle_are_made_again_after_a_test_emptied_the_database():
    Obstacle.objects.all().delete()
    ObstacleCategory.objects.all().delete()

    add_obstacles(DemoContext(size=DemoSize.SMALL, password=""))

    assert ObstacleCategory.objects.count() == len(OBSTACLE_CATEGORIES)
    assert Obstacle.objects.count() == len(OBSTACLES)


def test_the_demo_texts_use_no_avoided_words():
    texts = [spec.title for spec in STORIES] + [spec.text for spec in STORIES]
    texts += [spec.reaction.text for spec in STORIES if spec.reaction]
    texts += [spec.photo.description for spec in STORIES if spec.photo]
    texts += [spec.what_happened for spec in OBSTACLES]
    texts += [spec.answer.text for spec in OBSTACLES if spec.answer]
    texts += [spec.organisation for spec in OBSTACLES]

    assert [text for text in texts if AVOIDED.search(text)] == []
