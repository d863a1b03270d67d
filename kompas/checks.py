"""System checks of Kompas's own settings."""

from django.conf import settings
from django.core import checks
from django.core.cache import caches
from django.core.cache.backends.dummy import DummyCache
from django.core.cache.backends.filebased import FileBasedCache
from django.core.cache.backends.locmem import LocMemCache

CACHE_HINT = (
    "Leave CACHE_URL unset for the database cache (migrate creates its table), or set "
    "it to a Redis every server shares: redis://host:6379/1."
)


@checks.register(checks.Tags.caches, deploy=True)
def check_shared_cache(app_configs=None, **kwargs):
    """allauth's sign-in limits, its "code already used" marker and the form limits live
    in the default cache: a cache of one process lets each gunicorn worker keep its own
    count, so an account locked out on one worker signs in on the next, and one
    authenticator code signs in once per worker."""
    if settings.DEBUG:
        return []
    cache = caches["default"]
    if isinstance(cache, LocMemCache | DummyCache):
        return [
            checks.Error(
                f"The default cache ({type(cache).__name__}) lives in one process: sign-in "
                "limits and used authenticator codes would hold per worker only.",
                hint=CACHE_HINT,
                id="kompas.E001",
            )
        ]
    if isinstance(cache, FileBasedCache):
        return [
            checks.Error(
                "The file-based cache cannot count atomically, nor be shared by several "
                "servers: sign-in limits and used authenticator codes would not hold.",
                hint=CACHE_HINT,
                id="kompas.E002",
            )
        ]
    return []
