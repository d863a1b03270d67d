"""Search: Dutch full text and typo-tolerant names on PostgreSQL, plain words on SQLite."""

import pytest
from django.db import connection

from initiatives import selectors, services
from initiatives.models import Initiative
from kompas.choices import InitiativeStatus
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

on_postgres = connection.vendor == "postgresql"


@pytest.fixture
def initiatives():
    author = UserFactory()

    def add(name, **fields):
        data = services.InitiativeData(name=name, **fields)
        return services.create_initiative(author, data, status=InitiativeStatus.PUBLIC)

    return {
        "zorg": add(
            "Zorgcoöperatie Noordermarke",
            description="Wij helpen elkaar thuis, met koken en een luisterend oor.",
            kinds=["Zorgcoöperatie"],
        ),
        "tuin": add(
            "De Groene Vingers",
            description="Samen werken in de moestuinen achter het dorpshuis.",
            offers=["tuinieren"],
        ),
        "bus": add("Wensbus Witteloo", wishes_text="Chauffeurs die een ochtend willen rijden."),
    }


def found(text):
    return set(selectors.search_initiatives(Initiative.objects.all(), text))


def test_words_from_the_description_offers_and_wishes_find_an_initiative(initiatives):
    assert found("luisterend oor") == {initiatives["zorg"]}
    assert found("tuinieren") == {initiatives["tuin"]}
    assert found("chauffeurs") == {initiatives["bus"]}


def test_nothing_matches_an_unknown_word(initiatives):
    assert found("zeilvereniging") == set()


def test_an_empty_search_finds_everything(initiatives):
    assert found("   ") == set(initiatives.values())


def test_a_name_is_found_by_its_words_and_on_postgres_also_misspelt(initiatives):
    assert initiatives["zorg"] in found("zorgcoöperatie")
    assert initiatives["tuin"] in found("moestuinen")
    if on_postgres:
        # Trigrams forgive the missing diaeresis; Dutch stemming finds other word forms.
        assert initiatives["zorg"] in found("zorgcooperatie")
        assert initiatives["tuin"] in found("moestuin")
