"""The components of templates/components/, each as an inclusion tag.

A component sees only the arguments it is given and never the page that uses it: an
inclusion tag renders its template in a new context, without the page's variables or
those of the context processors. A page variable that happens to share a name with an
argument (``jewels``, ``points``) can therefore never end up in a component.
"""

from django import template
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from kompas.choices import InitiativeStatus, Visibility
from kompas.context_processors import map_settings

register = template.Library()


@register.inclusion_tag("components/map.html", name="map")
def map_component(label, layers="", lines="", points="", jewels="", focus=""):
    """A map whose layers come from their own URLs: kernen boundaries (``layers``),
    connections (``lines``), initiatives (``points``) and crown jewels (``jewels``), each
    a space-separated list of URLs; ``focus`` is the slug of the kern to zoom to."""
    urls = {"layers": layers, "lines": lines, "points": points, "jewels": jewels}
    for name, value in urls.items():
        if value is not None and not isinstance(value, str):
            raise TypeError(f"The map's {name} must be layer URLs, not {type(value).__name__}.")
    return {
        **{name: value or "" for name, value in urls.items()},
        "label": label,
        "focus": focus or "",
        "map_settings": map_settings(),
    }


@register.inclusion_tag("components/form_field.html")
def form_field(field):
    """One form field (a bound field) with its label, description and errors."""
    return {"field": field}


# The colour of a state that asks for attention, as Utrecht's status badge names it; the
# other states (a connection's, an obstacle's) get the plain badge.
BADGE_VARIANTS = {
    InitiativeStatus.TIP: "warning",
    InitiativeStatus.KNOWN: "neutral",
    InitiativeStatus.ENDED: "inactive",
    Visibility.INTERNAL: "warning",
    Visibility.SHARED: "neutral",
}
# A tip keeps the colour of a tip whatever its follow-up.
FIELD_VARIANTS = {"tip_state": "warning"}
# A visibility badge says who may read the record, not the name of the choice.
VISIBILITY_WORDS = {
    Visibility.SHARED: _("Shared with the initiative"),
    Visibility.INTERNAL: _("Only staff"),
}


@register.inclusion_tag("components/status_badge.html")
def status_badge(record, field="status", text=""):
    """The badge of a record's status, visibility or other state (the name of its
    ``field``): in the words of the field's choices, or of ``text`` where a page words
    it for its own readers."""
    value = getattr(record, field)
    if not text and field == "visibility":
        text = VISIBILITY_WORDS[value]
    elif not text:
        text = getattr(record, f"get_{field}_display")()
    return {
        "value": value,
        "text": capfirst(text),
        "variant": BADGE_VARIANTS.get(value, FIELD_VARIANTS.get(field, "")),
    }
