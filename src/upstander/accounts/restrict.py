"""The single access restriction that every read goes through.

``restrict(queryset, user, action)`` narrows a queryset to the objects the user may act on, from
the object permissions of the user's groups (plus the public role, which everyone holds).
``can(user, action, obj_or_model)`` answers a yes/no question the same way, and
``restrict_q(user, model, action, through=...)`` gives the same narrowing as a filter on a
related path, for querysets of another model that must show only rows whose related object the
user may see.
"""

from __future__ import annotations

import json
from functools import cache, reduce
from operator import or_
from typing import Any, TypeVar, cast

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AnonymousUser, Group
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.models import Model, Q, QuerySet

from upstander.accounts.models import ObjectPermission
from upstander.accounts.roles import Role

__all__ = ["can", "restrict", "restrict_q", "roles_of"]

M = TypeVar("M", bound=Model)
Actor = Any  # a User or AnonymousUser
Grants = dict[int, list[tuple[list[str], Any]]]


def roles_of(user: Actor) -> set[Role]:
    """The roles a user holds; everyone holds the public role."""
    roles = {Role.PUBLIC}
    if user is None or not getattr(user, "is_authenticated", False):
        return roles
    names = getattr(user, "_upstander_roles", None)
    if names is None:
        _load_roles_and_grants(user)
        names = user._upstander_roles
    roles.update(Role(name) for name in names if name in Role._value2member_map_)
    return roles


@cache
def _roles_and_grants_sql() -> str:
    """The query behind ``_load_roles_and_grants``, with the table names Django gives them.

    Written out once rather than built by the ORM on every request: building it (five joins,
    a subquery) cost more than a millisecond of CPU per request, more than running it.
    """
    groups = ObjectPermission._meta.get_field("groups")
    object_types = ObjectPermission._meta.get_field("object_types")
    memberships = get_user_model()._meta.get_field("groups")
    q = connection.ops.quote_name
    # Only quoted table and column names from the models go in; the values are parameters.
    parts = [
        f"SELECT g.{q('name')}, p.{q('id')}, p.{q('enabled')},",
        f"t.{q(object_types.m2m_reverse_name())}, p.{q('actions')}, p.{q('constraints')}",
        f"FROM {q(Group._meta.db_table)} g",
        f"LEFT JOIN {q(groups.m2m_db_table())} pg ON pg.{q(groups.m2m_reverse_name())} = g.id",
        f"LEFT JOIN {q(ObjectPermission._meta.db_table)} p",
        f"ON p.id = pg.{q(groups.m2m_column_name())}",
        f"LEFT JOIN {q(object_types.m2m_db_table())} t",
        f"ON t.{q(object_types.m2m_column_name())} = p.id",
        f"WHERE g.{q('name')} = %s OR g.id IN (SELECT {q(memberships.m2m_reverse_name())}",
        f"FROM {q(memberships.m2m_db_table())} WHERE {q(memberships.m2m_column_name())} = %s)",
    ]
    return " ".join(parts)


def _json(value: Any) -> Any:
    """A JSON column as read by a plain cursor: text to decode, or already decoded."""
    return json.loads(value) if isinstance(value, str | bytes) else value


def _load_roles_and_grants(user: Actor) -> Grants:
    """Read the user's group names and every enabled grant of their roles, in one query.

    Both are kept on the user object for the rest of the request: a handler calls ``restrict``
    for several models and the page navigation asks for the roles; one query serves them all.
    Only groups named after a role give grants; the public role's group counts for everyone.
    """
    authenticated = bool(getattr(user, "is_authenticated", False))
    with connection.cursor() as cursor:
        cursor.execute(
            _roles_and_grants_sql(), [Role.PUBLIC.value, user.pk if authenticated else None]
        )
        rows = cursor.fetchall()
    names: set[str] = set()
    grants: Grants = {}
    seen: set[tuple[int, int]] = set()
    for name, pk, enabled, content_type_id, actions, constraints in rows:
        names.add(name)
        if not enabled or content_type_id is None or name not in Role._value2member_map_:
            continue
        if (pk, content_type_id) in seen:
            continue
        seen.add((pk, content_type_id))
        grants.setdefault(content_type_id, []).append(
            (list(_json(actions) or []), _json(constraints))
        )
    if authenticated:
        user._upstander_roles = names
    user._upstander_grants = grants
    return grants


def _grants(user: Actor) -> Grants:
    """Every enabled grant of the user's roles by content type id, read once per user object."""
    cached = getattr(user, "_upstander_grants", None)
    if cached is not None:
        return cast(Grants, cached)
    return _load_roles_and_grants(user)


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


def _constraint_q(constraint: dict[str, Any], user: Actor, prefix: str) -> Q | None:
    lookups = {prefix + key: _resolve(value, user) for key, value in constraint.items()}
    if any(value is None for value in lookups.values()):
        # A scope that names the user's unit matches nothing for a user without one.
        return None
    return Q(**lookups)


def restrict_q(
    user: Actor, model: type[Model], action: str = "view", *, through: str = ""
) -> Q | None:
    """The objects of ``model`` that ``user`` may perform ``action`` on, as a filter.

    ``through`` is the lookup path from the queryset being filtered to ``model`` (for example
    ``"report"`` on a queryset of a report's officers). Returns an empty ``Q()`` when every
    object is allowed, so callers can skip filtering, and None when none is.
    """
    if user is None:
        user = AnonymousUser()
    if user.is_authenticated and user.is_superuser:
        return Q()
    granted = _permission_constraints(user, model, action)
    if granted is None:
        return None
    prefix = f"{through}__" if through else ""
    clauses: list[Q] = []
    for constraint in granted:
        if not constraint:
            return Q()  # an unconstrained grant covers every object
        for item in constraint if isinstance(constraint, list) else [constraint]:
            clause = _constraint_q(item, user, prefix)
            if clause is not None:
                clauses.append(clause)
    if not clauses:
        return None
    return reduce(or_, clauses)


def restrict(queryset: QuerySet[M], user: Actor, action: str = "view") -> QuerySet[M]:
    """Narrow ``queryset`` to the objects ``user`` may perform ``action`` on."""
    allowed = restrict_q(user, queryset.model, action)
    if allowed is None:
        return queryset.none()
    return queryset.filter(allowed) if allowed else queryset


def can(user: Actor, action: str, target: Model | type[Model]) -> bool:
    """Whether ``user`` may perform ``action`` on an object, or on some object of a model."""
    if user is not None and user.is_authenticated and user.is_superuser:
        return True
    if isinstance(target, type):
        return _permission_constraints(user or AnonymousUser(), target, action) is not None
    model = type(target)
    return restrict(model._default_manager.filter(pk=target.pk), user, action).exists()
