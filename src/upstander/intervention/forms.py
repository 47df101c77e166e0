"""Forms of the duty-to-intervene pages."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth import get_user_model

from upstander.intervention.models import (
    AdversePersonnelEvent,
    Allegation,
    FailureToInterveneReview,
    InterventionRecord,
    Report,
    RetaliationFlag,
)
from upstander.records.models import Officer, UseOfForceReport

__all__ = [
    "AdverseEventForm",
    "AllegationForm",
    "AnonymousReportForm",
    "ConfidentialReportForm",
    "FindingForm",
    "FollowUpForm",
    "InterventionForm",
    "LinkForm",
    "MessageForm",
    "RecogniseForm",
    "ResolveFlagForm",
    "RevealForm",
    "ReviewDecisionForm",
    "TransitionForm",
    "WitnessForm",
]

_DATE = forms.DateInput(attrs={"type": "date"})


class _OfficerChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return str(obj)


class InterventionForm(forms.Form):
    officer = _OfficerChoiceField(queryset=Officer.objects.none(), label="Officer who intervened")
    incident = forms.ModelChoiceField(
        queryset=UseOfForceReport.objects.none(),
        required=False,
        label="Use-of-force report (optional)",
    )
    kind = forms.ChoiceField(choices=InterventionRecord.Kind.choices, label="Intervened in")
    occurred_at = forms.DateTimeField(
        label="When", widget=forms.DateTimeInput(attrs={"type": "datetime-local"})
    )
    action_taken = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}), label="What the officer did"
    )
    outcome = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), label="Outcome")

    def __init__(self, *args: Any, officers: Any, incidents: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["officer"].queryset = officers  # type: ignore[attr-defined]
        self.fields["incident"].queryset = incidents  # type: ignore[attr-defined]
        if officers.count() == 1:
            self.fields["officer"].initial = officers.first()


class RecogniseForm(forms.Form):
    note = forms.CharField(max_length=500, label="Commendation")


class _ReportFields(forms.Form):
    source = forms.ChoiceField(
        choices=Report.Source.choices, initial=Report.Source.PUBLIC, label="I am a"
    )
    summary = forms.CharField(max_length=200, label="What happened, in one line")
    description = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 6}),
        label="Describe what happened",
        help_text="Who, what, where. Do not include your own name if you wish to stay anonymous.",
    )
    occurred_on = forms.DateField(required=False, label="Date (if known)", widget=_DATE)
    location = forms.CharField(max_length=200, required=False, label="Where (if known)")


class AnonymousReportForm(_ReportFields):
    pass


class ConfidentialReportForm(_ReportFields):
    reporter_name = forms.CharField(max_length=200, label="Your name")
    reporter_email = forms.EmailField(required=False, label="Your e-mail (optional)")
    reporter_phone = forms.CharField(max_length=40, required=False, label="Your phone (optional)")
    link_officer = forms.BooleanField(
        required=False,
        label="I am a department member: link my officer record so I am protected from retaliation",
    )


class FollowUpForm(forms.Form):
    receipt_code = forms.CharField(max_length=40, label="Receipt code")
    answer = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}), required=False, label="Your answer (optional)"
    )


class MessageForm(forms.Form):
    body = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), label="Question to reporter")


class RevealForm(forms.Form):
    reason = forms.CharField(
        max_length=500, min_length=10, label="Reason for seeing the reporter's identity"
    )


class TransitionForm(forms.Form):
    to_state = forms.ChoiceField(choices=[], label="Move to")
    assignee = forms.ModelChoiceField(
        queryset=get_user_model().objects.none(), required=False, label="Assign to (for assignment)"
    )
    note = forms.CharField(max_length=500, required=False, label="Note")

    def __init__(self, *args: Any, states: list[tuple[str, str]], assignees: Any, **kw: Any):
        super().__init__(*args, **kw)
        self.fields["to_state"].choices = states  # type: ignore[attr-defined]
        self.fields["assignee"].queryset = assignees  # type: ignore[attr-defined]


class LinkForm(forms.Form):
    incident = forms.ModelChoiceField(
        queryset=UseOfForceReport.objects.none(), required=False, label="Use-of-force report"
    )
    complaint_number = forms.CharField(
        max_length=40, required=False, label="Complaint number (optional)"
    )

    def __init__(self, *args: Any, incidents: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["incident"].queryset = incidents  # type: ignore[attr-defined]


class AllegationForm(forms.Form):
    officer = forms.ChoiceField(choices=[], label="Officer")
    kind = forms.ChoiceField(choices=Allegation.Kind.choices, label="Allegation")

    def __init__(self, *args: Any, officers: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["officer"].choices = officers  # type: ignore[attr-defined]


class FindingForm(forms.Form):
    finding = forms.ChoiceField(
        choices=[c for c in Allegation.Finding.choices if c[0] != "pending"], label="Finding"
    )


class WitnessForm(forms.Form):
    officer = forms.ChoiceField(choices=[], label="Officer who gave a statement")

    def __init__(self, *args: Any, officers: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["officer"].choices = officers  # type: ignore[attr-defined]


class ReviewDecisionForm(forms.Form):
    decision = forms.ChoiceField(
        choices=[c for c in FailureToInterveneReview.Decision.choices if c[0] != "open"],
        label="Decision",
    )
    reason = forms.CharField(max_length=1000, label="Reason")


class AdverseEventForm(forms.Form):
    officer = _OfficerChoiceField(queryset=Officer.objects.none(), label="Officer")
    kind = forms.ChoiceField(choices=AdversePersonnelEvent.Kind.choices, label="Action")
    occurred_on = forms.DateField(label="Date", widget=_DATE)
    decided_by = forms.CharField(max_length=200, required=False, label="Decided by")
    description = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}), required=False, label="Details"
    )

    def __init__(self, *args: Any, officers: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["officer"].queryset = officers  # type: ignore[attr-defined]


class ResolveFlagForm(forms.Form):
    status = forms.ChoiceField(
        choices=[c for c in RetaliationFlag.Status.choices if c[0] != "open"], label="Resolution"
    )
    note = forms.CharField(max_length=1000, label="Note")
