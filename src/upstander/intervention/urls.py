from django.urls import path

from upstander.intervention import views

app_name = "intervention"

urlpatterns = [
    path("report/", views.report_start, name="report_start"),
    path("report/anonymous/", views.report_anonymous, name="report_anonymous"),
    path("report/confidential/", views.report_confidential, name="report_confidential"),
    path("follow-up/", views.follow_up, name="follow_up"),
    path("interventions/", views.interventions, name="interventions"),
    path("interventions/new/", views.intervention_new, name="intervention_new"),
    path(
        "interventions/<int:record_id>/recognise/",
        views.intervention_recognise,
        name="intervention_recognise",
    ),
    path("cases/", views.cases, name="cases"),
    path("cases/<int:case_id>/", views.case_detail, name="case_detail"),
    path("cases/<int:case_id>/transition/", views.case_transition, name="case_transition"),
    path("cases/<int:case_id>/link/", views.case_link, name="case_link"),
    path("cases/<int:case_id>/allegations/", views.allegation_add, name="allegation_add"),
    path(
        "cases/<int:case_id>/allegations/<int:allegation_id>/finding/",
        views.allegation_finding,
        name="allegation_finding",
    ),
    path("cases/<int:case_id>/witnesses/", views.case_witness, name="case_witness"),
    path("cases/<int:case_id>/messages/", views.case_message, name="case_message"),
    path("cases/<int:case_id>/reveal/", views.case_reveal, name="case_reveal"),
    path("reviews/", views.fti_reviews, name="fti_reviews"),
    path("reviews/<int:review_id>/decide/", views.fti_review_decide, name="fti_review_decide"),
    path("personnel-events/", views.adverse_events, name="adverse_events"),
    path("retaliation/", views.retaliation, name="retaliation"),
    path(
        "retaliation/flags/<int:flag_id>/resolve/",
        views.retaliation_flag_resolve_view,
        name="retaliation_flag_resolve",
    ),
]
