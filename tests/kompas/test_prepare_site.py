"""manage.py prepare_site: what run.sh does to a database before serving it."""

from io import StringIO

import pytest
from django.core.management import call_command

from initiatives.models import Initiative
from places.models import Kern
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_without_demo_it_only_brings_the_database_up_to_date():
    call_command("prepare_site", stdout=StringIO())

    assert not Kern.objects.exists()


def test_a_database_with_people_in_it_never_gets_the_demo():
    UserFactory(email="iemand@example.org")
    output = StringIO()

    call_command("prepare_site", "--demo", stdout=output)

    assert not Initiative.objects.exists()
