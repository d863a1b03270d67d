"""Administrators keep the categories of crown jewel and look after jewels and reports."""

import pytest
from django.urls import reverse

from initiatives.models import JewelCategory
from tests.factories import AppreciationFactory, CrownJewelFactory

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
        reverse("admin:initiatives_jewelcategory_add"),
        {"name": "Kunst", "slug": "kunst", "description": "", "position": 9},
    )

    assert response.status_code == 302
    assert JewelCategory.objects.filter(slug="kunst", needs_consent=False).exists()


def test_administrators_open_jewels_appreciations_and_reports(admin_client):
    appreciation = AppreciationFactory()
    jewel = appreciation.jewel
    for url in (
        reverse("admin:initiatives_jewelcategory_changelist"),
        reverse("admin:initiatives_crownjewel_changelist"),
        reverse("admin:initiatives_crownjewel_change", args=[jewel.pk]),
        reverse("admin:initiatives_crownjewel_history", args=[jewel.pk]),
        reverse("admin:initiatives_report_changelist"),
    ):
        assert admin_client.get(url).status_code == 200, url


def test_staff_do_not_enter_the_administration(client_as):
    CrownJewelFactory()
    client = client_as("staff")
    response = client.get(reverse("admin:initiatives_crownjewel_changelist"))
    assert response.status_code == 302
