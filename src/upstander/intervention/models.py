"""Interventions, reports, cases, failure-to-intervene reviews and retaliation monitoring."""

from __future__ import annotations

from django.conf import settings
from django.db import models

__all__ = [
    "AdversePersonnelEvent",
    "Allegation",
    "Case",
    "CaseMessage",
    "FailureToInterveneReview",
    "InterventionRecord",
    "ProtectedPerson",
    "Report",
    "ReporterIdentity",
    "RetaliationFlag",
]


class InterventionRecord(models.Model):
    """An officer stepping in to stop force, misconduct or an unsafe act; never discipline."""

    class Kind(models.TextChoices):
        FORCE = "force", "Excessive or unnecessary force"
        MISCONDUCT = "misconduct", "Misconduct"
        UNSAFE_ACT = "unsafe_act", "Unsafe act"

    class Recognition(models.TextChoices):
        NONE = "none", "Not yet recognised"
        COMMENDED = "commended", "Commended"

    officer = models.ForeignKey(
        "records.Officer",
        on_delete=models.PROTECT,
        related_name="interventions",
        help_text="The officer who intervened.",
    )
    incident = models.ForeignKey(
        "records.UseOfForceReport",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="interventions",
        help_text="The use-of-force report of the incident, when there is one.",
    )
    kind = models.CharField("intervened in", max_length=20, choices=Kind.choices)
    occurred_at = models.DateTimeField(help_text="When the intervention happened.")
    action_taken = models.TextField(help_text="What the officer did to intervene.")
    outcome = models.TextField(help_text="What happened as a result.")
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The officer or supervisor who entered the record.",
    )
    recorded_at = models.DateTimeField(auto_now_add=True)
    recognition = models.CharField(
        max_length=20,
        choices=Recognition.choices,
        default=Recognition.NONE,
        help_text="Interventions are recognised, never used as disciplinary material.",
    )
    recognition_note = models.TextField(blank=True)

    class Meta:
        ordering = ["-occurred_at", "-id"]
        verbose_name = "intervention record"

    def __str__(self) -> str:
        return f"Intervention #{self.pk} ({self.get_kind_display()})"


class Report(models.Model):
    """A report of inappropriate behaviour or misconduct through an anonymous or confidential
    channel. Holds no identity: a confidential reporter's identity is in ReporterIdentity."""

    class Channel(models.TextChoices):
        ANONYMOUS = "anonymous", "Anonymous"
        CONFIDENTIAL = "confidential", "Confidential"

    class Source(models.TextChoices):
        MEMBER = "member", "Member of the department"
        PUBLIC = "public", "Member of the public"

    reference = models.CharField(max_length=20, unique=True)
    channel = models.CharField(max_length=20, choices=Channel.choices)
    source = models.CharField(max_length=20, choices=Source.choices)
    summary = models.CharField(max_length=200, help_text="One line: what happened.")
    description = models.TextField()
    occurred_on = models.DateField(null=True, blank=True)
    location = models.CharField(max_length=200, blank=True)
    received_on = models.DateField(
        help_text="Day only: a precise time could be matched against server logs."
    )
    receipt_hash = models.CharField(
        max_length=64, unique=True, help_text="SHA-256 of the receipt code; the code is not kept."
    )

    class Meta:
        ordering = ["-received_on", "-id"]

    def __str__(self) -> str:
        return f"Report {self.reference}"


class ReporterIdentity(models.Model):
    """The encrypted identity of a confidential reporter; revealed only with a reason."""

    report = models.OneToOneField(Report, on_delete=models.CASCADE, related_name="identity")
    ciphertext = models.BinaryField(help_text="Fernet token of the reporter's identity.")

    class Meta:
        verbose_name = "reporter identity"
        verbose_name_plural = "reporter identities"

    def __str__(self) -> str:
        return f"Identity of the reporter of {self.report_id}"


class Case(models.Model):
    """An investigation from intake to closure."""

    class State(models.TextChoices):
        INTAKE = "intake", "Intake"
        TRIAGE = "triage", "Triage"
        ASSIGNED = "assigned", "Assigned"
        INVESTIGATION = "investigation", "Investigation"
        FINDINGS = "findings", "Findings"
        CLOSED = "closed", "Closed"

    reference = models.CharField(max_length=20, unique=True)
    title = models.CharField(max_length=200)
    state = models.CharField(max_length=20, choices=State.choices, default=State.INTAKE)
    report = models.OneToOneField(
        Report, null=True, blank=True, on_delete=models.SET_NULL, related_name="case"
    )
    incident = models.ForeignKey(
        "records.UseOfForceReport",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The use-of-force incident the case concerns, if any.",
    )
    complaint_id = models.PositiveBigIntegerField(
        null=True, blank=True, help_text="Id of a linked records complaint, where those exist."
    )
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The investigator responsible.",
    )
    opened_on = models.DateField()
    due_on = models.DateField(help_text="When the current stage should be finished.")
    closed_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["due_on", "id"]

    def __str__(self) -> str:
        return f"Case {self.reference}"


class Allegation(models.Model):
    """One allegation against one officer in a case, and its finding."""

    class Kind(models.TextChoices):
        EXCESSIVE_FORCE = "excessive_force", "Excessive force"
        FAILURE_TO_INTERVENE = "failure_to_intervene", "Failure to intervene"
        MISCONDUCT = "misconduct", "Misconduct"
        RETALIATION = "retaliation", "Retaliation"
        OTHER = "other", "Other"

    class Finding(models.TextChoices):
        PENDING = "pending", "Pending"
        SUSTAINED = "sustained", "Sustained"
        NOT_SUSTAINED = "not_sustained", "Not sustained"
        EXONERATED = "exonerated", "Exonerated"
        UNFOUNDED = "unfounded", "Unfounded"

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="allegations")
    officer = models.ForeignKey("records.Officer", on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(max_length=30, choices=Kind.choices)
    finding = models.CharField(max_length=20, choices=Finding.choices, default=Finding.PENDING)

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} against {self.officer}"


class CaseMessage(models.Model):
    """A question or answer between the investigator and the reporter, by receipt code."""

    class Author(models.TextChoices):
        INVESTIGATOR = "investigator", "Investigator"
        REPORTER = "reporter", "Reporter"

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="messages")
    author = models.CharField(max_length=20, choices=Author.choices)
    body = models.TextField()
    sent_on = models.DateField()

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return f"Message #{self.pk} on {self.report}"


class FailureToInterveneReview(models.Model):
    """An officer present at a sustained excessive-force incident who neither intervened nor
    reported, for the investigator to decide on."""

    class Decision(models.TextChoices):
        OPEN = "open", "Open"
        NO_ACTION = "no_action", "No action: could not reasonably intervene"
        ALLEGATION = "allegation", "Failure-to-intervene allegation opened"
        TRAINING = "training", "Referred for training"

    allegation = models.ForeignKey(Allegation, on_delete=models.CASCADE, related_name="reviews")
    officer = models.ForeignKey("records.Officer", on_delete=models.PROTECT, related_name="+")
    role = models.CharField(max_length=20, help_text="Their role in the force report.")
    decision = models.CharField(max_length=20, choices=Decision.choices, default=Decision.OPEN)
    reason = models.TextField(blank=True)
    decided_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["id"]
        verbose_name = "failure-to-intervene review"
        constraints = [
            models.UniqueConstraint(fields=["allegation", "officer"], name="fti_review_unique")
        ]

    def __str__(self) -> str:
        return f"Failure-to-intervene review of {self.officer}"


class ProtectedPerson(models.Model):
    """An officer protected against retaliation for a window after a protected activity."""

    class Basis(models.TextChoices):
        REPORTED = "reported", "Reported misconduct (confidential)"
        INTERVENED = "intervened", "Intervened"
        TESTIFIED = "testified", "Testified or gave a statement"

    officer = models.ForeignKey(
        "records.Officer", on_delete=models.PROTECT, related_name="protections"
    )
    basis = models.CharField(max_length=20, choices=Basis.choices)
    starts_on = models.DateField()
    ends_on = models.DateField()
    intervention = models.ForeignKey(
        InterventionRecord, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    case = models.ForeignKey(
        Case,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="For testimony only: a confidential report is never linked here.",
    )

    class Meta:
        ordering = ["-starts_on", "id"]
        verbose_name = "protected person"

    def __str__(self) -> str:
        return f"Protection #{self.pk} ({self.get_basis_display()})"


class AdversePersonnelEvent(models.Model):
    """A personnel action that could be retaliation against an officer."""

    class Kind(models.TextChoices):
        DISCIPLINE = "discipline", "Discipline"
        TRANSFER = "transfer", "Transfer"
        SHIFT_CHANGE = "shift_change", "Shift change"
        ASSIGNMENT_CHANGE = "assignment_change", "Assignment change"
        DENIED_PROMOTION = "denied_promotion", "Promotion denied"
        DENIED_OVERTIME = "denied_overtime", "Overtime denied"
        POOR_EVALUATION = "poor_evaluation", "Poor evaluation"
        COLLEAGUE_COMPLAINT = "colleague_complaint", "Complaint filed by a colleague"

    officer = models.ForeignKey(
        "records.Officer",
        on_delete=models.PROTECT,
        related_name="adverse_events",
        help_text="The officer the action was taken against.",
    )
    kind = models.CharField(max_length=30, choices=Kind.choices)
    occurred_on = models.DateField()
    description = models.TextField(blank=True)
    decided_by = models.CharField(
        max_length=200, blank=True, help_text="Who made the decision (name or position)."
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    complaint_id = models.PositiveBigIntegerField(
        null=True,
        blank=True,
        help_text="The internal complaint in the records core this event was taken from, if any.",
    )

    class Meta:
        ordering = ["-occurred_on", "-id"]
        verbose_name = "adverse personnel event"
        constraints = [
            models.UniqueConstraint(
                fields=["officer", "complaint_id"],
                condition=models.Q(complaint_id__isnull=False),
                name="adverse_event_unique_complaint",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} of {self.officer} on {self.occurred_on}"


class RetaliationFlag(models.Model):
    """An adverse event against a protected person inside the window, for oversight."""

    class Status(models.TextChoices):
        OPEN = "open", "Open"
        NO_RETALIATION = "no_retaliation", "Resolved: not retaliation"
        REFERRED = "referred", "Resolved: referred for investigation"
        REMEDIED = "remedied", "Resolved: action reversed or remedied"

    event = models.ForeignKey(AdversePersonnelEvent, on_delete=models.CASCADE, related_name="flags")
    protection = models.ForeignKey(ProtectedPerson, on_delete=models.CASCADE, related_name="flags")
    reason = models.TextField(help_text="Why the event was flagged.")
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.OPEN)
    resolution_note = models.TextField(blank=True)
    raised_on = models.DateField()
    resolved_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["-raised_on", "-id"]
        verbose_name = "retaliation flag"
        constraints = [
            models.UniqueConstraint(fields=["event", "protection"], name="retaliation_flag_unique")
        ]

    def __str__(self) -> str:
        return f"Retaliation flag #{self.pk}"
