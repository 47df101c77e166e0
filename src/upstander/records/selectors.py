"""Reads of records, always through the access restriction."""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from django.db import connection
from django.db.models import (
    BooleanField,
    Case,
    Count,
    F,
    Prefetch,
    Q,
    QuerySet,
    Value,
    When,
    Window,
)
from django.utils import timezone

from upstander.accounts.restrict import can, restrict, restrict_q
from upstander.records.models import (
    Agency,
    Allegation,
    AllegationCategory,
    Award,
    Complaint,
    ComplaintPerson,
    Discipline,
    ForceDischarge,
    ForceReportOfficer,
    ImportRun,
    LegalOutcome,
    Officer,
    OfficerInvolvedShooting,
    SalaryRecord,
    UseOfForceReport,
)

__all__ = [
    "ComplaintPeople",
    "ComplaintPersonRow",
    "ForceDischarges",
    "OfficerCareer",
    "OfficerProfile",
    "agency_list",
    "allegation_category_list",
    "complaint_get",
    "complaint_list",
    "complaint_people_get",
    "confidential_visible",
    "force_discharges_get",
    "force_report_get",
    "force_report_list",
    "import_run_list",
    "legal_outcome_list",
    "officer_career_get",
    "officer_get",
    "officer_list",
    "officer_profile_get",
    "shooting_get",
    "shooting_list",
]


def confidential_visible(*, user: Any, record: Any) -> bool:
    """Whether the user may see a record's confidential fields (complainant, narrative)."""
    return can(user, "view_confidential", record)


def officer_list(
    *, user: Any, agency: str | None = None, unit: int | None = None, name: str | None = None
) -> QuerySet[Officer]:
    """Officers the user may see, optionally by agency slug, unit id or part of a name or badge."""
    officers = restrict(Officer.objects.select_related("agency", "unit"), user)
    if agency:
        officers = officers.filter(agency__slug=agency)
    if unit:
        officers = officers.filter(unit_id=unit)
    if name:
        officers = officers.filter(
            Q(last_name__icontains=name) | Q(first_name__icontains=name) | Q(badge_number=name)
        )
    return officers


def officer_get(*, user: Any, officer_id: int) -> Officer | None:
    """One officer, or None when missing or not visible to the user."""
    # Unordered: sorting one row by name costs a fifth of building the query.
    found = officer_list(user=user).filter(pk=officer_id).order_by()[:1]
    return found[0] if found else None


@dataclass(frozen=True)
class OfficerProfile:
    """An officer with their history and the records naming them that the user may see."""

    officer: Officer
    names: list[Any]
    assignments: list[Any]
    links: list[Any]
    force_roles: list[ForceReportOfficer]
    force_total: int
    allegations: list[Allegation]
    allegation_total: int
    findings: dict[str, int]
    legal_outcomes: list[LegalOutcome]
    shootings: list[OfficerInvolvedShooting]


# What the profile shows of an allegation, its complaint and category (API and page).
_PROFILE_ALLEGATION_FIELDS = (
    "officer",
    "complaint",
    "category",
    "description",
    "recommended_finding",
    "final_finding",
    "complaint__number",
    "complaint__received_on",
    "category__name",
)


def _visible_through(queryset: QuerySet[Any], user: Any, relation: str, model: Any) -> Any:
    """Rows of ``queryset`` whose related ``model`` object (at ``relation``) the user may see.

    The same narrowing as ``relation__in=restrict(model.objects.all(), user)``, written as a
    filter on the relation: no subquery at all when the user may see every object of the model.
    """
    allowed = restrict_q(user, model, through=relation)
    if allowed is None:
        return queryset.none()
    return queryset.filter(allowed) if allowed else queryset


def officer_profile_get(
    *, user: Any, officer_id: int, recent: int = 25, shootings: bool = True
) -> OfficerProfile | None:
    """The officer's profile, or None when missing or not visible to the user.

    ``recent`` bounds the force reports and allegations listed; the totals count them all.
    ``shootings=False`` leaves the shootings out (empty) for callers that do not show them.
    """
    officer = officer_get(user=user, officer_id=officer_id)
    if officer is None:
        return None
    roles = _visible_through(
        ForceReportOfficer.objects.filter(officer=officer), user, "report", UseOfForceReport
    )
    # The total rides along with the page as a window count: one query for both.
    force_roles = list(
        roles.select_related("report")
        .only("role", "report", "report__report_number", "report__occurred_at")
        .annotate(total=Window(Count("id")))
        .order_by("-report__occurred_at", "-report_id")[:recent]
    )
    allegations = _visible_through(
        Allegation.objects.filter(officer=officer), user, "complaint", Complaint
    )
    recent_allegations = list(
        allegations.select_related("complaint", "category")
        .only(*_PROFILE_ALLEGATION_FIELDS)
        # In id order: the model's default order joins the allegation and its complaint.
        .prefetch_related(Prefetch("discipline", Discipline.objects.order_by("id")))
        .order_by("-complaint__received_on", "-id")[:recent]
    )
    if len(recent_allegations) < recent:
        # All of them are here: count the findings without another query.
        counted = Counter(allegation.final_finding for allegation in recent_allegations)
    else:
        counted = Counter(
            dict(
                allegations.order_by()
                .values_list("final_finding")
                .annotate(n=Count("id"))
                .order_by()
            )
        )
    return OfficerProfile(
        officer=officer,
        # One officer's rows, so their default order's first key (the officer, which would
        # join the officers table to sort by name) is left out.
        names=list(officer.names.order_by("valid_from", "id")),
        assignments=list(officer.assignments.select_related("unit").order_by("started_on", "id")),
        links=list(officer.source_links.order_by("source")),
        force_roles=force_roles,
        force_total=force_roles[0].total if force_roles else 0,
        allegations=recent_allegations,
        allegation_total=counted.total(),
        findings=dict(sorted(counted.items())),
        legal_outcomes=list(restrict(LegalOutcome.objects.filter(officer=officer), user)),
        shootings=list(restrict(officer.shootings.all(), user)) if shootings else [],
    )


def _with_total(queryset: QuerySet[Any], limit: int) -> tuple[list[Any], int]:
    """The first ``limit`` rows of ``queryset`` and how many there are in all, in one query."""
    rows = list(queryset.annotate(total=Window(Count("id")))[:limit])
    return rows, (rows[0].total if rows else 0)


@dataclass(frozen=True)
class OfficerCareer:
    """An officer's awards, pay and rank by year, and the complaints they witnessed or
    investigated, for the profile page (the API's profile leaves these out)."""

    awards: list[Award]
    award_total: int
    salaries: list[SalaryRecord]
    salary_total: int
    complaint_roles: list[ComplaintPerson]
    complaint_role_total: int


def officer_career_get(
    *, user: Any, officer: Officer, recent: int = 25, years: int = 50
) -> OfficerCareer:
    """Awards (``recent`` most recent), salary records (``years`` rows, latest year first) and
    the complaints the user may see in which the officer was a witness or an investigator.

    ``officer`` is one read through ``officer_get``; its rows are still narrowed to the
    officers the user may see. One query for each list, its total riding along with it.
    """
    awards, award_total = _with_total(
        _visible_through(Award.objects.filter(officer=officer), user, "officer", Officer)
        .only("kind", "status", "requested_on", "started_on", "ended_on", "ceremony_on")
        .order_by(F("requested_on").desc(nulls_last=True), "-id"),
        recent,
    )
    salaries, salary_total = _with_total(
        _visible_through(SalaryRecord.objects.filter(officer=officer), user, "officer", Officer)
        .only("year", "rank", "salary", "pay_grade", "employee_status")
        .order_by("-year", "-id"),
        years,
    )
    roles = _visible_through(
        _visible_through(ComplaintPerson.objects.filter(officer=officer), user, "officer", Officer),
        user,
        "complaint",
        Complaint,
    )
    complaint_roles, complaint_role_total = _with_total(
        roles.select_related("complaint")
        .only("role", "complaint", "complaint__number", "complaint__received_on")
        .order_by(F("complaint__received_on").desc(nulls_last=True), "-complaint_id", "id"),
        recent,
    )
    return OfficerCareer(
        awards=awards,
        award_total=award_total,
        salaries=salaries,
        salary_total=salary_total,
        complaint_roles=complaint_roles,
        complaint_role_total=complaint_role_total,
    )


@dataclass(frozen=True)
class ComplaintPersonRow:
    """A person on a complaint as the page shows them: ``officer`` only when the user may see
    that officer, and the age at the incident worked out from the birth year when both are known.
    """

    person: ComplaintPerson
    officer: Officer | None
    age_at_incident: int | None


@dataclass(frozen=True)
class ComplaintPeople:
    """The people on a complaint besides the accused, with how many there are in each role."""

    rows: list[ComplaintPersonRow]
    counts: dict[str, int]
    total: int


_ROLE_ORDER = Case(
    *[When(role=role, then=Value(index)) for index, role in enumerate(ComplaintPerson.Role)],
    default=Value(len(ComplaintPerson.Role)),
)


def complaint_people_get(*, user: Any, complaint: Complaint, limit: int = 200) -> ComplaintPeople:
    """Complainants, victims, witnesses and investigators of a complaint read through
    ``complaint_get``, by role; ``limit`` bounds the rows listed, the counts cover them all."""
    people = _visible_through(
        ComplaintPerson.objects.filter(complaint=complaint), user, "complaint", Complaint
    )
    officer_allowed = restrict_q(user, Officer, through="officer")
    officer_visible: Any = Value(False)
    if officer_allowed is not None:
        officer_visible = Case(
            When(Q(officer__isnull=False) & officer_allowed, then=Value(True)),
            default=Value(False),
            output_field=BooleanField(),
        )
    found = list(
        people.select_related("officer")
        .annotate(officer_visible=officer_visible, role_order=_ROLE_ORDER)
        .order_by("role_order", "id")[:limit]
    )
    if len(found) < limit:
        counted = Counter(person.role for person in found)
    else:
        counted = Counter(
            dict(people.order_by().values_list("role").annotate(n=Count("id")).order_by())
        )
    labels = dict(ComplaintPerson.Role.choices)
    incident_year = complaint.occurred_on.year if complaint.occurred_on else None
    rows = [
        ComplaintPersonRow(
            person=person,
            officer=person.officer if person.officer_visible else None,
            age_at_incident=(
                incident_year - person.birth_year
                if incident_year and person.birth_year and person.birth_year <= incident_year
                else None
            ),
        )
        for person in found
    ]
    return ComplaintPeople(
        rows=rows,
        counts={labels[role]: counted[role] for role in labels if counted[role]},
        total=counted.total(),
    )


@dataclass(frozen=True)
class ForceDischarges:
    """Weapons discharged in a use-of-force incident."""

    discharges: list[ForceDischarge]
    total: int


def force_discharges_get(
    *, user: Any, report: UseOfForceReport, limit: int = 100
) -> ForceDischarges:
    """Weapons discharged in a report read through ``force_report_get``, in recorded order."""
    discharges, total = _with_total(
        _visible_through(
            ForceDischarge.objects.filter(report=report), user, "report", UseOfForceReport
        ).order_by("id"),
        limit,
    )
    return ForceDischarges(discharges=discharges, total=total)


def force_report_list(
    *,
    user: Any,
    agency: str | None = None,
    unit: int | None = None,
    officer: int | None = None,
    since: date | None = None,
    until: date | None = None,
    force_type: str | None = None,
    level: str | None = None,
) -> QuerySet[UseOfForceReport]:
    """Use-of-force reports the user may see, newest first, narrowed by the given filters."""
    reports = restrict(UseOfForceReport.objects.select_related("agency", "unit"), user)
    if agency:
        reports = reports.filter(agency__slug=agency)
    if unit:
        reports = reports.filter(unit_id=unit)
    if officer:
        reports = reports.filter(
            pk__in=ForceReportOfficer.objects.filter(officer_id=officer).values("report_id")
        )
    # Bounds on the timestamp itself (not its date) so the (agency, time) index serves them.
    zone = timezone.get_current_timezone()
    if since:
        reports = reports.filter(occurred_at__gte=datetime.combine(since, time.min, zone))
    if until:
        next_day = datetime.combine(until + timedelta(days=1), time.min, zone)
        reports = reports.filter(occurred_at__lt=next_day)
    if force_type:
        if connection.vendor == "postgresql":
            reports = reports.filter(force_types__contains=[force_type])
        else:  # SQLite has no JSON containment; match the quoted item in the stored list
            reports = reports.filter(force_types__icontains=json.dumps(force_type))
    if level:
        reports = reports.filter(force_level=level)
    return reports.order_by("-occurred_at", "-id")


def force_report_get(*, user: Any, report_id: int) -> UseOfForceReport | None:
    """One report with its officers and subjects, or None when not visible."""
    return (
        force_report_list(user=user)
        .select_related("policy_version__policy")
        .prefetch_related("involved__officer", "subjects")
        .filter(pk=report_id)
        .first()
    )


def complaint_list(
    *,
    user: Any,
    agency: str | None = None,
    category: str | None = None,
    finding: str | None = None,
    source: str | None = None,
    officer: int | None = None,
    since: date | None = None,
    until: date | None = None,
) -> QuerySet[Complaint]:
    """Complaints the user may see, newest first, narrowed by the given filters."""
    complaints = restrict(Complaint.objects.select_related("agency", "unit"), user)
    if agency:
        complaints = complaints.filter(agency__slug=agency)
    if source:
        complaints = complaints.filter(source=source)
    if since:
        complaints = complaints.filter(received_on__gte=since)
    if until:
        complaints = complaints.filter(received_on__lte=until)
    allegation_filter = Q()
    if category:
        allegation_filter &= Q(category__slug=category)
    if finding:
        allegation_filter &= Q(final_finding=finding)
    if officer:
        allegation_filter &= Q(officer_id=officer)
    if allegation_filter:
        complaints = complaints.filter(
            pk__in=Allegation.objects.filter(allegation_filter).values("complaint_id")
        )
    return complaints.order_by("-received_on", "-id")


def complaint_get(*, user: Any, complaint_id: int) -> Complaint | None:
    """One complaint with its allegations and discipline, or None when not visible."""
    return (
        complaint_list(user=user)
        .prefetch_related(
            "allegations__officer", "allegations__category", "allegations__discipline"
        )
        .filter(pk=complaint_id)
        .first()
    )


def shooting_list(
    *, user: Any, agency: str | None = None, state: str | None = None
) -> QuerySet[OfficerInvolvedShooting]:
    """Officer-involved shootings the user may see, newest first."""
    shootings = restrict(OfficerInvolvedShooting.objects.select_related("agency"), user)
    if agency:
        shootings = shootings.filter(
            Q(agency__slug=agency) | Q(other_agencies__slug=agency)
        ).distinct()
    if state:
        shootings = shootings.filter(state=state.upper())
    return shootings.order_by("-occurred_on", "-id")


def shooting_get(*, user: Any, shooting_id: int) -> OfficerInvolvedShooting | None:
    """One shooting, or None when not visible."""
    return (
        shooting_list(user=user)
        .prefetch_related("other_agencies", "officers")
        .filter(pk=shooting_id)
        .first()
    )


def legal_outcome_list(*, user: Any, officer: int | None = None) -> QuerySet[LegalOutcome]:
    """Legal outcomes the user may see."""
    outcomes = restrict(LegalOutcome.objects.select_related("agency", "officer"), user)
    return outcomes.filter(officer_id=officer) if officer else outcomes


def allegation_category_list(*, user: Any) -> QuerySet[AllegationCategory]:
    """Allegation categories (they are not confidential, but still pass the restriction)."""
    return AllegationCategory.objects.all()


def import_run_list(*, user: Any) -> QuerySet[ImportRun]:
    """Import runs the user may see, newest first."""
    return restrict(ImportRun.objects.all(), user)


def agency_list() -> QuerySet[Agency]:
    """Agencies, for choosing in forms and filters (names are public)."""
    return Agency.objects.all()
