"""Pages of the duty-to-intervene app: thin wrappers over selectors and services."""

from __future__ import annotations

import logging
import traceback
from typing import Any

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters, sensitive_variables
from django.views.decorators.http import require_POST

from upstander.accounts.restrict import can, restrict
from upstander.accounts.roles import Role
from upstander.intervention import forms, selectors, services
from upstander.intervention.conf import ConfidentialStorageUnavailable
from upstander.intervention.errors import InterventionError
from upstander.intervention.models import (
    AdversePersonnelEvent,
    Allegation,
    Case,
    CaseMessage,
    FailureToInterveneReview,
    InterventionRecord,
    Report,
    ReporterIdentity,
    RetaliationFlag,
)
from upstander.intervention.ratelimit import rate_limited
from upstander.intervention.retaliation import adverse_event_record, retaliation_flag_resolve
from upstander.records.models import ForceReportOfficer, Officer
from upstander.records.selectors import force_report_list, officer_list

logger = logging.getLogger(__name__)


IDENTITY_FIELDS = ("reporter_name", "reporter_email", "reporter_phone", "receipt_code")


def _page(request: HttpRequest, items: Any) -> Any:
    return Paginator(items, 50).get_page(request.GET.get("page"))


def _require(request: HttpRequest, action: str, target: Any) -> None:
    if not can(request.user, action, target):
        raise PermissionDenied


# Public reporting ------------------------------------------------------------------------------


def report_start(request: HttpRequest) -> HttpResponse:
    return render(request, "intervention/report_start.html")


@sensitive_variables()
def _report_submit(request: HttpRequest, *, confidential: bool) -> HttpResponse:
    form_class = forms.ConfidentialReportForm if confidential else forms.AnonymousReportForm
    template = "intervention/report_form.html"
    context: dict[str, Any] = {"confidential": confidential}
    if request.method != "POST":
        context["form"] = form_class()
        return render(request, template, context)
    form = form_class(request.POST)
    context["form"] = form
    if rate_limited(request, "report"):
        context["error"] = "Too many reports from this connection. Please try again in an hour."
        return render(request, template, context, status=429)
    if not form.is_valid():
        return render(request, template, context, status=400)
    data = form.cleaned_data
    identity = None
    reporter_officer = None
    if confidential:
        identity = {
            "name": data["reporter_name"],
            "email": data["reporter_email"],
            "phone": data["reporter_phone"],
        }
        if data["link_officer"] and request.user.is_authenticated:
            reporter_officer = getattr(getattr(request.user, "profile", None), "officer", None)
    try:
        report, code = services.report_submit(
            channel=Report.Channel.CONFIDENTIAL if confidential else Report.Channel.ANONYMOUS,
            source=data["source"],
            summary=data["summary"],
            description=data["description"],
            occurred_on=data["occurred_on"],
            location=data["location"],
            identity=identity,
            reporter_officer=reporter_officer,
        )
    except ConfidentialStorageUnavailable as exc:
        context["error"] = str(exc)
        return render(request, template, context, status=503)
    except Exception as exc:
        # Never let this propagate: Django's debug page and logged tracebacks would carry the
        # reporter's words and identity. Log only where it failed.
        frame = traceback.extract_tb(exc.__traceback__)[-1]
        logger.error(
            "Storing a report failed: %s at %s:%s", type(exc).__name__, frame.filename, frame.lineno
        )
        context["error"] = "Your report could not be stored. Nothing was kept; please try later."
        keep = {name: data[name] for name in ("source", "summary", "description", "location")}
        context["form"] = form_class(initial=keep)  # unbound: the identity is not echoed
        return render(request, template, context, status=500)
    # Shown once, in the response to the POST: the code never travels in a URL.
    response = render(
        request,
        "intervention/report_received.html",
        {"report": report, "receipt_code": code, "confidential": confidential},
    )
    response["Cache-Control"] = "no-store"
    return response


@sensitive_post_parameters(*IDENTITY_FIELDS)
def report_anonymous(request: HttpRequest) -> HttpResponse:
    return _report_submit(request, confidential=False)


@sensitive_post_parameters(*IDENTITY_FIELDS)
def report_confidential(request: HttpRequest) -> HttpResponse:
    return _report_submit(request, confidential=True)


@never_cache
@sensitive_post_parameters(*IDENTITY_FIELDS)
def follow_up(request: HttpRequest) -> HttpResponse:
    template = "intervention/follow_up.html"
    if request.method != "POST":
        return render(request, template, {"form": forms.FollowUpForm()})
    form = forms.FollowUpForm(request.POST)
    if rate_limited(request, "follow-up"):
        error = "Too many attempts from this connection. Please try again in an hour."
        return render(request, template, {"form": form, "error": error}, status=429)
    report = services.report_by_receipt(code=request.POST.get("receipt_code", ""))
    if not form.is_valid() or report is None:
        error = "No report has that receipt code. Check it and try again."
        return render(request, template, {"form": form, "error": error}, status=404)
    answer = form.cleaned_data["answer"].strip()
    if answer:
        services.case_message_send(
            actor=None, report=report, author=CaseMessage.Author.REPORTER, body=answer
        )
        messages.success(request, "Your answer was sent to the investigator.")
    case = getattr(report, "case", None)
    context = {
        "form": forms.FollowUpForm(initial={"receipt_code": form.cleaned_data["receipt_code"]}),
        "report": report,
        "case": case,
        "thread": report.messages.all(),
    }
    return render(request, template, context)


# Interventions --------------------------------------------------------------------------------


@login_required
def interventions(request: HttpRequest) -> HttpResponse:
    _require(request, "view", InterventionRecord)
    context = {
        "page": _page(request, selectors.intervention_list(user=request.user)),
        "can_add": can(request.user, "add", InterventionRecord),
        "recognise_form": forms.RecogniseForm(),
    }
    return render(request, "intervention/interventions.html", context)


@login_required
def intervention_new(request: HttpRequest) -> HttpResponse:
    _require(request, "add", InterventionRecord)
    officers = selectors.intervention_officer_choices(user=request.user)
    incidents = force_report_list(user=request.user)
    form = forms.InterventionForm(request.POST or None, officers=officers, incidents=incidents)
    if request.method == "POST" and form.is_valid():
        services.intervention_record(actor=request.user, **form.cleaned_data)
        messages.success(request, "Intervention recorded. Thank you for stepping in.")
        return redirect("intervention:interventions")
    status = 400 if request.method == "POST" else 200
    context = {"form": form, "officers": officers}
    return render(request, "intervention/intervention_form.html", context, status=status)


@login_required
@require_POST
def intervention_recognise(request: HttpRequest, record_id: int) -> HttpResponse:
    record = selectors.intervention_list(user=request.user).filter(pk=record_id).first()
    if record is None:
        raise Http404
    form = forms.RecogniseForm(request.POST)
    if form.is_valid():
        services.intervention_recognise(
            actor=request.user, record=record, note=form.cleaned_data["note"]
        )
        messages.success(request, "Intervention commended.")
    return redirect("intervention:interventions")


# Cases ---------------------------------------------------------------------------------------


@login_required
def cases(request: HttpRequest) -> HttpResponse:
    _require(request, "view", Case)
    overdue = request.GET.get("overdue") == "1"
    context = {
        "page": _page(request, selectors.case_list(user=request.user, overdue=overdue)),
        "overdue": overdue,
        "today": timezone.localdate(),
    }
    return render(request, "intervention/cases.html", context)


def _case_or_404(request: HttpRequest, case_id: int) -> Case:
    case = selectors.case_get(user=request.user, case_id=case_id)
    if case is None:
        raise Http404
    return case


def _officer_choices(request: HttpRequest, case: Case) -> list[tuple[str, str]]:
    """Officers present at the linked incident first (with their roles), then all others."""
    choices: list[tuple[str, str]] = []
    seen: set[int] = set()
    if case.incident_id:
        for row in ForceReportOfficer.objects.filter(report_id=case.incident_id).select_related(
            "officer"
        ):
            choices.append((str(row.officer_id), f"{row.officer} ({row.get_role_display()})"))
            seen.add(row.officer_id)
    for officer in officer_list(user=request.user):
        if officer.pk not in seen:
            choices.append((str(officer.pk), str(officer)))
    return choices


@sensitive_variables()
def _case_page(
    request: HttpRequest, case: Case, *, status: int = 200, **extra: Any
) -> HttpResponse:
    user = request.user
    can_change = can(user, "change", case)
    states = [(s, Case.State(s).label) for s in services.TRANSITIONS[case.state]]
    investigators = get_user_model().objects.filter(groups__name=Role.INVESTIGATOR.value)
    officer_choices = _officer_choices(request, case) if can_change else []
    report = case.report
    complaint_model = services.complaint_model_or_none()
    complaint_number = ""
    if case.complaint_id and complaint_model is not None:
        complaint = restrict(complaint_model.objects.filter(pk=case.complaint_id), user).first()
        complaint_number = complaint.number if complaint else "(not visible to you)"
    context = {
        "case": case,
        "can_change": can_change,
        "allegations": case.allegations.select_related("officer"),
        "reviews": FailureToInterveneReview.objects.filter(allegation__case=case).select_related(
            "officer"
        ),
        "transition_form": forms.TransitionForm(states=states, assignees=investigators),
        "link_form": forms.LinkForm(
            initial={"incident": case.incident_id, "complaint_number": complaint_number},
            incidents=force_report_list(user=user),
        ),
        "complaint_number": complaint_number,
        "allegation_form": forms.AllegationForm(officers=officer_choices),
        "witness_form": forms.WitnessForm(officers=officer_choices, prefix="witness"),
        "finding_form": forms.FindingForm(),
        "message_form": forms.MessageForm(),
        "reveal_form": forms.RevealForm(),
        "can_reveal": bool(
            report
            and report.channel == Report.Channel.CONFIDENTIAL
            and can(user, "reveal", ReporterIdentity)
        ),
        "thread": report.messages.all() if report else [],
        "transitions": services.TRANSITIONS,
        **extra,
    }
    response = render(request, "intervention/case_detail.html", context, status=status)
    response["Cache-Control"] = "no-store"
    return response


@login_required
def case_detail(request: HttpRequest, case_id: int) -> HttpResponse:
    return _case_page(request, _case_or_404(request, case_id))


def _case_action(request: HttpRequest, case_id: int, action: Any) -> HttpResponse:
    """Run a case action from a POST and come back to the case, showing any refusal."""
    case = _case_or_404(request, case_id)
    try:
        result = action(case)
    except InterventionError as exc:
        return _case_page(request, case, status=400, error=str(exc))
    if isinstance(result, HttpResponse):
        return result
    return redirect("intervention:case_detail", case_id=case.pk)


@login_required
@require_POST
def case_transition(request: HttpRequest, case_id: int) -> HttpResponse:
    def act(case: Case) -> None:
        states = [(s, s) for s in services.TRANSITIONS[case.state]]
        investigators = get_user_model().objects.filter(groups__name=Role.INVESTIGATOR.value)
        form = forms.TransitionForm(request.POST, states=states, assignees=investigators)
        if not form.is_valid():
            raise InterventionError("Choose a stage this case can move to.")
        services.case_transition(actor=request.user, case=case, **form.cleaned_data)

    return _case_action(request, case_id, act)


@login_required
@require_POST
def case_link(request: HttpRequest, case_id: int) -> HttpResponse:
    def act(case: Case) -> None:
        form = forms.LinkForm(request.POST, incidents=force_report_list(user=request.user))
        if not form.is_valid():
            raise InterventionError("Choose a use-of-force report you may see.")
        services.case_link(actor=request.user, case=case, **form.cleaned_data)

    return _case_action(request, case_id, act)


def _officer_from(request: HttpRequest, case: Case, prefix: str | None = None) -> Officer:
    form = forms.WitnessForm(request.POST, officers=_officer_choices(request, case), prefix=prefix)
    if not form.is_valid():
        raise InterventionError("Choose an officer from the list.")
    return get_object_or_404(officer_list(user=request.user), pk=form.cleaned_data["officer"])


@login_required
@require_POST
def allegation_add(request: HttpRequest, case_id: int) -> HttpResponse:
    def act(case: Case) -> None:
        officer = _officer_from(request, case)
        kind = request.POST.get("kind", "")
        if kind not in Allegation.Kind.values:
            raise InterventionError("Choose the kind of allegation.")
        services.allegation_add(actor=request.user, case=case, officer=officer, kind=kind)

    return _case_action(request, case_id, act)


@login_required
@require_POST
def case_witness(request: HttpRequest, case_id: int) -> HttpResponse:
    def act(case: Case) -> None:
        officer = _officer_from(request, case, prefix="witness")
        services.case_witness_add(actor=request.user, case=case, officer=officer)
        messages.success(request, f"{officer} is now protected against retaliation.")

    return _case_action(request, case_id, act)


@login_required
@require_POST
def allegation_finding(request: HttpRequest, case_id: int, allegation_id: int) -> HttpResponse:
    def act(case: Case) -> None:
        allegation = get_object_or_404(case.allegations, pk=allegation_id)
        form = forms.FindingForm(request.POST)
        if not form.is_valid():
            raise InterventionError("Choose a finding.")
        opened = services.allegation_finding_record(
            actor=request.user, allegation=allegation, finding=form.cleaned_data["finding"]
        )
        if opened:
            messages.info(
                request,
                f"{len(opened)} failure-to-intervene review(s) opened for silent witnesses.",
            )

    return _case_action(request, case_id, act)


@login_required
@require_POST
def case_message(request: HttpRequest, case_id: int) -> HttpResponse:
    def act(case: Case) -> None:
        form = forms.MessageForm(request.POST)
        if case.report is None or not form.is_valid():
            raise InterventionError("Write a question; only cases from a report have a reporter.")
        services.case_message_send(
            actor=request.user,
            report=case.report,
            author=CaseMessage.Author.INVESTIGATOR,
            body=form.cleaned_data["body"],
        )

    return _case_action(request, case_id, act)


@sensitive_variables()
@login_required
@require_POST
@never_cache
def case_reveal(request: HttpRequest, case_id: int) -> HttpResponse:
    @sensitive_variables()
    def act(case: Case) -> HttpResponse:
        _require(request, "reveal", ReporterIdentity)
        form = forms.RevealForm(request.POST)
        if case.report is None or not form.is_valid():
            raise InterventionError("Give a reason of at least ten characters.")
        identity = services.reporter_identity_reveal(
            actor=request.user, report=case.report, reason=form.cleaned_data["reason"]
        )
        return _case_page(request, case, identity=identity)

    return _case_action(request, case_id, act)


# Failure-to-intervene reviews ------------------------------------------------------------------


@login_required
def fti_reviews(request: HttpRequest) -> HttpResponse:
    _require(request, "view", FailureToInterveneReview)
    reviews = selectors.fti_review_list(user=request.user)
    context = {
        "page": _page(request, reviews),
        "can_decide": can(request.user, "change", FailureToInterveneReview),
        "decision_form": forms.ReviewDecisionForm(),
    }
    return render(request, "intervention/fti_reviews.html", context)


@login_required
@require_POST
def fti_review_decide(request: HttpRequest, review_id: int) -> HttpResponse:
    review = get_object_or_404(selectors.fti_review_list(user=request.user), pk=review_id)
    form = forms.ReviewDecisionForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Choose a decision and give a reason.")
        return redirect("intervention:fti_reviews")
    try:
        services.fti_review_decide(actor=request.user, review=review, **form.cleaned_data)
    except InterventionError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, "Review decided.")
    return redirect("intervention:fti_reviews")


# Retaliation monitoring ------------------------------------------------------------------------


@login_required
def adverse_events(request: HttpRequest) -> HttpResponse:
    _require(request, "view", AdversePersonnelEvent)
    can_add = can(request.user, "add", AdversePersonnelEvent)
    form = forms.AdverseEventForm(request.POST or None, officers=officer_list(user=request.user))
    if request.method == "POST":
        _require(request, "add", AdversePersonnelEvent)
        if form.is_valid():
            adverse_event_record(actor=request.user, **form.cleaned_data)
            # Flags go to oversight, not to whoever recorded the event.
            messages.success(request, "Personnel event recorded.")
            return redirect("intervention:adverse_events")
    context = {
        "page": _page(request, selectors.adverse_event_list(user=request.user)),
        "form": form if can_add else None,
    }
    status = 400 if request.method == "POST" else 200
    return render(request, "intervention/adverse_events.html", context, status=status)


@login_required
def retaliation(request: HttpRequest) -> HttpResponse:
    _require(request, "view", RetaliationFlag)
    user = request.user
    context = {
        "open_flags": selectors.retaliation_flag_list(
            user=user, status=RetaliationFlag.Status.OPEN
        ),
        "resolved_flags": selectors.retaliation_flag_list(user=user).exclude(
            status=RetaliationFlag.Status.OPEN
        )[:50],
        "protections": selectors.protected_person_list(user=user),
        "resolve_form": forms.ResolveFlagForm(),
        "can_resolve": can(user, "change", RetaliationFlag),
    }
    return render(request, "intervention/retaliation.html", context)


@login_required
@require_POST
def retaliation_flag_resolve_view(request: HttpRequest, flag_id: int) -> HttpResponse:
    flag = get_object_or_404(selectors.retaliation_flag_list(user=request.user), pk=flag_id)
    form = forms.ResolveFlagForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Choose a resolution and write a note.")
        return redirect("intervention:retaliation")
    try:
        retaliation_flag_resolve(actor=request.user, flag=flag, **form.cleaned_data)
    except InterventionError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, "Flag resolved.")
    return redirect("intervention:retaliation")
