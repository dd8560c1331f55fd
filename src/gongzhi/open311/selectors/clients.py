"""Client systems as the GeoReport views meet them: by the key they send."""
from __future__ import annotations

from gongzhi.open311.models import ApiClient
from gongzhi.open311.keys import key_digest


def api_client_for_key(key: str | None) -> ApiClient | None:
    """The active client system this key belongs to, or None (missing, unknown or switched off)."""
    if not key or not isinstance(key, str) or len(key) > 200:
        return None
    return ApiClient.objects.filter(key_digest=key_digest(key), is_active=True).first()
