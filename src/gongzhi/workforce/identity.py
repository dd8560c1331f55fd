"""Resident identity numbers (居民身份证号码): checked, encrypted at rest, found again by digest.

Encryption is Fernet (AES-128-CBC with an HMAC-SHA256 tag) from the ``cryptography`` package. The
keys come from ``settings.GONGZHI_FIELD_KEY`` when it is set: one or more Fernet keys separated by
commas, the first encrypting and all decrypting, so a key can be rotated. Without it a key is derived
from SECRET_KEY, which ties the stored numbers to that secret: a production set-up sets its own
field key (see docs/workforce.md). Duplicates are found through a keyed digest (HMAC-SHA256) of the
number, so no lookup needs to decrypt the table.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
from datetime import date
from functools import lru_cache

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.utils.translation import gettext as _

# ISO 7064 MOD 11-2, as GB 11643-1999 prescribes for the 18th character.
_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_CHECK_CHARACTERS = "10X98765432"


def identity_number_normalise(number: str) -> str:
    return (number or "").strip().replace(" ", "").upper()


def identity_check_character(first_seventeen: str) -> str:
    total = sum(int(digit) * weight for digit, weight in zip(first_seventeen, _WEIGHTS, strict=True))
    return _CHECK_CHARACTERS[total % 11]


def identity_number_compose(*, region: str, birth_date: date, sequence: int) -> str:
    """A well-formed number: 6-digit region, birth date, 3-digit sequence (odd for men), check."""
    first_seventeen = f"{region}{birth_date:%Y%m%d}{sequence % 1000:03d}"
    return first_seventeen + identity_check_character(first_seventeen)


def identity_number_problem(number: str) -> str | None:
    """Why this cannot be an 18-character resident identity number, or None if it can."""
    if len(number) != 18 or not number[:17].isdigit() or not (number[17].isdigit() or number[17] == "X"):
        return _("An identity number has 17 digits and a final digit or X.")
    if identity_birth_date(number) is None:
        return _("The identity number holds no valid birth date.")
    if identity_check_character(number[:17]) != number[17]:
        return _("The identity number's check character does not match: please check the digits.")
    return None


def identity_birth_date(number: str) -> date | None:
    try:
        return date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError:
        return None


def identity_gender(number: str) -> str:
    """The 17th digit is odd for men and even for women."""
    return "male" if int(number[16]) % 2 else "female"


def _configured_keys() -> list[bytes]:
    configured = getattr(settings, "GONGZHI_FIELD_KEY", "") or ""
    keys = [key.strip().encode() for key in configured.split(",") if key.strip()]
    if keys:
        return keys
    derived = hashlib.sha256(b"gongzhi.workforce.identity-number\0" + settings.SECRET_KEY.encode()).digest()
    return [base64.urlsafe_b64encode(derived)]


@lru_cache(maxsize=4)
def _cipher(keys: tuple[bytes, ...]) -> MultiFernet:
    return MultiFernet([Fernet(key) for key in keys])


@lru_cache(maxsize=4)
def _digest_key(keys: tuple[bytes, ...]) -> bytes:
    # Derived from the last key: the oldest one still configured, so rotating in a new first key
    # keeps the digests (and the uniqueness they guard) unchanged.
    return hashlib.sha256(b"gongzhi.workforce.identity-digest\0" + keys[-1]).digest()


def identity_number_encrypt(number: str) -> str:
    return _cipher(tuple(_configured_keys())).encrypt(number.encode()).decode()


def identity_number_decrypt(token: str) -> str:
    """The number, or "" when no configured key opens it (the key was changed without rotation)."""
    try:
        return _cipher(tuple(_configured_keys())).decrypt(token.encode()).decode()
    except (InvalidToken, ValueError):
        return ""


def identity_number_digest(number: str) -> str:
    return hmac.new(_digest_key(tuple(_configured_keys())), number.encode(), hashlib.sha256).hexdigest()
