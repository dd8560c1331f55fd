"""Kernel pages: the health check (and the audit browser, added with the pages)."""
from __future__ import annotations

import logging

from django.db import connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

logger = logging.getLogger(__name__)


@never_cache
@require_GET
def healthz(request):
    """200 with the database reachable, 503 when it is not: load balancers and monitors read this."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:  # any driver error means "not ready"; the reason goes to the log, not the client
        logger.exception("health check: database unreachable")
        try:
            connection.close()
        except Exception:
            logger.debug("closing a broken connection failed", exc_info=True)
        return JsonResponse({"status": "error", "database": "unreachable"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})
