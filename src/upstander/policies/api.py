"""Policy library endpoints under /api/v1/policies/."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Router, Schema
from ninja.pagination import paginate

from upstander.pagination import BoundedPagination
from upstander.policies import selectors

router = Router(tags=["policies"])


class PolicyOut(Schema):
    id: int
    agency: str
    number: str
    title: str

    @staticmethod
    def resolve_agency(policy: Any) -> str:
        return str(policy.agency.name)


@router.get("/", response=list[PolicyOut])
@paginate(BoundedPagination)
def policy_list(request: HttpRequest) -> Any:
    """Policies visible to the caller."""
    return selectors.policy_list(user=request.user)
