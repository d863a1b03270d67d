"""Answers built once and kept in Django's cache, for what is the same for many visitors
and changes only when the data does.

Every key names the version of the data the answer was built from (a count and the
newest change, read with one small query), so a change is seen at once, in every
process: with the default local-memory cache each gunicorn worker keeps its own copy, and
none of them needs to hear of a change. The lifetime only bounds what is kept."""

import hashlib
from collections.abc import Callable
from typing import TypeVar

from django.core.cache import cache

T = TypeVar("T")

PREFIX = "kompas"


def remembered(key: str, build: Callable[[], T], seconds: int) -> T:
    """The answer kept under ``key``, or ``build()`` kept there for ``seconds``. The key
    may hold any characters (it is hashed: memcached takes no spaces)."""
    key = f"{PREFIX}:{hashlib.sha256(key.encode()).hexdigest()}"
    value = cache.get(key)
    if value is None:
        value = build()
        cache.set(key, value, seconds)
    return value
