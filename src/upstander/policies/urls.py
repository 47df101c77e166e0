from django.urls import path

from upstander.policies import views

app_name = "policies"

urlpatterns = [
    path("", views.library, name="library"),
    path("search/", views.search, name="search"),
    path("scorecards/", views.scorecards, name="scorecards"),
    path("agencies/<slug:slug>/", views.agency_library, name="agency"),
    path("agencies/<slug:slug>/upload/", views.upload, name="upload"),
    path("agencies/<slug:slug>/scorecard/", views.scorecard, name="scorecard"),
    path("versions/<int:version_id>/", views.version_detail, name="version"),
    path("versions/<int:version_id>/status/", views.version_status, name="version_status"),
    path("versions/<int:old_id>/diff/<int:new_id>/", views.version_diff, name="diff"),
    path("findings/<int:finding_id>/review/", views.finding_review, name="finding_review"),
]
