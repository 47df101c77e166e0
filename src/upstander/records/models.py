"""Agencies, units, officers and their histories, use of force, shootings, complaints, outcomes."""

from __future__ import annotations

from django.conf import settings
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
    birth_year = models.PositiveSmallIntegerField(null=True, blank=True)
    gender = models.CharField(max_length=30, blank=True)
    race = models.CharField(max_length=60, blank=True)

    class Meta:
        ordering = ["last_name", "first_name"]
        indexes = [models.Index(fields=["agency", "badge_number"])]

    def __str__(self) -> str:
        badge = f" #{self.badge_number}" if self.badge_number else ""
        return f"{self.rank + ' ' if self.rank else ''}{self.first_name} {self.last_name}{badge}"


class ImportedMixin(models.Model):
    """Where an imported row came from, so a second import of the same file adds nothing."""

    import_source = models.CharField(
        max_length=60, blank=True, default="", help_text="Dataset it was imported from, if any."
    )
    import_key = models.CharField(
        max_length=120, blank=True, default="", help_text="Its id in that dataset."
    )

    class Meta:
        abstract = True


def _imported_unique(name: str) -> models.UniqueConstraint:
    return models.UniqueConstraint(
        fields=["import_source", "import_key"],
        condition=~models.Q(import_source=""),
        name=name,
    )


class OfficerName(models.Model):
    """A name, badge and rank an officer carried during a period, as one source recorded it."""

    officer = models.ForeignKey(Officer, on_delete=models.CASCADE, related_name="names")
    first_name = models.CharField(max_length=100)
    last_name = models.CharField(max_length=100)
    badge_number = models.CharField(max_length=30, blank=True)
    rank = models.CharField(max_length=60, blank=True)
    valid_from = models.DateField(null=True, blank=True)
    valid_to = models.DateField(null=True, blank=True)
    source = models.CharField(
        max_length=60, blank=True, help_text="Dataset or person recording it."
    )

    class Meta:
        ordering = ["officer", "valid_from", "id"]
        verbose_name = "officer name and badge"
        constraints = [
            models.UniqueConstraint(
                fields=["officer", "first_name", "last_name", "badge_number", "source"],
                name="officer_name_unique",
            )
        ]

    def __str__(self) -> str:
        return f"{self.first_name} {self.last_name} #{self.badge_number}".strip(" #")


class Assignment(models.Model):
    """A period an officer served in a unit, with the rank held there."""

    officer = models.ForeignKey(Officer, on_delete=models.CASCADE, related_name="assignments")
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="assignments")
    rank = models.CharField(max_length=60, blank=True)
    started_on = models.DateField(null=True, blank=True)
    ended_on = models.DateField(null=True, blank=True, help_text="Empty while current.")
    source = models.CharField(max_length=60, blank=True)

    class Meta:
        ordering = ["officer", "started_on", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["officer", "unit", "started_on"], name="assignment_unique_start"
            )
        ]

    def __str__(self) -> str:
        return f"{self.officer} in {self.unit} from {self.started_on or '?'}"


class OfficerSourceLink(models.Model):
    """A record in an outside dataset that was matched to an officer, with the evidence."""

    officer = models.ForeignKey(Officer, on_delete=models.CASCADE, related_name="source_links")
    source = models.CharField(max_length=60, help_text="Dataset, e.g. cpdp:trr-officers.")
    source_key = models.CharField(max_length=120, help_text="The officer's id in that dataset.")
    match_key = models.CharField(
        max_length=200, blank=True, db_index=True, help_text="Normalised identity used to match."
    )
    evidence = models.JSONField(
        default=dict, blank=True, help_text="Which fields matched, and their values."
    )
    linked_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["officer", "source"]
        constraints = [
            models.UniqueConstraint(fields=["source", "source_key"], name="officer_link_unique")
        ]

    def __str__(self) -> str:
        return f"{self.source}:{self.source_key} -> officer {self.officer_id}"


class UseOfForceReport(ImportedMixin, models.Model):
    """A response-to-resistance report for one incident."""

    class Camera(models.TextChoices):
        RECORDED = "recorded", "Recorded"
        NOT_ACTIVATED = "not_activated", "Camera worn, not activated"
        NOT_WORN = "not_worn", "No camera worn"
        MALFUNCTION = "malfunction", "Camera failed"
        UNKNOWN = "unknown", "Unknown"

    # The agency and unit lead composite indexes below, which serve lookups by either alone:
    # an index of their own would only slow every insert.
    agency = models.ForeignKey(
        Agency, on_delete=models.PROTECT, related_name="force_reports", db_index=False
    )
    unit = models.ForeignKey(
        Unit,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="force_reports",
        db_index=False,
    )
    report_number = models.CharField(max_length=40)
    occurred_at = models.DateTimeField()
    location = models.CharField(max_length=200, blank=True)
    beat = models.CharField(max_length=30, blank=True)
    latitude = models.FloatField(null=True, blank=True)
    longitude = models.FloatField(null=True, blank=True)
    call_type = models.CharField(max_length=100, blank=True)
    narrative = models.TextField(blank=True, help_text="Confidential: the officer's account.")
    force_types = models.JSONField(default=list, help_text="Types of force used, e.g. ['taser'].")
    force_level = models.CharField(
        max_length=40, blank=True, help_text="The agency's severity level, e.g. 'Level 2'."
    )
    subject_resistance = models.JSONField(
        default=list, blank=True, help_text="Resistance the subject offered, e.g. ['active']."
    )
    weapons = models.JSONField(
        default=list, blank=True, help_text="Weapons the subject had or was said to have."
    )
    subject_injured = models.BooleanField(default=False)
    officer_injured = models.BooleanField(null=True, blank=True)
    injuries = models.TextField(blank=True, help_text="Injuries to anyone involved.")
    warning_given = models.BooleanField(null=True, help_text="Whether a warning preceded force.")
    deescalation_attempted = models.BooleanField(null=True)
    camera_recorded = models.BooleanField(
        null=True, help_text="Whether body-worn camera footage exists."
    )
    camera_status = models.CharField(
        max_length=20, choices=Camera.choices, default=Camera.UNKNOWN, verbose_name="body camera"
    )
    policy_version = models.ForeignKey(
        "policies.PolicyVersion",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="force_reports",
        help_text="The use-of-force policy version in force when it happened.",
        db_index=False,  # indexed below where set: most imported reports name no version
    )
    officers: models.ManyToManyField[Officer, ForceReportOfficer] = models.ManyToManyField(
        Officer, through="ForceReportOfficer", related_name="+"
    )

    class Meta:
        ordering = ["-occurred_at"]
        verbose_name = "use-of-force report"
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "report_number"], name="force_report_unique_number"
            ),
            _imported_unique("force_report_unique_import"),
        ]
        indexes = [
            models.Index(fields=["agency", "-occurred_at"], name="force_report_agency_when"),
            models.Index(fields=["unit", "-occurred_at"], name="force_report_unit_when"),
            models.Index(
                fields=["policy_version"],
                condition=models.Q(policy_version__isnull=False),
                name="force_report_policy_version",
            ),
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

    # The unique constraint's index, which starts with the report, serves lookups by report.
    report = models.ForeignKey(
        UseOfForceReport, on_delete=models.CASCADE, related_name="involved", db_index=False
    )
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


class ForceSubject(models.Model):
    """A person force was used on, as described in a report."""

    report = models.ForeignKey(UseOfForceReport, on_delete=models.CASCADE, related_name="subjects")
    subject_key = models.CharField(
        max_length=60, blank=True, help_text="The source's id for the person, to spot repeats."
    )
    name = models.CharField(max_length=200, blank=True, help_text="Confidential.")
    race = models.CharField(max_length=60, blank=True)
    gender = models.CharField(max_length=30, blank=True)
    age = models.PositiveSmallIntegerField(null=True, blank=True)
    injured = models.BooleanField(null=True, blank=True)
    arrested = models.BooleanField(null=True, blank=True)
    armed_with = models.CharField(max_length=100, blank=True)

    class Meta:
        ordering = ["report", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["report", "subject_key"],
                condition=~models.Q(subject_key=""),
                name="force_subject_unique_key",
            )
        ]

    def __str__(self) -> str:
        return f"Subject {self.subject_key or self.pk} in {self.report}"


class OfficerInvolvedShooting(ImportedMixin, models.Model):
    """A shooting by police, with the outside investigation of it and its findings."""

    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="shootings")
    other_agencies = models.ManyToManyField(
        Agency, blank=True, related_name="joint_shootings", help_text="Other agencies involved."
    )
    report = models.OneToOneField(
        UseOfForceReport,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="shooting",
        help_text="The agency's own use-of-force report, if linked.",
    )
    case_number = models.CharField(max_length=60, blank=True)
    occurred_on = models.DateField()
    city = models.CharField(max_length=100, blank=True)
    state = models.CharField(max_length=2, blank=True)
    latitude = models.FloatField(null=True, blank=True)
    longitude = models.FloatField(null=True, blank=True)
    fatal = models.BooleanField(null=True, blank=True)
    subject_name = models.CharField(max_length=200, blank=True, help_text="Confidential.")
    subject_age = models.PositiveSmallIntegerField(null=True, blank=True)
    subject_gender = models.CharField(max_length=30, blank=True)
    subject_race = models.CharField(max_length=60, blank=True)
    armed_with = models.CharField(max_length=100, blank=True)
    threat_type = models.CharField(max_length=60, blank=True)
    flee_status = models.CharField(max_length=60, blank=True)
    mental_illness_related = models.BooleanField(null=True, blank=True)
    body_camera = models.BooleanField(null=True, blank=True, verbose_name="body camera footage")
    officers_involved = models.PositiveSmallIntegerField(null=True, blank=True)
    officers = models.ManyToManyField(Officer, blank=True, related_name="shootings")
    investigating_agency = models.CharField(
        max_length=200, blank=True, help_text="Who investigated, e.g. an outside state agency."
    )
    investigation_finding = models.CharField(
        max_length=200, blank=True, help_text="What the investigation found, e.g. 'Justified'."
    )
    officer_disciplined = models.BooleanField(null=True, blank=True)
    summary = models.TextField(blank=True)

    class Meta:
        ordering = ["-occurred_on", "id"]
        verbose_name = "officer-involved shooting"
        constraints = [_imported_unique("shooting_unique_import")]
        indexes = [models.Index(fields=["agency", "-occurred_on"], name="shooting_agency_when")]

    def __str__(self) -> str:
        return f"Shooting on {self.occurred_on} ({self.agency})"


class AllegationCategory(models.Model):
    """A kind of misconduct alleged; the six standard ones plus any an agency adds."""

    slug = models.SlugField(max_length=60, unique=True)
    name = models.CharField(max_length=100, unique=True)
    standard = models.BooleanField(default=False, help_text="One of the built-in categories.")

    class Meta:
        ordering = ["-standard", "name"]
        verbose_name_plural = "allegation categories"

    def __str__(self) -> str:
        return self.name


class Finding(models.TextChoices):
    """The outcome of an allegation's investigation."""

    SUSTAINED = "sustained", "Sustained"
    NOT_SUSTAINED = "not_sustained", "Not sustained"
    EXONERATED = "exonerated", "Exonerated"
    UNFOUNDED = "unfounded", "Unfounded"
    CLOSED = "closed", "Closed without a finding"
    PENDING = "pending", "Pending"


class Complaint(ImportedMixin, models.Model):
    """A complaint about officers' conduct, from the public, from inside, or anonymous."""

    class Source(models.TextChoices):
        PUBLIC = "public", "Member of the public"
        INTERNAL = "internal", "Internal (department)"
        ANONYMOUS = "anonymous", "Anonymous"

    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="complaints")
    unit = models.ForeignKey(
        Unit,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="complaints",
        help_text="Unit of the accused officers, for scoping who may see it.",
    )
    number = models.CharField(max_length=40, help_text="The complaint (log) number.")
    source = models.CharField(max_length=20, choices=Source.choices, default=Source.PUBLIC)
    received_on = models.DateField(null=True, blank=True)
    occurred_on = models.DateField(null=True, blank=True)
    closed_on = models.DateField(null=True, blank=True)
    location = models.CharField(max_length=200, blank=True)
    beat = models.CharField(max_length=30, blank=True)
    investigating_agency = models.CharField(max_length=100, blank=True)
    summary = models.TextField(blank=True, help_text="Confidential: what the complainant said.")
    complainant_name = models.CharField(max_length=200, blank=True, help_text="Confidential.")
    complainant_contact = models.CharField(max_length=200, blank=True, help_text="Confidential.")
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-received_on", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["agency", "number"], name="complaint_unique_number"),
            _imported_unique("complaint_unique_import"),
        ]
        indexes = [models.Index(fields=["agency", "-received_on"], name="complaint_agency_when")]

    def __str__(self) -> str:
        return f"Complaint {self.number}"


class Allegation(ImportedMixin, models.Model):
    """One allegation against one officer within a complaint, with its findings."""

    complaint = models.ForeignKey(Complaint, on_delete=models.CASCADE, related_name="allegations")
    officer = models.ForeignKey(
        Officer,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="allegations",
        help_text="Empty when the accused officer was not identified.",
    )
    category = models.ForeignKey(
        AllegationCategory, on_delete=models.PROTECT, related_name="allegations"
    )
    description = models.CharField(max_length=300, blank=True, help_text="The allegation as made.")
    recommended_finding = models.CharField(
        max_length=20, choices=Finding.choices, blank=True, help_text="The investigator's finding."
    )
    final_finding = models.CharField(
        max_length=20, choices=Finding.choices, default=Finding.PENDING
    )
    finding_as_recorded = models.CharField(
        max_length=100, blank=True, help_text="The finding in the source's own words."
    )

    class Meta:
        ordering = ["complaint", "id"]
        constraints = [_imported_unique("allegation_unique_import")]

    def __str__(self) -> str:
        return f"{self.category} against {self.officer or 'unidentified officer'}"


class Discipline(ImportedMixin, models.Model):
    """Discipline recommended and imposed after a sustained allegation."""

    allegation = models.ForeignKey(Allegation, on_delete=models.CASCADE, related_name="discipline")
    recommended = models.CharField(max_length=200, blank=True)
    imposed = models.CharField(max_length=200, blank=True, help_text="What was actually imposed.")
    suspension_days = models.PositiveSmallIntegerField(null=True, blank=True)
    decided_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["allegation", "id"]
        verbose_name_plural = "discipline"
        constraints = [_imported_unique("discipline_unique_import")]

    def __str__(self) -> str:
        return self.imposed or self.recommended or "Discipline"


class LegalOutcome(ImportedMixin, models.Model):
    """A criminal or civil case arising from an officer's conduct, and how it ended."""

    class Kind(models.TextChoices):
        CHARGE = "charge", "Criminal charge"
        INDICTMENT = "indictment", "Indictment"
        CONVICTION = "conviction", "Conviction"
        ACQUITTAL = "acquittal", "Acquittal"
        CIVIL_SUIT = "civil_suit", "Civil suit"
        SETTLEMENT = "settlement", "Settlement"
        JUDGMENT = "judgment", "Civil judgment"
        DISMISSAL = "dismissal", "Dismissed"

    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="legal_outcomes")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    officer = models.ForeignKey(
        Officer, null=True, blank=True, on_delete=models.PROTECT, related_name="legal_outcomes"
    )
    complaint = models.ForeignKey(
        Complaint, null=True, blank=True, on_delete=models.SET_NULL, related_name="legal_outcomes"
    )
    force_report = models.ForeignKey(
        UseOfForceReport,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="legal_outcomes",
    )
    shooting = models.ForeignKey(
        OfficerInvolvedShooting,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="legal_outcomes",
    )
    case_number = models.CharField(max_length=80, blank=True)
    court = models.CharField(max_length=200, blank=True)
    filed_on = models.DateField(null=True, blank=True)
    resolved_on = models.DateField(null=True, blank=True)
    amount = models.DecimalField(
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        help_text="Settlement or award, USD.",
    )
    description = models.TextField(blank=True)

    class Meta:
        ordering = ["-filed_on", "-id"]
        constraints = [_imported_unique("legal_outcome_unique_import")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.case_number}".strip()


class ImportRun(models.Model):
    """One run of an import over one file: where it got to, and what it added or refused."""

    class Status(models.TextChoices):
        RUNNING = "running", "Running"
        COMPLETED = "completed", "Completed"
        INTERRUPTED = "interrupted", "Interrupted"
        FAILED = "failed", "Failed"

    kind = models.CharField(max_length=60, help_text="Importer and file role, e.g. cpdp:trr-main.")
    file_name = models.CharField(max_length=255)
    fingerprint = models.CharField(max_length=64, help_text="SHA-256 of the file's contents.")
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.RUNNING)
    cursor = models.PositiveIntegerField(default=0, help_text="Data rows done and committed.")
    created = models.PositiveIntegerField(default=0)
    skipped = models.PositiveIntegerField(default=0, help_text="Rows already imported before.")
    rejected = models.PositiveIntegerField(default=0)
    rejects_file = models.CharField(max_length=500, blank=True)
    error = models.CharField(max_length=500, blank=True)
    started_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-started_at", "-id"]
        indexes = [models.Index(fields=["kind", "fingerprint"], name="import_run_file")]

    def __str__(self) -> str:
        return f"{self.kind} {self.file_name} ({self.get_status_display()})"


class SalaryRecord(ImportedMixin, models.Model):
    """An officer's rank and pay for one year, as a payroll record shows it."""

    officer = models.ForeignKey(Officer, on_delete=models.CASCADE, related_name="salaries")
    year = models.PositiveSmallIntegerField()
    rank = models.CharField(max_length=100, blank=True)
    salary = models.DecimalField(
        max_digits=10, decimal_places=2, null=True, blank=True, help_text="Annual salary, USD."
    )
    pay_grade = models.CharField(max_length=20, blank=True)
    employee_status = models.CharField(max_length=60, blank=True)

    class Meta:
        ordering = ["officer", "year", "id"]
        constraints = [_imported_unique("salary_unique_import")]

    def __str__(self) -> str:
        return f"{self.officer} {self.year}: {self.salary or '?'}"


class Award(ImportedMixin, models.Model):
    """A commendation or award an officer was put forward for, and where the request stands."""

    officer = models.ForeignKey(Officer, on_delete=models.CASCADE, related_name="awards")
    kind = models.CharField(max_length=200, help_text="The award, e.g. 'Honorable Mention'.")
    status = models.CharField(max_length=60, blank=True, help_text="E.g. final, denied.")
    tracking_number = models.CharField(max_length=40, blank=True)
    requested_on = models.DateField(null=True, blank=True)
    started_on = models.DateField(
        null=True, blank=True, help_text="Start of the incident or period it recognises."
    )
    ended_on = models.DateField(null=True, blank=True)
    ceremony_on = models.DateField(null=True, blank=True)
    description = models.TextField(blank=True)

    class Meta:
        ordering = ["officer", "requested_on", "id"]
        constraints = [_imported_unique("award_unique_import")]

    def __str__(self) -> str:
        return f"{self.kind} for {self.officer}"


class ComplaintPerson(ImportedMixin, models.Model):
    """Someone on a complaint besides the accused: complainant, victim, witness, investigator.

    Members of the public are held by demographics only; officers are linked when identified.
    """

    class Role(models.TextChoices):
        COMPLAINANT = "complainant", "Complainant"
        VICTIM = "victim", "Victim"
        CIVILIAN_WITNESS = "civilian_witness", "Civilian witness"
        OFFICER_WITNESS = "officer_witness", "Officer witness"
        INVESTIGATOR = "investigator", "Investigator"

    complaint = models.ForeignKey(Complaint, on_delete=models.CASCADE, related_name="people")
    role = models.CharField(max_length=20, choices=Role.choices)
    officer = models.ForeignKey(
        Officer,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="complaint_roles",
        help_text="The officer witness or investigator, when matched.",
    )
    race = models.CharField(max_length=60, blank=True)
    gender = models.CharField(max_length=30, blank=True)
    birth_year = models.PositiveSmallIntegerField(null=True, blank=True)
    injury = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["complaint", "role", "id"]
        verbose_name = "person on a complaint"
        verbose_name_plural = "people on complaints"
        constraints = [_imported_unique("complaint_person_unique_import")]

    def __str__(self) -> str:
        return f"{self.get_role_display()} on {self.complaint}"


class ForceDischarge(ImportedMixin, models.Model):
    """A weapon discharged (firearm, taser, chemical spray) in a use-of-force incident."""

    report = models.ForeignKey(
        UseOfForceReport, on_delete=models.CASCADE, related_name="discharges"
    )
    weapon = models.CharField(max_length=100)
    shots = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="Rounds fired or cartridges discharged."
    )
    firearm_make = models.CharField(max_length=100, blank=True)
    firearm_model = models.CharField(max_length=100, blank=True)
    details = models.JSONField(
        default=dict, blank=True, help_text="Other recorded fields, e.g. taser arc cycles."
    )

    class Meta:
        ordering = ["report", "id"]
        verbose_name = "weapon discharge"
        constraints = [_imported_unique("force_discharge_unique_import")]

    def __str__(self) -> str:
        return f"{self.weapon} in {self.report}"
