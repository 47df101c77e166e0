"""Audit events of the duty-to-intervene app. None of them ever carries a reporter's identity."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from upstander.audit.events import AuditEventType

__all__ = [
    "AdverseEventRecordedEvent",
    "AllegationAddedEvent",
    "AllegationFindingEvent",
    "CaseLinkedEvent",
    "CaseMessageSentEvent",
    "CaseOpenedEvent",
    "CaseTransitionedEvent",
    "FailureToInterveneReviewDecidedEvent",
    "FailureToInterveneReviewOpenedEvent",
    "InterventionRecognisedEvent",
    "InterventionRecordedEvent",
    "ProtectionStartedEvent",
    "ReportSubmittedEvent",
    "ReporterIdentityRevealedEvent",
    "ReporterIdentityRotatedEvent",
    "RetaliationFlagRaisedEvent",
    "RetaliationFlagResolvedEvent",
]


@dataclass(frozen=True)
class InterventionRecordedEvent(AuditEventType):
    name: ClassVar[str] = "intervention-recorded"
    kind: str
    incident: str


@dataclass(frozen=True)
class InterventionRecognisedEvent(AuditEventType):
    name: ClassVar[str] = "intervention-recognised"
    note: str


@dataclass(frozen=True)
class ReportSubmittedEvent(AuditEventType):
    name: ClassVar[str] = "report-submitted"
    reference: str
    channel: str


@dataclass(frozen=True)
class ReporterIdentityRevealedEvent(AuditEventType):
    name: ClassVar[str] = "reporter-identity-revealed"
    reference: str
    reason: str


@dataclass(frozen=True)
class ReporterIdentityRotatedEvent(AuditEventType):
    name: ClassVar[str] = "reporter-identity-rotated"
    count: int


@dataclass(frozen=True)
class CaseMessageSentEvent(AuditEventType):
    name: ClassVar[str] = "case-message-sent"
    reference: str
    author: str


@dataclass(frozen=True)
class CaseOpenedEvent(AuditEventType):
    name: ClassVar[str] = "case-opened"
    reference: str
    due_on: str


@dataclass(frozen=True)
class CaseTransitionedEvent(AuditEventType):
    name: ClassVar[str] = "case-transitioned"
    reference: str
    from_state: str
    to_state: str
    note: str


@dataclass(frozen=True)
class CaseLinkedEvent(AuditEventType):
    name: ClassVar[str] = "case-linked"
    reference: str
    incident: str
    complaint: str = ""


@dataclass(frozen=True)
class AllegationAddedEvent(AuditEventType):
    name: ClassVar[str] = "allegation-added"
    reference: str
    kind: str
    officer_id: int


@dataclass(frozen=True)
class AllegationFindingEvent(AuditEventType):
    name: ClassVar[str] = "allegation-finding-recorded"
    reference: str
    kind: str
    finding: str


@dataclass(frozen=True)
class FailureToInterveneReviewOpenedEvent(AuditEventType):
    name: ClassVar[str] = "failure-to-intervene-review-opened"
    reference: str
    officer_id: int
    role: str


@dataclass(frozen=True)
class FailureToInterveneReviewDecidedEvent(AuditEventType):
    name: ClassVar[str] = "failure-to-intervene-review-decided"
    decision: str
    reason: str


@dataclass(frozen=True)
class ProtectionStartedEvent(AuditEventType):
    name: ClassVar[str] = "protection-started"
    basis: str
    ends_on: str


@dataclass(frozen=True)
class AdverseEventRecordedEvent(AuditEventType):
    name: ClassVar[str] = "adverse-event-recorded"
    kind: str
    occurred_on: str


@dataclass(frozen=True)
class RetaliationFlagRaisedEvent(AuditEventType):
    name: ClassVar[str] = "retaliation-flag-raised"
    kind: str


@dataclass(frozen=True)
class RetaliationFlagResolvedEvent(AuditEventType):
    name: ClassVar[str] = "retaliation-flag-resolved"
    status: str
    note: str
