"""An initiative's page shows the crown jewels it cares for, as far as the viewer may."""

import pytest
from django.urls import reverse

from kompas.choices import GiftConsent
from tests.factories import (
    CrownJewelFactory,
    InitiativeFactory,
    MembershipFactory,
    UserFactory,
    jewel_category,
)

pytestmark = pytest.mark.django_db


def test_the_page_shows_the_jewels_it_cares_for(client):
    initiative = InitiativeFactory(name="Dorpshuisvereniging")
    cared_for = CrownJewelFactory(name="Het dorpshuis")
    cared_for.caretakers.add(initiative)
    CrownJewelFactory(name="De oude linde")
    waiting = CrownJewelFactory(
        name="De verhalen van Jan",
        category=jewel_category("gave-van-mensen"),
        consent=GiftConsent.ASKED,
        person_email="jan@example.org",
    )
    waiting.caretakers.add(initiative)

    page = client.get(initiative.get_absolute_url()).content.decode()

    assert "Het dorpshuis" in page
    assert "De oude linde" not in page
    assert "De verhalen van Jan" not in page


def test_members_and_staff_can_nominate_from_the_page(client, make_user):
    initiative = InitiativeFactory()
    member = MembershipFactory(initiative=initiative).user
    nominate = f"{reverse('jewel_create')}?initiatief={initiative.slug}"

    assert nominate not in client.get(initiative.get_absolute_url()).content.decode()
    client.force_login(UserFactory())
    assert nominate not in client.get(initiative.get_absolute_url()).content.decode()
    for user in (member, make_user("staff")):
        client.force_login(user)
        assert nominate in client.get(initiative.get_absolute_url()).content.decode()
