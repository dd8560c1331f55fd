"""Which permission an API view needs, read from the role table through the actor.

Views declare ``read_permission`` (needed for every request: one cannot change what one may not
see) and ``write_permission`` (needed for everything but GET/HEAD/OPTIONS); None means any signed-in
user. On a single record the write check waits until the view has fetched the record through its
scoped selector and calls ``check_object_permissions``: a record outside the actor's reach must
answer 404 before a forbidden action answers 403."""
from __future__ import annotations

from rest_framework.permissions import SAFE_METHODS, BasePermission

from gongzhi.common.exceptions import ActionNotPermitted


def _actor_may(view, permission: str | None) -> bool:
    return permission is None or view.actor.has_permission(permission)


class ActorHasViewPermission(BasePermission):
    message = ActionNotPermitted.default_message

    def has_permission(self, request, view) -> bool:
        if not _actor_may(view, getattr(view, "read_permission", None)):
            return False
        if request.method in SAFE_METHODS or getattr(view, "detail", False):
            return True
        return _actor_may(view, getattr(view, "write_permission", None))

    def has_object_permission(self, request, view, obj) -> bool:
        if request.method in SAFE_METHODS:
            return True
        return _actor_may(view, getattr(view, "write_permission", None))
