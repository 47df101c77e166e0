"""The single access restriction that every read goes through.

``restrict(queryset, user, action)`` narrows a queryset to the objects the user may act on, from
the object permissions of the user's groups (plus the public role, which everyone holds).
``can(user, action, obj_or_model)`` answers a yes/no question the same way.
"""

from __future__ import annotations

from functools import reduce
from operator import or_
from typing import Any, TypeVar, cast

from django.contrib.auth.models import AnonymousUser, Group
from django.contrib.contenttypes.models import ContentType
from django.db.models import Model, Q, QuerySet

from upstander.accounts.models import ObjectPermission
from upstander.accounts.roles import Role

__all__ = ["can", "restrict", "roles_of"]

M = TypeVar("M", bound=Model)
Actor = Any  # a User or AnonymousUser


def roles_of(user: Actor) -> set[Role]:
    """The roles a user holds; everyone holds the public role."""
    roles = {Role.PUBLIC}
    if user is None or not getattr(user, "is_authenticated", False):
        return roles
    names = getattr(user, "_upstander_roles", None)
    if names is None:
        names = set(user.groups.values_list("name", flat=True))
        user._upstander_roles = names
    roles.update(Role(name) for name in names if name in Role._value2member_map_)
    return roles


def _grants(user: Actor) -> dict[int, list[tuple[list[str], Any]]]:
    """Every enabled grant of the user's roles by content type id, read once per user object.

    Request handlers call ``restrict`` for several models; one query serves them all.
    """
    cached = getattr(user, "_upstander_grants", None)
    if cached is not None:
        return cast(dict[int, list[tuple[list[str], Any]]], cached)
    group_names = [role.value for role in roles_of(user)]
    rows = ObjectPermission.objects.filter(
        enabled=True, groups__in=Group.objects.filter(name__in=group_names)
    ).values_list("pk", "object_types", "actions", "constraints")
    grants: dict[int, list[tuple[list[str], Any]]] = {}
    seen: set[tuple[int, int]] = set()
    for pk, content_type_id, actions, constraints in rows:
        if content_type_id is None or (pk, content_type_id) in seen:
            continue
        seen.add((pk, content_type_id))
        grants.setdefault(content_type_id, []).append((list(actions or []), constraints))
    user._upstander_grants = grants
    return grants


def _permission_constraints(user: Actor, model: type[Model], action: str) -> list[Any] | None:
    """Constraints of every permission granting the action, or None when none grants it."""
    content_type = ContentType.objects.get_for_model(model)
    granted = [
        constraints
        for actions, constraints in _grants(user).get(content_type.pk, [])
        if action in actions
    ]
    return granted if granted else None


def _resolve(value: Any, user: Actor) -> Any:
    if value == "$unit":
        profile = getattr(user, "profile", None) if user.is_authenticated else None
        return getattr(profile, "unit_id", None)
    if value == "$user":
        return user.pk if user.is_authenticated else None
    return value


def _constraint_q(constraint: dict[str, Any], user: Actor) -> Q | None:
    lookups = {key: _resolve(value, user) for key, value in constraint.items()}
    if any(value is None for value in lookups.values()):
        # A scope that names the user's unit matches nothing for a user without one.
        return None
    return Q(**lookups)


def restrict(queryset: QuerySet[M], user: Actor, action: str = "view") -> QuerySet[M]:
    """Narrow ``queryset`` to the objects ``user`` may perform ``action`` on."""
    if user is None:
        user = AnonymousUser()
    if user.is_authenticated and user.is_superuser:
        return queryset
    granted = _permission_constraints(user, queryset.model, action)
    if granted is None:
        return queryset.none()
    clauses: list[Q] = []
    for constraint in granted:
        if not constraint:
            return queryset  # an unconstrained grant covers every object
        for item in constraint if isinstance(constraint, list) else [constraint]:
            clause = _constraint_q(item, user)
            if clause is not None:
                clauses.append(clause)
    if not clauses:
        return queryset.none()
    return queryset.filter(reduce(or_, clauses))


def can(user: Actor, action: str, target: Model | type[Model]) -> bool:
    """Whether ``user`` may perform ``action`` on an object, or on some object of a model."""
    if user is not None and user.is_authenticated and user.is_superuser:
        return True
    if isinstance(target, type):
        return _permission_constraints(user or AnonymousUser(), target, action) is not None
    model = type(target)
    return restrict(model._default_manager.filter(pk=target.pk), user, action).exists()
