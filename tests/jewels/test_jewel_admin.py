"""Administrators keep the categories of crown jewel and look after jewels and reports."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse

from jewels import services
from jewels.models import CrownJewel, JewelCategory
from kompas import access
from kompas.choices import GiftConsent
from tests.admin_forms import post_change_form
from tests.factories import AppreciationFactory, CrownJewelFactory, jewel_category

pytestmark = pytest.mark.django_db


def test_the_eight_categories_are_there_from_the_start():
    assert list(JewelCategory.objects.values_list("slug", flat=True)) == [
        "plek",
        "gebouw",
        "vereniging",
        "traditie",
        "natuur",
        "lokale-economie",
        "gave-van-mensen",
        "verhaal",
    ]
    assert list(
        JewelCategory.objects.filter(needs_consent=True).values_list("slug", flat=True)
    ) == ["gave-van-mensen"]


def test_administrators_add_a_category(admin_client):
    response = admin_client.post(
        reverse("admin:jewels_jewelcategory_add"),
        {"name": "Kunst", "slug": "kunst", "description": "", "position": 9},
    )

    assert response.status_code == 302
    assert JewelCategory.objects.filter(slug="kunst", needs_consent=False).exists()


def test_administrators_open_jewels_appreciations_and_reports(admin_client):
    appreciation = AppreciationFactory()
    jewel = appreciation.jewel
    for url in (
        reverse("admin:jewels_jewelcategory_changelist"),
        reverse("admin:jewels_crownjewel_changelist"),
        reverse("admin:jewels_crownjewel_change", args=[jewel.pk]),
        reverse("admin:jewels_crownjewel_history", args=[jewel.pk]),
        reverse("admin:moderation_report_changelist"),
    ):
        assert admin_client.get(url).status_code == 200, url


def test_staff_do_not_enter_the_administration(client_as):
    CrownJewelFactory()
    client = client_as("staff")
    response = client.get(reverse("admin:jewels_crownjewel_changelist"))
    assert response.status_code == 302


# --- A person's gift is theirs to agree to, not the admin's --------------------------------


def a_gift_asked():
    return CrownJewelFactory(
        name="De soep van Annie",
        category=jewel_category("gave-van-mensen"),
        consent=GiftConsent.ASKED,
        person_email="annie@example.org",
        consent_token="annies-sleutel",
    )


def test_the_change_form_cannot_give_a_persons_consent(admin_client, admin_user):
    gift = a_gift_asked()
    url = reverse("admin:jewels_crownjewel_change", args=[gift.pk])

    response = post_change_form(
        admin_client,
        url,
        why="Zij kookt voor de hele straat.",
        consent=GiftConsent.GIVEN,
        person_email="",
        category=str(jewel_category("plek").pk),
        nominated_by=str(admin_user.pk),
    )

    assert response.status_code == 302, response.context["adminform"].form.errors
    gift.refresh_from_db()
    assert gift.why == "Zij kookt voor de hele straat."  # the form did save
    assert gift.consent == GiftConsent.ASKED
    assert gift.person_email == "annie@example.org"
    assert gift.category.slug == "gave-van-mensen"
    assert gift.nominated_by != admin_user
    assert not access.can_view(AnonymousUser(), gift)


def test_the_change_form_cannot_undo_a_refusal(admin_client):
    gift = a_gift_asked()
    services.answer_gift_consent(gift, agree=False)
    url = reverse("admin:jewels_crownjewel_change", args=[gift.pk])

    post_change_form(admin_client, url, consent=GiftConsent.NOT_NEEDED)

    gift.refresh_from_db()
    assert gift.consent == GiftConsent.REFUSED
    assert not access.can_view(AnonymousUser(), gift)


def test_crown_jewels_are_nominated_on_the_site_not_in_the_admin(admin_client):
    url = reverse("admin:jewels_crownjewel_add")

    assert admin_client.get(url).status_code == 403
    response = admin_client.post(
        url,
        {
            "name": "Annie",
            "slug": "annie",
            "category": str(jewel_category("gave-van-mensen").pk),
            "why": "Zij kookt.",
            "consent": GiftConsent.NOT_NEEDED,
        },
    )
    assert response.status_code == 403
    assert not CrownJewel.objects.exists()
