from django.urls import path

from upstander.policies import views

app_name = "policies"

urlpatterns = [
    path("", views.library, name="library"),
    path("scorecards/", views.scorecards, name="scorecards"),
    path("search/", views.search, name="search"),
]
