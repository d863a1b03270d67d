"""Photos people upload: checked by content, resized, stored without location or camera
data. The images are built in memory with Pillow."""

import re
from io import BytesIO

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st
from PIL import Image

from jewels import services
from kompas import photos
from kompas.photos import PreparedPhoto, prepare_photo
from tests.factories import UserFactory, jewel_category
from tests.photos import phone_jpeg, upload

# EXIF tags (numbers from the EXIF standard).
MAKE, MODEL, ORIENTATION, DATETIME, GPS_IFD = 0x010F, 0x0110, 0x0112, 0x0132, 0x8825
RED, BLUE, WHITE = (255, 0, 0), (0, 0, 255), (255, 255, 255)


def two_halves(size=(200, 100)) -> Image.Image:
    """Red on the left, blue on the right: shows which way up an image ends."""
    width, height = size
    image = Image.new("RGB", size, BLUE)
    image.paste(RED, (0, 0, width // 2, height))
    return image


def jpeg_from_a_phone(size=(200, 100), orientation=1) -> bytes:
    """A phone's JPEG whose picture shows which way up it ends (see ``two_halves``)."""
    return phone_jpeg(image=two_halves(size), orientation=orientation)


def encoded(image: Image.Image, fmt: str, **options) -> bytes:
    output = BytesIO()
    image.save(output, format=fmt, **options)
    return output.getvalue()


def opened(prepared: PreparedPhoto) -> Image.Image:
    prepared.seek(0)
    image = Image.open(BytesIO(prepared.read()))
    image.load()
    return image


def close_to(pixel, colour, tolerance=40) -> bool:
    return all(abs(a - b) <= tolerance for a, b in zip(pixel, colour, strict=True))


def refused_as(code: str, content: bytes, **upload_options):
    with pytest.raises(ValidationError) as refused:
        prepare_photo(upload(content, **upload_options))
    assert refused.value.code == code
    return refused.value


# --- A photo from a phone ----------------------------------------------------------------


def test_the_phone_wrote_what_we_strip():
    """The test image really carries the data the next test expects to be gone."""
    image = Image.open(BytesIO(jpeg_from_a_phone()))
    exif = image.getexif()

    assert exif[MODEL] == "FP5"
    assert exif.get_ifd(GPS_IFD)[1] == "N"
    assert image.info.get("comment")


def test_location_camera_and_comments_are_stripped():
    prepared = prepare_photo(upload(jpeg_from_a_phone()))
    image = opened(prepared)

    assert image.format == "JPEG"
    assert not image.getexif()
    assert not image.getexif().get_ifd(GPS_IFD)
    assert "exif" not in image.info
    assert "comment" not in image.info
    assert "xmp" not in image.info
    prepared.seek(0)
    raw = prepared.read()
    assert b"Exif" not in raw
    assert b"FP5" not in raw
    assert b"Veldwijk" not in raw


def test_the_photo_is_turned_upright_as_the_camera_meant_it():
    # Orientation 6: the camera was turned; the stored left side is the visible top.
    image = opened(prepare_photo(upload(jpeg_from_a_phone((200, 100), orientation=6))))

    assert image.size == (100, 200)
    assert close_to(image.getpixel((50, 20)), RED)
    assert close_to(image.getpixel((50, 180)), BLUE)


def test_an_upright_photo_stays_as_it_is():
    image = opened(prepare_photo(upload(jpeg_from_a_phone((200, 100)))))

    assert image.size == (200, 100)
    assert close_to(image.getpixel((20, 50)), RED)
    assert close_to(image.getpixel((180, 50)), BLUE)


@pytest.mark.parametrize(
    ("size", "expected"), [((1200, 600), (400, 200)), ((300, 900), (133, 400))]
)
def test_the_longest_side_is_resized_to_the_setting(settings, size, expected):
    settings.KOMPAS_PHOTO_MAX_SIDE = 400

    image = opened(prepare_photo(upload(jpeg_from_a_phone(size))))

    assert image.size == expected


def test_a_small_photo_is_not_enlarged(settings):
    settings.KOMPAS_PHOTO_MAX_SIDE = 400

    assert opened(prepare_photo(upload(jpeg_from_a_phone((120, 80))))).size == (120, 80)


def test_the_default_longest_side(settings):
    image = opened(prepare_photo(upload(jpeg_from_a_phone((2000, 1000)))))

    assert max(image.size) == settings.KOMPAS_PHOTO_MAX_SIDE == 1600


def test_the_stored_name_is_random_and_says_jpeg():
    first = prepare_photo(upload(jpeg_from_a_phone(), name="Thuis bij Riek.jpeg"))
    second = prepare_photo(upload(jpeg_from_a_phone(), name="Thuis bij Riek.jpeg"))

    assert re.fullmatch(r"[0-9a-f]{32}\.jpg", first.name)
    assert first.name != second.name


@pytest.mark.parametrize("fmt", ["PNG", "WEBP", "GIF"])
def test_other_web_images_become_jpeg(fmt):
    content = encoded(two_halves(), fmt)

    image = opened(prepare_photo(upload(content, name="foto.bestand")))

    assert image.format == "JPEG"
    assert image.mode == "RGB"
    assert image.size == (200, 100)


def test_a_transparent_png_lands_on_white():
    picture = Image.new("RGBA", (100, 100), (255, 0, 0, 0))  # red, fully transparent
    picture.paste((0, 0, 255, 255), (50, 0, 100, 100))  # blue, opaque

    image = opened(prepare_photo(upload(encoded(picture, "PNG"), name="logo.png")))

    assert image.format == "JPEG"
    assert close_to(image.getpixel((20, 50)), WHITE)
    assert close_to(image.getpixel((80, 50)), BLUE)


def test_a_transparent_gif_lands_on_white():
    picture = Image.new("P", (60, 60), 0)
    picture.putpalette([*RED, *BLUE] + [0] * 762)
    picture.paste(1, (30, 0, 60, 60))

    image = opened(prepare_photo(upload(encoded(picture, "GIF", transparency=0), name="a.gif")))

    assert close_to(image.getpixel((10, 30)), WHITE)
    assert close_to(image.getpixel((50, 30)), BLUE)


def test_the_content_decides_not_the_name():
    image = opened(prepare_photo(upload(encoded(two_halves(), "PNG"), name="notities.txt")))

    assert image.format == "JPEG"


def test_a_prepared_photo_passes_through_unchanged():
    prepared = prepare_photo(upload(jpeg_from_a_phone()))

    assert prepare_photo(prepared) is prepared


# --- What is turned away ---------------------------------------------------------------------


def test_a_text_file_named_like_a_photo_is_refused():
    refused_as("not_a_photo", b"Dit is geen foto, maar een boodschappenlijst.\n" * 20)


def test_an_empty_file_is_refused():
    refused_as("not_a_photo", b"")


def test_a_truncated_jpeg_is_refused():
    content = jpeg_from_a_phone((400, 300))

    refused_as("not_a_photo", content[: len(content) // 2])


def test_a_png_with_a_damaged_header_is_refused():
    content = bytearray(encoded(two_halves(), "PNG"))
    content[11] = 5  # the header chunk claims 5 bytes instead of 13

    refused_as("not_a_photo", bytes(content), name="kaart.png")


def test_damaged_exif_does_not_stop_a_photo():
    """Pillow's own exif_transpose trips over some damaged EXIF; the photo is still
    accepted, turned upright, and stored without any of it."""
    exif = Image.Exif()
    exif[MODEL] = "FP5"
    exif[ORIENTATION] = 6
    exif.get_ifd(GPS_IFD).update({1: "N", 2: (52.0, 42.0, 30.5), 3: "E", 4: (6.0, 31.0, 12.25)})
    raw = bytearray(exif.tobytes())
    raw[56] = 7  # one damaged byte, as fuzzing found: exif_transpose raised TypeError
    content = encoded(two_halves((200, 100)), "JPEG", exif=bytes(raw))

    image = opened(prepare_photo(upload(content)))

    assert image.size == (100, 200)
    assert not image.getexif()


def test_a_pdf_is_refused():
    pdf = encoded(two_halves(), "PDF")
    assert pdf.startswith(b"%PDF")

    refused_as("not_a_photo", pdf, name="folder.pdf", content_type="application/pdf")


def test_a_tiff_is_refused():
    refused_as("not_a_photo", encoded(two_halves(), "TIFF"), name="scan.jpg")


def test_a_bmp_is_refused():
    refused_as("not_a_photo", encoded(two_halves(), "BMP"), name="scan.jpg")


def test_an_image_with_too_many_pixels_is_refused(monkeypatch):
    monkeypatch.setattr(photos, "MAX_PIXELS", 100 * 99)

    refused_as("not_a_photo", encoded(two_halves((100, 100)), "PNG"))
    assert prepare_photo(upload(encoded(two_halves((99, 100)), "PNG")))


def test_the_not_a_photo_message_names_the_formats(in_english):
    refused = refused_as("not_a_photo", b"geen foto")

    assert "JPEG" in refused.messages[0]


def test_a_file_over_the_limit_is_refused_with_sizes_in_dutch(settings):
    settings.KOMPAS_PHOTO_MAX_BYTES = 1024 * 1024
    content = b"\xff" * (1024 * 1024 + 512 * 1024)  # 1.5 MB; not even read as an image

    with translation.override("nl"):
        message = refused_as("photo_too_large", content).messages[0]

    assert "1,5" in message
    assert "1,0" in message


def test_a_photo_at_the_limit_is_accepted(settings):
    content = jpeg_from_a_phone()
    settings.KOMPAS_PHOTO_MAX_BYTES = len(content)

    assert prepare_photo(upload(content))


@hypothesis_settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(content=st.binary(max_size=2048))
def test_random_bytes_are_refused_never_crash(content):
    try:
        prepare_photo(upload(content))
    except ValidationError as refused:
        assert refused.code in {"not_a_photo", "photo_too_large"}


MUTATED_SOURCE = jpeg_from_a_phone((64, 48))


@hypothesis_settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    changes=st.lists(
        st.tuples(st.integers(0, len(MUTATED_SOURCE) - 1), st.integers(0, 255)), max_size=8
    ),
    cut=st.integers(0, len(MUTATED_SOURCE)),
)
def test_damaged_photos_are_refused_or_cleaned_never_crash(changes, cut):
    content = bytearray(MUTATED_SOURCE)
    for position, value in changes:
        content[position] = value
    try:
        prepared = prepare_photo(upload(bytes(content[:cut])))
    except ValidationError as refused:
        assert refused.code == "not_a_photo"
    else:
        assert not opened(prepared).getexif()


# --- Through a nomination --------------------------------------------------------------------


@pytest.mark.django_db
def test_a_nomination_stores_the_cleaned_photo():
    nominator = UserFactory()
    jewel = services.nominate_jewel(
        nominator,
        services.JewelData(
            name="Het dorpshuis",
            category=jewel_category("gebouw"),
            why="Hier komt het dorp samen.",
            photo=upload(jpeg_from_a_phone(), name="IMG_2031.jpg"),
            photo_description="De voorgevel in de zon",
        ),
    )

    assert re.fullmatch(r"kroonjuwelen/\d{4}/[0-9a-f]{32}\.jpg", jewel.photo.name)
    assert jewel.photo_description == "De voorgevel in de zon"
    with jewel.photo.open("rb") as stored:
        image = Image.open(stored)
        assert image.format == "JPEG"
        assert not image.getexif()

    data = services.JewelData(
        name=jewel.name, category=jewel.category, why=jewel.why, remove_photo=True
    )
    services.update_jewel(jewel, nominator, data)
    jewel.refresh_from_db()
    assert not jewel.photo
    assert jewel.photo_description == ""


@pytest.mark.django_db
def test_a_nomination_with_a_wrong_file_is_refused_and_nothing_is_stored():
    with pytest.raises(ValidationError):
        services.nominate_jewel(
            UserFactory(),
            services.JewelData(
                name="Het dorpshuis",
                category=jewel_category("gebouw"),
                why="Hier komt het dorp samen.",
                photo=upload(b"<script>alert(1)</script>", name="dorpshuis.jpg"),
            ),
        )
    assert not jewel_category("gebouw").jewels.exists()
