"""Photos people upload: checked by their content, resized for the page, and stored
without the location, camera or other data a phone writes into them."""

from __future__ import annotations

import uuid
from io import BytesIO

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from PIL import Image, UnidentifiedImageError

# What browsers show everywhere; anything else (HEIC, TIFF, PDF…) is turned away.
ACCEPTED_FORMATS = frozenset({"JPEG", "PNG", "WEBP", "GIF"})
# More pixels than any phone camera makes: a larger image is a decompression bomb.
MAX_PIXELS = 50_000_000
JPEG_QUALITY = 85
# The EXIF orientation tag, and what turns each orientation upright (as ImageOps.exif_transpose).
ORIENTATION = 0x0112
TURNS = {
    2: Image.Transpose.FLIP_LEFT_RIGHT,
    3: Image.Transpose.ROTATE_180,
    4: Image.Transpose.FLIP_TOP_BOTTOM,
    5: Image.Transpose.TRANSPOSE,
    6: Image.Transpose.ROTATE_270,
    7: Image.Transpose.TRANSVERSE,
    8: Image.Transpose.ROTATE_90,
}


class PreparedPhoto(ContentFile):
    """A photo that ``prepare_photo`` already checked and cleaned: ready to store."""


def prepare_photo(upload) -> PreparedPhoto:
    """A clean JPEG of the uploaded image, at most ``KOMPAS_PHOTO_MAX_SIDE`` pixels on its
    longest side, with a random name; a photo prepared before passes as it is. Raises
    ``ValidationError`` in Dutch when the file is too large or is not a photo."""
    if isinstance(upload, PreparedPhoto):
        return upload
    limit = settings.KOMPAS_PHOTO_MAX_BYTES
    if upload.size > limit:
        raise ValidationError(
            _("This photo is %(size)s MB; the limit is %(limit)s MB. Choose a smaller photo."),
            code="photo_too_large",
            params={"size": _megabytes(upload.size), "limit": _megabytes(limit)},
        )
    try:
        image = _open_checked(upload)
        clean = _without_metadata(image)
    except Exception as error:
        # Pillow's decoders answer a damaged or hostile file with almost any exception
        # (OSError, ValueError, TypeError, struct.error…): each means "not a photo".
        raise ValidationError(
            _("This file is not a photo we can show. Choose a JPEG, PNG, WebP or GIF image."),
            code="not_a_photo",
        ) from error
    side = settings.KOMPAS_PHOTO_MAX_SIDE
    clean.thumbnail((side, side), Image.Resampling.LANCZOS)
    output = BytesIO()
    clean.save(output, format="JPEG", quality=JPEG_QUALITY, optimize=True)
    return PreparedPhoto(output.getvalue(), name=f"{uuid.uuid4().hex}.jpg")


def _open_checked(upload) -> Image.Image:
    """Open the upload as an image, by its content, never by its name."""
    upload.seek(0)
    with Image.open(upload) as probe:
        probe.verify()  # a damaged or disguised file fails here
        fmt = probe.format
    if fmt not in ACCEPTED_FORMATS:
        raise UnidentifiedImageError(fmt)
    upload.seek(0)
    image = Image.open(upload)
    width, height = image.size
    if width * height > MAX_PIXELS:
        raise Image.DecompressionBombError(f"{width}x{height}")
    image.load()
    return image


def _without_metadata(image: Image.Image) -> Image.Image:
    """The pixels only, turned upright as the camera meant them. A new image carries no
    EXIF (GPS, camera, time), no XMP and no comments."""
    turn = TURNS.get(_orientation(image))
    upright = image.transpose(turn) if turn is not None else image
    rgba = upright.convert("RGBA")
    clean = Image.new("RGB", rgba.size, "white")
    clean.paste(rgba, mask=rgba.getchannel("A"))
    return clean


def _orientation(image: Image.Image) -> int:
    """How the camera was held, from the EXIF. Damaged EXIF (which ``exif_transpose``
    trips over) leaves the pixels as they are stored."""
    try:
        return int(image.getexif().get(ORIENTATION, 1))
    except Exception:
        return 1


def _megabytes(size: int) -> str:
    return number_format(size / (1024 * 1024), decimal_pos=1)
