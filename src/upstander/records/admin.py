"""Back-office admin for records."""

from django.contrib import admin

from upstander.records.models import (
    Agency,
    Allegation,
    AllegationCategory,
    Assignment,
    Award,
    Complaint,
    ComplaintPerson,
    Discipline,
    ForceDischarge,
    ForceReportOfficer,
    ForceSubject,
    ImportRun,
    LegalOutcome,
    Officer,
    OfficerInvolvedShooting,
    OfficerName,
    OfficerSourceLink,
    SalaryRecord,
    Unit,
    UseOfForceReport,
)


@admin.register(Agency)
class AgencyAdmin(admin.ModelAdmin):
    list_display = ["name", "state", "kind"]
    list_filter = ["kind", "state"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Unit)
class UnitAdmin(admin.ModelAdmin):
    list_display = ["name", "agency"]
    list_filter = ["agency"]
    search_fields = ["name"]


class NameInline(admin.TabularInline):
    model = OfficerName
    extra = 0


class AssignmentInline(admin.TabularInline):
    model = Assignment
    extra = 0
    autocomplete_fields = ["unit"]


class SourceLinkInline(admin.TabularInline):
    model = OfficerSourceLink
    extra = 0
    readonly_fields = ["linked_at"]


class SalaryInline(admin.TabularInline):
    model = SalaryRecord
    extra = 0
    readonly_fields = ("year", "rank", "salary", "pay_grade", "employee_status", "import_source")
    fields = readonly_fields
    can_delete = False


class AwardInline(admin.TabularInline):
    model = Award
    extra = 0
    readonly_fields = (
        "kind",
        "status",
        "requested_on",
        "started_on",
        "ceremony_on",
        "import_source",
    )
    fields = readonly_fields
    can_delete = False


@admin.register(Officer)
class OfficerAdmin(admin.ModelAdmin):
    list_display = ["last_name", "first_name", "badge_number", "rank", "agency", "unit"]
    search_fields = ["last_name", "first_name", "badge_number"]
    list_filter = ["agency"]
    list_select_related = ["agency", "unit"]
    autocomplete_fields = ["unit"]
    inlines = [NameInline, AssignmentInline, SourceLinkInline, SalaryInline, AwardInline]


class InvolvedInline(admin.TabularInline):
    model = ForceReportOfficer
    extra = 0
    raw_id_fields = ["officer"]


class SubjectInline(admin.TabularInline):
    model = ForceSubject
    extra = 0


class DischargeInline(admin.TabularInline):
    model = ForceDischarge
    extra = 0
    readonly_fields = ("weapon", "shots", "firearm_make", "firearm_model", "details")
    fields = readonly_fields
    can_delete = False


@admin.register(UseOfForceReport)
class UseOfForceReportAdmin(admin.ModelAdmin):
    list_display = ["report_number", "agency", "occurred_at", "unit", "force_level"]
    list_filter = ["agency", "camera_status"]
    list_select_related = ["agency", "unit"]
    search_fields = ["report_number"]
    date_hierarchy = "occurred_at"
    raw_id_fields = ["unit", "policy_version"]
    inlines = [InvolvedInline, SubjectInline, DischargeInline]


@admin.register(OfficerInvolvedShooting)
class ShootingAdmin(admin.ModelAdmin):
    list_display = ["occurred_on", "agency", "city", "state", "fatal", "investigation_finding"]
    list_filter = ["fatal", "body_camera", "state"]
    list_select_related = ["agency"]
    raw_id_fields = ["agency", "report", "other_agencies", "officers"]


@admin.register(AllegationCategory)
class AllegationCategoryAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "standard"]
    prepopulated_fields = {"slug": ["name"]}


class AllegationInline(admin.TabularInline):
    model = Allegation
    extra = 0
    raw_id_fields = ["officer"]


class ComplaintPersonInline(admin.TabularInline):
    model = ComplaintPerson
    extra = 0
    fields = ["role", "officer", "race", "gender", "birth_year", "injury"]
    raw_id_fields = ["officer"]


@admin.register(Complaint)
class ComplaintAdmin(admin.ModelAdmin):
    list_display = ["number", "agency", "source", "received_on", "closed_on"]
    list_filter = ["agency", "source"]
    list_select_related = ["agency"]
    search_fields = ["number"]
    raw_id_fields = ["unit"]
    inlines = [AllegationInline, ComplaintPersonInline]


class DisciplineInline(admin.TabularInline):
    model = Discipline
    extra = 0


@admin.register(Allegation)
class AllegationAdmin(admin.ModelAdmin):
    list_display = ["complaint", "officer", "category", "recommended_finding", "final_finding"]
    list_filter = ["category", "final_finding"]
    raw_id_fields = ["complaint", "officer"]
    inlines = [DisciplineInline]


@admin.register(LegalOutcome)
class LegalOutcomeAdmin(admin.ModelAdmin):
    list_display = ["kind", "case_number", "agency", "officer", "filed_on", "amount"]
    list_filter = ["kind"]
    raw_id_fields = ["officer", "complaint", "force_report", "shooting"]


@admin.register(ImportRun)
class ImportRunAdmin(admin.ModelAdmin):
    list_display = ["kind", "file_name", "status", "cursor", "created", "rejected", "started_at"]
    list_filter = ["status", "kind"]
    readonly_fields = [f.name for f in ImportRun._meta.fields]


@admin.register(SalaryRecord)
class SalaryRecordAdmin(admin.ModelAdmin):
    list_display = ["officer", "year", "rank", "salary", "pay_grade"]
    list_filter = ["year"]
    list_select_related = ["officer"]
    search_fields = ["officer__last_name", "officer__first_name", "officer__badge_number"]
    raw_id_fields = ["officer"]
    readonly_fields = ["import_source", "import_key"]


@admin.register(Award)
class AwardAdmin(admin.ModelAdmin):
    list_display = ["officer", "kind", "status", "requested_on", "ceremony_on"]
    list_filter = ["status"]
    list_select_related = ["officer"]
    search_fields = ["officer__last_name", "officer__first_name", "kind", "tracking_number"]
    date_hierarchy = "requested_on"
    raw_id_fields = ["officer"]
    readonly_fields = ["import_source", "import_key"]


@admin.register(ComplaintPerson)
class ComplaintPersonAdmin(admin.ModelAdmin):
    list_display = ["complaint", "role", "officer", "race", "gender", "birth_year"]
    list_filter = ["role"]
    list_select_related = ["complaint", "officer"]
    search_fields = ["complaint__number"]
    raw_id_fields = ["complaint", "officer"]
    readonly_fields = ["import_source", "import_key"]


@admin.register(ForceDischarge)
class ForceDischargeAdmin(admin.ModelAdmin):
    list_display = ["report", "weapon", "shots", "firearm_make", "firearm_model"]
    list_select_related = ["report"]
    search_fields = ["report__report_number", "weapon"]
    raw_id_fields = ["report"]
    readonly_fields = ["import_source", "import_key"]
