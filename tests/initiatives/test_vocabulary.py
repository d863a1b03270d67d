"""Strength-based language: the words Kompas avoids appear in no text a person reads."""

import re
from pathlib import Path

import pytest
from django.conf import settings

from kompas.words import AVOIDED_WORDS

TEMPLATES = Path(settings.BASE_DIR) / "templates"
DUTCH_CATALOGUE = Path(settings.BASE_DIR) / "locale" / "nl" / "LC_MESSAGES" / "django.po"
AVOIDED = re.compile("|".join(re.escape(word) for word in AVOIDED_WORDS), re.IGNORECASE)


def ui_texts():
    for path in sorted(TEMPLATES.rglob("*")):
        if path.is_file():
            yield path
    yield DUTCH_CATALOGUE


@pytest.mark.parametrize(
    "path", list(ui_texts()), ids=lambda p: str(p.relative_to(settings.BASE_DIR))
)
def test_no_avoided_words(path):
    found = [
        f"line {number}: {line.strip()}"
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if AVOIDED.search(line) and not line.startswith("#")
    ]
    assert not found, f"{path.name} uses words Kompas avoids:\n" + "\n".join(found)


def test_the_check_itself_catches_an_avoided_word():
    assert AVOIDED.search("Wat is het Probleem van deze doelgroep?")
    assert not AVOIDED.search("Waar krijgen jullie energie van?")
