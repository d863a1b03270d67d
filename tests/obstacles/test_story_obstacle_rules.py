"""Who sees and may do what with stories, their photos and obstacles: every role, both faces
of each rule agree (``visible_to`` for lists, ``can_view`` for one object).

A story or obstacle the initiative shared with staff only never reaches the public, the
council or the members of another initiative; a public one is public only while its
initiative is (or, once ended, was) on the public map."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from kompas import access
from kompas.choices import InitiativeStatus, Visibility
from obstacles.models import Obstacle, ObstacleCategory
from stories.models import Story, StoryPhoto
from tests.factories import (
    InitiativeFactory,
    MembershipFactory,
    ObstacleFactory,
    StoryFactory,
    UserFactory,
    obstacle_category,
)

pytestmark = pytest.mark.django_db

# Who looks: a resident with no initiative, a member of the initiative, a member of another
# initiative, and the other roles.
VIEWERS = ["anonymous", "resident", "member", "other member", "staff", "council", "admin"]
EVERYONE = set(VIEWERS)
STAFF = {"staff", "admin"}
INSIDE = STAFF | {"member"}

# How the initiative stands: on the public map now, known to staff only, a tip, ended after
# it was on the map, ended without ever being on it.
INITIATIVE_CASES = ["public", "known", "tip", "ended once public", "ended never public"]
ON_THE_MAP = {"public", "ended once public"}


def expected_viewers(visibility: str, initiative_case: str) -> set[str]:
    if visibility == Visibility.PUBLIC and initiative_case in ON_THE_MAP:
        return EVERYONE
    return INSIDE


def make_initiative(case: str):
    status = {
        "public": InitiativeStatus.PUBLIC,
        "known": InitiativeStatus.KNOWN,
        "tip": InitiativeStatus.TIP,
        "ended once public": InitiativeStatus.ENDED,
        "ended never public": InitiativeStatus.ENDED,
    }[case]
    published_at = timezone.now() if case in {"public", "ended once public"} else None
    initiative = InitiativeFactory(status=status, published_at=published_at)
    MembershipFactory(initiative=initiative, user=UserFactory(email="member@example.org"))
    # Another initiative, with a member of its own (and a story and an obstacle of its own).
    other = InitiativeFactory()
    MembershipFactory(initiative=other, user=UserFactory(email="other-member@example.org"))
    return initiative


def role_of(who: str):
    if who == "anonymous":
        return AnonymousUser()
    traits = {who: True} if who in {"staff", "council", "admin"} else {}
    return UserFactory(email=f"{who.replace(' ', '-')}@example.org", **traits)


def member_of(initiative):
    return initiative.memberships.get().user


def both_faces(model, user, obj) -> bool:
    in_list = model.objects.visible_to(user).filter(pk=obj.pk).exists()
    per_object = access.can_view(user, obj)
    assert in_list == per_object, "the list and the object must agree"
    return in_list


def make_story(visibility: str, initiative_case: str) -> Story:
    initiative = make_initiative(initiative_case)
    return StoryFactory(initiative=initiative, author=member_of(initiative), visibility=visibility)


def make_obstacle(visibility: str, initiative_case: str) -> Obstacle:
    initiative = make_initiative(initiative_case)
    return ObstacleFactory(
        initiative=initiative, reported_by=member_of(initiative), visibility=visibility
    )


VISIBILITIES = [Visibility.PUBLIC, Visibility.SHARED]


# --- Visibility -------------------------------------------------------------------------


@pytest.mark.parametrize("who", VIEWERS)
@pytest.mark.parametrize("initiative_case", INITIATIVE_CASES)
@pytest.mark.parametrize("visibility", VISIBILITIES)
def test_story_visibility(who, initiative_case, visibility):
    story = make_story(visibility, initiative_case)
    photo = StoryPhoto.objects.create(story=story, photo="verhalen/2026/foto.jpg")
    user = role_of(who)

    expected = who in expected_viewers(visibility, initiative_case)
    assert both_faces(Story, user, story) is expected
    assert both_faces(StoryPhoto, user, photo) is expected


@pytest.mark.parametrize("who", VIEWERS)
@pytest.mark.parametrize("initiative_case", INITIATIVE_CASES)
@pytest.mark.parametrize("visibility", VISIBILITIES)
def test_obstacle_visibility(who, initiative_case, visibility):
    obstacle = make_obstacle(visibility, initiative_case)
    user = role_of(who)

    assert both_faces(Obstacle, user, obstacle) is (
        who in expected_viewers(visibility, initiative_case)
    )


def test_the_other_initiatives_shared_story_stays_with_its_own_members():
    initiative = make_initiative("public")
    other = InitiativeFactory()
    MembershipFactory(initiative=other, user=UserFactory(email="other-member@example.org"))
    own = StoryFactory(initiative=initiative, visibility=Visibility.SHARED)
    theirs = StoryFactory(initiative=other, visibility=Visibility.SHARED)
    member = role_of("member")

    assert list(Story.objects.visible_to(member)) == [own]
    assert both_faces(Story, role_of("other member"), theirs)


def test_visible_to_keeps_each_row_once():
    initiative = make_initiative("public")
    MembershipFactory.create_batch(3, initiative=initiative)
    member = role_of("member")
    story = StoryFactory(initiative=initiative, author=member)
    StoryPhoto.objects.create(story=story, photo="verhalen/2026/een.jpg")
    obstacle = ObstacleFactory(initiative=initiative, reported_by=member)

    for user in (member, AnonymousUser(), role_of("staff")):
        assert list(Story.objects.visible_to(user)) == [story]
        assert StoryPhoto.objects.visible_to(user).count() == 1
        assert list(Obstacle.objects.visible_to(user)) == [obstacle]


def test_a_member_who_left_no_longer_sees_the_shared_ones():
    story = make_story(Visibility.SHARED, "public")
    obstacle = make_obstacle(Visibility.SHARED, "known")
    member = role_of("member")
    story.initiative.memberships.all().delete()
    obstacle.initiative.memberships.all().delete()

    assert not both_faces(Story, member, story)
    assert not both_faces(Obstacle, member, obstacle)


def test_an_inactive_member_sees_what_the_public_sees():
    story = make_story(Visibility.SHARED, "public")
    member = role_of("member")
    member.is_active = False
    member.save()

    assert not both_faces(Story, member, story)
    assert not access.can_write_story(member, story.initiative)
    assert not access.can_report_obstacle(member, story.initiative)


@pytest.mark.parametrize("who", VIEWERS)
def test_the_kinds_of_obstacle_are_public(who):
    category = obstacle_category("anders")

    assert both_faces(ObstacleCategory, role_of(who), category)


# --- What each role may do --------------------------------------------------------------


@pytest.mark.parametrize("who", VIEWERS)
@pytest.mark.parametrize("initiative_case", ["public", "known", "ended once public"])
def test_only_members_write_and_edit_stories(who, initiative_case):
    story = make_story(Visibility.PUBLIC, initiative_case)
    user = role_of(who)

    assert access.can_write_story(user, story.initiative) is (who == "member")
    # Staff never edit a story, not even an administrator.
    assert access.can_edit_story(user, story) is (who == "member")


@pytest.mark.parametrize("who", VIEWERS)
@pytest.mark.parametrize("visibility", VISIBILITIES)
def test_staff_react_to_stories(who, visibility):
    story = make_story(visibility, "known")

    assert access.can_react_to_story(role_of(who), story) is (who in STAFF)


@pytest.mark.parametrize("who", VIEWERS)
@pytest.mark.parametrize("initiative_case", ["public", "known", "tip"])
def test_members_report_obstacles_and_staff_on_their_behalf(who, initiative_case):
    initiative = make_initiative(initiative_case)

    assert access.can_report_obstacle(role_of(who), initiative) is (who in INSIDE)


@pytest.mark.parametrize("who", VIEWERS)
def test_staff_report_for_an_initiative_without_members(who):
    initiative = InitiativeFactory(status=InitiativeStatus.TIP)

    assert access.can_report_obstacle(role_of(who), initiative) is (who in STAFF)


@pytest.mark.parametrize("who", VIEWERS)
def test_members_edit_what_their_initiative_reported(who):
    obstacle = make_obstacle(Visibility.SHARED, "public")

    # Staff answer beside the report; they do not change the initiative's words.
    assert access.can_edit_obstacle(role_of(who), obstacle) is (who == "member")


@pytest.mark.parametrize("who", VIEWERS)
def test_the_staff_member_who_wrote_it_down_edits_it_too(who):
    initiative = make_initiative("known")
    obstacle = ObstacleFactory(
        initiative=initiative, reported_by=role_of("staff"), visibility=Visibility.SHARED
    )

    assert access.can_edit_obstacle(role_of(who), obstacle) is (who in {"member", "staff"})


@pytest.mark.parametrize("who", VIEWERS)
@pytest.mark.parametrize("visibility", VISIBILITIES)
def test_staff_answer_obstacles(who, visibility):
    obstacle = make_obstacle(visibility, "public")

    assert access.can_answer_obstacle(role_of(who), obstacle) is (who in STAFF)
