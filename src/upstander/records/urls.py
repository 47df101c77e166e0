from django.urls import path

from upstander.records import views

app_name = "records"

urlpatterns = [
    path("officers/", views.officers, name="officers"),
    path("officers/<int:officer_id>/", views.officer_profile, name="officer"),
    path(
        "officers/<int:officer_id>/legal-outcomes/",
        views.officer_legal_outcome_new,
        name="officer_legal_outcome_new",
    ),
    path("officer-links/", views.officer_links, name="officer_links"),
    path("officer-links/<int:link_id>/", views.officer_link_review, name="officer_link"),
    path("force-reports/", views.force_reports, name="force_reports"),
    path("force-reports/new/", views.force_report_new, name="force_report_new"),
    path("force-reports/<int:report_id>/", views.force_report_detail, name="force_report"),
    path("complaints/", views.complaints, name="complaints"),
    path("complaints/new/", views.complaint_new, name="complaint_new"),
    path("complaints/<int:complaint_id>/", views.complaint_detail, name="complaint"),
    path(
        "complaints/<int:complaint_id>/allegations/<int:allegation_id>/finding/",
        views.allegation_finding,
        name="allegation_finding",
    ),
    path(
        "complaints/<int:complaint_id>/allegations/<int:allegation_id>/discipline/",
        views.allegation_discipline,
        name="allegation_discipline",
    ),
    path("shootings/", views.shootings, name="shootings"),
    path("stats/", views.stats, name="stats"),
]
