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

from upstander.accounts.restrict import can
from upstander.audit.services import audit_emit
from upstander.records import selectors, services
from upstander.records.events import ConfidentialRecordViewedEvent
from upstander.records.forms import ComplaintForm, ForceReportForm
from upstander.records.models import Complaint, Officer, UseOfForceReport
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


@login_required
def officer_profile(request: HttpRequest, officer_id: int) -> HttpResponse:
    profile = selectors.officer_profile_get(user=request.user, officer_id=officer_id)
    if profile is None:
        raise Http404("No such officer, or you may not see it.")
    return render(request, "records/officer_profile.html", {"profile": profile})


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
    return render(
        request,
        "records/force_report.html",
        {"report": report, "confidential": _confidential(request, report)},
    )


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


@login_required
def complaint_detail(request: HttpRequest, complaint_id: int) -> HttpResponse:
    complaint = selectors.complaint_get(user=request.user, complaint_id=complaint_id)
    if complaint is None:
        raise Http404("No such complaint, or you may not see it.")
    return render(
        request,
        "records/complaint.html",
        {"complaint": complaint, "confidential": _confidential(request, complaint)},
    )


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
