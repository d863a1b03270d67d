"""The demo app (load_demo, the demo data, the benchmark's data) is installed only where
DEBUG is on or KOMPAS_DEMO=true: a production site cannot load invented people."""

import os
import subprocess
import sys

import pytest
from django.conf import settings

ASK_SETTINGS = (
    "import django; django.setup(); "
    "from django.apps import apps; from django.core.management import get_commands; "
    "print(apps.is_installed('demo'), 'load_demo' in get_commands())"
)


def installed_with(**environment) -> str:
    """Whether a fresh Django with these variables installs the demo and its command."""
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DEBUG", "TESTING", "KOMPAS_DEMO"}
    }
    env |= {"SECRET_KEY": "kompas-tests-not-secret", "DJANGO_SETTINGS_MODULE": "kompas.settings"}
    env |= environment
    done = subprocess.run(
        [sys.executable, "-c", ASK_SETTINGS],
        env=env,
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout.strip()


@pytest.mark.parametrize(
    ("environment", "expected"),
    [
        ({}, "False False"),
        ({"KOMPAS_DEMO": "true"}, "True True"),
    ],
)
def test_the_demo_is_installed_only_where_asked_for(environment, expected):
    assert installed_with(**environment) == expected
