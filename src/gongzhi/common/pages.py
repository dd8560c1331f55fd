"""What every server-rendered page shares: a signed-in user, the kernel's exceptions answered with
the statuses the API gives (out of scope → 404, not allowed → 403), services' errors shown on forms,
and pagination that keeps the page's filters in its links."""
from __future__ import annotations

from functools import wraps

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Page, Paginator
from django.http import Http404
from django.utils.http import url_has_allowed_host_and_scheme

from gongzhi.common.access.resolver import permission_require
from gongzhi.common.exceptions import ActionNotPermitted, RecordNotFound

PAGE_SIZE = 50


def page_view(permission: str | None = None):
    """Decorate a page: sign-in required, the role's permission checked (403), and a selector's
    RecordNotFound answered as 404 — the same page whether the record is missing or out of reach."""

    def decorate(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            try:
                if permission is not None:
                    permission_require(request.actor, permission)
                return view(request, *args, **kwargs)
            except RecordNotFound:
                raise Http404() from None
            except ActionNotPermitted as refusal:
                raise PermissionDenied(refusal.message) from None

        return login_required(wrapper)

    return decorate


def page_of(request, queryset, *, per_page: int = PAGE_SIZE) -> Page:
    """One page of a list; a page number out of range shows the last page rather than an error."""
    return Paginator(queryset, per_page).get_page(request.GET.get("page"))


def query_without_page(request) -> str:
    """The current filters as a query string, for pagination links to append ``page=`` to."""
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()


def safe_next_url(request, fallback: str) -> str:
    """Where to go after a form: the ``next`` the page sent, if it stays on this site."""
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    if candidate and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return fallback


def form_errors_from_service(form, error: ValidationError) -> None:
    """Show a service's ValidationError on the form: by field where the form has that field,
    otherwise above the form."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error.messages)


def map_base_layer() -> dict[str, str]:
    """The base map for the page maps (static/gongzhi/map.js): none by default, so maps work offline."""
    return {"tileUrl": settings.GONGZHI_MAP_TILE_URL, "tileAttribution": settings.GONGZHI_MAP_TILE_ATTRIBUTION}
