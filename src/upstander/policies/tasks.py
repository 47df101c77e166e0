"""Background jobs of the policy library (Django's task framework, database backend)."""

from __future__ import annotations

from django_tasks import task

from upstander.policies.services import policy_version_read_stored


@task()
def policy_version_read(version_id: int) -> str:
    """Read an uploaded document into sections and assess it; returns the final status."""
    return policy_version_read_stored(version_id=version_id).status
