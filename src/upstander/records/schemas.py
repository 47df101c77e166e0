"""API shapes for records: what goes out, what comes in, and the list filters."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any

from ninja import Field, Schema
from pydantic import BaseModel, ConfigDict
from pydantic import Field as PlainField

__all__ = [
    "AllegationIn",
    "AllegationOut",
    "ComplaintDetailOut",
    "ComplaintFilter",
    "ComplaintIn",
    "ComplaintOut",
    "ForceReportDetailOut",
    "ForceReportFilter",
    "ForceReportIn",
    "ForceReportOut",
    "ImportRunOut",
    "InvolvedIn",
    "LegalOutcomeOut",
    "OfficerFilter",
    "OfficerOut",
    "OfficerProfileOut",
    "ShootingFilter",
    "ShootingOut",
]


class OfficerOut(Schema):
    id: int
    first_name: str
    last_name: str
    badge_number: str
    rank: str
    agency: str
    unit: str | None

    @staticmethod
    def resolve_agency(officer: Any) -> str:
        return str(officer.agency.name)

    @staticmethod
    def resolve_unit(officer: Any) -> str | None:
        return officer.unit.name if officer.unit else None


class OfficerFilter(Schema):
    agency: str | None = Field(None, max_length=80, description="Agency slug.")
    unit: int | None = Field(None, ge=1, description="Unit id.")
    name: str | None = Field(None, min_length=2, max_length=100, description="Name or badge.")


class NameOut(Schema):
    first_name: str
    last_name: str
    badge_number: str
    rank: str
    valid_from: date | None
    valid_to: date | None
    source: str


class AssignmentOut(Schema):
    unit: str
    rank: str
    started_on: date | None
    ended_on: date | None

    @staticmethod
    def resolve_unit(assignment: Any) -> str:
        return str(assignment.unit.name)


class SourceLinkOut(Schema):
    source: str
    source_key: str
    evidence: dict[str, Any]


class ForceRoleOut(Schema):
    report_id: int
    report_number: str
    occurred_at: datetime
    role: str

    @staticmethod
    def resolve_report_number(role: Any) -> str:
        return str(role.report.report_number)

    @staticmethod
    def resolve_occurred_at(role: Any) -> datetime:
        return role.report.occurred_at


class AllegationOut(Schema):
    id: int
    complaint_id: int
    complaint_number: str
    officer_id: int | None
    category: str
    description: str
    recommended_finding: str
    final_finding: str
    discipline: list[str]

    @staticmethod
    def resolve_complaint_number(allegation: Any) -> str:
        return str(allegation.complaint.number)

    @staticmethod
    def resolve_category(allegation: Any) -> str:
        return str(allegation.category.name)

    @staticmethod
    def resolve_discipline(allegation: Any) -> list[str]:
        return [d.imposed or d.recommended for d in allegation.discipline.all()]


class LegalOutcomeOut(Schema):
    id: int
    kind: str
    case_number: str
    court: str
    filed_on: date | None
    resolved_on: date | None
    amount: Decimal | None
    officer_id: int | None


class ShootingOut(Schema):
    id: int
    agency: str
    other_agencies: list[str]
    occurred_on: date
    city: str
    state: str
    fatal: bool | None
    armed_with: str
    body_camera: bool | None
    investigating_agency: str
    investigation_finding: str
    officer_disciplined: bool | None

    @staticmethod
    def resolve_agency(shooting: Any) -> str:
        return str(shooting.agency.name)

    @staticmethod
    def resolve_other_agencies(shooting: Any) -> list[str]:
        return [agency.name for agency in shooting.other_agencies.all()]


class ShootingFilter(Schema):
    agency: str | None = Field(None, max_length=80)
    state: str | None = Field(None, min_length=2, max_length=2)


class OfficerProfileOut(Schema):
    officer: OfficerOut
    hired_on: date | None
    separated_on: date | None
    names: list[NameOut]
    assignments: list[AssignmentOut]
    source_links: list[SourceLinkOut]
    force_reports_total: int
    recent_force_reports: list[ForceRoleOut]
    allegations_total: int
    findings: dict[str, int]
    recent_allegations: list[AllegationOut]
    legal_outcomes: list[LegalOutcomeOut]


class ForceReportOut(BaseModel):
    """A row of the use-of-force list.

    A plain pydantic model rather than a ninja ``Schema``: the list's rows are dicts, which
    pydantic checks in compiled code, while a ``Schema`` reads every field of every row through
    a Python attribute getter (a fifth of the list's server time).
    """

    model_config = ConfigDict(populate_by_name=True)

    id: int
    report_number: str
    occurred_at: datetime
    agency: str = PlainField(validation_alias="agency_name")
    unit: str | None = PlainField(validation_alias="unit_name")
    force_types: list[str]
    force_level: str
    subject_injured: bool
    camera_status: str


class _ForceReportFields(Schema):
    """The list's fields of one report, read from the model (the detail endpoint)."""

    id: int
    report_number: str
    occurred_at: datetime
    agency: str
    unit: str | None
    force_types: list[str]
    force_level: str
    subject_injured: bool
    camera_status: str

    @staticmethod
    def resolve_agency(report: Any) -> str:
        return str(report.agency.name)

    @staticmethod
    def resolve_unit(report: Any) -> str | None:
        return report.unit.name if report.unit else None


class InvolvedOut(Schema):
    officer_id: int
    officer: str
    role: str

    @staticmethod
    def resolve_officer(involved: Any) -> str:
        return str(involved.officer)


class SubjectOut(Schema):
    race: str
    gender: str
    age: int | None
    injured: bool | None


class ForceReportDetailOut(_ForceReportFields):
    location: str
    beat: str
    call_type: str
    subject_resistance: list[str]
    weapons: list[str]
    officer_injured: bool | None
    injuries: str
    warning_given: bool | None
    deescalation_attempted: bool | None
    camera_recorded: bool | None
    policy_version: str | None
    involved: list[InvolvedOut]
    subjects: list[SubjectOut]
    narrative: str | None = Field(None, description="Only for roles that may see it.")

    @staticmethod
    def resolve_policy_version(report: Any) -> str | None:
        return str(report.policy_version) if report.policy_version_id else None

    @staticmethod
    def resolve_involved(report: Any) -> list[Any]:
        return list(report.involved.all())

    @staticmethod
    def resolve_subjects(report: Any) -> list[Any]:
        return list(report.subjects.all())

    @staticmethod
    def resolve_narrative(report: Any) -> str | None:
        return report.narrative if getattr(report, "confidential_visible", False) else None


class ForceReportFilter(Schema):
    agency: str | None = Field(None, max_length=80)
    unit: int | None = Field(None, ge=1)
    officer: int | None = Field(None, ge=1)
    since: date | None = None
    until: date | None = None
    force_type: str | None = Field(None, max_length=80)
    level: str | None = Field(None, max_length=40)


class InvolvedIn(Schema):
    officer_id: int = Field(..., ge=1)
    role: str = Field(..., max_length=20)


class ForceReportIn(Schema):
    agency: str = Field(..., max_length=80, description="Agency slug.")
    report_number: str = Field(..., min_length=1, max_length=40)
    occurred_at: datetime
    unit_id: int | None = Field(None, ge=1)
    location: str = Field("", max_length=200)
    call_type: str = Field("", max_length=100)
    narrative: str = Field("", max_length=20000)
    force_types: list[str] = Field(default_factory=list, max_length=30)
    force_level: str = Field("", max_length=40)
    subject_resistance: list[str] = Field(default_factory=list, max_length=30)
    weapons: list[str] = Field(default_factory=list, max_length=30)
    subject_injured: bool = False
    officer_injured: bool | None = None
    warning_given: bool | None = None
    deescalation_attempted: bool | None = None
    camera_status: str = Field("unknown", max_length=20)
    officers: list[InvolvedIn] = Field(default_factory=list, max_length=50)


class ComplaintOut(Schema):
    id: int
    number: str
    agency: str
    source: str
    received_on: date | None
    occurred_on: date | None
    closed_on: date | None
    investigating_agency: str

    @staticmethod
    def resolve_agency(complaint: Any) -> str:
        return str(complaint.agency.name)


class ComplaintDetailOut(ComplaintOut):
    location: str
    allegations: list[AllegationOut]
    summary: str | None = None
    complainant_name: str | None = None
    complainant_contact: str | None = None

    @staticmethod
    def resolve_allegations(complaint: Any) -> list[Any]:
        return list(complaint.allegations.all())

    @staticmethod
    def resolve_summary(complaint: Any) -> str | None:
        return complaint.summary if getattr(complaint, "confidential_visible", False) else None

    @staticmethod
    def resolve_complainant_name(complaint: Any) -> str | None:
        visible = getattr(complaint, "confidential_visible", False)
        return complaint.complainant_name if visible else None

    @staticmethod
    def resolve_complainant_contact(complaint: Any) -> str | None:
        visible = getattr(complaint, "confidential_visible", False)
        return complaint.complainant_contact if visible else None


class ComplaintFilter(Schema):
    agency: str | None = Field(None, max_length=80)
    category: str | None = Field(None, max_length=60, description="Category slug.")
    finding: str | None = Field(None, max_length=20, description="Final finding.")
    source: str | None = Field(None, max_length=20)
    officer: int | None = Field(None, ge=1)
    since: date | None = None
    until: date | None = None


class AllegationIn(Schema):
    category: str = Field(..., max_length=60, description="Category slug.")
    officer_id: int | None = Field(None, ge=1)
    description: str = Field("", max_length=300)


class ComplaintIn(Schema):
    agency: str = Field(..., max_length=80)
    number: str = Field(..., min_length=1, max_length=40)
    source: str = Field(..., max_length=20)
    received_on: date | None = None
    occurred_on: date | None = None
    location: str = Field("", max_length=200)
    summary: str = Field("", max_length=20000)
    complainant_name: str = Field("", max_length=200)
    complainant_contact: str = Field("", max_length=200)
    allegations: list[AllegationIn] = Field(..., min_length=1, max_length=50)


class ImportRunOut(Schema):
    id: int
    kind: str
    file_name: str
    status: str
    cursor: int
    created: int
    skipped: int
    rejected: int
    started_at: datetime
    finished_at: datetime | None
