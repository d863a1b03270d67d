"""The download's sections of what the person wrote: stories, obstacles, appreciations,
crown jewels (the ones they nominated and the gifts about them), conversations, notes,
connections and reports."""

from django.contrib.contenttypes.models import ContentType
from django.utils.translation import gettext_lazy as _

from connections.models import Connection
from conversations.models import Conversation
from conversations.selectors import CONVERSATION_ORDER
from initiatives.models import StaffNote
from jewels.models import Appreciation, CrownJewel
from kompas import access
from moderation.models import Report
from obstacles.models import Obstacle
from privacy.download.section import DataSection, name_of, names, point
from privacy.my_data import my_gifts
from stories.models import Story
from stories.selectors import STORY_ORDER


def story_section(user) -> DataSection:
    stories = (
        access.own_rows(user, Story)
        .select_related("initiative")
        .prefetch_related("photos")
        .order_by(*STORY_ORDER)
    )
    rows = [
        {
            "initiative": s.initiative.name,
            "title": s.title,
            "text": s.text,
            "date": s.date,
            "visibility": s.get_visibility_display(),
            "photos": [p.description or p.photo.name for p in s.photos.all()],
            "url": s.get_absolute_url(),
        }
        for s in stories
    ]
    fields = (
        ("initiative", _("initiative")),
        ("title", _("title")),
        ("text", _("story")),
        ("date", _("date")),
        ("visibility", _("who may read this")),
        ("photos", _("photos")),
        ("url", _("address")),
    )
    return DataSection("stories", _("Stories you wrote"), fields, rows)


def obstacle_section(user) -> DataSection:
    obstacles = (
        access.own_rows(user, Obstacle)
        .select_related("initiative", "category", "department")
        .order_by("-happened_on", "-pk")
    )
    rows = [
        {
            "initiative": o.initiative.name,
            "what_happened": o.what_happened,
            "category": o.category.name,
            "department": name_of(o.department),
            "organisation": o.organisation,
            "happened_on": o.happened_on,
            "visibility": o.get_visibility_display(),
            "status": o.get_status_display(),
            "answer": o.answer,
            "url": o.get_absolute_url(),
        }
        for o in obstacles
    ]
    fields = (
        ("initiative", _("initiative")),
        ("what_happened", _("what happened")),
        ("category", _("what they heard")),
        ("department", _("department or organisation")),
        ("organisation", _("other organisation")),
        ("happened_on", _("when")),
        ("visibility", _("who may read this")),
        ("status", _("status")),
        ("answer", _("the municipality's answer")),
        ("url", _("address")),
    )
    return DataSection("obstacles", _("Obstacles you reported"), fields, rows)


def appreciation_section(user) -> DataSection:
    appreciations = (
        access.own_rows(user, Appreciation)
        .select_related("jewel", "author_kern")
        .order_by("created_at", "pk")
    )
    rows = [
        {
            "jewel": a.jewel.name,
            "text": a.text,
            "signed_as": a.get_signed_as_display(),
            "author_kern": name_of(a.author_kern),
            "created_at": a.created_at,
            "url": a.jewel.get_absolute_url(),
        }
        for a in appreciations
    ]
    fields = (
        ("jewel", _("crown jewel")),
        ("text", _("what it means to you")),
        ("signed_as", _("shown as")),
        ("author_kern", _("where you live")),
        ("created_at", _("written")),
        ("url", _("address")),
    )
    return DataSection("appreciations", _("Your appreciations"), fields, rows)


def jewel_rows(jewels) -> list[dict]:
    return [
        {
            "name": j.name,
            "category": j.category.name,
            "description": j.description,
            "why": j.why,
            "kern": name_of(j.kern),
            "location": point(j.location),
            "consent": j.get_consent_display(),
            "created_at": j.created_at,
            "url": j.get_absolute_url(),
        }
        for j in jewels.select_related("category", "kern").order_by("name")
    ]


def jewel_fields(consent_label) -> tuple:
    return (
        ("name", _("name")),
        ("category", _("category")),
        ("description", _("description")),
        ("why", _("why it matters")),
        ("kern", _("village or district")),
        ("location", _("place on the map (longitude, latitude)")),
        ("consent", consent_label),
        ("created_at", _("nominated")),
        ("url", _("address")),
    )


def jewel_section(user) -> DataSection:
    # The address of a person whose gift was nominated is that person's, not the nominator's.
    rows = jewel_rows(access.own_rows(user, CrownJewel))
    fields = jewel_fields(_("consent of the person"))
    return DataSection("crown_jewels", _("Crown jewels you nominated"), fields, rows)


def gift_section(user) -> DataSection:
    """Crown jewels about this person: the gifts others nominated, whatever the answer."""
    rows = jewel_rows(my_gifts(user))
    return DataSection("gifts", _("Crown jewels about you"), jewel_fields(_("your answer")), rows)


def conversation_section(user) -> DataSection:
    conversations = (
        access.own_rows(user, Conversation)
        .select_related("department", "kern")
        .prefetch_related("initiatives")
        .order_by(*CONVERSATION_ORDER)
    )
    rows = [
        {
            "date": c.date,
            "department": name_of(c.department),
            "initiatives": names(c.initiatives.all()),
            "kern": name_of(c.kern),
            "place": c.place,
            "with_whom": c.with_whom,
            "learned": c.learned,
            "ideas": c.ideas,
            "talents": c.talents,
            "to_connect": c.to_connect,
            "visibility": c.get_visibility_display(),
            "url": c.get_absolute_url(),
        }
        for c in conversations
    ]
    fields = (
        ("date", _("date")),
        ("department", _("department")),
        ("initiatives", _("initiatives")),
        ("kern", _("village or district")),
        ("place", _("where")),
        ("with_whom", _("with whom")),
        ("learned", _("what I learned")),
        ("ideas", _("ideas in the attic")),
        ("talents", _("talents and energy I noticed")),
        ("to_connect", _("what could be connected")),
        ("visibility", _("who may read this")),
        ("url", _("address")),
    )
    return DataSection("conversations", _("Conversations you wrote down"), fields, rows)


def staff_note_section(user) -> DataSection:
    notes = (
        access.own_rows(user, StaffNote)
        .select_related("initiative", "story")
        .order_by("-created_at", "-pk")
    )
    rows = [
        {
            "initiative": n.initiative.name,
            "reaction_to": n.story.title if n.story else "",
            "text": n.text,
            "visibility": n.get_visibility_display(),
            "created_at": n.created_at,
        }
        for n in notes
    ]
    fields = (
        ("initiative", _("initiative")),
        ("reaction_to", _("reaction to")),
        ("text", _("note")),
        ("visibility", _("who may read this")),
        ("created_at", _("written")),
    )
    return DataSection("staff_notes", _("Notes you wrote"), fields, rows)


def connection_section(user) -> DataSection:
    connections = (
        access.own_rows(user, Connection)
        .select_related("first", "second", "jewel")
        .order_by("-created_at", "-pk")
    )
    rows = [
        {
            "first": c.first.name,
            "partner": c.partner.name,
            "reasons": c.reasons,
            "note": c.note,
            "status": c.get_status_display(),
            "how_it_went": c.how_it_went,
            "created_at": c.created_at,
        }
        for c in connections
    ]
    fields = (
        ("first", _("initiative")),
        ("partner", _("connected with")),
        ("reasons", _("why")),
        ("note", _("why these two")),
        ("status", _("status")),
        ("how_it_went", _("how did it go?")),
        ("created_at", _("proposed")),
    )
    return DataSection("connections", _("Connections you proposed"), fields, rows)


def report_section(user) -> DataSection:
    reports = (
        access.own_rows(user, Report).select_related("content_type").order_by("-created_at", "-pk")
    )
    rows = [
        {
            "what": _kind_of(r.content_type),
            "reason": r.reason,
            "created_at": r.created_at,
            "decision": r.get_decision_display() if r.decision else "",
        }
        for r in reports
    ]
    fields = (
        ("what", _("what you reported")),
        ("reason", _("what is not right about it?")),
        ("created_at", _("reported")),
        ("decision", _("decision")),
    )
    return DataSection("reports", _("Your reports"), fields, rows)


def _kind_of(content_type: ContentType) -> str:
    """What kind of thing was reported, by its name (the model's own, if it is gone)."""
    model = content_type.model_class()
    return str(model._meta.verbose_name) if model else content_type.model
