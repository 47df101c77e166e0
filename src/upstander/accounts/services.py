"""Writes to accounts: syncing roles, creating users with roles."""

from __future__ import annotations

from typing import Any

from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.db import transaction

from upstander.accounts.models import ObjectPermission, UserProfile
from upstander.accounts.roles import Role, all_role_grants
from upstander.audit.events import UserCreatedEvent
from upstander.audit.services import audit_emit

__all__ = ["roles_sync", "user_create"]


def roles_sync(*, using: str = "default") -> int:
    """Create or update a group per role and an object permission per grant; returns grants."""
    count = 0
    with transaction.atomic(using=using):
        for role, grants in all_role_grants().items():
            group, _ = Group.objects.using(using).get_or_create(name=role.value)
            for grant in grants:
                app_label, model_name = grant.model.split(".")
                try:
                    model = apps.get_model(app_label, model_name)
                except LookupError:
                    continue  # the app holding this model is not installed
                content_type = ContentType.objects.db_manager(using).get_for_model(model)
                permission, _ = ObjectPermission.objects.using(using).update_or_create(
                    name=f"{role.value}: {grant.model}",
                    defaults={"actions": list(grant.actions), "constraints": grant.constraints},
                )
                permission.groups.set([group])
                permission.object_types.set([content_type])
                count += 1
    return count


@transaction.atomic
def user_create(
    *,
    username: str,
    password: str | None,
    roles: list[Role],
    actor: Any = None,
    unit: Any = None,
    officer: Any = None,
    email: str = "",
    first_name: str = "",
    last_name: str = "",
) -> Any:
    """Create a user with roles and a profile, and record it in the audit log."""
    user_model = get_user_model()
    user = user_model.objects.create_user(
        username=username,
        password=password,
        email=email,
        first_name=first_name,
        last_name=last_name,
        is_staff=Role.ADMINISTRATOR in roles,
    )
    user.groups.set(Group.objects.filter(name__in=[role.value for role in roles]))
    UserProfile.objects.create(user=user, unit=unit, officer=officer)
    audit_emit(
        UserCreatedEvent(username=username, roles=sorted(role.value for role in roles)),
        actor=actor,
        target=user,
    )
    return user
