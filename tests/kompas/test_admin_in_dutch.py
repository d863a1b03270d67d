"""The administration (/beheer/) in Dutch, libraries included, with the site's icon."""

import pytest
from django.urls import reverse

from tests.factories import KernFactory

pytestmark = pytest.mark.django_db


def test_the_administration_says_no_english_of_the_libraries_it_uses(admin_client):
    # Django's hidden column headings, django-tasks-db's app and model, auditlog's app.
    english = [
        "Model name",
        "Add link",
        "Change or view list link",
        "Tasks Database Backend",
        "Task Result",
        "Audit log",
    ]
    for url in (
        reverse("admin:index"),
        reverse("admin:django_tasks_database_dbtaskresult_changelist"),
    ):
        page = admin_client.get(url).content.decode()
        assert '<html lang="nl"' in page, url
        for text in english:
            assert text not in page, (url, text)
    tasks = admin_client.get(reverse("admin:django_tasks_database_dbtaskresult_changelist"))
    assert "Achtergrondtaken" in tasks.content.decode()


def test_admin_pages_carry_the_site_s_icon(admin_client):
    # Without one the browser asks for /favicon.ico, which is not there.
    kern = KernFactory()
    for url in (
        reverse("admin:index"),
        reverse("admin:places_kern_changelist"),
        reverse("admin:places_kern_change", args=[kern.pk]),
        reverse("admin:places_kern_import"),
        reverse("admin:initiatives_initiative_import"),
    ):
        page = admin_client.get(url).content.decode()
        assert (
            '<link rel="icon" href="/static/img/logo-kompas.svg" type="image/svg+xml">' in page
        ), url
