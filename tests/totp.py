"""The code an authenticator app shows, for tests that sign an administrator in."""

import time

from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value

PERIOD = 30  # seconds per code, allauth's default
MARGIN = 5  # seconds a test needs between reading a code and the server checking it


def current_totp(secret: str) -> str:
    """The code an app with this key shows now, read early enough in its window that it
    is still current when the server checks it."""
    left = PERIOD - time.time() % PERIOD
    if left < MARGIN:
        time.sleep(left + 0.1)
    return format_hotp_value(hotp_value(secret, int(time.time()) // PERIOD))
