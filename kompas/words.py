"""The words of Kompas: what it says, what it never says, and the words it starts with.

Kompas speaks of talents, energy and what people offer. Words that label people by what
they lack, or that rank them, stay out of everything a person reads. Grow this list here;
a test reads every template and the Dutch catalogue against it.
"""

from django.utils.text import slugify

# Matched case-insensitively anywhere in a line, so "scores" is caught by "score";
# list each spelling that is not simply a longer form of another.
AVOIDED_WORDS = (
    "probleem",
    "problemen",
    "doelgroep",
    "kwetsbare",
    "kwetsbaren",
    "achterstand",
    "score",
    "ranglijst",
)

# The categories of crown jewel a municipality starts with (name, explanation, whether it
# is about a person and so needs that person's consent). Stored in Dutch: they are data,
# which administrators keep from then on. The migration seeds them; the demo makes sure
# they exist.
JEWEL_CATEGORIES = (
    ("Plek", "Een plek waar mensen elkaar treffen of graag zijn.", False),
    ("Gebouw", "Een gebouw dat bij de kern hoort.", False),
    ("Vereniging", "Een club, vereniging of groep die de kern draagt.", False),
    ("Traditie", "Een feest, gebruik of gewoonte die mensen samenbrengt.", False),
    ("Natuur", "Een stuk natuur, een boom, een dijk of een uitzicht.", False),
    ("Lokale economie", "Een winkel, boer, ambacht of bedrijf dat de kern levend houdt.", False),
    ("Gave van mensen", "Wat iemand voor de gemeenschap betekent; alleen met diens ja.", True),
    ("Verhaal", "Een verhaal, herinnering of stuk geschiedenis dat mensen delen.", False),
)


# What initiatives hear when the system world is in their way: the answers of seed 004,
# and "Anders" for everything else. Administrators keep the list from then on.
OBSTACLE_CATEGORIES = (
    "Past niet in de subsidiecriteria",
    "Daar is geen budget voor gereserveerd",
    "Mag niet volgens de wet",
    "De wethouder ziet het niet zitten",
    "Geen prioriteit",
    "Sorry, daar is nu geen tijd voor",
    "We hadden toch iets anders afgesproken?",
    "Regels zijn regels, daar kan ik niks aan doen",
    "Dan moet u bij een collega zijn",
    "Probeer het eerst bij de provincie",
    "De gemeenteraad is tegen",
    "Werk het eerst eens beter uit",
    "Kom over een jaar nog eens terug",
    "Kan niet volgens het bestemmingsplan",
    "Dan moet je bij een andere instantie zijn",
    "Vul eerst maar eens het formulier in",
    "Het ligt op de stapel",
    "Compliment, maar het regionaal beleid zit tegen",
    "Is de continuïteit wel gegarandeerd?",
    "Valt u onder Zorg of onder Welzijn of…?",
    "Anders",
)
OTHER_OBSTACLE = "anders"


def add_jewel_categories(category_model) -> None:
    """The starting categories of crown jewel, each once (by slug); existing ones are left
    as they are. Takes the model so that a migration can pass its historical one."""
    _add_terms(
        category_model,
        (
            {"name": name, "description": description, "needs_consent": needs_consent}
            for name, description, needs_consent in JEWEL_CATEGORIES
        ),
    )


def add_obstacle_categories(category_model) -> None:
    """The starting kinds of obstacle, each once (by slug), as ``add_jewel_categories``."""
    _add_terms(category_model, ({"name": name} for name in OBSTACLE_CATEGORIES))


def _add_terms(model, rows) -> None:
    for position, row in enumerate(rows, start=1):
        model.objects.get_or_create(
            slug=slugify(row["name"]), defaults={**row, "position": position}
        )
