"""The demo's crown jewels: every category in most kernen, appreciations in words, one
person's gift waiting for consent, and no email while loading."""

from io import StringIO

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core import mail
from django.core.management import call_command

from demo.jewels import JEWELS, LARGE_SLUG_PREFIX, create_many_jewels
from jewels.models import Appreciation, CrownJewel, JewelCategory, SignedAs
from kompas.choices import GiftConsent, Role
from kompas.words import AVOIDED_WORDS
from places.models import Kern

pytestmark = pytest.mark.django_db


def test_jewels_of_every_category_in_most_kernen(demo):
    jewels = CrownJewel.objects.all()

    assert {jewel.category_id for jewel in jewels} == set(
        JewelCategory.objects.values_list("pk", flat=True)
    )
    assert len({jewel.kern_id for jewel in jewels}) > Kern.objects.count() / 2
    assert 20 <= jewels.count() <= 30
    assert jewels.filter(location__isnull=False).count() >= 10
    assert jewels.filter(caretakers__isnull=False).distinct().count() >= 5


def test_a_few_have_a_photo_prepared_as_any_upload(demo):
    with_photo = CrownJewel.objects.exclude(photo="")

    assert with_photo.count() >= 3
    for jewel in with_photo:
        assert jewel.photo.name.endswith(".jpg")
        assert jewel.photo_description
        with jewel.photo.open() as photo:
            assert photo.read(3) == b"\xff\xd8\xff"  # a JPEG


def test_one_gift_waits_for_consent_and_one_was_given(demo):
    gifts = CrownJewel.objects.filter(category__needs_consent=True)

    assert gifts.filter(consent=GiftConsent.ASKED).count() == 1
    assert gifts.filter(consent=GiftConsent.GIVEN).count() >= 1
    assert not gifts.filter(consent=GiftConsent.ASKED, appreciations__isnull=False).exists()
    shown = CrownJewel.objects.visible_to(AnonymousUser())
    assert not shown.filter(consent=GiftConsent.ASKED).exists()


def test_appreciations_by_several_people_with_a_name_or_as_a_resident(demo):
    appreciations = Appreciation.objects.all()

    assert appreciations.count() >= 30
    assert len({appreciation.author_id for appreciation in appreciations}) >= 8
    assert {appreciation.signed_as for appreciation in appreciations} == set(SignedAs.values)
    assert not appreciations.filter(signed_as=SignedAs.KERN, author_kern__isnull=True).exists()


def test_residents_and_staff_nominate(demo):
    roles = set(CrownJewel.objects.values_list("nominated_by__role", flat=True))

    assert roles == {Role.RESIDENT, Role.STAFF}


def test_loading_twice_makes_nothing_twice_and_sends_no_email(demo):
    jewels, appreciations = CrownJewel.objects.count(), Appreciation.objects.count()

    call_command("load_demo", stdout=StringIO())

    assert CrownJewel.objects.count() == jewels == len(JEWELS)
    assert Appreciation.objects.count() == appreciations
    assert not demo.sent
    assert not mail.outbox


def test_the_demo_texts_use_no_avoided_words():
    texts = " ".join(
        " ".join([spec.name, spec.why, spec.description, *(a.text for a in spec.appreciations)])
        for spec in JEWELS
    ).lower()

    assert not [word for word in AVOIDED_WORDS if word in texts]


def test_the_large_demo_makes_generated_jewels_once(demo):
    assert create_many_jewels(40) == 40
    assert create_many_jewels(40) == 0

    generated = CrownJewel.objects.filter(slug__startswith=LARGE_SLUG_PREFIX)
    assert generated.count() == 40
    assert len(set(generated.values_list("category", flat=True))) >= 3
    assert generated.filter(location__isnull=False).exists()
    assert CrownJewel.history.filter(slug__startswith=LARGE_SLUG_PREFIX).count() == 40
    assert Appreciation.objects.filter(jewel__in=generated).exists()
