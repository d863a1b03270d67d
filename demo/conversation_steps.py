"""Demo steps: the conversations colleagues wrote down, and (large) a hundred thousand more.

The hand-written conversations go through ``initiatives.services`` the way a colleague
would log them, so their department, history, tips and search vectors are those of real
use. A conversation whose author already wrote down the same "what I learned" is left as
it is: running the demo twice changes nothing.
"""

from contextlib import contextmanager
from datetime import date, timedelta

from django.conf import settings
from django.test.utils import override_settings
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from accounts.models import User
from conversations import services
from conversations.models import Conversation
from demo.context import DemoContext, DemoSize
from demo.conversations import AUTHORS, CONVERSATIONS, DemoConversation, DemoTip
from demo.large_conversations import (
    LARGE_CONVERSATIONS,
    create_many_conversations,
    ensure_colleagues,
)
from initiatives.models import Initiative, TipState
from kompas.choices import Visibility
from places.models import Kern

DUMMY_TASKS = "django_tasks.backends.dummy.DummyBackend"


@contextmanager
def no_member_emails():
    """Background tasks go nowhere while the demo writes.

    ``log_conversation`` tells the members of the initiatives a shared conversation is
    about, through a background task. The demo's conversations and its members are
    invented: in DEBUG the immediate backend would print some forty emails in the console
    of whoever loads the demo, and on a site with the database backend a worker would
    send them. django-tasks' dummy backend keeps the tasks in memory and runs none.
    """
    with override_settings(TASKS={alias: {"BACKEND": DUMMY_TASKS} for alias in settings.TASKS}):
        yield


def add_conversations(context: DemoContext) -> None:
    """Some fifty conversations of the last ten months, by six colleagues in five
    departments and a partner organisation, with tips in several kernen."""
    authors = {user.email: user for user in User.objects.filter(email__in=AUTHORS)}
    written = set(
        Conversation.objects.filter(author__in=authors.values()).values_list(
            "author__email", "learned"
        )
    )
    kernen = {kern.name: kern for kern in Kern.objects.all()}
    today = timezone.localdate()
    created = 0
    with no_member_emails():
        # Oldest first: a later conversation can meet a tip an earlier one brought in.
        for spec in sorted(CONVERSATIONS, key=lambda spec: -spec.days_ago):
            if (spec.author, spec.learned) in written:
                continue
            author = authors[spec.author]
            conversation = services.log_conversation(
                author,
                _data(spec, kernen, today),
                [services.TipData(tip.name, kernen[tip.kern], tip.heard) for tip in spec.tips],
            )
            for tip in spec.tips:
                _follow_up(conversation, tip, author, authors)
            context.say(f"  {conversation.date}: {author.name}", verbosity=2)
            created += 1
    context.say(
        _("Conversations: %(created)s created, %(total)s in the demo")
        % {"created": created, "total": len(CONVERSATIONS)}
    )


def add_many_conversations(context: DemoContext) -> None:
    """For benchmarks (``--size large``): thirty colleagues more, and a hundred thousand
    generated conversations."""
    if context.size != DemoSize.LARGE:
        return
    colleagues = ensure_colleagues()
    created = create_many_conversations(LARGE_CONVERSATIONS)
    context.say(
        _(
            "Generated conversations: %(created)s created, %(total)s in the demo "
            "(%(colleagues)s colleagues added)"
        )
        % {"created": created, "total": LARGE_CONVERSATIONS, "colleagues": colleagues}
    )


def on_or_before(day: date, weekday: int | None) -> date:
    """The last ``weekday`` on or before ``day``; ``day`` itself without one."""
    if weekday is None:
        return day
    return day - timedelta(days=(day.weekday() - weekday) % 7)


def _data(spec: DemoConversation, kernen: dict[str, Kern], today: date):
    initiatives = _initiatives(spec)
    return services.ConversationData(
        learned=spec.learned,
        date=on_or_before(today - timedelta(days=spec.days_ago), spec.weekday),
        initiatives=initiatives,
        kern=kernen[spec.kern] if spec.kern else initiatives[0].kern,
        place=spec.place,
        with_whom=spec.with_whom,
        ideas=spec.ideas,
        talents=spec.talents,
        to_connect=spec.to_connect,
        visibility=Visibility.INTERNAL if spec.internal else Visibility.SHARED,
    )


def _initiatives(spec: DemoConversation) -> list[Initiative]:
    """The initiatives by name, in the order the conversation names them."""
    slugs = [slugify(name) for name in spec.initiatives]
    found = (
        Initiative.objects.filter(slug__in=slugs).select_related("kern").in_bulk(field_name="slug")
    )
    missing = [slug for slug in slugs if slug not in found]
    if missing:
        raise LookupError(f"A demo conversation is about initiatives that are not there: {missing}")
    return [found[slug] for slug in slugs]


def _follow_up(conversation: Conversation, tip: DemoTip, author: User, authors) -> None:
    """Bring a tip this conversation made to where its follow-up stands in the demo."""
    if tip.state == TipState.NEW:
        return
    initiative = conversation.tips.get(name=tip.name)
    staff = authors[tip.going] if tip.going else author
    services.set_tip_state(initiative, staff, tip.state)
