"""Settings for Kompas: one file, every value read from the environment.

Nothing exists only in production: the run command, the test suite and a production
server read the same variables, each with its own values.
"""

import importlib.util
import os
from pathlib import Path
from urllib.parse import urlsplit

import environ
from csp.constants import NONE, SELF
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

# --- Core -------------------------------------------------------------------------------

DEBUG = env.bool("DEBUG", default=False)
# The test suite talks plain HTTP to its own live server.
TESTING = env.bool("TESTING", default=False)
SECRET_KEY = env.str(
    "SECRET_KEY",
    default="django-insecure-kompas-development-only" if DEBUG else "",
)
if not SECRET_KEY:
    # Refuse to start a non-debug site with a guessable key.
    raise environ.ImproperlyConfigured("Set SECRET_KEY (or DEBUG=true for local development).")

ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.gis",
    "django.contrib.humanize",
    "leaflet",
    "django_htmx",
    "csp",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "simple_history",
    "auditlog",
    "import_export",
    "django_tasks",
    # django-tasks-db, with a name the administration can show in Dutch.
    "kompas.apps.TasksDatabaseConfig",
    "kompas",
    "accounts",
    "places",
    "initiatives",
    "conversations",
    "connections",
    "jewels",
    "stories",
    "obstacles",
    "moderation",
    "maps",
    "insight",
    "privacy",
    "attention",
]
# The demo municipality (load_demo) and the benchmark's data: for trying Kompas and for its
# tests, never on a site that holds a municipality's own data.
KOMPAS_DEMO = env.bool("KOMPAS_DEMO", default=DEBUG or TESTING)
if KOMPAS_DEMO:
    INSTALLED_APPS.append("demo")

MIDDLEWARE = [
    # First: the health check answers any Host over plain HTTP, before the Host is checked.
    "kompas.middleware.HealthCheckMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "kompas.middleware.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Pages and data compressed for slow village connections (static files come
    # compressed from whitenoise, above). Django pads each compressed answer with random
    # bytes against BREACH, and masks the CSRF token per answer.
    "django.middleware.gzip.GZipMiddleware",
    "csp.middleware.CSPMiddleware",
    "kompas.middleware.AdminScriptPolicyMiddleware",
    # Above the session: a database that does not answer gets the 503 page wherever it shows.
    "kompas.middleware.DatabaseUnavailableMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "kompas.middleware.SessionLimitsMiddleware",
    "kompas.middleware.RequireAdminTOTPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "auditlog.middleware.AuditlogMiddleware",
]

# scripts/benchmark.sh sets kompas.benchmark_urls: the site plus one minimal view to
# compare pages with. Never set on a real site.
ROOT_URLCONF = env("KOMPAS_ROOT_URLCONF", default="kompas.urls")
WSGI_APPLICATION = "kompas.wsgi.application"
ASGI_APPLICATION = "kompas.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "kompas.context_processors.kompas",
            ],
        },
    },
]

# --- Database ---------------------------------------------------------------------------
# spatialite:///db.sqlite3 (the embedded default) or postgis://user:pass@host:port/name.

DATABASE_URL = env.str("DATABASE_URL", default="") or f"spatialite:///{BASE_DIR / 'db.sqlite3'}"
DATABASES = {"default": env.db_url_config(DATABASE_URL)}
# How long one statement of the web process may run, in milliseconds (0: no limit), so one
# slow query cannot hold a worker forever; PostgreSQL cancels it and the visitor gets the
# 503 page (kompas.middleware.DatabaseUnavailableMiddleware). Only the web process:
# kompas/wsgi.py sets KOMPAS_WEB_PROCESS before the settings load. Management commands
# (migrate, load_demo, apply_retention, db_worker) read these same settings without it, so
# a long migration or clean-up is never cut off.
KOMPAS_STATEMENT_TIMEOUT_MS = env.int("KOMPAS_STATEMENT_TIMEOUT_MS", default=15000)
if DATABASES["default"]["ENGINE"] == "django.contrib.gis.db.backends.postgis":
    _db_options = DATABASES["default"].setdefault("OPTIONS", {})
    # libpq waits for an unreachable server as long as the network lets it; give up
    # sooner, so that during an outage a visitor soon sees the 503 page.
    _db_options.setdefault("connect_timeout", env.int("DATABASE_CONNECT_TIMEOUT", default=5))
    # A connection broken by a database restart is never handed to a request: Django
    # tests a connection that saw an error or sat idle before using it again, and the pool
    # tests each one it lends. So the site recovers by itself once the database is back.
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
    if env.bool("DATABASE_POOL", default=False):
        # Django's own psycopg 3 pool; each app server keeps a few warm connections. A
        # request waits at most `timeout` seconds for one (psycopg's default is 30).
        _db_options["pool"] = {
            "min_size": env.int("DATABASE_POOL_MIN", default=2),
            "max_size": env.int("DATABASE_POOL_MAX", default=10),
            "timeout": env.float("DATABASE_POOL_TIMEOUT", default=5.0),
        }
    else:
        DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
    if KOMPAS_STATEMENT_TIMEOUT_MS and env.bool("KOMPAS_WEB_PROCESS", default=False):
        _timeout = f"-c statement_timeout={KOMPAS_STATEMENT_TIMEOUT_MS}"
        _db_options["options"] = " ".join(filter(None, [_db_options.get("options"), _timeout]))
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

SPATIALITE_LIBRARY_PATH = env.str("SPATIALITE_LIBRARY_PATH", default="mod_spatialite")


def _bundled_gdal() -> str | None:
    """The GDAL that pyogrio ships (3.9 or newer, which can block file and network access
    from spatial references), with its own PROJ and GDAL data. Debian 12's is 3.6."""
    spec = importlib.util.find_spec("pyogrio")
    if spec is None or spec.origin is None:
        return None
    package = Path(spec.origin).parent
    libraries = sorted((package.parent / "pyogrio.libs").glob("libgdal-*.so*"))
    if not libraries:
        return None
    os.environ.setdefault("PROJ_DATA", str(package / "proj_data"))
    os.environ.setdefault("GDAL_DATA", str(package / "gdal_data"))
    return str(libraries[0])


GDAL_LIBRARY_PATH = env.str("GDAL_LIBRARY_PATH", default=None) or _bundled_gdal()

# The default cache holds what every process must agree on: allauth's sign-in limits and
# used authenticator codes, and the form limits (kompas.ratelimit). So it is one that
# all processes and servers share and that counts atomically: a table in the database
# (`migrate` creates it) unless CACHE_URL names another, such as Redis for several
# servers. `check --deploy` refuses one that lives in a single process.
CACHES = {
    "default": env.cache_url("CACHE_URL", default="dbcache://kompas_cache"),
    # Answers built from one version of the data and named by it (kompas.caching):
    # a copy per process is never stale, and memory serves a large map layer far sooner
    # than a round trip to the database does.
    "kept": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "kept"},
}
if CACHES["default"]["BACKEND"] == "django.core.cache.backends.db.DatabaseCache":
    # Django's, with incr and add that hold when processes count at the same moment.
    CACHES["default"]["BACKEND"] = "kompas.cache.DatabaseCache"
    # Django removes live entries, in key order, once there are more than MAX_ENTRIES
    # (300 by default): a limit or a used code must not go because many were counted.
    CACHES["default"].setdefault("OPTIONS", {}).setdefault("MAX_ENTRIES", 10_000)

# --- Accounts ---------------------------------------------------------------------------

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
if TESTING:
    # Hashing strength is not what the tests are about; speed is.
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "home"
ACCOUNT_LOGOUT_REDIRECT_URL = "home"

ACCOUNT_ADAPTER = "accounts.adapters.AccountAdapter"
ACCOUNT_FORMS = {
    "login": "accounts.forms.LoginForm",
    "request_login_code": "accounts.forms.RequestLoginCodeForm",
}
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_LOGIN_METHODS = {"email"}
# Residents sign up with only an email address and confirm it with an emailed code.
ACCOUNT_SIGNUP_FIELDS = ["email*"]
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_EMAIL_VERIFICATION_BY_CODE_ENABLED = True
ACCOUNT_LOGIN_BY_CODE_ENABLED = True
# Ten minutes (allauth: three) for a resident to switch to their mail on a phone and back;
# a code still works for three tries only.
ACCOUNT_LOGIN_BY_CODE_TIMEOUT = 600
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_SESSION_REMEMBER = None
ACCOUNT_RATE_LIMITS = {
    "login": "30/m/ip",
    "login_failed": "5/5m/key,20/5m/ip",
    "signup": "10/h/ip",
    "confirm_email": "3/3m/key",
    "request_login_code": "5/5m/key,20/h/ip",
}
ACCOUNT_EMAIL_SUBJECT_PREFIX = env.str("ACCOUNT_EMAIL_SUBJECT_PREFIX", default="[Kompas] ")
MFA_ADAPTER = "accounts.adapters.MFAAdapter"
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = env.str("MFA_TOTP_ISSUER", default="Kompas")
# One step either way (RFC 6238 §6): a code typed as it rolls over, or a phone clock a
# little off, still signs the administrator in.
MFA_TOTP_TOLERANCE = 1

# --- Language ---------------------------------------------------------------------------

LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", _("Dutch")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True

# --- Static files and uploads -----------------------------------------------------------

STATIC_URL = "static/"
STATIC_ROOT = env.path("STATIC_ROOT", default=BASE_DIR / "staticfiles")
NODE_MODULES = BASE_DIR / "node_modules"
STATICFILES_DIRS = [
    BASE_DIR / "static",
    # Third-party front-end assets come from npm at set-up; served straight from there.
    ("vendor/utrecht", NODE_MODULES / "@utrecht" / "component-library-css" / "dist"),
    (
        "vendor/voorbeeld-tokens",
        NODE_MODULES / "@nl-design-system-unstable" / "voorbeeld-design-tokens" / "dist",
    ),
    ("vendor/markercluster", NODE_MODULES / "leaflet.markercluster" / "dist"),
]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG or TESTING
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
MEDIA_URL = "media/"
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "media")

# --- Email ------------------------------------------------------------------------------
# smtp://user:pass@host:587 ; consolemail:// prints mail (the run command uses it).

vars().update(env.email_url("EMAIL_URL", default="consolemail://"))
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="Kompas <kompas@example.org>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# --- Background work --------------------------------------------------------------------
# Emails to initiatives go through a task queue in the database (`manage.py db_worker`
# runs it). Local runs and tests do the work at once, so nothing waits for a worker.

TASKS = {
    "default": {
        "BACKEND": env.str(
            "TASKS_BACKEND",
            default="django_tasks.backends.immediate.ImmediateBackend"
            if DEBUG or TESTING
            else "django_tasks_db.DatabaseBackend",
        )
    }
}

# --- The municipality -------------------------------------------------------------------

# Where the site lives, for links in emails sent in the background (no request there).
KOMPAS_SITE_URL = env.str("KOMPAS_SITE_URL", default="http://127.0.0.1:8000").rstrip("/")
KOMPAS_MUNICIPALITY_NAME = env.str("KOMPAS_MUNICIPALITY_NAME", default="Gemeente Markeveld")
# A stylesheet (static path) that sets the NL Design System tokens of this municipality.
KOMPAS_THEME_CSS = env.str("KOMPAS_THEME_CSS", default="css/theme-kompas.css")
KOMPAS_LOGO = env.str("KOMPAS_LOGO", default="img/logo-kompas.svg")
KOMPAS_MAP_TILES_URL = env.str(
    "KOMPAS_MAP_TILES_URL",
    default="https://service.pdok.nl/brt/achtergrondkaart/wmts/v2_0/standaard/EPSG:3857/{z}/{x}/{y}.png",
)
KOMPAS_MAP_ATTRIBUTION = env.str(
    "KOMPAS_MAP_ATTRIBUTION",
    default='Kaartgegevens &copy; <a href="https://www.kadaster.nl">Kadaster</a>',
)
KOMPAS_MAP_CENTER = tuple(env.list("KOMPAS_MAP_CENTER", cast=float, default=[52.78, 6.62]))
KOMPAS_MAP_ZOOM = env.int("KOMPAS_MAP_ZOOM", default=11)

# Photos people upload: the largest file accepted, and the longest side kept after resizing.
KOMPAS_PHOTO_MAX_BYTES = env.int("KOMPAS_PHOTO_MAX_BYTES", default=8 * 1024 * 1024)
KOMPAS_PHOTO_MAX_SIDE = env.int("KOMPAS_PHOTO_MAX_SIDE", default=1600)
# After this many reports, a crown jewel or appreciation is hidden until a moderator looks.
KOMPAS_REPORTS_BEFORE_HIDING = env.int("KOMPAS_REPORTS_BEFORE_HIDING", default=3)
# The licence of the open data downloads (/open-data/), as an SPDX identifier.
KOMPAS_OPEN_DATA_LICENSE = env.str("KOMPAS_OPEN_DATA_LICENSE", default="CC0-1.0")

# Retention (python manage.py apply_retention, run every night; see docs/privacy.md).
# The free text of a conversation (what was learned, ideas, talents, with whom, where) is
# removed this many months after the conversation's date, from its history as well.
KOMPAS_RETENTION_CONVERSATION_TEXT_MONTHS = env.int(
    "KOMPAS_RETENTION_CONVERSATION_TEXT_MONTHS", default=24
)
# A person's gift nominated as crown jewel, that person never answered: removed this many
# days after the nomination last changed (without consent it may not be kept).
KOMPAS_RETENTION_UNCONFIRMED_GIFT_DAYS = env.int(
    "KOMPAS_RETENTION_UNCONFIRMED_GIFT_DAYS", default=30
)
# An invitation to join an initiative that was never accepted (it holds an email address).
KOMPAS_RETENTION_OPEN_INVITATION_DAYS = env.int("KOMPAS_RETENTION_OPEN_INVITATION_DAYS", default=90)
# A request to join an initiative, this many days after staff decided on it.
KOMPAS_RETENTION_DECIDED_JOIN_REQUEST_DAYS = env.int(
    "KOMPAS_RETENTION_DECIDED_JOIN_REQUEST_DAYS", default=90
)
# A report of a crown jewel or appreciation, this many months after a moderator handled it.
KOMPAS_RETENTION_HANDLED_REPORT_MONTHS = env.int(
    "KOMPAS_RETENTION_HANDLED_REPORT_MONTHS", default=12
)
# Entries of the audit log (changes, and who was shown private details).
KOMPAS_RETENTION_AUDIT_LOG_MONTHS = env.int("KOMPAS_RETENTION_AUDIT_LOG_MONTHS", default=24)
# Results of background tasks (the emails Kompas sends; their arguments can say what an
# email is about), this many days after they were done; a failed one is kept longer, for
# whoever looks into why it failed. A task that has not run yet stays.
KOMPAS_RETENTION_FINISHED_TASK_DAYS = env.int("KOMPAS_RETENTION_FINISHED_TASK_DAYS", default=7)
KOMPAS_RETENTION_FAILED_TASK_DAYS = env.int("KOMPAS_RETENTION_FAILED_TASK_DAYS", default=30)

LEAFLET_CONFIG = {
    "DEFAULT_CENTER": KOMPAS_MAP_CENTER,
    "DEFAULT_ZOOM": KOMPAS_MAP_ZOOM,
    "TILES": [(_("Map"), KOMPAS_MAP_TILES_URL, {"attribution": KOMPAS_MAP_ATTRIBUTION})]
    if KOMPAS_MAP_TILES_URL
    else [],
    "RESET_VIEW": False,
}

# --- Security ---------------------------------------------------------------------------

SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
# Permissions-Policy (PermissionsPolicyMiddleware): each feature and the origins that may
# use it, none when empty. Location for the site itself ("use my location" on the place
# pickers); every other powerful feature off.
PERMISSIONS_POLICY = {
    "geolocation": ["self"],
    "camera": [],
    "microphone": [],
    "payment": [],
    "usb": [],
    "serial": [],
    "hid": [],
    "bluetooth": [],
    "midi": [],
    "accelerometer": [],
    "gyroscope": [],
    "magnetometer": [],
    "display-capture": [],
    "screen-wake-lock": [],
    "xr-spatial-tracking": [],
    "publickey-credentials-get": [],
    "browsing-topics": [],
}
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
_HTTPS_ONLY = not (DEBUG or TESTING)
SESSION_COOKIE_SECURE = env.bool("SESSION_COOKIE_SECURE", default=_HTTPS_ONLY)
CSRF_COOKIE_SECURE = env.bool("CSRF_COOKIE_SECURE", default=_HTTPS_ONLY)
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=_HTTPS_ONLY)
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31536000 if _HTTPS_ONLY else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=_HTTPS_ONLY)
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=_HTTPS_ONLY)
if env.bool("BEHIND_TLS_PROXY", default=False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# The health check answers plain HTTP from the load balancer: HealthCheckMiddleware
# answers it before SecurityMiddleware would redirect.

# Sessions and form limits: a session lasts a day at most (counted from signing in, by
# SessionLimitsMiddleware); staff and administrators are signed out after this many idle
# minutes. Public forms take at most this many posts per address per window.
SESSION_COOKIE_AGE = env.int("SESSION_COOKIE_AGE", default=24 * 60 * 60)
KOMPAS_STAFF_IDLE_MINUTES = env.int("KOMPAS_STAFF_IDLE_MINUTES", default=30)
KOMPAS_FORM_RATE_LIMIT_POSTS = env.int("KOMPAS_FORM_RATE_LIMIT_POSTS", default=20)
KOMPAS_FORM_RATE_LIMIT_MINUTES = env.int("KOMPAS_FORM_RATE_LIMIT_MINUTES", default=10)


def _origin(url: str) -> str:
    """The scheme and host of a URL template, for the Content-Security-Policy."""
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}" if parts.scheme and parts.netloc else ""


_tile_origin = _origin(KOMPAS_MAP_TILES_URL)
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:", *([_tile_origin] if _tile_origin else [])],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

_LOG_LEVEL = env.str("LOG_LEVEL", default="WARNING")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"line": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}},
    "filters": {"no_4xx_traceback": {"()": "kompas.logs.ClientErrorsWithoutTraceback"}},
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": "line",
            "filters": ["no_4xx_traceback"],
        }
    },
    "root": {"handlers": ["console"], "level": _LOG_LEVEL},
    # Django's own loggers print once, through the root handler: without this, Django's
    # default console handler for DEBUG prints every line a second time.
    "loggers": {"django": {"handlers": [], "level": _LOG_LEVEL, "propagate": True}},
}
