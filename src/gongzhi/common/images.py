"""Validation of uploaded photos: a real image of an accepted format, within size and pixel caps
(a small file that decompresses into a huge bitmap is refused before it is decoded)."""
from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _
from PIL import Image, UnidentifiedImageError

ACCEPTED_FORMATS = {"JPEG", "PNG", "WEBP"}
MAX_BYTES = 8 * 1024 * 1024
MAX_PIXELS = 40_000_000


def image_validate(upload: UploadedFile, *, field: str = "photos") -> None:
    if upload.size is not None and upload.size > MAX_BYTES:
        raise ValidationError({field: _("A photo may be at most %(mb)d MB.") % {"mb": MAX_BYTES // (1024 * 1024)}})
    position = upload.tell() if hasattr(upload, "tell") else 0
    try:
        with Image.open(upload) as image:
            if image.format not in ACCEPTED_FORMATS:
                raise ValidationError({field: _("Photos must be JPEG, PNG or WebP.")})
            width, height = image.size
            if width * height > MAX_PIXELS:
                raise ValidationError({field: _("The photo has too many pixels.")})
            image.verify()
    except ValidationError:
        raise
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        raise ValidationError({field: _("The file is not a valid image.")}) from None
    finally:
        upload.seek(position)
