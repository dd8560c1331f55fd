"""What the assessment's pages share: a form's action carried out through its service, answered the
way the API answers (bad input 400 with the errors on the form, a state that does not allow it 409,
a role without the permission 403, a record out of reach 404)."""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect

from gongzhi.common.exceptions import IllegalTransition
from gongzhi.common.pages import form_errors_from_service


def posted_data(request):
    """What a form is bound to: the POST, even an empty one (an empty POST is bad input, not a
    form never sent)."""
    return request.POST if request.method == "POST" else None


def perform(request, *, form, call: Callable[[], Any], success_url: str, done: str,
            page: Callable[..., HttpResponse], renames: dict[str, str] | None = None) -> HttpResponse:
    """Validate ``form`` and ``call`` the service. Success: back to ``success_url`` with the message
    ``done``. Otherwise ``page`` again: with the form's errors (400) or the refusal (409)."""
    if form.is_valid():
        try:
            call()
        except ValidationError as error:
            if renames and hasattr(error, "error_dict"):
                error = ValidationError({renames.get(name, name): errors for name,
                                         errors in error.error_dict.items()})
            form_errors_from_service(form, error)
        except IllegalTransition as refusal:
            return page(refusal=refusal.message, status=409)
        else:
            messages.success(request, done)
            return redirect(success_url)
    return page(status=400)


def step_perform(request, *, call: Callable[[], Any], success_url: str, done: str,
                 page: Callable[..., HttpResponse]) -> HttpResponse:
    """An action without input (a step of a lifecycle)."""
    try:
        call()
    except IllegalTransition as refusal:
        return page(refusal=refusal.message, status=409)
    except ValidationError as error:
        return page(refusal=" ".join(error.messages), status=400)
    messages.success(request, done)
    return redirect(success_url)
