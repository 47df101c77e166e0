"""Agencies, units, officers and use-of-force reports."""

from __future__ import annotations

from django.db import models


class Agency(models.Model):
    """A law enforcement agency whose policies and records Upstander holds."""

    class Kind(models.TextChoices):
        MUNICIPAL = "municipal", "Municipal police"
        SHERIFF = "sheriff", "Sheriff's office"
        STATE = "state", "State agency"
        CAMPUS = "campus", "Campus police"
        OTHER = "other", "Other"

    name = models.CharField(max_length=200, unique=True)
    slug = models.SlugField(max_length=80, unique=True)
    state = models.CharField(max_length=2, blank=True, help_text="Two-letter US state code.")
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.MUNICIPAL)

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "agencies"

    def __str__(self) -> str:
        return self.name


class Unit(models.Model):
    """A patrol division, bureau or other unit of an agency."""

    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="units")
    name = models.CharField(max_length=200)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="children"
    )

    class Meta:
        ordering = ["agency__name", "name"]
        constraints = [
            models.UniqueConstraint(fields=["agency", "name"], name="unit_unique_name_per_agency")
        ]

    def __str__(self) -> str:
        return self.name


class Officer(models.Model):
    """A sworn member; identity is this record's id, since names and badges change."""

    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="officers")
    unit = models.ForeignKey(
        Unit,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="officers",
        help_text="Current assignment.",
    )
    first_name = models.CharField(max_length=100)
    last_name = models.CharField(max_length=100)
    badge_number = models.CharField(max_length=30, blank=True)
    rank = models.CharField(max_length=60, blank=True)
    hired_on = models.DateField(null=True, blank=True)
    separated_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["last_name", "first_name"]
        indexes = [models.Index(fields=["agency", "badge_number"])]

    def __str__(self) -> str:
        badge = f" #{self.badge_number}" if self.badge_number else ""
        return f"{self.rank + ' ' if self.rank else ''}{self.first_name} {self.last_name}{badge}"


class UseOfForceReport(models.Model):
    """A response-to-resistance report for one incident."""

    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="force_reports")
    unit = models.ForeignKey(
        Unit, null=True, blank=True, on_delete=models.SET_NULL, related_name="force_reports"
    )
    report_number = models.CharField(max_length=40)
    occurred_at = models.DateTimeField()
    location = models.CharField(max_length=200, blank=True)
    call_type = models.CharField(max_length=100, blank=True)
    narrative = models.TextField(blank=True)
    force_types = models.JSONField(default=list, help_text="Types of force used, e.g. ['taser'].")
    subject_injured = models.BooleanField(default=False)
    warning_given = models.BooleanField(null=True, help_text="Whether a warning preceded force.")
    deescalation_attempted = models.BooleanField(null=True)
    camera_recorded = models.BooleanField(
        null=True, help_text="Whether body-worn camera footage exists."
    )
    officers: models.ManyToManyField[Officer, ForceReportOfficer] = models.ManyToManyField(
        Officer, through="ForceReportOfficer", related_name="+"
    )

    class Meta:
        ordering = ["-occurred_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "report_number"], name="force_report_unique_number"
            )
        ]

    def __str__(self) -> str:
        return f"Report {self.report_number}"


class ForceReportOfficer(models.Model):
    """An officer present at a use-of-force incident, and the part they played."""

    class Role(models.TextChoices):
        USED_FORCE = "used_force", "Used force"
        WITNESSED = "witnessed", "Witnessed"
        INTERVENED = "intervened", "Intervened"
        SUPERVISED = "supervised", "Supervised"

    report = models.ForeignKey(UseOfForceReport, on_delete=models.CASCADE, related_name="involved")
    officer = models.ForeignKey(Officer, on_delete=models.PROTECT, related_name="force_roles")
    role = models.CharField(max_length=20, choices=Role.choices)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["report", "officer", "role"], name="force_report_officer_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.officer} ({self.get_role_display()}) in {self.report}"
