from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse
from tests.access import assert_access

from upstander.accounts.roles import Role
from upstander.audit.models import AuditEvent

pytestmark = pytest.mark.django_db


def test_home_page_has_landmarks_and_navigation(client):
    response = client.get("/")
    assert response.status_code == 200
    html = response.content.decode()
    for landmark in ('role="banner"', "<main", 'role="contentinfo"', 'aria-label="Main"'):
        assert landmark in html
    assert "Skip to main content" in html
    assert "Policy library" in html
    assert 'href="/records/officers/"' not in html  # records navigation is for staff


def test_staff_see_records_navigation(client_for):
    html = client_for(Role.INVESTIGATOR).get("/").content.decode()
    assert "Officers" in html
    assert "Audit log" in html


def test_security_headers(client):
    response = client.get("/")
    assert "default-src 'self'" in response["Content-Security-Policy"]
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert len(response["X-Request-ID"]) >= 8


def test_login_and_logout_are_audited(make_user):
    make_user(Role.OFFICER, username="casey")
    c = Client(enforce_csrf_checks=True)
    page = c.get(reverse("login"))
    token = page.cookies["csrftoken"].value
    response = c.post(
        reverse("login"),
        {"username": "casey", "password": "a-long-test-password-1", "csrfmiddlewaretoken": token},
    )
    assert response.status_code == 302
    assert AuditEvent.objects.filter(action="user-logged-in", actor_label="casey").exists()
    home = c.get("/")
    assert "Signed in as" in home.content.decode()
    c.post(reverse("logout"), {"csrfmiddlewaretoken": c.cookies["csrftoken"].value})
    assert AuditEvent.objects.filter(action="user-logged-out").exists()


def test_failed_login_is_audited_without_password(make_user):
    Client().post(reverse("login"), {"username": "nobody", "password": "guess-123456"})
    event = AuditEvent.objects.get(action="user-login-failed")
    assert event.data == {"username": "nobody"}
    assert "guess-123456" not in str(event.data)


def test_login_without_csrf_token_is_refused(make_user):
    make_user(Role.OFFICER, username="casey")
    c = Client(enforce_csrf_checks=True)
    response = c.post(reverse("login"), {"username": "casey", "password": "a-long-test-password-1"})
    assert response.status_code == 403
    assert "Traceback" not in response.content.decode()


def test_friendly_404(client):
    response = client.get("/no/such/page/")
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()


def test_unknown_host_gets_a_plain_400(db):
    # Refused before any middleware sets request.user; the error page must still render.
    response = Client(HTTP_HOST="evil.example").get("/")
    assert response.status_code == 400
    assert "Bad request" in response.content.decode()
    assert "Traceback" not in response.content.decode()


def test_friendly_500_without_traceback(client, settings):
    from upstander.web.views import error_500

    response = error_500(client.get("/").wsgi_request)
    body = response.content.decode()
    assert response.status_code == 500
    assert "Something went wrong" in body
    assert "Traceback" not in body


def test_audit_log_page_access(client_for, units):
    assert_access(
        reverse("web:audit_log"),
        client_for=client_for,
        allowed=[Role.INVESTIGATOR, Role.OVERSIGHT, Role.ADMINISTRATOR],
    )


def test_records_pages_are_scoped_to_unit(client_for, agency, units):
    from upstander.records.models import Officer

    Officer.objects.create(
        agency=agency, unit=units["South"], first_name="Zed", last_name="Southward"
    )
    assert_access(
        reverse("records:officers"),
        client_for=client_for,
        allowed=[Role.INVESTIGATOR, Role.OVERSIGHT, Role.ADMINISTRATOR],
        constrained=[Role.OFFICER, Role.SUPERVISOR],
        unit=units["North"],
        visible=lambda response: "Southward" in response.content.decode(),
    )
