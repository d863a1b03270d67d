"""The visibility rules: every role, status, visibility and membership; both faces agree."""

import pytest
from django.contrib.auth.models import AnonymousUser

from initiatives.models import Initiative, Invitation, JoinRequest, Membership, StaffNote
from kompas import access
from kompas.choices import InitiativeStatus, Visibility
from tests.factories import (
    InitiativeFactory,
    KernFactory,
    MembershipFactory,
    StaffNoteFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

# Who looks: a resident who is a member of every initiative below, and everyone else.
VIEWERS = ["anonymous", "resident", "member", "staff", "council", "admin"]

# (status, was it ever on the public map?) → who sees the initiative.
INITIATIVE_CASES = {
    (InitiativeStatus.TIP, False): {"member", "staff", "admin"},
    (InitiativeStatus.KNOWN, False): {"member", "staff", "admin"},
    (InitiativeStatus.PUBLIC, True): set(VIEWERS),
    (InitiativeStatus.ENDED, True): set(VIEWERS),
    (InitiativeStatus.ENDED, False): {"member", "staff", "admin"},
}

# Note visibility → who reads it (the initiative is public, so only the note's rule counts).
NOTE_CASES = {
    Visibility.SHARED: {"member", "staff", "admin"},
    Visibility.INTERNAL: {"staff", "admin"},
}


def viewer(kind: str, initiative=None):
    if kind == "anonymous":
        return AnonymousUser()
    if kind == "member":
        user = UserFactory(email="lid@example.org")
        if initiative is not None:
            MembershipFactory(user=user, initiative=initiative)
        return user
    traits = {kind: True} if kind in {"staff", "council", "admin"} else {}
    return UserFactory(email=f"{kind}@example.org", **traits)


def both_faces(model, user, obj) -> tuple[bool, bool]:
    in_list = model.objects.visible_to(user).filter(pk=obj.pk).exists()
    return in_list, access.can_view(user, obj)


@pytest.mark.parametrize("who", VIEWERS)
@pytest.mark.parametrize(("status", "was_public"), list(INITIATIVE_CASES))
def test_initiative_visibility(who, status, was_public):
    initiative = InitiativeFactory(status=status)
    if was_public:
        initiative.published_at = initiative.created_at
        initiative.save()
    # A co-member and a stranger's membership must not change what others see.
    MembershipFactory(initiative=initiative)
    user = viewer(who, initiative)

    in_list, per_object = both_faces(Initiative, user, initiative)

    assert in_list == per_object, "the list and the object must agree"
    assert in_list == (who in INITIATIVE_CASES[(status, was_public)])


@pytest.mark.parametrize("who", VIEWERS)
@pytest.mark.parametrize("visibility", list(NOTE_CASES))
def test_staff_note_visibility(who, visibility):
    note = StaffNoteFactory(visibility=visibility)
    user = viewer(who, note.initiative)

    in_list, per_object = both_faces(StaffNote, user, note)

    assert in_list == per_object
    assert in_list == (who in NOTE_CASES[visibility])


def test_a_member_reads_the_shared_notes_of_their_own_initiative_only():
    mine, other = InitiativeFactory(), InitiativeFactory()
    member = UserFactory()
    MembershipFactory(user=member, initiative=mine)
    own_note = StaffNoteFactory(initiative=mine)
    other_note = StaffNoteFactory(initiative=other)

    visible = set(StaffNote.objects.visible_to(member))

    assert own_note in visible
    assert other_note not in visible


@pytest.mark.parametrize("who", VIEWERS)
def test_memberships_are_known_to_staff_the_person_and_co_members(who):
    initiative = InitiativeFactory()
    someone = MembershipFactory(initiative=initiative)
    user = viewer(who, initiative)

    in_list, per_object = both_faces(Membership, user, someone)

    assert in_list == per_object
    assert in_list == (who in {"member", "staff", "admin"})


def test_visible_to_returns_each_initiative_once_whatever_the_number_of_members():
    initiative = InitiativeFactory(status=InitiativeStatus.PUBLIC)
    member = UserFactory()
    MembershipFactory(user=member, initiative=initiative)
    for _ in range(3):
        MembershipFactory(initiative=initiative)

    assert list(Initiative.objects.visible_to(member)) == [initiative]


def test_kernen_are_public():
    kern = KernFactory()
    for who in ("anonymous", "resident", "council"):
        assert access.can_view(viewer(who), kern)


def test_an_inactive_account_has_no_role():
    staff = UserFactory(staff=True, is_active=False)
    tip = InitiativeFactory(status=InitiativeStatus.TIP)

    assert not access.is_staff(staff)
    assert not access.can_view(staff, tip)


@pytest.mark.parametrize(
    ("who", "has_members", "may_edit"),
    [
        ("member", True, True),
        ("staff", True, False),
        ("staff", False, True),
        ("resident", False, False),
        ("council", False, False),
        ("anonymous", False, False),
    ],
)
def test_who_may_edit_an_initiative(who, has_members, may_edit):
    initiative = InitiativeFactory(status=InitiativeStatus.PUBLIC)
    user = viewer(who, initiative if who == "member" else None)
    if has_members and who != "member":
        MembershipFactory(initiative=initiative)

    assert access.can_edit_initiative(user, initiative) is may_edit


def test_only_a_member_may_put_an_initiative_on_the_public_map():
    initiative = InitiativeFactory(status=InitiativeStatus.KNOWN)
    member = viewer("member", initiative)

    assert access.can_publish_initiative(member, initiative)
    assert not access.can_publish_initiative(viewer("staff"), initiative)
    assert not access.can_publish_initiative(viewer("admin"), initiative)


def test_the_role_decides_who_enters_the_django_admin():
    admin = UserFactory(admin=True)
    staff = UserFactory(staff=True)

    assert admin.is_staff and admin.is_superuser
    assert not staff.is_staff and not staff.is_superuser


@pytest.mark.parametrize("who", VIEWERS)
def test_invitations_are_known_to_staff_the_members_and_the_person_invited(who):
    initiative = InitiativeFactory()
    user = viewer(who, initiative)
    invited = Invitation.objects.create(initiative=initiative, email="uitgenodigd@example.org")
    to_this_viewer = Invitation.objects.create(
        initiative=InitiativeFactory(), email=getattr(user, "email", "") or "niemand@example.org"
    )

    in_list, per_object = both_faces(Invitation, user, invited)
    assert in_list == per_object
    assert in_list == (who in {"member", "staff", "admin"})
    # Whoever signs in with the invited address sees the invitation addressed to them.
    assert access.can_view(user, to_this_viewer) == (who not in {"anonymous", "council"})


@pytest.mark.parametrize("who", VIEWERS)
def test_requests_to_join_are_known_to_staff_and_the_person_who_asked(who):
    initiative = InitiativeFactory()
    user = viewer(who, initiative)
    someone_elses = JoinRequest.objects.create(initiative=initiative, user=UserFactory())

    in_list, per_object = both_faces(JoinRequest, user, someone_elses)
    assert in_list == per_object
    assert in_list == (who in {"staff", "admin"})
    if who not in {"anonymous"}:
        own = JoinRequest.objects.create(initiative=InitiativeFactory(), user=user)
        assert access.can_view(user, own)


# --- The viewer of a request ----------------------------------------------------------

INITIATIVE_QUESTIONS = [
    access.is_member,
    access.can_view,
    access.can_edit_initiative,
    access.can_publish_initiative,
    access.status_changes,
    access.can_see_contact,
    access.can_see_publication,
    access.can_invite_members,
    access.can_ask_to_join,
    access.can_propose_connection,
    access.can_see_matches,
    access.can_nominate_for,
    access.can_write_story,
    access.can_report_obstacle,
]


@pytest.mark.parametrize("who", VIEWERS)
@pytest.mark.parametrize("status", [InitiativeStatus.TIP, InitiativeStatus.PUBLIC])
@pytest.mark.parametrize("with_members", [False, True])
def test_a_viewer_answers_as_its_user_does(who, status, with_members):
    initiative = InitiativeFactory(status=status)
    if with_members:
        MembershipFactory(initiative=initiative)
    user = viewer(who, initiative)
    fetched = access.Viewer(user)
    found = (
        access.get_initiative_or_404(Initiative.objects.all(), fetched, pk=initiative.pk)
        if access.can_view(user, initiative)
        else None
    )

    for question in INITIATIVE_QUESTIONS:
        answer = question(user, initiative)
        assert question(access.Viewer(user), initiative) == answer, question.__name__
        if found is not None:
            assert question(fetched, found) == answer, question.__name__
    for model in (Initiative, Membership, StaffNote, Invitation, JoinRequest):
        assert access.visible_q(model, access.Viewer(user)) == access.visible_q(model, user)


def test_a_viewer_asks_for_its_memberships_once(django_assert_num_queries):
    member = UserFactory()
    own, other = InitiativeFactory(), InitiativeFactory()
    MembershipFactory(initiative=own, user=member)
    looking = access.Viewer(member)

    with django_assert_num_queries(1):
        for _ in range(3):
            assert access.is_member(looking, own)
            assert not access.is_member(looking, other)
            assert access.can_write_story(looking, own)
            assert access.can_see_publication(looking, own)


def test_a_user_is_asked_afresh_each_time():
    """Services and tests pass the user: what changed since is seen at once."""
    resident, initiative = UserFactory(), InitiativeFactory()
    assert not access.is_member(resident, initiative)

    MembershipFactory(initiative=initiative, user=resident)

    assert access.is_member(resident, initiative)


def test_the_viewer_of_a_request_is_made_once_and_again_after_signing_in(rf):
    request = rf.get("/")
    request.user = AnonymousUser()
    first = access.viewer_for(request)
    assert access.viewer_for(request) is first
    assert not access.is_signed_in(first)

    request.user = UserFactory()

    assert access.viewer_for(request) is not first
    assert access.is_signed_in(access.viewer_for(request))
