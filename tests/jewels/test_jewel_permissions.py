"""Who sees and may do what with crown jewels, appreciations and reports: every role, both
faces of each rule agree (``visible_to`` for lists, ``can_view`` for one object)."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from jewels.models import Appreciation, CrownJewel
from kompas import access
from kompas.choices import GiftConsent
from moderation.models import Report
from tests.factories import AppreciationFactory, CrownJewelFactory, UserFactory, jewel_category

pytestmark = pytest.mark.django_db

# Who looks: the nominator of the jewel (a resident), the author of the appreciation (a
# resident), another resident, and everyone else.
VIEWERS = ["anonymous", "resident", "nominator", "author", "staff", "council", "admin"]
EVERYONE = set(VIEWERS)
SIGNED_IN = EVERYONE - {"anonymous"}
STAFF = {"staff", "admin"}

# How a jewel stands → who sees it.
JEWEL_CASES = {
    "ordinary": EVERYONE,
    "hidden": STAFF | {"nominator"},
    "gift asked": STAFF | {"nominator"},
    "gift given": EVERYONE,
    "gift refused": STAFF | {"nominator"},
    "gift withdrawn": STAFF | {"nominator"},
    "hidden gift given": STAFF | {"nominator"},
    # Moved to another category before the person answered: still waits for them, or for
    # a staff member who looked at it.
    "former gift asked": STAFF | {"nominator"},
}

# How an appreciation stands → who sees it.
APPRECIATION_CASES = {
    "ordinary": EVERYONE,
    "hidden": STAFF | {"author"},
    "under a hidden jewel": STAFF | {"author", "nominator"},
    "under a gift asked": STAFF | {"author", "nominator"},
    "under a gift withdrawn": STAFF | {"author", "nominator"},
    "under a gift given": EVERYONE,
}


def viewer(kind: str):
    if kind == "anonymous":
        return AnonymousUser()
    traits = {kind: True} if kind in {"staff", "council", "admin"} else {}
    return UserFactory(email=f"{kind}@example.org", **traits)


def make_jewel(case: str) -> CrownJewel:
    nominator = UserFactory(email="nominator@example.org")
    hidden_at = timezone.now() if case.startswith("hidden") else None
    if "gift" not in case:
        return CrownJewelFactory(nominated_by=nominator, hidden_at=hidden_at)
    consent = {
        "asked": GiftConsent.ASKED,
        "given": GiftConsent.GIVEN,
        "refused": GiftConsent.REFUSED,
        "withdrawn": GiftConsent.WITHDRAWN,
    }[case.split()[-1]]
    return CrownJewelFactory(
        nominated_by=nominator,
        hidden_at=hidden_at,
        category=jewel_category("plek" if case.startswith("former") else "gave-van-mensen"),
        person_email="gever@example.org",
        consent=consent,
        consent_token="token-" + consent,
    )


def make_appreciation(case: str) -> Appreciation:
    author = UserFactory(email="author@example.org")
    jewel_case = {
        "under a hidden jewel": "hidden",
        "under a gift asked": "gift asked",
        "under a gift withdrawn": "gift withdrawn",
        "under a gift given": "gift given",
    }.get(case, "ordinary")
    return AppreciationFactory(
        jewel=make_jewel(jewel_case),
        author=author,
        hidden_at=timezone.now() if case == "hidden" else None,
    )


def both_faces(model, user, obj) -> bool:
    in_list = model.objects.visible_to(user).filter(pk=obj.pk).exists()
    per_object = access.can_view(user, obj)
    assert in_list == per_object, "the list and the object must agree"
    return in_list


def role_of(who: str):
    """The user for a viewer kind, reusing the nominator and author the objects made."""
    if who in {"nominator", "author"}:
        return UserFactory(email=f"{who}@example.org")  # get_or_create on the email
    return viewer(who)


# --- Visibility ---------------------------------------------------------------------------


@pytest.mark.parametrize("who", VIEWERS)
@pytest.mark.parametrize("case", list(JEWEL_CASES))
def test_jewel_visibility(who, case):
    jewel = make_jewel(case)
    CrownJewelFactory()  # someone else's jewel changes nothing
    user = role_of(who)

    assert both_faces(CrownJewel, user, jewel) == (who in JEWEL_CASES[case])


@pytest.mark.parametrize("who", VIEWERS)
@pytest.mark.parametrize("case", list(APPRECIATION_CASES))
def test_appreciation_visibility(who, case):
    appreciation = make_appreciation(case)
    user = role_of(who)

    assert both_faces(Appreciation, user, appreciation) == (who in APPRECIATION_CASES[case])


def test_visible_to_keeps_each_jewel_once():
    nominator = UserFactory()
    jewel = CrownJewelFactory(nominated_by=nominator)
    AppreciationFactory.create_batch(3, jewel=jewel)

    assert list(CrownJewel.objects.visible_to(nominator)) == [jewel]
    assert list(CrownJewel.objects.visible_to(AnonymousUser())) == [jewel]


@pytest.mark.parametrize("who", VIEWERS)
def test_reports_are_for_moderators_only(who):
    jewel = make_jewel("ordinary")
    report = Report.objects.create(
        content_type=ContentType.objects.get_for_model(jewel),
        object_id=jewel.pk,
        reporter_key="someone",
    )
    user = role_of(who)

    assert both_faces(Report, user, report) == (who == "admin")
    assert access.can_moderate(user) == (who == "admin")


@pytest.mark.parametrize("who", VIEWERS)
def test_the_categories_are_public(who):
    category = jewel_category("gave-van-mensen")

    assert both_faces(type(category), role_of(who), category)


def test_an_inactive_nominator_no_longer_sees_their_hidden_jewel():
    jewel = make_jewel("gift asked")
    nominator = jewel.nominated_by
    nominator.is_active = False
    nominator.save()

    assert not both_faces(CrownJewel, nominator, jewel)


# --- What each role may do -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("who", "may"),
    [(who, who in {"resident", "nominator", "author", "staff", "admin"}) for who in VIEWERS],
)
def test_who_may_nominate(who, may):
    assert access.can_nominate_jewel(role_of(who)) is may


# case → who may edit (and see the history of) the jewel.
EDIT_CASES = {
    "ordinary": STAFF | {"nominator"},
    "hidden": STAFF | {"nominator"},
    "gift asked": STAFF | {"nominator"},
    "gift refused": STAFF | {"nominator"},
    "gift given": STAFF | {"nominator"},
}


@pytest.mark.parametrize("who", VIEWERS)
@pytest.mark.parametrize("case", list(EDIT_CASES))
def test_who_may_edit_a_jewel_and_read_its_history(who, case):
    jewel = make_jewel(case)
    user = role_of(who)

    assert access.can_edit_jewel(user, jewel) is (who in EDIT_CASES[case])
    assert access.can_see_jewel_history(user, jewel) is (who in EDIT_CASES[case])


@pytest.mark.parametrize("who", VIEWERS)
@pytest.mark.parametrize("case", ["gift asked", "gift given", "gift refused", "ordinary"])
def test_whom_a_gift_is_about_is_known_to_the_nominator_and_staff(who, case):
    jewel = make_jewel(case)

    assert access.can_see_gift_consent(role_of(who), jewel) is (who in STAFF | {"nominator"})


# case → who may add an appreciation: signed in, and the jewel shown to everyone.
APPRECIATE_CASES = {
    "ordinary": SIGNED_IN,
    "gift given": SIGNED_IN,
    "hidden": set(),
    "gift asked": set(),
    "gift refused": set(),
    "gift withdrawn": set(),
    "hidden gift given": set(),
    "former gift asked": set(),
}


@pytest.mark.parametrize("who", VIEWERS)
@pytest.mark.parametrize("case", list(APPRECIATE_CASES))
def test_who_may_appreciate(who, case):
    jewel = make_jewel(case)

    assert access.can_appreciate(role_of(who), jewel) is (who in APPRECIATE_CASES[case])


# case → who may report the jewel: whoever sees it, as long as it is not hidden yet.
REPORT_CASES = {
    "ordinary": EVERYONE,
    "gift given": EVERYONE,
    "gift asked": STAFF | {"nominator"},
    "hidden": set(),
    "hidden gift given": set(),
}


@pytest.mark.parametrize("who", VIEWERS)
@pytest.mark.parametrize("case", list(REPORT_CASES))
def test_who_may_report_a_jewel(who, case):
    jewel = make_jewel(case)

    assert access.can_report(role_of(who), jewel) is (who in REPORT_CASES[case])


@pytest.mark.parametrize("who", VIEWERS)
@pytest.mark.parametrize(
    ("case", "expected"),
    [("ordinary", EVERYONE), ("hidden", set()), ("under a hidden jewel", set())],
)
def test_who_may_report_an_appreciation(who, case, expected):
    appreciation = make_appreciation(case)
    # The author may still see (and so report) their own words under a hidden jewel; the
    # point is that nobody else can.
    if case == "under a hidden jewel":
        expected = STAFF | {"author", "nominator"}

    assert access.can_report(role_of(who), appreciation) is (who in expected)


# case → who is told "hidden for now, a moderator will look" instead of a missing page.
WAITING_CASES = {
    "ordinary": set(),
    "gift given": set(),
    "hidden": EVERYONE,
    "hidden gift given": EVERYONE,
}


@pytest.mark.parametrize("who", VIEWERS)
@pytest.mark.parametrize("case", list(WAITING_CASES))
def test_who_is_told_a_jewel_waits_for_a_moderator(who, case):
    jewel = make_jewel(case)

    assert access.waits_for_moderator(role_of(who), jewel) is (who in WAITING_CASES[case])


@pytest.mark.parametrize("who", VIEWERS)
def test_a_hidden_gift_without_consent_stays_unknown_except_to_nominator_and_staff(who):
    jewel = make_jewel("gift asked")
    jewel.hidden_at = timezone.now()
    jewel.save()

    assert access.waits_for_moderator(role_of(who), jewel) is (who in STAFF | {"nominator"})


@pytest.mark.parametrize("who", VIEWERS)
@pytest.mark.parametrize(
    ("case", "expected"),
    [
        ("ordinary", set()),
        ("hidden", EVERYONE),
        # Under a jewel the viewer cannot see, a hidden appreciation is simply not there.
        ("under a gift asked", set()),
    ],
)
def test_who_is_told_an_appreciation_waits_for_a_moderator(who, case, expected):
    appreciation = make_appreciation(case)
    if case == "under a gift asked":
        appreciation.hidden_at = timezone.now()
        appreciation.save()
        expected = STAFF | {"nominator"}

    assert access.waits_for_moderator(role_of(who), appreciation) is (who in expected)


# case → who may show a former gift to everyone after a look: staff, and only while it
# waits for that look; a gift that is still a gift waits for its person alone.
RELEASE_CASES = {
    "former gift asked": STAFF,
    "gift asked": set(),
    "gift refused": set(),
    "gift given": set(),
    "ordinary": set(),
}


@pytest.mark.parametrize("who", VIEWERS)
@pytest.mark.parametrize("case", list(RELEASE_CASES))
def test_who_may_release_a_former_gift(who, case):
    jewel = make_jewel(case)

    assert access.waits_for_staff_look(jewel) is (case == "former gift asked")
    assert access.can_release_former_gift(role_of(who), jewel) is (who in RELEASE_CASES[case])


def test_the_former_gifts_filter_and_the_object_agree():
    jewels = {case: make_jewel(case) for case in RELEASE_CASES}

    waiting = CrownJewel.objects.filter(access.former_gifts_waiting_q())

    assert list(waiting) == [jewels["former gift asked"]]
