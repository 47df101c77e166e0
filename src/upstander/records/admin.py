from django.contrib import admin

from upstander.records.models import Agency, ForceReportOfficer, Officer, Unit, UseOfForceReport


@admin.register(Agency)
class AgencyAdmin(admin.ModelAdmin):
    list_display = ["name", "state", "kind"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Unit)
class UnitAdmin(admin.ModelAdmin):
    list_display = ["name", "agency"]
    list_filter = ["agency"]


@admin.register(Officer)
class OfficerAdmin(admin.ModelAdmin):
    list_display = ["last_name", "first_name", "badge_number", "rank", "unit"]
    search_fields = ["last_name", "first_name", "badge_number"]
    list_filter = ["agency", "unit"]


class InvolvedInline(admin.TabularInline):
    model = ForceReportOfficer
    extra = 0


@admin.register(UseOfForceReport)
class UseOfForceReportAdmin(admin.ModelAdmin):
    list_display = ["report_number", "agency", "occurred_at", "unit"]
    list_filter = ["agency", "unit"]
    inlines = [InvolvedInline]
