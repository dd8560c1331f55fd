"""Login with lockout: after GONGZHI_LOGIN_MAX_FAILURES failed attempts in a row an account is
locked for GONGZHI_LOGIN_LOCKOUT_MINUTES. Shared by the login page and the API token endpoint.

The counter lives on the user row and is updated with a row lock, so several app servers agree."""
from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.contrib.auth import authenticate
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from gongzhi.common.events import event_record
from gongzhi.org.models import User


class AccountLocked(Exception):
    def __init__(self, until) -> None:
        super().__init__(str(until))
        self.until = until


def _locked_until(username: str):
    user = User.objects.filter(username=username).only("locked_until").first()
    if user and user.locked_until and user.locked_until > timezone.now():
        return user.locked_until
    return None


def login_authenticate(*, request, username: str, password: str) -> User:
    """Check the credentials; raises AccountLocked or ValidationError (naming no field: the message
    must not reveal whether the user name exists)."""
    username = (username or "").strip()
    if not username or not password:
        raise ValidationError({"username" if not username else "password": _("This field is required.")})
    until = _locked_until(username)
    if until:
        raise AccountLocked(until)
    user = authenticate(request, username=username, password=password)
    if user is None:
        _login_failure_record(username=username)
        until = _locked_until(username)
        if until:
            raise AccountLocked(until)
        raise ValidationError(_("User name or password is wrong."))
    if user.failed_login_count or user.locked_until:
        User.objects.filter(pk=user.pk).update(failed_login_count=0, locked_until=None)
    return user


@transaction.atomic
def _login_failure_record(*, username: str) -> None:
    user = User.objects.select_for_update().filter(username=username).first()
    if user is None:
        return
    User.objects.filter(pk=user.pk).update(failed_login_count=F("failed_login_count") + 1)
    user.refresh_from_db(fields=["failed_login_count"])
    if user.failed_login_count >= settings.GONGZHI_LOGIN_MAX_FAILURES:
        user.locked_until = timezone.now() + timedelta(minutes=settings.GONGZHI_LOGIN_LOCKOUT_MINUTES)
        user.failed_login_count = 0
        user.save(update_fields=["locked_until", "failed_login_count"])
        event_record(actor=None, action="user.lock", target=user,
                     after={"locked_until": user.locked_until},
                     comment=_("Locked after repeated failed logins."))
