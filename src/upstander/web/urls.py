from django.urls import path

from upstander.web import views

app_name = "web"

urlpatterns = [
    path("audit/", views.audit_log, name="audit_log"),
]
