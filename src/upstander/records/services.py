"""Writes to accountability records: one transaction each, each recorded in the audit log."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.text import slugify

from upstander.audit.services import audit_emit
from upstander.records.casework import link_split_records, matched_fields, review_of
from upstander.records.events import (
    AllegationFoundEvent,
    ComplaintCreatedEvent,
    DisciplineRecordedEvent,
    ForceReportCreatedEvent,
    LegalOutcomeRecordedEvent,
    OfficerLinkConfirmedEvent,
    OfficerLinkedEvent,
    OfficerLinkSplitEvent,
)
from upstander.records.models import (
    Agency,
    Allegation,
    AllegationCategory,
    Complaint,
    Discipline,
    Finding,
    ForceReportOfficer,
    ForceSubject,
    LegalOutcome,
    Officer,
    OfficerName,
    OfficerSourceLink,
    Unit,
    UseOfForceReport,
)

__all__ = [
    "AllegationIn",
    "InvolvedOfficerIn",
    "RecordError",
    "SubjectIn",
    "allegation_category_get_or_create",
    "allegation_find",
    "complaint_create",
    "discipline_record",
    "force_policy_in_force",
    "force_report_create",
    "legal_outcome_record",
    "officer_link",
    "officer_link_confirm",
    "officer_link_split",
]


# Bounds of the columns: a PositiveSmallIntegerField and a DecimalField(max_digits=14, places=2).
MAX_SUSPENSION_DAYS = 32767
MAX_AMOUNT = Decimal(10**12)


class RecordError(ValueError):
    """A write refused because of what was asked; the message says what to change."""


@dataclass(frozen=True)
class InvolvedOfficerIn:
    """An officer present at an incident and the part they played."""

    officer: Officer
    role: str


@dataclass(frozen=True)
class AllegationIn:
    """One allegation made in a complaint."""

    category: AllegationCategory
    officer: Officer | None = None
    description: str = ""


@dataclass(frozen=True)
class SubjectIn:
    """A person force was used on."""

    race: str = ""
    gender: str = ""
    age: int | None = None
    injured: bool | None = None
    name: str = ""
    extra: dict[str, Any] = field(default_factory=dict)


def _snapshot(obj: Any, names: list[str]) -> dict[str, Any]:
    return {name: getattr(obj, name) for name in names}


def force_policy_in_force(*, agency: Agency, on: date) -> Any:
    """The agency's use-of-force policy version in force on a day, if the library holds one."""
    from upstander.policies.models import PolicyVersion

    return (
        PolicyVersion.objects.filter(
            Q(policy__title__icontains="force") | Q(policy__title__icontains="resistance"),
            policy__agency=agency,
            effective_from__lte=on,
        )
        .filter(Q(effective_to__isnull=True) | Q(effective_to__gte=on))
        .order_by("-effective_from", "-id")
        .first()
    )


@transaction.atomic
def force_report_create(
    *,
    agency: Agency,
    report_number: str,
    occurred_at: datetime,
    actor: Any = None,
    unit: Unit | None = None,
    officers: list[InvolvedOfficerIn] | None = None,
    subjects: list[SubjectIn] | None = None,
    **details: Any,
) -> UseOfForceReport:
    """Record a use-of-force report with every officer present and the subjects."""
    officers = officers or []
    roles = set(ForceReportOfficer.Role.values)
    for involved in officers:
        if involved.role not in roles:
            raise RecordError(f"Unknown role {involved.role!r}; use one of {sorted(roles)}.")
        if involved.officer.agency_id != agency.pk:
            raise RecordError(f"{involved.officer} does not serve in {agency}.")
    if UseOfForceReport.objects.filter(agency=agency, report_number=report_number).exists():
        raise RecordError(f"{agency} already has a report numbered {report_number}.")
    if details.get("policy_version") is None:
        details["policy_version"] = force_policy_in_force(agency=agency, on=occurred_at.date())
    report = UseOfForceReport.objects.create(
        agency=agency, unit=unit, report_number=report_number, occurred_at=occurred_at, **details
    )
    ForceReportOfficer.objects.bulk_create(
        [ForceReportOfficer(report=report, officer=i.officer, role=i.role) for i in officers],
        ignore_conflicts=True,
    )
    ForceSubject.objects.bulk_create(
        [
            ForceSubject(
                report=report,
                race=s.race,
                gender=s.gender,
                age=s.age,
                injured=s.injured,
                name=s.name,
            )
            for s in subjects or []
        ]
    )
    audit_emit(
        ForceReportCreatedEvent(report_number=report_number, officers=len(officers)),
        actor=actor,
        target=report,
    )
    return report


@transaction.atomic
def allegation_category_get_or_create(*, name: str, actor: Any = None) -> AllegationCategory:
    """The category with this name, added as an agency-defined one if new."""
    name = " ".join(name.split())
    if not name:
        raise RecordError("A category needs a name.")
    existing = AllegationCategory.objects.filter(name__iexact=name).first()
    if existing:
        return existing
    slug = slugify(name)[:60] or "category"
    return AllegationCategory.objects.create(slug=slug, name=name[:100], standard=False)


@transaction.atomic
def complaint_create(
    *,
    agency: Agency,
    number: str,
    source: str,
    allegations: list[AllegationIn],
    actor: Any = None,
    unit: Unit | None = None,
    received_on: date | None = None,
    occurred_on: date | None = None,
    location: str = "",
    summary: str = "",
    complainant_name: str = "",
    complainant_contact: str = "",
) -> Complaint:
    """Take in a complaint with its allegations; anonymous complaints keep no complainant."""
    if source not in Complaint.Source.values:
        raise RecordError(f"Unknown source {source!r}; use public, internal or anonymous.")
    if not number.strip():
        raise RecordError("A complaint needs a number.")
    if not allegations:
        raise RecordError("A complaint needs at least one allegation.")
    if Complaint.objects.filter(agency=agency, number=number).exists():
        raise RecordError(f"{agency} already has a complaint numbered {number}.")
    if source == Complaint.Source.ANONYMOUS:
        complainant_name = complainant_contact = ""
    complaint = Complaint.objects.create(
        agency=agency,
        unit=unit,
        number=number.strip(),
        source=source,
        received_on=received_on,
        occurred_on=occurred_on,
        location=location,
        summary=summary,
        complainant_name=complainant_name,
        complainant_contact=complainant_contact,
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    Allegation.objects.bulk_create(
        [
            Allegation(
                complaint=complaint,
                officer=item.officer,
                category=item.category,
                description=item.description,
            )
            for item in allegations
        ]
    )
    audit_emit(
        ComplaintCreatedEvent(number=complaint.number, source=source, allegations=len(allegations)),
        actor=actor,
        target=complaint,
    )
    return complaint


@transaction.atomic
def allegation_find(
    *,
    allegation: Allegation,
    final_finding: str,
    recommended_finding: str = "",
    actor: Any = None,
) -> Allegation:
    """Record the recommended and final findings on an allegation."""
    if not final_finding:
        raise RecordError("Choose a final finding (use pending while it is undecided).")
    for value in (final_finding, recommended_finding):
        if value and value not in Finding.values:
            raise RecordError(f"Unknown finding {value!r}; use one of {sorted(Finding.values)}.")
    names = ["recommended_finding", "final_finding"]
    before = _snapshot(allegation, names)
    allegation.final_finding = final_finding
    if recommended_finding:
        allegation.recommended_finding = recommended_finding
    allegation.save(update_fields=names)
    audit_emit(
        AllegationFoundEvent(
            complaint=allegation.complaint.number,
            recommended_finding=allegation.recommended_finding,
            final_finding=final_finding,
        ),
        actor=actor,
        target=allegation,
        before=before,
        after=_snapshot(allegation, names),
    )
    return allegation


@transaction.atomic
def discipline_record(
    *,
    allegation: Allegation,
    imposed: str,
    recommended: str = "",
    suspension_days: int | None = None,
    decided_on: date | None = None,
    actor: Any = None,
) -> Discipline:
    """Record discipline after a sustained allegation."""
    if allegation.final_finding != Finding.SUSTAINED:
        raise RecordError("Discipline follows a sustained finding; record the finding first.")
    imposed, recommended = imposed.strip(), recommended.strip()
    if not imposed and not recommended:
        raise RecordError("Say what discipline was imposed or recommended.")
    if len(imposed) > 200 or len(recommended) > 200:
        raise RecordError("Describe the discipline in at most 200 characters.")
    if suspension_days is not None and not 0 <= suspension_days <= MAX_SUSPENSION_DAYS:
        raise RecordError(f"Suspension days must be between 0 and {MAX_SUSPENSION_DAYS}.")
    discipline = Discipline.objects.create(
        allegation=allegation,
        imposed=imposed,
        recommended=recommended,
        suspension_days=suspension_days,
        decided_on=decided_on,
    )
    audit_emit(
        DisciplineRecordedEvent(complaint=allegation.complaint.number, imposed=imposed),
        actor=actor,
        target=discipline,
    )
    return discipline


@transaction.atomic
def legal_outcome_record(
    *,
    agency: Agency,
    kind: str,
    actor: Any = None,
    officer: Officer | None = None,
    complaint: Complaint | None = None,
    case_number: str = "",
    court: str = "",
    filed_on: date | None = None,
    resolved_on: date | None = None,
    amount: Decimal | None = None,
    description: str = "",
) -> LegalOutcome:
    """Record a charge, indictment, conviction, civil suit or settlement."""
    if kind not in LegalOutcome.Kind.values:
        raise RecordError(
            f"Unknown outcome {kind!r}; use one of {sorted(LegalOutcome.Kind.values)}."
        )
    if amount is not None and amount < 0:
        raise RecordError("An amount cannot be negative.")
    if amount is not None and amount >= MAX_AMOUNT:
        raise RecordError(f"An amount must be under {MAX_AMOUNT:,} dollars.")
    if filed_on and resolved_on and resolved_on < filed_on:
        raise RecordError("A case cannot be resolved before it was filed.")
    if officer is not None and officer.agency_id != agency.pk:
        raise RecordError(f"{officer} does not serve in {agency}.")
    outcome = LegalOutcome.objects.create(
        agency=agency,
        kind=kind,
        officer=officer,
        complaint=complaint,
        case_number=case_number,
        court=court,
        filed_on=filed_on,
        resolved_on=resolved_on,
        amount=amount,
        description=description,
    )
    audit_emit(
        LegalOutcomeRecordedEvent(kind=kind, case_number=case_number), actor=actor, target=outcome
    )
    return outcome


@transaction.atomic
def officer_link(
    *,
    officer: Officer,
    source: str,
    source_key: str,
    evidence: dict[str, str],
    actor: Any = None,
) -> OfficerSourceLink:
    """Link an outside dataset's officer record to an officer, keeping why they match."""
    existing = OfficerSourceLink.objects.filter(source=source, source_key=source_key).first()
    if existing and existing.officer_id != officer.pk:
        raise RecordError(f"{source}:{source_key} is already linked to another officer.")
    link, _ = OfficerSourceLink.objects.update_or_create(
        source=source,
        source_key=source_key,
        defaults={"officer": officer, "evidence": evidence},
    )
    audit_emit(
        OfficerLinkedEvent(source=source, source_key=source_key, evidence=evidence),
        actor=actor,
        target=officer,
    )
    return link


def _reviewer(actor: Any) -> str:
    return actor.get_username() if getattr(actor, "is_authenticated", False) else "system"


def _link_for_review(link: OfficerSourceLink) -> OfficerSourceLink:
    """The link re-read under a row lock, refused unless a name match made it."""
    locked = OfficerSourceLink.objects.select_for_update().get(pk=link.pk)
    if not isinstance(locked.evidence, dict) or "matched" not in locked.evidence:
        raise RecordError(
            f"{locked.source}:{locked.source_key} was not matched by name;"
            " there is nothing to review."
        )
    if review_of(locked).get("decision") == "split":
        raise RecordError(
            f"{locked.source}:{locked.source_key} was already split off to officer"
            f" {locked.officer_id}."
        )
    return locked


@transaction.atomic
def officer_link_confirm(*, link: OfficerSourceLink, actor: Any = None) -> OfficerSourceLink:
    """Record that a name-matched dataset identity is indeed the officer it was linked to."""
    link = _link_for_review(link)
    before = {"review": review_of(link) or None}
    review = {"decision": "confirmed", "by": _reviewer(actor), "on": timezone.now().isoformat()}
    link.evidence = {**link.evidence, "review": review}
    link.save(update_fields=["evidence"])
    audit_emit(
        OfficerLinkConfirmedEvent(
            source=link.source,
            source_key=link.source_key,
            matched=str(link.evidence["matched"]),
        ),
        actor=actor,
        target=link,
        before=before,
        after={"review": review},
    )
    return link


def _split_identity(link: OfficerSourceLink) -> dict[str, Any]:
    """Name, badge and date appointed for the new officer, as the link's dataset recorded them."""
    original = link.officer
    name = OfficerName.objects.filter(officer=original, source=link.source).order_by("id").first()
    matched_on = dict(matched_fields(link.evidence))
    fields: dict[str, Any] = {
        "first_name": (name.first_name if name else matched_on.get("first_name", "")).title(),
        "last_name": (name.last_name if name else matched_on.get("last_name", "")).title(),
        "badge_number": name.badge_number if name else matched_on.get("badge_number", ""),
        "rank": name.rank if name else "",
    }
    appointed = matched_on.get("appointed_date", "")
    try:
        fields["hired_on"] = date.fromisoformat(appointed) if appointed else None
    except ValueError:
        fields["hired_on"] = None
    if not fields["first_name"] and not fields["last_name"]:
        fields["last_name"] = f"{link.source}:{link.source_key}"[:100]
    return fields


@transaction.atomic
def officer_link_split(*, link: OfficerSourceLink, actor: Any = None) -> Officer:
    """Detach a wrongly matched dataset identity to a new officer of its own; returns it.

    The link, and the names and assignments recorded under its source, move to the new officer;
    allegations, force-report roles and legal outcomes imported from its dataset move when the
    officer has no other link from that dataset (see ``upstander.records.casework``).
    """
    link = _link_for_review(link)
    original = link.officer
    records = link_split_records(link)
    moved = records.counts()
    new_officer = Officer.objects.create(agency=original.agency, **_split_identity(link))
    records.names.update(officer=new_officer)
    records.assignments.update(officer=new_officer)
    records.allegations.update(officer=new_officer)
    records.force_roles.update(officer=new_officer)
    records.legal_outcomes.update(officer=new_officer)
    review = {
        "decision": "split",
        "by": _reviewer(actor),
        "on": timezone.now().isoformat(),
        "from_officer": original.pk,
        "match_key": link.match_key,
        "moved": moved,
        "left": records.shared,
    }
    before = {"officer": original.pk, "match_key": link.match_key}
    link.officer = new_officer
    # A cleared match key keeps later imports from matching other identities to the new officer
    # on the same name; the review keeps the old key.
    link.match_key = ""
    link.evidence = {**link.evidence, "review": review}
    link.save(update_fields=["officer", "match_key", "evidence"])
    audit_emit(
        OfficerLinkSplitEvent(
            source=link.source,
            source_key=link.source_key,
            matched=str(link.evidence["matched"]),
            from_officer=original.pk,
            to_officer=new_officer.pk,
            moved=moved,
        ),
        actor=actor,
        target=link,
        before=before,
        after={"officer": new_officer.pk, "match_key": ""},
    )
    return new_officer
