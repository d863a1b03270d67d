"""A kern's contact persons: chosen in /beheer/ among the people of the organisation; the
header shows staff the way to what waits for them."""

import re

import pytest
from django.urls import reverse

from tests.factories import KernFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_the_kern_admin_offers_staff_as_contact_persons(admin_client):
    kern = KernFactory(name="Veldwijk")
    staff = UserFactory(email="ambtenaar-veldwijk@example.org", staff=True)
    resident = UserFactory(email="inwoner-veldwijk@example.org")
    kern.contact_persons.add(staff)

    page = admin_client.get(reverse("admin:places_kern_change", args=[kern.pk])).content.decode()
    field = re.search(r'<select[^>]*name="contact_persons".*?</select>', page, re.S)

    assert field, "the kern's form has no contact persons"
    assert re.search(rf'value="{staff.pk}"[^>]*selected', field.group(0))
    assert f'value="{resident.pk}"' not in field.group(0)


@pytest.mark.parametrize(
    ("role", "shown"),
    [("anonymous", False), ("resident", False), ("council", False), ("staff", True)],
)
def test_the_menu_shows_the_way_to_it_to_staff(client_as, role, shown):
    page = client_as(role).get(reverse("home")).content.decode()

    assert (f'href="{reverse("attention")}"' in page) is shown
