"""Audit events for accountability records."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import ClassVar

from upstander.audit.events import AuditEventType

__all__ = [
    "AllegationFoundEvent",
    "ComplaintCreatedEvent",
    "ConfidentialRecordViewedEvent",
    "DisciplineRecordedEvent",
    "ForceReportCreatedEvent",
    "ImportRunFinishedEvent",
    "LegalOutcomeRecordedEvent",
    "OfficerLinkConfirmedEvent",
    "OfficerLinkSplitEvent",
    "OfficerLinkedEvent",
]


@dataclass(frozen=True)
class ForceReportCreatedEvent(AuditEventType):
    name: ClassVar[str] = "force-report-created"
    report_number: str
    officers: int


@dataclass(frozen=True)
class ComplaintCreatedEvent(AuditEventType):
    name: ClassVar[str] = "complaint-created"
    number: str
    source: str
    allegations: int


@dataclass(frozen=True)
class AllegationFoundEvent(AuditEventType):
    name: ClassVar[str] = "allegation-found"
    complaint: str
    recommended_finding: str
    final_finding: str


@dataclass(frozen=True)
class DisciplineRecordedEvent(AuditEventType):
    name: ClassVar[str] = "discipline-recorded"
    complaint: str
    imposed: str


@dataclass(frozen=True)
class LegalOutcomeRecordedEvent(AuditEventType):
    name: ClassVar[str] = "legal-outcome-recorded"
    kind: str
    case_number: str


@dataclass(frozen=True)
class OfficerLinkedEvent(AuditEventType):
    name: ClassVar[str] = "officer-linked"
    source: str
    source_key: str
    evidence: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class OfficerLinkConfirmedEvent(AuditEventType):
    """A reviewer agreed that a dataset identity matched by name is this officer."""

    name: ClassVar[str] = "officer-link-confirmed"
    source: str
    source_key: str
    matched: str


@dataclass(frozen=True)
class OfficerLinkSplitEvent(AuditEventType):
    """A reviewer found a name match wrong and moved the identity to an officer of its own."""

    name: ClassVar[str] = "officer-link-split"
    source: str
    source_key: str
    matched: str
    from_officer: int
    to_officer: int
    moved: dict[str, int] = field(default_factory=dict)


@dataclass(frozen=True)
class ConfidentialRecordViewedEvent(AuditEventType):
    """Someone opened a record showing its confidential fields (complainant, narrative)."""

    name: ClassVar[str] = "confidential-record-viewed"
    record: str


@dataclass(frozen=True)
class ImportRunFinishedEvent(AuditEventType):
    """One event per import run, with its counts, never one per row."""

    name: ClassVar[str] = "import-run-finished"
    kind: str
    file_name: str
    status: str
    created: int
    skipped: int
    rejected: int
