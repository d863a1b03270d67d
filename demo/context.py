"""What every demo step shares: the size asked for, the lines to report, the sign-ins.

Its own module so that step modules can import it without importing each other.
"""

from dataclasses import dataclass, field
from enum import StrEnum

from accounts.models import User

CHANGE_REASON = "load_demo"


class DemoSize(StrEnum):
    SMALL = "small"
    LARGE = "large"


@dataclass(frozen=True)
class DemoLogin:
    """How a person signs in to one demo account."""

    user: User
    password: str | None = None
    totp_secret: str | None = None
    totp_url: str | None = None


@dataclass
class DemoContext:
    size: DemoSize
    password: str
    verbosity: int = 1
    lines: list[str] = field(default_factory=list)
    logins: list[DemoLogin] = field(default_factory=list)

    def say(self, line: str, verbosity: int = 1) -> None:
        if self.verbosity >= verbosity:
            self.lines.append(line)
