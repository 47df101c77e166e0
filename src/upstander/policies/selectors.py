"""Reads of the policy library, always through the access restriction."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from upstander.accounts.restrict import restrict
from upstander.policies.models import Policy, PolicyVersion

__all__ = ["policy_list", "policy_version_list"]


def policy_list(*, user: Any) -> QuerySet[Policy]:
    """Policies the user may see."""
    return restrict(Policy.objects.select_related("agency"), user).order_by(
        "agency__name", "number"
    )


def policy_version_list(*, user: Any) -> QuerySet[PolicyVersion]:
    """Policy versions the user may see."""
    return restrict(PolicyVersion.objects.select_related("policy", "policy__agency"), user)
