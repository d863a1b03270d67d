"""What the site's log looks like to whoever runs it."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

# What Django itself logs when a view refuses someone (django.utils.log.log_response).
LOG_A_REFUSAL = """
import django, logging
django.setup()
from django.core.exceptions import PermissionDenied
try:
    raise PermissionDenied
except PermissionDenied:
    logging.getLogger("django.request").warning(
        "Forbidden (Permission denied): %s", "/beheer/", exc_info=True,
        extra={"status_code": 403},
    )
"""


@pytest.mark.parametrize("debug", ["true", "false"])
def test_a_refused_request_is_one_line_without_traceback(debug):
    environment = os.environ | {
        "DJANGO_SETTINGS_MODULE": "kompas.settings",
        "DEBUG": debug,
        "SECRET_KEY": "kompas-tests-not-secret",
    }
    result = subprocess.run(
        [sys.executable, "-c", LOG_A_REFUSAL],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        check=True,
    )

    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert "WARNING django.request: Forbidden (Permission denied): /beheer/" in lines[0]
