"""Conditional answers for data that is built from one small version query: an ETag and a
Last-Modified, 304 Not Modified when the visitor already has this version, and a caching
policy that says whether a shared cache may keep it. Used by the map layers and the open
data downloads."""

import hashlib
from collections.abc import Callable

from django.http import HttpResponse
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import http_date, quote_etag

GEOJSON = "application/geo+json"
# The same answer for everyone: a shared cache may keep it briefly.
PUBLIC_MAX_AGE = 60


def etag(*parts) -> str:
    """A strong ETag made of the parts that decide what the answer holds."""
    text = "|".join(str(part) for part in parts)
    return quote_etag(hashlib.sha256(text.encode()).hexdigest()[:32])


def conditional_response(
    request,
    tag: str,
    last_modified,
    build: Callable[[], str | bytes],
    *,
    shared: bool,
    content_type: str = GEOJSON,
    max_age: int = PUBLIC_MAX_AGE,
):
    """304 when the visitor already has this version; otherwise ``build()`` itself. Either
    way with the validators. ``shared`` answers are the same for every visitor and may be
    kept by a shared cache; the others are private and checked again on every visit."""
    timestamp = int(last_modified.timestamp()) if last_modified else None
    response = get_conditional_response(request, etag=tag, last_modified=timestamp)
    if response is None:
        response = HttpResponse(build(), content_type=content_type)
    if response.status_code in (200, 304):
        response["ETag"] = tag
        if timestamp is not None:
            response["Last-Modified"] = http_date(timestamp)
        if shared:
            patch_cache_control(response, public=True, max_age=max_age)
        else:
            patch_cache_control(response, private=True, max_age=0, must_revalidate=True)
    return response
