"""Demo steps: the residents, the hand-written initiatives and (large) thousands more.

The hand-written initiatives go through ``initiatives.services`` the way people would
put them there, so their history, memberships and search vectors are those of real use.
An initiative whose slug is already taken is left as it is: running the demo twice
changes nothing.
"""

from django.utils.translation import gettext as _

from accounts import services as accounts_services
from accounts.models import User
from demo.context import DemoContext, DemoSize
from demo.initiatives import INITIATIVES, RESIDENTS, STAFF_EMAIL, DemoInitiative
from demo.large import LARGE_COUNT, create_many_initiatives
from demo.scatter import KernScatter, scatters
from initiatives import services as initiatives_services
from initiatives.models import (
    Initiative,
    JoinRequest,
    JoinRequestStatus,
    Membership,
    MembershipRole,
)
from kompas.choices import InitiativeStatus, Role, Visibility
from places.models import Kern


def add_residents(context: DemoContext) -> None:
    """The residents who speak for the demo initiatives; they sign in with a code."""
    created = 0
    for resident in RESIDENTS:
        _user, is_new = accounts_services.ensure_account(
            resident.email, role=Role.RESIDENT, name=resident.name
        )
        created += is_new
    context.say(
        _("Residents who speak for an initiative: %(created)s created, %(total)s in the demo")
        % {"created": created, "total": len(RESIDENTS)}
    )


def add_initiatives(context: DemoContext) -> None:
    """Some sixty initiatives of every kind, status and ownership, in their own words."""
    staff = User.objects.get(email=STAFF_EMAIL)
    emails = {email for spec in INITIATIVES for email in _people_of(spec)}
    people = {user.email: user for user in User.objects.filter(email__in=emails)}
    places = scatters()
    taken = set(
        Initiative.objects.filter(slug__in=[spec.slug for spec in INITIATIVES]).values_list(
            "slug", flat=True
        )
    )
    created = 0
    for spec in INITIATIVES:
        if spec.slug in taken:
            continue
        initiative = _put_on_the_map(spec, places[spec.kern], staff, people)
        context.say(f"  {initiative.name} ({initiative.get_status_display()})", verbosity=2)
        created += 1
    context.say(
        _("Initiatives: %(created)s created, %(total)s in the demo")
        % {"created": created, "total": len(INITIATIVES)}
    )


def add_many_initiatives(context: DemoContext) -> None:
    """For benchmarks (``--size large``): ten thousand generated initiatives more."""
    if context.size != DemoSize.LARGE:
        return
    created = create_many_initiatives(LARGE_COUNT)
    context.say(
        _("Generated initiatives: %(created)s created, %(total)s in the demo")
        % {"created": created, "total": LARGE_COUNT}
    )


def _people_of(spec: DemoInitiative) -> list[str]:
    return [*spec.members, *(join.email for join in spec.joins)]


def _data(
    spec: DemoInitiative, kern: Kern, place: KernScatter
) -> initiatives_services.InitiativeData:
    return initiatives_services.InitiativeData(
        name=spec.name,
        kern=kern,
        location=place.point(spec.slug) if spec.on_map else None,
        place_description=spec.place_description,
        description=spec.description,
        kinds=list(spec.kinds),
        offers=list(spec.offers),
        offers_text=spec.offers_text,
        wishes=list(spec.wishes),
        wishes_text=spec.wishes_text,
        ideas=spec.ideas,
        ownership=spec.ownership,
        website=spec.website,
        contact=spec.contact,
        contact_consent=spec.contact_consent,
    )


def _put_on_the_map(
    spec: DemoInitiative, place: KernScatter, staff: User, people: dict[str, User]
) -> Initiative:
    """Create one initiative and bring it to its status the way people would."""
    data = _data(spec, place.kern, place)
    if spec.entered_by_staff:
        initiative, speaker = _entered_by_staff(spec, data, staff, people)
    else:
        speaker = people[spec.members[0]]
        on_map_first = spec.status == InitiativeStatus.PUBLIC or spec.was_public
        status = InitiativeStatus.PUBLIC if on_map_first else InitiativeStatus.KNOWN
        initiative = initiatives_services.create_initiative(speaker, data, status=status)
        for email in spec.members[1:]:
            Membership.objects.get_or_create(
                initiative=initiative, user=people[email], defaults={"role": MembershipRole.MEMBER}
            )
    if initiative.status != spec.status:
        # Reload: refresh_search stored the search vector behind this instance's back,
        # and saving the stale instance would blank it again.
        initiative.refresh_from_db()
        initiatives_services.set_status(initiative, speaker, spec.status)
    for note in spec.notes:
        visibility = Visibility.INTERNAL if note.internal else Visibility.SHARED
        initiatives_services.add_staff_note(initiative, staff, note.text, visibility)
    return initiative


def _entered_by_staff(
    spec: DemoInitiative,
    data: initiatives_services.InitiativeData,
    staff: User,
    people: dict[str, User],
) -> tuple[Initiative, User]:
    """Staff enter what they heard of; residents who speak for it ask to join, staff
    confirm, and the first of them writes the initiative's own text.

    Returns the initiative and who decides its status from then on.
    """
    if spec.heard_of:
        heard = initiatives_services.InitiativeData(
            name=data.name, kern=data.kern, location=data.location, description=spec.heard_of
        )
        initiative = initiatives_services.create_initiative(
            staff, heard, status=InitiativeStatus.TIP
        )
    else:
        tip = spec.status == InitiativeStatus.TIP
        status = InitiativeStatus.TIP if tip else InitiativeStatus.KNOWN
        initiative = initiatives_services.create_initiative(staff, data, status=status)
    speaker = staff
    for join in spec.joins:
        # The state a request leaves behind; how a resident finds the initiative to ask is
        # the pages' business, not the demo's.
        request, _created = JoinRequest.objects.get_or_create(
            initiative=initiative,
            user=people[join.email],
            status=JoinRequestStatus.PENDING,
            defaults={"message": join.message},
        )
        if join.accepted:
            initiatives_services.decide_join_request(request, staff, accept=True)
            if speaker == staff:
                speaker = people[join.email]
    if spec.heard_of and speaker != staff:
        initiatives_services.update_initiative(initiative, speaker, data)
    return initiative, speaker
