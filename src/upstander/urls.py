"""URL map: pages, the API under /api/, the admin."""

from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from upstander.api import api
from upstander.web import views as web_views

urlpatterns = [
    path("", web_views.home, name="home"),
    path(
        "login/",
        auth_views.LoginView.as_view(
            template_name="registration/login.html", redirect_authenticated_user=True
        ),
        name="login",
    ),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("api/", api.urls),
    path("admin/", admin.site.urls),
    path("", include("upstander.web.urls")),
    path("records/", include("upstander.records.urls")),
    path("policies/", include("upstander.policies.urls")),
    path("intervention/", include("upstander.intervention.urls")),
]

handler400 = "upstander.web.views.error_400"
handler403 = "upstander.web.views.error_403"
handler404 = "upstander.web.views.error_404"
handler500 = "upstander.web.views.error_500"
