"""The steps that build the demo municipality, in order.

Each step takes the DemoContext, writes through ``initiatives.services`` and adds lines
for the person running ``load_demo``. Every step finds what an earlier run made by its
natural key (a name, an email address), so running the demo twice changes nothing.
"""

from collections.abc import Callable

from allauth.mfa.adapter import get_adapter as get_mfa_adapter
from django.contrib.gis.geos import Point
from django.db import transaction
from django.utils.translation import gettext as _

from accounts import services as accounts_services
from accounts.models import Department
from demo.connections import add_connections, add_jewel_connections
from demo.context import CHANGE_REASON, DemoContext, DemoLogin, DemoSize
from demo.conversation_steps import add_conversations, add_many_conversations
from demo.geometry import outline_polygon, voronoi_cells
from demo.initiative_steps import add_initiatives, add_many_initiatives, add_residents
from demo.jewels import add_jewels, add_many_jewels
from demo.people import ACCOUNTS, DEMO_PASSWORD, DEMO_TOTP_SECRET, DEPARTMENTS
from demo.places import KERNEN, OUTLINE, cbs_code
from demo.stories import add_obstacles, add_stories
from places import services as places_services


def add_departments(context: DemoContext) -> None:
    created = 0
    for name, is_partner in DEPARTMENTS:
        _department, is_new = Department.objects.update_or_create(
            name=name, defaults={"is_partner": is_partner}
        )
        created += is_new
    context.say(
        _("Departments: %(created)s created, %(total)s in the demo")
        % {"created": created, "total": len(DEPARTMENTS)}
    )


def add_kernen(context: DemoContext) -> None:
    """Sixteen kernen whose boundaries tile the municipal outline."""
    boundaries = voronoi_cells(outline_polygon(OUTLINE), [kern.centre for kern in KERNEN])
    report = places_services.ImportReport()
    for index, (kern, boundary) in enumerate(zip(KERNEN, boundaries, strict=True)):
        data = places_services.KernData(
            name=kern.name,
            boundary=boundary,
            cbs_code=cbs_code(index),
            kind=kern.kind,
            centre=Point(kern.lon, kern.lat, srid=4326),
        )
        change = places_services.save_kern(data, change_reason=CHANGE_REASON)
        report.changes.append(change)
        context.say(change.describe(), verbosity=2)
    context.say(_("Places: %(summary)s") % {"summary": report.summary()})


def add_accounts(context: DemoContext) -> None:
    """One account per role, each able to sign in at once."""
    departments = {department.name: department for department in Department.objects.all()}
    mfa = get_mfa_adapter()
    created = 0
    for account in ACCOUNTS:
        password = context.password if account.has_password else None
        user, is_new = accounts_services.ensure_account(
            account.email,
            role=account.role,
            name=account.name,
            department=departments[account.department] if account.department else None,
            password=password,
        )
        created += is_new
        login = DemoLogin(user=user, password=password)
        if account.has_authenticator:
            accounts_services.set_up_totp(user, DEMO_TOTP_SECRET)
            login = DemoLogin(
                user=user,
                password=password,
                totp_secret=DEMO_TOTP_SECRET,
                totp_url=mfa.build_totp_url(user, DEMO_TOTP_SECRET),
            )
        context.logins.append(login)
    context.say(
        _("Accounts: %(created)s created, %(total)s in the demo")
        % {"created": created, "total": len(ACCOUNTS)}
    )


Step = Callable[[DemoContext], None]

# Later parts of the demo (initiatives, conversations, ...) add their step here; a step
# reads ``context.size`` to decide how much to make.
STEPS: list[Step] = [
    add_departments,
    add_kernen,
    add_accounts,
    add_residents,
    add_initiatives,
    add_many_initiatives,
    add_conversations,
    add_many_conversations,
    add_connections,
    add_jewels,
    add_jewel_connections,
    add_many_jewels,
    add_stories,
    add_obstacles,
]


def build_demo(
    size: DemoSize = DemoSize.SMALL, password: str = "", verbosity: int = 1
) -> DemoContext:
    """Run every step in one transaction and return what happened."""
    context = DemoContext(
        size=DemoSize(size), password=password or DEMO_PASSWORD, verbosity=verbosity
    )
    with transaction.atomic():
        for step in STEPS:
            step(context)
    return context
