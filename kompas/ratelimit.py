"""A per-address limit on the forms residents and visitors post, kept in Django's cache.

Signing in, sign-up, sign-in and confirmation codes, password resets and authenticator
codes have allauth's own limits (ACCOUNT_RATE_LIMITS, and the defaults allauth adds to
them); allauth has none for a site's own forms, so this one keeps a script from flooding
them: reports, appreciations, nominations, new initiatives, stories, reactions,
obstacles, connection proposals, join requests, invitations and gift consents.

The count lives in the default cache, which every process shares (settings.CACHES), and
grows with add() and incr() only, which count atomically there: two workers counting at
the same moment both count.
"""

import functools
import hashlib
import time

from allauth.account.adapter import get_adapter
from django.conf import settings
from django.core.cache import cache
from django.shortcuts import render

from kompas import access

TOO_MANY_REQUESTS = 429


def client_address(request) -> str:
    """The visitor's IP address, read the way allauth reads it for the sign-in limits
    (so the trusted proxy settings hold for both)."""
    return get_adapter(request).get_client_ip(request)


def _window_key(kind: str, address: str, window: int) -> str:
    # Hashed, so the cache never holds an IP address in the clear.
    digest = hashlib.sha256(address.encode()).hexdigest()[:32]
    return f"kompas:ratelimit:{kind}:{digest}:{window}"


def allow_post(request, kind: str) -> bool:
    """Count one post of this kind from the request's address; False once the address
    posted more than KOMPAS_FORM_RATE_LIMIT_POSTS in the current window."""
    seconds = settings.KOMPAS_FORM_RATE_LIMIT_MINUTES * 60
    window = int(time.time()) // seconds
    key = _window_key(kind, client_address(request), window)
    # add() is a no-op when the key exists, so two simultaneous first posts both count.
    cache.add(key, 0, timeout=seconds)
    try:
        count = cache.incr(key)
    except ValueError:
        # The window ran out between add() and incr(): this post opens a new one.
        cache.set(key, 1, timeout=seconds)
        count = 1
    return count <= settings.KOMPAS_FORM_RATE_LIMIT_POSTS


def limit_posts(kind: str):
    """View decorator: a POST over the limit gets a friendly 429 page; GETs are free."""

    def decorator(view):
        @functools.wraps(view)
        def wrapped(request, *args, **kwargs):
            if (
                request.method == "POST"
                and not access.is_exempt_from_form_limits(request.user)
                and not allow_post(request, kind)
            ):
                # The same page allauth shows when signing in is limited.
                return render(request, "429.html", status=TOO_MANY_REQUESTS)
            return view(request, *args, **kwargs)

        return wrapped

    return decorator
