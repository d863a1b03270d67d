"""``record_change``: the one place that tells django-simple-history who made a change
and why; no other module writes the library's private attributes."""

import os
import re
from pathlib import Path

import pytest
from django.test import RequestFactory
from django.utils import translation
from django.utils.translation import gettext_lazy
from simple_history.models import HistoricalRecords

from kompas.changes import FROM_REQUEST, record_change
from tests.factories import InitiativeFactory, UserFactory

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]
SKIPPED_FOLDERS = {"node_modules", "tests", "migrations", "media", "static", "staticfiles"}
PRIVATE_ASSIGNMENT = re.compile(r"\._(change_reason|history_user|history_date)\s*=[^=]")


def latest(obj):
    return obj.history.order_by("-history_id").first()


def test_the_history_holds_the_author_and_the_reason():
    initiative = InitiativeFactory()
    editor = UserFactory()
    initiative.name = "Buurtmoestuin De Es"
    record_change(initiative, by=editor, reason="Status: known")
    initiative.save()
    record = latest(initiative)
    assert record.history_user == editor
    assert record.history_change_reason == "Status: known"


def test_a_lazy_reason_is_stored_as_text_in_the_active_language():
    initiative = InitiativeFactory()
    with translation.override("nl"):
        record_change(initiative, by=None, reason=gettext_lazy("Changed"))
        initiative.save()
    assert latest(initiative).history_change_reason == "Aangepast"


def test_by_none_records_no_one_even_inside_a_request():
    initiative = InitiativeFactory()
    request = RequestFactory().get("/")
    request.user = UserFactory()
    HistoricalRecords.context.request = request
    try:
        record_change(initiative, by=None, reason="Hidden after reports")
        initiative.save()
    finally:
        del HistoricalRecords.context.request
    assert latest(initiative).history_user is None


def test_from_request_leaves_the_author_to_the_signed_in_person():
    initiative = InitiativeFactory()
    request = RequestFactory().get("/")
    request.user = UserFactory()
    HistoricalRecords.context.request = request
    try:
        record_change(initiative, by=FROM_REQUEST, reason="Merged duplicate words")
        initiative.save()
    finally:
        del HistoricalRecords.context.request
    record = latest(initiative)
    assert record.history_user == request.user
    assert record.history_change_reason == "Merged duplicate words"


def test_without_a_reason_a_fresh_object_has_none():
    author = UserFactory()
    initiative = InitiativeFactory()
    record_change(initiative, by=author)
    initiative.save()
    record = latest(initiative)
    assert record.history_user == author
    assert record.history_change_reason is None


def source_files():
    """The project's own Python modules, without tests and migrations."""
    for folder, subfolders, files in os.walk(ROOT):
        subfolders[:] = [
            name for name in subfolders if not name.startswith(".") and name not in SKIPPED_FOLDERS
        ]
        yield from (Path(folder) / name for name in files if name.endswith(".py"))


def test_no_module_but_the_helper_writes_the_history_attributes():
    helper = Path(record_change.__code__.co_filename).resolve()
    offenders = []
    for path in source_files():
        if path.resolve() == helper:
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if PRIVATE_ASSIGNMENT.search(line):
                offenders.append(f"{path.relative_to(ROOT)}:{number}")
    assert not offenders, f"use kompas.changes.record_change in {offenders}"
