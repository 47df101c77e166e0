"""E-mail notices through Django's mail backend. They name no reporter and hold no report text:
only what happened and where to look, for the role that must act."""

from __future__ import annotations

import logging
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import get_connection, send_mail
from django.db import transaction

from upstander.accounts.roles import Role

__all__ = ["notify_role", "notify_user"]

logger = logging.getLogger(__name__)


def _connection() -> object:
    """The console in development (whatever EMAIL_BACKEND says), else Django's setting."""
    if settings.DEBUG:
        return get_connection("django.core.mail.backends.console.EmailBackend")
    return get_connection()


def _send(users: Any, subject: str, body: str) -> None:
    recipients = list(
        users.filter(is_active=True).exclude(email="").values_list("email", flat=True)
    )
    if not recipients:
        return
    sender = getattr(settings, "DEFAULT_FROM_EMAIL", "upstander@localhost")
    try:
        send_mail(subject, body, sender, recipients, connection=_connection())
    except Exception:  # a mail outage must not lose the report that triggered the notice
        logger.warning("Could not send the %r notice.", subject)


def notify_role(role: Role, *, subject: str, body: str) -> None:
    """E-mail every active user holding ``role``, once the current transaction commits."""
    users = get_user_model().objects.filter(groups__name=role.value)
    transaction.on_commit(lambda: _send(users, subject, body))


def notify_user(user: Any, *, subject: str, body: str) -> None:
    """E-mail one user, once the current transaction commits."""
    users = get_user_model().objects.filter(pk=user.pk)
    transaction.on_commit(lambda: _send(users, subject, body))
