"""Forms for entering reports and complaints, and for casework on them (findings, discipline,
legal outcomes, officer-link review)."""

from __future__ import annotations

from typing import Any

from django import forms

from upstander.records.models import (
    Agency,
    AllegationCategory,
    Complaint,
    Finding,
    ForceReportOfficer,
    LegalOutcome,
    Unit,
    UseOfForceReport,
)

__all__ = [
    "ComplaintForm",
    "DisciplineForm",
    "FindingForm",
    "ForceReportForm",
    "LegalOutcomeForm",
    "LinkReviewForm",
    "split_list",
]

TRI_STATE = [("", "Unknown"), ("yes", "Yes"), ("no", "No")]


def split_list(value: str) -> list[str]:
    """Comma-separated words as a list, without blanks or repeats."""
    return list(dict.fromkeys(part.strip() for part in value.split(",") if part.strip()))


def tri_state(value: str) -> bool | None:
    """A yes/no/unknown choice as True, False or None."""
    return {"yes": True, "no": False}.get(value)


class ForceReportForm(forms.Form):
    """A response-to-resistance report, with every officer present by badge number."""

    agency = forms.ModelChoiceField(queryset=Agency.objects.all())
    report_number = forms.CharField(max_length=40)
    unit = forms.ModelChoiceField(
        queryset=Unit.objects.select_related("agency"),
        required=False,
        help_text="Leave empty for your own unit.",
    )
    occurred_at = forms.DateTimeField(
        label="Date and time", widget=forms.DateTimeInput(attrs={"type": "datetime-local"})
    )
    location = forms.CharField(max_length=200, required=False)
    call_type = forms.CharField(max_length=100, required=False, label="Call type")
    force_types = forms.CharField(
        max_length=500, required=False, help_text="Comma-separated, e.g. takedown, taser."
    )
    force_level = forms.CharField(max_length=40, required=False, label="Force level")
    subject_resistance = forms.CharField(
        max_length=500, required=False, label="Subject resistance", help_text="Comma-separated."
    )
    weapons = forms.CharField(
        max_length=500, required=False, label="Subject weapons", help_text="Comma-separated."
    )
    subject_injured = forms.BooleanField(required=False, label="Subject injured")
    officer_injured = forms.ChoiceField(choices=TRI_STATE, required=False, label="Officer injured")
    injuries = forms.CharField(widget=forms.Textarea(attrs={"rows": 2}), required=False)
    warning_given = forms.ChoiceField(choices=TRI_STATE, required=False, label="Warning given")
    deescalation_attempted = forms.ChoiceField(
        choices=TRI_STATE, required=False, label="De-escalation attempted"
    )
    camera_status = forms.ChoiceField(
        choices=UseOfForceReport.Camera.choices, label="Body-worn camera"
    )
    narrative = forms.CharField(widget=forms.Textarea(attrs={"rows": 6}), required=False)
    used_force = forms.CharField(
        max_length=300, required=False, label="Officers who used force", help_text="Badge numbers."
    )
    witnessed = forms.CharField(
        max_length=300, required=False, label="Officers who witnessed", help_text="Badge numbers."
    )
    intervened = forms.CharField(
        max_length=300, required=False, label="Officers who intervened", help_text="Badge numbers."
    )
    supervised = forms.CharField(
        max_length=300, required=False, label="Supervisors", help_text="Badge numbers."
    )

    def involved_badges(self) -> list[tuple[str, str]]:
        """(badge, role) for every officer listed."""
        return [
            (badge, role)
            for role in ForceReportOfficer.Role.values
            for badge in split_list(self.cleaned_data.get(role, ""))
        ]

    def details(self) -> dict[str, Any]:
        """The report's fields as the service takes them."""
        data = self.cleaned_data
        return {
            "location": data["location"],
            "call_type": data["call_type"],
            "force_types": split_list(data["force_types"]),
            "force_level": data["force_level"],
            "subject_resistance": split_list(data["subject_resistance"]),
            "weapons": split_list(data["weapons"]),
            "subject_injured": data["subject_injured"],
            "officer_injured": tri_state(data["officer_injured"]),
            "injuries": data["injuries"],
            "warning_given": tri_state(data["warning_given"]),
            "deescalation_attempted": tri_state(data["deescalation_attempted"]),
            "camera_status": data["camera_status"],
            "narrative": data["narrative"],
        }


class ComplaintForm(forms.Form):
    """A complaint with its first allegation; more can be added by investigators."""

    agency = forms.ModelChoiceField(queryset=Agency.objects.all())
    number = forms.CharField(max_length=40, label="Complaint number")
    source = forms.ChoiceField(choices=Complaint.Source.choices)
    received_on = forms.DateField(
        required=False, label="Received", widget=forms.DateInput(attrs={"type": "date"})
    )
    occurred_on = forms.DateField(
        required=False, label="Incident date", widget=forms.DateInput(attrs={"type": "date"})
    )
    location = forms.CharField(max_length=200, required=False)
    summary = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 6}), required=False, label="What happened"
    )
    complainant_name = forms.CharField(max_length=200, required=False, label="Complainant name")
    complainant_contact = forms.CharField(
        max_length=200, required=False, label="Complainant phone or email"
    )
    category = forms.ModelChoiceField(
        queryset=AllegationCategory.objects.all(), label="Allegation category"
    )
    officer_badge = forms.CharField(
        max_length=30, required=False, label="Accused officer's badge number"
    )
    description = forms.CharField(max_length=300, required=False, label="Allegation")


class FindingForm(forms.Form):
    """The recommended and final findings on one allegation."""

    recommended_finding = forms.ChoiceField(
        choices=[("", "Not recorded"), *Finding.choices],
        required=False,
        label="Recommended finding",
        help_text="The investigator's recommendation.",
    )
    final_finding = forms.ChoiceField(choices=Finding.choices, label="Final finding")


class DisciplineForm(forms.Form):
    """Discipline recommended and imposed after a sustained allegation."""

    recommended = forms.CharField(max_length=200, required=False, label="Discipline recommended")
    imposed = forms.CharField(max_length=200, required=False, label="Discipline imposed")
    suspension_days = forms.IntegerField(
        min_value=0, max_value=365 * 5, required=False, label="Suspension days"
    )
    decided_on = forms.DateField(
        required=False, label="Decided on", widget=forms.DateInput(attrs={"type": "date"})
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not data.get("imposed") and not data.get("recommended"):
            raise forms.ValidationError("Say what discipline was imposed or recommended.")
        return data


class LegalOutcomeForm(forms.Form):
    """A criminal charge, indictment, conviction, civil suit or settlement naming an officer."""

    kind = forms.ChoiceField(choices=LegalOutcome.Kind.choices, label="Outcome")
    case_number = forms.CharField(max_length=80, required=False, label="Case number")
    court = forms.CharField(max_length=200, required=False)
    filed_on = forms.DateField(
        required=False, label="Filed on", widget=forms.DateInput(attrs={"type": "date"})
    )
    resolved_on = forms.DateField(
        required=False, label="Resolved on", widget=forms.DateInput(attrs={"type": "date"})
    )
    amount = forms.DecimalField(
        max_digits=14,
        decimal_places=2,
        min_value=0,
        required=False,
        label="Amount (USD)",
        help_text="Settlement or award.",
    )
    description = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}), max_length=5000, required=False
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        filed, resolved = data.get("filed_on"), data.get("resolved_on")
        if filed and resolved and resolved < filed:
            self.add_error("resolved_on", "A case cannot be resolved before it was filed.")
        return data


class LinkReviewForm(forms.Form):
    """A reviewer's decision on a link made by matching names."""

    decision = forms.ChoiceField(
        choices=[
            ("confirm", "Confirm: the same officer"),
            ("split", "Split: a different officer"),
        ],
        widget=forms.RadioSelect,
    )
