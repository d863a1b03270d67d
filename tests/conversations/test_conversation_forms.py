"""The conversation form: what it accepts, and a clear message for everything it refuses.

Messages are checked through their English text (``translation.override("en")``); the
Dutch catalogue says the same in Dutch.
"""

import datetime

import pytest
from django.contrib.gis.geos import Point
from django.utils import timezone

from conversations import services
from conversations.forms import MAX_INITIATIVES, MAX_TIPS, ConversationEntry
from kompas.choices import InitiativeStatus, Visibility
from tests.factories import InitiativeFactory, KernFactory, square

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("in_english")]

SCRIPT = "<script>alert('x')</script>"


def data(tips=(), total=None, **fields):
    """What the form posts: a conversation about a village, and the tip rows."""
    values = {
        "date": timezone.localdate().isoformat(),
        "kern": "",
        "place": "",
        "latitude": "",
        "longitude": "",
        "with_whom": "",
        "learned": "Ze koken elke week met twintig buren.",
        "ideas": "",
        "talents": "",
        "to_connect": "",
        "visibility": Visibility.SHARED,
        "tips-TOTAL_FORMS": str(len(tips) if total is None else total),
        "tips-INITIAL_FORMS": "0",
        "tips-MIN_NUM_FORMS": "0",
        "tips-MAX_NUM_FORMS": str(MAX_TIPS),
    }
    for index, tip in enumerate(tips):
        for name, value in tip.items():
            values[f"tips-{index}-{name}"] = value
    values.update(fields)
    return values


def entry(user, **fields):
    return ConversationEntry(data(**fields), user=user)


def all_errors(entry_) -> list[str]:
    messages = [str(error) for errors in entry_.form.errors.values() for error in errors]
    if entry_.tips is not None:
        messages += [str(error) for error in entry_.tips.non_form_errors()]
        for form in entry_.tips.forms:
            messages += [str(error) for errors in form.errors.values() for error in errors]
    return messages


def test_what_i_learned_and_a_village_are_enough(staff):
    kern = KernFactory()
    checked = entry(staff, kern=kern.slug)

    assert checked.is_valid(), all_errors(checked)
    conversation = checked.conversation_data()
    assert conversation.kern == kern
    assert conversation.learned == "Ze koken elke week met twintig buren."
    assert conversation.visibility == Visibility.SHARED
    assert conversation.date == timezone.localdate()
    assert checked.tip_data() == []


def test_an_initiative_is_enough_too_and_its_order_is_kept(staff):
    first, second = InitiativeFactory(), InitiativeFactory(status=InitiativeStatus.TIP)
    form_data = data()
    checked = ConversationEntry(
        {**form_data, "initiatives": [str(second.pk), str(first.pk), str(second.pk)]}, user=staff
    )

    assert checked.is_valid(), all_errors(checked)
    assert checked.conversation_data().initiatives == [second, first]


def test_the_date_is_today_unless_changed(staff):
    form = ConversationEntry(user=staff).form

    assert form["date"].value() == timezone.localdate()
    assert form.fields["date"].widget.attrs["max"] == timezone.localdate().isoformat()


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"learned": ""}, "learned", "Write down what you learned."),
        ({"learned": "   \n  "}, "learned", "Write down what you learned."),
        (
            {"date": (timezone.localdate() + datetime.timedelta(days=1)).isoformat()},
            "date",
            "A conversation cannot take place in the future.",
        ),
        ({"date": "gisteren"}, "date", "Write the date as day-month-year, for example 14-3-2025."),
        ({"date": ""}, "date", "Say on which day you talked."),
        ({"visibility": "public"}, "visibility", "Choose who may read this."),
        ({"kern": "bestaat-niet"}, "kern", "We do not know that village or district."),
        ({"learned": "a\x00b"}, "learned", "Null characters are not allowed."),
        ({"place": "x" * 201}, "place", "Ensure this value has at most 200 characters"),
    ],
)
def test_bad_input_gets_a_clear_message(staff, fields, field, message):
    checked = entry(staff, **{"kern": KernFactory().slug, **fields})

    assert not checked.is_valid()
    assert any(message in str(error) for error in checked.form.errors[field])


def test_neither_an_initiative_nor_a_village_is_refused(staff):
    checked = entry(staff)

    assert not checked.is_valid()
    assert checked.form.errors["initiatives"] == [
        "Say which initiative or which village or district it was about."
    ]


@pytest.mark.parametrize(
    ("ids", "message"),
    [
        (["999999"], "One of the chosen initiatives does not exist, or is not one you can see."),
        (["abc"], "Choose the initiatives from the search."),
        (["-3"], "Choose the initiatives from the search."),
        (["9" * 40], "Choose the initiatives from the search."),
        (["١٢"], "Choose the initiatives from the search."),
    ],
)
def test_a_forged_initiative_is_refused_clearly(staff, ids, message):
    real = InitiativeFactory()
    checked = ConversationEntry({**data(), "initiatives": [str(real.pk), *ids]}, user=staff)

    assert not checked.is_valid()
    assert message in str(checked.form.errors["initiatives"])
    # The initiative that exists stays chosen, so nothing needs to be searched again.
    assert checked.form.chosen_initiatives() == [real]


def test_at_most_so_many_initiatives(staff):
    ids = [str(number) for number in range(1, MAX_INITIATIVES + 2)]
    checked = ConversationEntry({**data(), "initiatives": ids}, user=staff)

    assert not checked.is_valid()
    assert f"Choose at most {MAX_INITIATIVES} initiatives." in checked.form.errors["initiatives"]


def test_my_location_is_a_point_and_says_in_which_village(staff):
    kern = KernFactory(boundary=square(6.0, 52.0))
    checked = entry(staff, latitude="52.005", longitude="6.005")

    assert checked.is_valid(), all_errors(checked)
    conversation = checked.conversation_data()
    assert conversation.location.equals_exact(Point(6.005, 52.005, srid=4326), 1e-9)
    assert conversation.kern == kern


@pytest.mark.parametrize(
    ("latitude", "longitude"), [("52.1", ""), ("noord", "6.1"), ("95", "6.1"), ("nan", "6")]
)
def test_a_location_that_cannot_be_used_says_so_on_the_place(staff, latitude, longitude):
    checked = entry(staff, kern=KernFactory().slug, latitude=latitude, longitude=longitude)

    assert not checked.is_valid()
    assert "Your location could not be used." in str(checked.form.errors["place"])


def test_script_is_kept_as_text(staff):
    checked = entry(staff, kern=KernFactory().slug, learned=SCRIPT, with_whom=SCRIPT, ideas=SCRIPT)

    assert checked.is_valid(), all_errors(checked)
    assert checked.conversation_data().learned == SCRIPT
    assert checked.conversation_data().with_whom == SCRIPT


# --- Tips -------------------------------------------------------------------------------


def test_each_named_tip_is_handed_over_and_empty_rows_are_skipped(staff):
    kern = KernFactory()
    checked = entry(
        staff,
        kern=kern.slug,
        tips=[
            {"name": "Jeu de boules bij de kerk", "kern": kern.slug, "heard": "Elke dinsdag"},
            {"name": "", "kern": "", "heard": ""},
        ],
    )

    assert checked.is_valid(), all_errors(checked)
    [tip] = checked.tip_data()
    assert (tip.name, tip.kern, tip.heard) == ("Jeu de boules bij de kerk", kern, "Elke dinsdag")


def test_a_tip_with_the_name_of_an_existing_initiative_offers_to_link_it(staff):
    existing = InitiativeFactory(name="Moestuin De Ster", status=InitiativeStatus.KNOWN)
    tip = {"name": "moestuin de ster", "kern": "", "heard": "Ze zoeken handen"}
    checked = entry(staff, kern=KernFactory().slug, tips=[tip])

    assert not checked.is_valid()
    [row] = checked.tips.forms
    assert row.errors["name"] == [
        "There is already an initiative called “Moestuin De Ster”: link it instead?"
    ]
    assert row.existing == existing
    # What was typed is kept.
    assert row["heard"].value() == "Ze zoeken handen"


def test_linking_instead_adds_the_initiative_and_keeps_what_was_heard(staff):
    existing = InitiativeFactory(name="Moestuin De Ster", status=InitiativeStatus.TIP)
    tip = {"name": "Moestuin de ster", "heard": "Ze zoeken handen", "link_instead": "on"}
    checked = entry(staff, tips=[tip])

    assert checked.is_valid(), all_errors(checked)
    conversation = checked.conversation_data()
    assert conversation.initiatives == [existing]
    assert conversation.learned.endswith("Moestuin De Ster: Ze zoeken handen")
    assert checked.tip_data() == []


def test_the_initiative_in_the_same_village_is_offered_first(staff):
    here, elsewhere = KernFactory(), KernFactory()
    InitiativeFactory(name="Koor", kern=elsewhere)
    same = InitiativeFactory(name="Koor", kern=here, slug="koor-hier")
    checked = entry(staff, kern=here.slug, tips=[{"name": "KOOR", "kern": here.slug}])

    assert not checked.is_valid()
    assert checked.tips.forms[0].existing == same


@pytest.mark.parametrize("row", [{"heard": "Iets gehoord"}, {"kern": "dorp-x"}])
def test_a_tip_without_a_name_asks_for_one(staff, row):
    KernFactory(name="Dorp X", slug="dorp-x")
    checked = entry(staff, kern="dorp-x", tips=[{"name": "", **row}])

    assert not checked.is_valid()
    assert checked.tips.forms[0].errors["name"] == [
        "Give the community a name, or leave this tip empty."
    ]


def test_the_same_tip_twice_is_refused(staff):
    tips = [{"name": "Breiclub"}, {"name": "breiclub "}]
    checked = entry(staff, kern=KernFactory().slug, tips=tips)

    assert not checked.is_valid()
    assert checked.tips.non_form_errors() == [
        "You named “breiclub” twice. One tip per community is enough."
    ]


def test_too_many_tip_rows_are_refused_without_an_error_page(staff):
    tips = [{"name": f"Club {number}"} for number in range(MAX_TIPS + 1)]
    checked = entry(staff, kern=KernFactory().slug, tips=tips)

    assert not checked.is_valid()
    assert f"Write down at most {MAX_TIPS} tips at a time." in checked.tips.non_form_errors()


def test_a_missing_tips_management_form_is_a_message_not_an_error_page(staff):
    values = {
        key: value for key, value in data(kern=KernFactory().slug).items() if "FORMS" not in key
    }
    checked = ConversationEntry(values, user=staff)

    assert not checked.is_valid()
    assert "The tips could not be read." in str(checked.tips.non_form_errors())


def test_searching_keeps_what_was_typed_without_judging_it(staff):
    checked = ConversationEntry(
        data(learned="", tips=[{"name": "", "heard": "Iets"}], date="morgen"),
        user=staff,
        searching=True,
    )

    assert not checked.form.errors
    assert not checked.tips.total_error_count()
    assert checked.form["date"].value() == "morgen"
    assert checked.tips.forms[0]["heard"].value() == "Iets"


# --- Changing a conversation ------------------------------------------------------------


def test_the_edit_form_starts_from_what_was_written_and_has_no_tips(staff):
    initiative = InitiativeFactory()
    conversation = services.log_conversation(
        staff,
        services.ConversationData(
            learned="Eerste versie",
            initiatives=[initiative],
            place="Bankje",
            location=Point(6.1, 52.1, srid=4326),
            visibility=Visibility.INTERNAL,
        ),
    )

    edit = ConversationEntry(user=staff, conversation=conversation)

    assert edit.tips is None
    assert edit.form["learned"].value() == "Eerste versie"
    assert edit.form["visibility"].value() == Visibility.INTERNAL
    assert edit.form["latitude"].value() == "52.100000"
    assert edit.form.chosen_initiatives() == [initiative]
