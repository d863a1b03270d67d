"""Answers built once and kept, for what is the same for many visitors and changes only
when the data does, or may be a few minutes old.

Most keys name the version of the data the answer was built from (a count and the newest
change, read with one small query), so a change is seen at once, in every process, and
none of them needs to hear of it. Such an answer is kept in each process's own memory
(the "kept" cache of settings.CACHES): a copy per gunicorn worker is never stale, and a
large map layer comes from memory in well under a millisecond, where the shared database
cache would fetch it from the database on every request (about 23 ms for 1.4 MB of
GeoJSON; docs/performance.md). An answer that is simply kept for a while (the insight
figures) goes to the shared default cache instead, so that every worker gives the same
one until it expires."""

import hashlib
from collections.abc import Callable
from typing import TypeVar

from django.core.cache import caches

T = TypeVar("T")

PREFIX = "kompas"


def remembered(key: str, build: Callable[[], T], seconds: int, *, versioned: bool = False) -> T:
    """The answer kept under ``key``, or ``build()`` kept there for ``seconds``.

    ``versioned``: the key names the version of the data the answer is built from, so each
    process may keep its own copy; otherwise every process shares one. The key may hold
    any characters and be of any length (it is hashed: memcached takes no spaces, no cache
    more than 250 characters); the answer must pickle."""
    cache = caches["kept" if versioned else "default"]
    key = f"{PREFIX}:{hashlib.sha256(key.encode()).hexdigest()}"
    value = cache.get(key)
    if value is None:
        value = build()
        cache.set(key, value, seconds)
    return value
