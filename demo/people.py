"""The departments of Markeveld and the demo accounts: one per role, and colleagues in
several departments and a partner organisation who log conversations."""

from dataclasses import dataclass

from kompas.choices import Role

# The password of the demo accounts that have one, unless load_demo is given another.
DEMO_PASSWORD = "kompas-demo-2026"

# The administrator's authenticator key (base32). It is public on purpose: add it to an
# authenticator app to sign in as the demo administrator. Never use it for a real account.
DEMO_TOTP_SECRET = "KOMPASDEMOMARKEVELDBEHEERDER2345"

# (name, is a partner organisation): the whole organisation takes part.
DEPARTMENTS = (
    ("Sociaal team", False),
    ("Openbare ruimte", False),
    ("Communicatie", False),
    ("Publiekszaken", False),
    ("Raadsgriffie", False),
    ("Ruimtelijke ontwikkeling", False),
    ("Economie en vrije tijd", False),
    ("Vergunningen en handhaving", False),
    ("Welzijn Markeveld", True),
    ("Bibliotheek Markeveld", True),
)


@dataclass(frozen=True)
class DemoAccount:
    email: str
    name: str
    role: str
    department: str | None = None
    has_password: bool = False
    has_authenticator: bool = False


ACCOUNTS = (
    DemoAccount("inwoner@example.org", "Sanne Hofstra", Role.RESIDENT),
    DemoAccount(
        "ambtenaar@example.org",
        "Jeroen Mulder",
        Role.STAFF,
        department="Sociaal team",
        has_password=True,
    ),
    # Colleagues in other departments and at the partner organisation: the whole
    # organisation has conversations and writes down what it learns.
    DemoAccount(
        "openbareruimte@example.org",
        "Wim Oosting",
        Role.STAFF,
        department="Openbare ruimte",
        has_password=True,
    ),
    DemoAccount(
        "communicatie@example.org",
        "Lotte de Vries",
        Role.STAFF,
        department="Communicatie",
        has_password=True,
    ),
    DemoAccount(
        "balie@example.org",
        "Esra Demir",
        Role.STAFF,
        department="Publiekszaken",
        has_password=True,
    ),
    DemoAccount(
        "griffie@example.org",
        "Marieke Scholten",
        Role.STAFF,
        department="Raadsgriffie",
        has_password=True,
    ),
    DemoAccount(
        "opbouwwerker@example.org",
        "Kees Brinkman",
        Role.STAFF,
        department="Welzijn Markeveld",
        has_password=True,
    ),
    DemoAccount("raadslid@example.org", "Hennie Bosma", Role.COUNCIL),
    DemoAccount(
        "beheerder@example.org",
        "Ineke Smit",
        Role.ADMIN,
        has_password=True,
        has_authenticator=True,
    ),
)
