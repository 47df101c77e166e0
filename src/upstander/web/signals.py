"""Sign-ins, sign-outs and failed sign-ins go to the audit log."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver

from upstander.audit.events import UserLoggedInEvent, UserLoggedOutEvent, UserLoginFailedEvent
from upstander.audit.services import audit_emit


@receiver(user_logged_in, dispatch_uid="upstander.audit.login")
def _logged_in(sender: Any, request: Any, user: Any, **kwargs: Any) -> None:
    audit_emit(UserLoggedInEvent(username=user.get_username()), actor=user, target=user)


@receiver(user_logged_out, dispatch_uid="upstander.audit.logout")
def _logged_out(sender: Any, request: Any, user: Any, **kwargs: Any) -> None:
    if user is not None:
        audit_emit(UserLoggedOutEvent(username=user.get_username()), actor=user, target=user)


@receiver(user_login_failed, dispatch_uid="upstander.audit.login_failed")
def _login_failed(sender: Any, credentials: dict[str, Any], **kwargs: Any) -> None:
    # Only the username is kept; credentials never reach the log.
    username = str(credentials.get("username", ""))[:150]
    audit_emit(UserLoginFailedEvent(username=username))
