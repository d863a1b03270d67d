"""Demo data: the invented municipality of Markeveld, built by ``manage.py load_demo``."""

from .people import DEMO_PASSWORD, DEMO_TOTP_SECRET
from .steps import STEPS, DemoContext, DemoLogin, DemoSize, build_demo

__all__ = [
    "DEMO_PASSWORD",
    "DEMO_TOTP_SECRET",
    "STEPS",
    "DemoContext",
    "DemoLogin",
    "DemoSize",
    "build_demo",
]
