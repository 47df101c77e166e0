"""Policies, their versions and sections, and assessments of versions against standards."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class Policy(models.Model):
    """A policy of an agency (its code of conduct, its use-of-force order), across revisions."""

    agency = models.ForeignKey("records.Agency", on_delete=models.CASCADE, related_name="policies")
    number = models.CharField(
        max_length=80, help_text='The agency\'s own number, e.g. "General Order 1.06" or "300".'
    )
    title = models.CharField(max_length=300)

    class Meta:
        ordering = ["agency__name", "number"]
        verbose_name_plural = "policies"
        constraints = [
            models.UniqueConstraint(fields=["agency", "number"], name="policy_unique_number")
        ]

    def __str__(self) -> str:
        return f"{self.number} {self.title}".strip()


class PolicyVersion(models.Model):
    """One revision of a policy, in force from ``effective_from`` until the next revision."""

    class Status(models.TextChoices):
        PENDING = "pending", "Waiting to be read"
        PARSING = "parsing", "Being read"
        READY = "ready", "Ready"
        FAILED = "failed", "Could not be read"

    policy = models.ForeignKey(Policy, on_delete=models.CASCADE, related_name="versions")
    label = models.CharField(max_length=80, help_text="How the agency names this revision.")
    issued_on = models.DateField(null=True, blank=True)
    effective_from = models.DateField(null=True, blank=True)
    effective_to = models.DateField(
        null=True, blank=True, help_text="Last day in force; empty while it is the current version."
    )
    published = models.BooleanField(
        default=True, help_text="Visible to the public (drafts and internal orders are not)."
    )
    source_name = models.CharField(max_length=255, blank=True)
    source_file = models.FileField(upload_to="policies/%Y/", blank=True)
    source_sha256 = models.CharField(max_length=64, blank=True)
    format = models.CharField(max_length=20, blank=True)
    pages = models.PositiveIntegerField(null=True, blank=True)
    metadata = models.JSONField(default=dict, blank=True)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.PENDING)
    progress = models.PositiveSmallIntegerField(default=0, help_text="Percent done while reading.")
    error_code = models.CharField(max_length=50, blank=True)
    error_message = models.CharField(max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["policy", "effective_from", "id"]
        constraints = [
            models.UniqueConstraint(fields=["policy", "label"], name="policy_version_unique_label")
        ]

    def __str__(self) -> str:
        return f"{self.policy} ({self.label})"


class PolicySection(models.Model):
    """A numbered section of a policy version, in document order."""

    version = models.ForeignKey(PolicyVersion, on_delete=models.CASCADE, related_name="sections")
    position = models.PositiveIntegerField(help_text="Order in the document, from 0.")
    section_id = models.CharField(max_length=80, help_text='Citation id, e.g. "II.C" or "300.4.1".')
    heading = models.CharField(max_length=500, blank=True)
    text = models.TextField(blank=True)
    page = models.PositiveIntegerField(null=True, blank=True)
    level = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["version", "position"]
        constraints = [
            models.UniqueConstraint(fields=["version", "position"], name="section_unique_position")
        ]
        indexes = [models.Index(fields=["version", "section_id"])]

    def __str__(self) -> str:
        return f"{self.section_id} {self.heading}".strip()


class Assessment(models.Model):
    """The engine's reading of one policy version against the bundled reform standards."""

    version = models.ForeignKey(PolicyVersion, on_delete=models.CASCADE, related_name="assessments")
    standards = models.JSONField(default=list, help_text="Ids of the standards assessed.")
    engine_version = models.CharField(max_length=40)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        get_latest_by = "created_at"

    def __str__(self) -> str:
        return f"Assessment of {self.version}"


class Finding(models.Model):
    """Whether a policy version meets one provision, with evidence, and any reviewer decision."""

    class Status(models.TextChoices):
        MET = "met", "Met"
        NOT_MET = "not_met", "Falls short"
        NOT_ADDRESSED = "not_addressed", "Not addressed"

    class Review(models.TextChoices):
        PENDING = "", "Not reviewed"
        CONFIRMED = "confirmed", "Confirmed"
        OVERRIDDEN = "overridden", "Overridden"

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="findings")
    provision = models.CharField(max_length=80)
    status = models.CharField(max_length=20, choices=Status.choices)
    confidence = models.FloatField()
    reason = models.CharField(max_length=500)
    evidence = models.JSONField(default=list, help_text="[{quote, section, page}] from the text.")
    review = models.CharField(max_length=20, choices=Review.choices, blank=True, default="")
    reviewed_status = models.CharField(max_length=20, choices=Status.choices, blank=True)
    review_reason = models.CharField(max_length=500, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["assessment", "provision"]
        constraints = [
            models.UniqueConstraint(
                fields=["assessment", "provision"], name="finding_unique_provision"
            )
        ]

    def __str__(self) -> str:
        return f"{self.provision}: {self.final_status}"

    @property
    def final_status(self) -> str:
        """The reviewer's status where a reviewer overrode the engine, else the engine's."""
        return self.reviewed_status or self.status
