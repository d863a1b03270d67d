"""Loading the demo from tests."""

from io import StringIO

from django.core.management import call_command


def load_demo(*args: str) -> str:
    """Run ``manage.py load_demo`` and return what it printed."""
    out = StringIO()
    call_command("load_demo", *args, stdout=out, stderr=StringIO())
    return out.getvalue()
