"""API keys of client systems: how they look and how they are stored (a SHA-256 digest only)."""
from __future__ import annotations

import hashlib
import secrets

KEY_PREFIX = "gz311_"


def key_digest(key: str) -> str:
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


def key_new() -> tuple[str, str, str]:
    """A fresh key, its displayable prefix (enough to tell keys apart, not to use one) and its digest."""
    key = KEY_PREFIX + secrets.token_urlsafe(30)
    return key, key[:len(KEY_PREFIX) + 6], key_digest(key)
