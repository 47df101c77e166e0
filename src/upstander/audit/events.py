"""Typed audit events.

Services emit one event per write (and per read of sensitive material). Each event class has a
kebab-case ``name`` and carries the facts a reader of the log needs; the actor, time, request id
and target object are added by :func:`upstander.audit.services.audit_emit`.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, ClassVar

__all__ = [
    "AdminRecordChangedEvent",
    "AssessmentCreatedEvent",
    "AuditEventType",
    "DemoDataLoadedEvent",
    "FindingReviewedEvent",
    "PolicyVersionCreatedEvent",
    "PolicyVersionDeletedEvent",
    "UserCreatedEvent",
    "UserLoggedInEvent",
    "UserLoggedOutEvent",
    "UserLoginFailedEvent",
]


@dataclass(frozen=True)
class AuditEventType:
    """Base of every audit event."""

    name: ClassVar[str] = "event"

    def payload(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class UserCreatedEvent(AuditEventType):
    name: ClassVar[str] = "user-created"
    username: str
    roles: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class UserLoggedInEvent(AuditEventType):
    name: ClassVar[str] = "user-logged-in"
    username: str


@dataclass(frozen=True)
class UserLoggedOutEvent(AuditEventType):
    name: ClassVar[str] = "user-logged-out"
    username: str


@dataclass(frozen=True)
class UserLoginFailedEvent(AuditEventType):
    name: ClassVar[str] = "user-login-failed"
    username: str


@dataclass(frozen=True)
class DemoDataLoadedEvent(AuditEventType):
    name: ClassVar[str] = "demo-data-loaded"
    seed: int
    counts: dict[str, int] = field(default_factory=dict)


@dataclass(frozen=True)
class PolicyVersionCreatedEvent(AuditEventType):
    name: ClassVar[str] = "policy-version-created"
    policy: str
    version: str
    sections: int


@dataclass(frozen=True)
class PolicyVersionDeletedEvent(AuditEventType):
    name: ClassVar[str] = "policy-version-deleted"
    policy: str
    version: str


@dataclass(frozen=True)
class AssessmentCreatedEvent(AuditEventType):
    name: ClassVar[str] = "assessment-created"
    policy: str
    version: str
    met: int
    findings: int


@dataclass(frozen=True)
class FindingReviewedEvent(AuditEventType):
    name: ClassVar[str] = "finding-reviewed"
    provision: str
    decision: str
    reason: str


@dataclass(frozen=True)
class AdminRecordChangedEvent(AuditEventType):
    """A record added, changed or deleted through the back-office admin.

    ``changes`` is the admin's own account of the change: which fields (by label) were
    changed and which inline rows were added, changed or deleted. It names fields, never their
    values, so a confidential field edited in the admin does not land in the log.
    """

    name: ClassVar[str] = "admin-record-changed"
    action: str  # "added", "changed" or "deleted"
    model: str
    changes: list[Any] = field(default_factory=list)
