"""factory_boy factories with Dutch fake data (Faker nl_NL)."""

from typing import TYPE_CHECKING, Any, TypeVar

import factory
from django.contrib.gis.geos import MultiPolygon, Point, Polygon
from django.db.models import Model
from django.utils.text import slugify

from accounts.models import Department, User
from initiatives.models import Initiative, Membership, StaffNote
from jewels.models import Appreciation, CrownJewel, JewelCategory
from kompas.choices import GiftConsent, InitiativeStatus, Role, Visibility
from obstacles.models import Obstacle, ObstacleCategory
from places.models import Kern
from stories.models import Story

factory.Faker._DEFAULT_LOCALE = "nl_NL"

ModelT = TypeVar("ModelT", bound=Model)


class ModelFactory(factory.django.DjangoModelFactory[ModelT]):
    """A factory whose call gives its model's instance, as at run time."""

    class Meta:
        abstract = True

    if TYPE_CHECKING:
        # factory_boy's __new__ is untyped, so calling a factory would give the factory.
        def __new__(cls, *args: Any, **kwargs: Any) -> ModelT: ...  # type: ignore[misc]


def square(lon: float, lat: float, size: float = 0.02) -> MultiPolygon:
    """A small square boundary with its south-west corner at (lon, lat)."""
    ring = ((lon, lat), (lon + size, lat), (lon + size, lat + size), (lon, lat + size), (lon, lat))
    return MultiPolygon(Polygon(ring), srid=4326)


class DepartmentFactory(ModelFactory[Department]):
    class Meta:
        model = Department
        django_get_or_create = ("name",)

    name = factory.Iterator(["Sociaal team", "Openbare ruimte", "Communicatie", "Publiekszaken"])


class UserFactory(ModelFactory[User]):
    class Meta:
        model = User
        django_get_or_create = ("email",)

    email = factory.Sequence(lambda n: f"persoon{n}@example.org")
    name = factory.Faker("name")
    role = Role.RESIDENT
    password = factory.django.Password("geheim-wachtwoord-123")

    class Params:
        staff = factory.Trait(role=Role.STAFF, department=factory.SubFactory(DepartmentFactory))
        council = factory.Trait(role=Role.COUNCIL)
        admin = factory.Trait(role=Role.ADMIN)


class KernFactory(ModelFactory[Kern]):
    class Meta:
        model = Kern
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Dorp {n}")
    slug = factory.LazyAttribute(lambda kern: slugify(kern.name))
    boundary = factory.Sequence(lambda n: square(6.5 + 0.03 * (n % 10), 52.7 + 0.03 * (n // 10)))
    centre = factory.LazyAttribute(lambda kern: kern.boundary.centroid if kern.boundary else None)


class InitiativeFactory(ModelFactory[Initiative]):
    class Meta:
        model = Initiative

    name = factory.Sequence(lambda n: f"Initiatief {n}")
    slug = factory.LazyAttribute(lambda initiative: slugify(initiative.name))
    kern = factory.SubFactory(KernFactory)
    location = factory.LazyAttribute(
        lambda initiative: Point(6.51, 52.71, srid=4326) if initiative.kern else None
    )
    description = factory.Faker("paragraph")
    status = InitiativeStatus.PUBLIC


class MembershipFactory(ModelFactory[Membership]):
    class Meta:
        model = Membership

    initiative = factory.SubFactory(InitiativeFactory)
    user = factory.SubFactory(UserFactory)


class StaffNoteFactory(ModelFactory[StaffNote]):
    class Meta:
        model = StaffNote

    initiative = factory.SubFactory(InitiativeFactory)
    author = factory.SubFactory(UserFactory, staff=True)
    text = factory.Faker("sentence")
    visibility = Visibility.SHARED


def jewel_category(slug: str = "plek") -> JewelCategory:
    """One of the categories the migration seeds ("plek", "gebouw", "gave-van-mensen"…)."""
    return JewelCategory.objects.get(slug=slug)


class CrownJewelFactory(ModelFactory[CrownJewel]):
    """A jewel shown to everyone. For a person's gift: ``category=jewel_category(
    "gave-van-mensen"), consent=GiftConsent.ASKED, person_email=...``."""

    class Meta:
        model = CrownJewel

    name = factory.Sequence(lambda n: f"Kroonjuweel {n}")
    slug = factory.LazyAttribute(lambda jewel: slugify(jewel.name))
    category = factory.LazyFunction(jewel_category)
    why = factory.Faker("sentence")
    kern = factory.SubFactory(KernFactory)
    location = factory.LazyAttribute(
        lambda jewel: Point(6.52, 52.71, srid=4326) if jewel.kern else None
    )
    nominated_by = factory.SubFactory(UserFactory)
    consent = GiftConsent.NOT_NEEDED


class AppreciationFactory(ModelFactory[Appreciation]):
    class Meta:
        model = Appreciation

    jewel = factory.SubFactory(CrownJewelFactory)
    author = factory.SubFactory(UserFactory)
    text = factory.Faker("sentence")


class StoryFactory(ModelFactory[Story]):
    """A public story of a public initiative, written by a member."""

    class Meta:
        model = Story

    initiative = factory.SubFactory(InitiativeFactory)
    author = factory.LazyAttribute(
        lambda story: MembershipFactory(initiative=story.initiative).user
    )
    title = factory.Sequence(lambda n: f"Verhaal {n}")
    text = factory.Faker("paragraph")
    visibility = Visibility.PUBLIC


def obstacle_category(slug: str = "past-niet-in-de-subsidiecriteria") -> ObstacleCategory:
    """One of the kinds of obstacle the migration seeds (see initiatives/vocabulary.py)."""
    return ObstacleCategory.objects.get(slug=slug)


class ObstacleFactory(ModelFactory[Obstacle]):
    """A public obstacle of a public initiative, reported by a member."""

    class Meta:
        model = Obstacle

    initiative = factory.SubFactory(InitiativeFactory)
    reported_by = factory.LazyAttribute(
        lambda obstacle: MembershipFactory(initiative=obstacle.initiative).user
    )
    what_happened = factory.Faker("paragraph")
    category = factory.LazyFunction(obstacle_category)
    visibility = Visibility.PUBLIC
