"""Real photos for tests, made in memory the way a phone writes them."""

from io import BytesIO

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import ExifTags, Image


def phone_jpeg(size=(120, 90), *, gps=True, orientation=None, image=None) -> bytes:
    """A real JPEG with what a phone writes into it: camera, time, a comment and (unless
    ``gps=False``) the place. ``image`` replaces the plain orange picture."""
    exif = Image.Exif()
    exif[ExifTags.Base.Make] = "Fairphone"
    exif[ExifTags.Base.Model] = "FP5"
    exif[ExifTags.Base.DateTime] = "2026:05:01 10:30:00"
    if orientation is not None:
        exif[ExifTags.Base.Orientation] = orientation
    if gps:
        exif.get_ifd(ExifTags.IFD.GPSInfo).update(
            {
                ExifTags.GPS.GPSLatitudeRef: "N",
                ExifTags.GPS.GPSLatitude: (52.0, 42.0, 30.5),
                ExifTags.GPS.GPSLongitudeRef: "E",
                ExifTags.GPS.GPSLongitude: (6.0, 31.0, 12.25),
            }
        )
    output = BytesIO()
    (image or Image.new("RGB", size, (200, 120, 40))).save(
        output, format="JPEG", exif=exif, comment=b"Thuis, Veldwijk 12"
    )
    return output.getvalue()


def upload(data: bytes | None = None, name="foto.jpg", content_type="image/jpeg"):
    """A file as a browser sends it; without ``data``, a phone's JPEG."""
    return SimpleUploadedFile(name, phone_jpeg() if data is None else data, content_type)
