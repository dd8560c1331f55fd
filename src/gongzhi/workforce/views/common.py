"""What the workforce pages share: who may open a page that either HR or the worker may read, and
the answer to a form the service refused (the page again, with the errors, as 400)."""

from __future__ import annotations

from django.core.exceptions import ValidationError

from gongzhi.common.access.actor import Actor
from gongzhi.common.access.roles import Permission
from gongzhi.common.exceptions import ActionNotPermitted
from gongzhi.common.pages import form_errors_from_service


def require_hr_or_own(actor: Actor) -> None:
    if not (
        actor.has_permission(Permission.WORKFORCE_VIEW) or actor.has_permission(Permission.WORKFORCE_OWN_FILE)
    ):
        raise ActionNotPermitted()


def run_service(form, call) -> object | None:
    """Call the service once the form is valid; a refusal goes onto the form. None when refused."""
    if not form.is_valid():
        return None
    try:
        return call(form.cleaned_data)
    except ValidationError as error:
        form_errors_from_service(form, error)
        return None
