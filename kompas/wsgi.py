"""WSGI entry point (gunicorn kompas.wsgi)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kompas.settings")
# Tells the settings that this is the web process, which gets a statement timeout
# (KOMPAS_STATEMENT_TIMEOUT_MS); management commands don't. Set before the settings load.
os.environ.setdefault("KOMPAS_WEB_PROCESS", "true")
application = get_wsgi_application()
