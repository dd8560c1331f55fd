"""Rate limits for the public doors (Open311 and the portal), counted in the Django cache so that
every app server shares the count: the database cache out of the box, Redis in production.

A fixed window per (scope, who): the first request of a window creates its counter, each request
adds one, a counter past the limit refuses until the window ends. Redis increments atomically; the
database cache reads and writes, so under a burst of truly simultaneous requests a few may slip
past the limit — acceptable for abuse resistance, which is about orders of magnitude.

Limits are settings (requests, seconds), e.g. ``GONGZHI_PORTAL_REPORT_LIMIT = (5, 3600)``.

A cache that fails (the database cache's table not created, Redis down) lets requests through and
logs the error: the limits defend the public doors, they must not be what closes them."""
from __future__ import annotations

import hashlib
import logging
import time
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.db import transaction

logger = logging.getLogger(__name__)

DEFAULT_LIMITS = {
    # A resident's reports from one address: a handful an hour is plenty for honest use.
    "portal_report": (5, 3600),
    # Ratings, tracking pages and the form's helpers (suggestions, "already reported?").
    "portal_rate": (10, 3600),
    "portal_read": (120, 60),
    # Open311 reads by address; Open311 writes are limited per client system (ApiClient).
    "open311_read": (300, 60),
}


@dataclass(frozen=True)
class RateDecision:
    allowed: bool
    retry_after: int


def limit_for(scope: str) -> tuple[int, int]:
    configured = getattr(settings, f"GONGZHI_{scope.upper()}_LIMIT", None)
    return tuple(configured) if configured else DEFAULT_LIMITS[scope]


def rate_limit_hit(*, scope: str, identity: str, limit: int | None = None,
                   period: int | None = None) -> RateDecision:
    """Count one request of ``identity`` (an address, a client system) in ``scope`` and say whether
    it is within the limit."""
    if limit is None or period is None:
        limit, period = limit_for(scope)
    now = time.time()
    window = int(now // period)
    who = hashlib.sha256(identity.encode("utf-8")).hexdigest()[:32]
    key = f"gongzhi:rate:{scope}:{who}:{window}"
    try:
        # A savepoint: with the database cache, a failed query must not spoil the caller's transaction.
        with transaction.atomic():
            count = _count(key, period)
    except Exception:  # noqa: BLE001 (any cache backend's failure: see the module's docstring)
        logger.exception("rate limit %s not counted: the cache failed", scope)
        return RateDecision(allowed=True, retry_after=0)
    retry_after = max(1, int((window + 1) * period - now))
    return RateDecision(allowed=count <= limit, retry_after=retry_after)


def _count(key: str, period: int) -> int:
    cache.add(key, 0, timeout=period + 5)
    try:
        return cache.incr(key)
    except ValueError:
        # The counter expired between add and incr: this request opens the next window.
        cache.set(key, 1, timeout=period + 5)
        return 1


def client_address(request) -> str:
    """The caller's IP address. Behind ``GONGZHI_TRUSTED_PROXIES`` proxies, the address the nearest
    untrusted hop reported (X-Forwarded-For read from the right); without proxies, the socket's."""
    proxies = int(getattr(settings, "GONGZHI_TRUSTED_PROXIES", 0) or 0)
    if proxies > 0:
        header = request.META.get("HTTP_X_FORWARDED_FOR", "")
        forwarded = [part.strip() for part in header.split(",") if part.strip()]
        if len(forwarded) >= proxies:
            return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR", "") or "unknown"
