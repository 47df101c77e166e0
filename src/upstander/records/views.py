"""Record pages for department staff and oversight."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from upstander.accounts.restrict import can
from upstander.audit.services import audit_emit
from upstander.records import casework, selectors, services
from upstander.records.events import ConfidentialRecordViewedEvent
from upstander.records.forms import (
    ComplaintForm,
    DisciplineForm,
    FindingForm,
    ForceReportForm,
    LegalOutcomeForm,
    LinkReviewForm,
)
from upstander.records.models import Allegation, Complaint, Finding, Officer, UseOfForceReport
from upstander.records.stats import stats_summary


def _page(request: HttpRequest, queryset: Any) -> Any:
    return Paginator(queryset, 50).get_page(request.GET.get("page"))


def _confidential(request: HttpRequest, record: Any) -> bool:
    visible = selectors.confidential_visible(user=request.user, record=record)
    if visible:
        audit_emit(
            ConfidentialRecordViewedEvent(record=record._meta.label_lower),
            actor=request.user,
            target=record,
        )
    return visible


@login_required
def officers(request: HttpRequest) -> HttpResponse:
    name = request.GET.get("name", "").strip()[:100]
    found = selectors.officer_list(user=request.user, name=name or None)
    return render(request, "records/officers.html", {"page": _page(request, found), "name": name})


def _officer_page(
    request: HttpRequest, officer_id: int, outcome_form: LegalOutcomeForm | None = None
) -> HttpResponse:
    profile = selectors.officer_profile_get(user=request.user, officer_id=officer_id)
    if profile is None:
        raise Http404("No such officer, or you may not see it.")
    may_add = casework.legal_outcome_addable(user=request.user, officer=profile.officer)
    context = {
        "profile": profile,
        "career": selectors.officer_career_get(user=request.user, officer=profile.officer),
        "outcome_form": (outcome_form or LegalOutcomeForm()) if may_add else None,
        "may_review_links": casework.link_review_allowed(request.user),
    }
    return render(request, "records/officer_profile.html", context)


@login_required
def officer_profile(request: HttpRequest, officer_id: int) -> HttpResponse:
    return _officer_page(request, officer_id)


@login_required
@require_POST
def officer_legal_outcome_new(request: HttpRequest, officer_id: int) -> HttpResponse:
    officer = selectors.officer_get(user=request.user, officer_id=officer_id)
    if officer is None:
        raise Http404("No such officer, or you may not see it.")
    if not casework.legal_outcome_addable(user=request.user, officer=officer):
        raise PermissionDenied
    form = LegalOutcomeForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            outcome = services.legal_outcome_record(
                agency=officer.agency,
                officer=officer,
                kind=data["kind"],
                case_number=data["case_number"],
                court=data["court"],
                filed_on=data["filed_on"],
                resolved_on=data["resolved_on"],
                amount=data["amount"],
                description=data["description"],
                actor=request.user,
            )
        except services.RecordError as exc:
            form.add_error(None, str(exc))
        else:
            label = f"{outcome.get_kind_display()} {outcome.case_number}".strip()
            messages.success(request, f"{label} recorded.")
            return redirect("records:officer", officer_id=officer.pk)
    return _officer_page(request, officer_id, outcome_form=form)


@login_required
def force_reports(request: HttpRequest) -> HttpResponse:
    reports = selectors.force_report_list(user=request.user)
    return render(
        request,
        "records/force_reports.html",
        {"page": _page(request, reports), "may_add": can(request.user, "add", UseOfForceReport)},
    )


@login_required
def force_report_detail(request: HttpRequest, report_id: int) -> HttpResponse:
    report = selectors.force_report_get(user=request.user, report_id=report_id)
    if report is None:
        raise Http404("No such report, or you may not see it.")
    discharges = selectors.force_discharges_get(user=request.user, report=report)
    context = {
        "report": report,
        "confidential": _confidential(request, report),
        "discharges": discharges,
        "discharge_rows": [
            (discharge, _detail_items(discharge.details)) for discharge in discharges.discharges
        ],
    }
    return render(request, "records/force_report.html", context)


def _detail_items(details: Any) -> list[tuple[str, str]]:
    """A discharge's other recorded fields as (label, value) pairs, e.g. ("Discharge distance",
    "5 ft")."""
    if not isinstance(details, dict):
        return []
    return [
        (str(name).replace("_", " ").capitalize(), str(value))
        for name, value in details.items()
        if value not in ("", None)
    ]


def _own_unit(user: Any) -> Any:
    profile = getattr(user, "profile", None)
    return getattr(profile, "unit", None)


def _officers_by_badge(form: ForceReportForm, user: Any) -> list[services.InvolvedOfficerIn]:
    agency = form.cleaned_data["agency"]
    involved = []
    for badge, role in form.involved_badges():
        officer = (
            selectors.officer_list(user=user).filter(agency=agency, badge_number=badge).first()
        )
        if officer is None:
            form.add_error(role, f"No officer of {agency} with badge {badge}.")
        else:
            involved.append(services.InvolvedOfficerIn(officer=officer, role=role))
    return involved


@login_required
def force_report_new(request: HttpRequest) -> HttpResponse:
    if not can(request.user, "add", UseOfForceReport):
        raise PermissionDenied
    form = ForceReportForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        involved = _officers_by_badge(form, request.user)
        if form.is_valid():
            try:
                with transaction.atomic():
                    report = services.force_report_create(
                        agency=form.cleaned_data["agency"],
                        unit=form.cleaned_data["unit"] or _own_unit(request.user),
                        report_number=form.cleaned_data["report_number"],
                        occurred_at=form.cleaned_data["occurred_at"],
                        officers=involved,
                        actor=request.user,
                        **form.details(),
                    )
                    # A grant scoped to the user's unit covers only reports of that unit.
                    if not can(request.user, "add", report):
                        raise services.RecordError("You may enter reports only for your own unit.")
            except services.RecordError as exc:
                form.add_error(None, str(exc))
            else:
                messages.success(request, f"Report {report.report_number} saved.")
                return redirect("records:force_report", report_id=report.pk)
    return render(request, "records/force_report_form.html", {"form": form})


@login_required
def complaints(request: HttpRequest) -> HttpResponse:
    if not can(request.user, "view", Complaint):
        raise PermissionDenied
    found = selectors.complaint_list(user=request.user)
    return render(
        request,
        "records/complaints.html",
        {"page": _page(request, found), "may_add": can(request.user, "add", Complaint)},
    )


def _visible_complaint(request: HttpRequest, complaint_id: int) -> Complaint:
    complaint = selectors.complaint_get(user=request.user, complaint_id=complaint_id)
    if complaint is None:
        raise Http404("No such complaint, or you may not see it.")
    return complaint


def _finding_form(allegation: Allegation, data: Any = None) -> FindingForm:
    initial = {
        "recommended_finding": allegation.recommended_finding,
        "final_finding": allegation.final_finding,
    }
    return FindingForm(data, initial=initial, prefix=f"finding-{allegation.pk}")


def _discipline_form(allegation: Allegation, data: Any = None) -> DisciplineForm:
    return DisciplineForm(data, prefix=f"discipline-{allegation.pk}")


def _complaint_page(
    request: HttpRequest,
    complaint: Complaint,
    bound: dict[int, FindingForm | DisciplineForm] | None = None,
) -> HttpResponse:
    """The complaint, with a finding and a discipline form per allegation for those who may
    change it; ``bound`` holds a submitted form to show again with its errors."""
    bound = bound or {}
    may_change = casework.complaint_changeable(user=request.user, complaint=complaint)
    rows = []
    for allegation in complaint.allegations.all():
        row: dict[str, Any] = {"allegation": allegation}
        if may_change:
            submitted = bound.get(allegation.pk)
            row["finding_form"] = (
                submitted if isinstance(submitted, FindingForm) else _finding_form(allegation)
            )
            row["discipline_form"] = (
                submitted if isinstance(submitted, DisciplineForm) else _discipline_form(allegation)
            )
            row["show_discipline"] = allegation.final_finding == Finding.SUSTAINED or (
                isinstance(submitted, DisciplineForm)
            )
        rows.append(row)
    context = {
        "complaint": complaint,
        "confidential": _confidential(request, complaint),
        "people": selectors.complaint_people_get(user=request.user, complaint=complaint),
        "may_change": may_change,
        "rows": rows,
    }
    return render(request, "records/complaint.html", context)


@login_required
def complaint_detail(request: HttpRequest, complaint_id: int) -> HttpResponse:
    return _complaint_page(request, _visible_complaint(request, complaint_id))


def _allegation_to_change(
    request: HttpRequest, complaint_id: int, allegation_id: int
) -> tuple[Complaint, Allegation]:
    complaint = _visible_complaint(request, complaint_id)
    if not casework.complaint_changeable(user=request.user, complaint=complaint):
        raise PermissionDenied
    allegation = casework.allegation_for_change(user=request.user, allegation_id=allegation_id)
    if allegation is None or allegation.complaint_id != complaint.pk:
        raise Http404("No such allegation in this complaint.")
    return complaint, allegation


def _allegation_label(allegation: Allegation) -> str:
    return f"{allegation.category} against {allegation.officer or 'an unidentified officer'}"


@login_required
@require_POST
def allegation_finding(request: HttpRequest, complaint_id: int, allegation_id: int) -> HttpResponse:
    complaint, allegation = _allegation_to_change(request, complaint_id, allegation_id)
    form = _finding_form(allegation, request.POST)
    if form.is_valid():
        try:
            services.allegation_find(
                allegation=allegation,
                final_finding=form.cleaned_data["final_finding"],
                recommended_finding=form.cleaned_data["recommended_finding"],
                actor=request.user,
            )
        except services.RecordError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(
                request,
                f"Finding recorded on {_allegation_label(allegation)}: "
                f"{allegation.get_final_finding_display()}.",
            )
            return redirect("records:complaint", complaint_id=complaint.pk)
    return _complaint_page(request, complaint, bound={allegation.pk: form})


@login_required
@require_POST
def allegation_discipline(
    request: HttpRequest, complaint_id: int, allegation_id: int
) -> HttpResponse:
    complaint, allegation = _allegation_to_change(request, complaint_id, allegation_id)
    form = _discipline_form(allegation, request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            discipline = services.discipline_record(
                allegation=allegation,
                imposed=data["imposed"],
                recommended=data["recommended"],
                suspension_days=data["suspension_days"],
                decided_on=data["decided_on"],
                actor=request.user,
            )
        except services.RecordError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(
                request, f"Discipline recorded on {_allegation_label(allegation)}: {discipline}."
            )
            return redirect("records:complaint", complaint_id=complaint.pk)
    return _complaint_page(request, complaint, bound={allegation.pk: form})


@login_required
def complaint_new(request: HttpRequest) -> HttpResponse:
    if not can(request.user, "add", Complaint):
        raise PermissionDenied
    form = ComplaintForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        officer = None
        if data["officer_badge"]:
            officer = Officer.objects.filter(
                agency=data["agency"], badge_number=data["officer_badge"]
            ).first()
            if officer is None:
                form.add_error("officer_badge", "No officer of this agency has that badge.")
        if form.is_valid():
            try:
                complaint = services.complaint_create(
                    agency=data["agency"],
                    number=data["number"],
                    source=data["source"],
                    received_on=data["received_on"],
                    occurred_on=data["occurred_on"],
                    location=data["location"],
                    summary=data["summary"],
                    complainant_name=data["complainant_name"],
                    complainant_contact=data["complainant_contact"],
                    unit=officer.unit if officer else None,
                    allegations=[
                        services.AllegationIn(
                            category=data["category"],
                            officer=officer,
                            description=data["description"],
                        )
                    ],
                    actor=request.user,
                )
            except services.RecordError as exc:
                form.add_error(None, str(exc))
            else:
                messages.success(request, f"Complaint {complaint.number} taken in.")
                return redirect("records:complaint", complaint_id=complaint.pk)
    return render(request, "records/complaint_form.html", {"form": form})


@login_required
def shootings(request: HttpRequest) -> HttpResponse:
    from upstander.records.models import OfficerInvolvedShooting

    if not can(request.user, "view", OfficerInvolvedShooting):
        raise PermissionDenied
    found = selectors.shooting_list(user=request.user)
    return render(request, "records/shootings.html", {"page": _page(request, found)})


@login_required
def stats(request: HttpRequest) -> HttpResponse:
    agency = request.GET.get("agency", "").strip()[:80] or None
    summary = stats_summary(user=request.user, agency=agency)
    return render(request, "records/stats.html", {"summary": summary, "agency": agency})


@login_required
def officer_links(request: HttpRequest) -> HttpResponse:
    if not casework.link_review_allowed(request.user):
        raise PermissionDenied
    state = request.GET.get("state", "pending")
    if state not in casework.REVIEW_STATES:
        state = "pending"
    links = casework.officer_link_review_list(user=request.user, state=state)
    return render(
        request,
        "records/officer_links.html",
        {"page": _page(request, links), "state": state, "states": casework.REVIEW_STATES},
    )


@login_required
def officer_link_review(request: HttpRequest, link_id: int) -> HttpResponse:
    if not casework.link_review_allowed(request.user):
        raise PermissionDenied
    review = casework.officer_link_review_get(user=request.user, link_id=link_id)
    if review is None:
        raise Http404("No such matched link, or you may not see it.")
    form = LinkReviewForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        link = review.link
        try:
            if form.cleaned_data["decision"] == "split":
                new_officer = services.officer_link_split(link=link, actor=request.user)
                messages.success(
                    request,
                    f"{link.source}:{link.source_key} split off to a new officer record,"
                    f" {new_officer}.",
                )
            else:
                services.officer_link_confirm(link=link, actor=request.user)
                messages.success(request, f"{link.source}:{link.source_key} confirmed.")
        except services.RecordError as exc:
            form.add_error(None, str(exc))
        else:
            return redirect("records:officer_link", link_id=link.pk)
    return render(request, "records/officer_link.html", {"review": review, "form": form})
