from django.urls import path

from upstander.records import views

app_name = "records"

urlpatterns = [
    path("officers/", views.officers, name="officers"),
    path("force-reports/", views.force_reports, name="force_reports"),
]
