"""The initiative forms: they validate, with clear messages, and keep what was typed."""

import pytest
from django import forms
from django.contrib.gis.geos import Point
from django.test.html import parse_html
from django.utils import translation
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from initiatives.forms import (
    InitiativeFilterForm,
    InitiativeForm,
    InvitationForm,
    StaffNoteForm,
    split_terms,
)
from initiatives.models import InitiativeKind
from initiatives.selectors import filter_choices
from kompas.choices import InitiativeStatus
from kompas.lists import QuickSelect
from places.models import Kern
from tests.factories import InitiativeFactory, KernFactory, MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db


def valid(**overrides):
    data = {"name": "Soepgroep", "status": InitiativeStatus.KNOWN}
    data.update(overrides)
    return data


def test_words_are_split_on_commas_once_each_in_the_order_typed():
    assert split_terms(" soep,  brood ;Soep\nkoffie  thee,, ") == ["soep", "brood", "koffie thee"]
    assert split_terms("") == []


def test_a_decimal_comma_is_a_decimal_point_and_coordinates_are_rounded(resident):
    KernFactory(boundary=None, centre=None, name="Zonder grens")
    form = InitiativeForm(valid(latitude="52,123456789", longitude=" 6,5 "), user=resident)

    assert form.is_valid(), form.errors
    assert form.cleaned_data["latitude"] == 52.123457
    assert form.cleaned_data["location"].coords == (6.5, 52.123457)


def test_without_boundaries_any_place_on_earth_is_accepted(resident):
    assert not Kern.objects.filter(boundary__isnull=False).exists()
    form = InitiativeForm(valid(latitude="10", longitude="10"), user=resident)
    assert form.is_valid(), form.errors


def test_a_kern_without_boundary_may_be_chosen_with_a_place_in_another_kern(resident):
    hamlet = KernFactory(name="Buurtschap", boundary=None, centre=None)
    village = KernFactory(name="Dorp")
    point = village.boundary.point_on_surface

    form = InitiativeForm(
        valid(kern=hamlet.slug, latitude=str(point.y), longitude=str(point.x)), user=resident
    )

    assert form.is_valid(), form.errors
    assert form.cleaned_data["kern"] == hamlet


def test_kinds_combine_the_suggestions_with_the_own_words(resident):
    form = InitiativeForm(
        valid(suggested_kinds=["Broodfonds"], other_kinds="broodfonds, Ruilkring"),
        user=resident,
    )

    assert form.is_valid(), form.errors
    assert form.cleaned_data["kinds"] == ["Broodfonds", "Ruilkring"]


def test_only_suggested_kinds_are_checkboxes(resident):
    InitiativeKind.objects.create(name="Eigen soort", slug="eigen-soort", suggested=False)
    form = InitiativeForm(user=resident)
    names = [name for name, _label in form.fields["suggested_kinds"].choices]

    assert "Broodfonds" in names
    assert "Eigen soort" not in names


def test_a_suggested_kind_cannot_be_made_up_through_the_checkboxes(resident):
    form = InitiativeForm(valid(suggested_kinds=["Verzonnen"]), user=resident)
    assert not form.is_valid()
    assert "suggested_kinds" in form.errors


def test_editing_starts_from_what_is_there(resident):
    initiative = InitiativeFactory(name="Soepgroep", ownership=3, location=Point(6.5, 52.7))
    initiative.kinds.add(
        InitiativeKind.objects.get(name="Broodfonds"),
        InitiativeKind.objects.create(name="Soepkeuken", slug="soepkeuken"),
    )
    MembershipFactory(initiative=initiative, user=resident)

    form = InitiativeForm(user=resident, initiative=initiative)

    assert form.initial["suggested_kinds"] == ["Broodfonds"]
    assert form.initial["other_kinds"] == "Soepkeuken"
    assert form.initial["latitude"] == 52.7
    assert form.initial["ownership"] == 3
    assert "status" not in form.fields


def test_residents_choose_public_or_not_yet_and_staff_tip_or_known():
    resident_form = InitiativeForm(user=UserFactory())
    staff_form = InitiativeForm(user=UserFactory(staff=True))

    assert [value for value, _ in resident_form.fields["status"].choices] == ["public", "known"]
    assert [value for value, _ in staff_form.fields["status"].choices] == ["tip", "known"]
    assert staff_form.entered_by_staff and not resident_form.entered_by_staff


def test_ownership_is_optional_and_explained_in_plain_words(resident):
    form = InitiativeForm(valid(ownership=""), user=resident)

    assert form.is_valid(), form.errors
    assert form.cleaned_data["ownership"] is None
    with translation.override("en"):
        labels = [str(label) for _value, label in form.fields["ownership"].choices]
    assert "It is ours: we, the residents, run it ourselves." in labels
    assert len(labels) == 5


def test_a_note_needs_words_and_a_valid_visibility():
    with translation.override("en"):
        empty = StaffNoteForm({"text": " ", "visibility": "shared"})
        public = StaffNoteForm({"text": "Hallo", "visibility": "public"})
        assert not empty.is_valid() and "Write the note before saving it." in str(empty.errors)
        assert not public.is_valid() and "Choose who may read this note." in str(public.errors)


def test_an_invitation_address_is_tidied():
    form = InvitationForm({"email": "Buurman@Example.ORG"}, initiative=InitiativeFactory())
    assert form.is_valid(), form.errors
    assert form.cleaned_data["email"] == "buurman@example.org"


def test_the_filter_form_offers_the_kernen_and_what_is_in_use():
    kern = KernFactory(name="Aldeburen")
    initiative = InitiativeFactory(kern=kern)
    initiative.kinds.add(InitiativeKind.objects.get(name="Broodfonds"))

    form = InitiativeFilterForm(choices=filter_choices(None))

    assert ("aldeburen", "Aldeburen") in form.fields["kern"].choices
    assert [label for _slug, label in form.fields["soort"].choices][1:] == ["Broodfonds"]
    assert len(form.fields["eigenaarschap"].choices) == 5


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    name=st.text(max_size=200),
    text=st.text(max_size=300),
    terms=st.text(max_size=300),
    number=st.text(max_size=20),
    kern=st.text(max_size=30),
)
def test_whatever_is_typed_the_form_answers_without_an_error(
    resident, name, text, terms, number, kern
):
    form = InitiativeForm(
        {
            "name": name,
            "description": text,
            "offers": terms,
            "other_kinds": terms,
            "latitude": number,
            "longitude": number,
            "kern": kern,
            "website": text,
            "ownership": number,
            "status": kern,
        },
        user=resident,
    )

    form.is_valid()
    form.as_div()


# --- The filters' quick select ------------------------------------------------------------


@pytest.mark.parametrize("value", ["", "b", "nothing-of-these"])
@pytest.mark.parametrize("attrs", [None, {"aria-invalid": "true", "disabled": True}])
def test_the_quick_select_writes_what_djangos_select_writes(value, attrs):
    choices = [("", "Alle"), ("a", "Ahorn & <Beuk>"), ("b", 'Berk "de" boom'), ("c", "Ceder")]
    attrs = {"id": "f_soort", **(attrs or {})}
    quick = QuickSelect(choices=choices).render("soort", value, attrs=attrs)
    django = forms.Select(choices=choices).render("soort", value, attrs=attrs)

    assert parse_html(quick) == parse_html(django)
    assert "Ahorn &amp; &lt;Beuk&gt;" in quick
