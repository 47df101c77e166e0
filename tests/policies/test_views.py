from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from upstander.accounts.roles import Role
from upstander.policies.models import PolicyVersion

from .conftest import CODE_2021

pytestmark = pytest.mark.django_db


def test_public_pages(code_versions, agency):
    old, new = code_versions
    client = Client()
    for url in [
        reverse("policies:library"),
        reverse("policies:agency", args=[agency.slug]),
        reverse("policies:version", args=[new.pk]),
        reverse("policies:diff", args=[old.pk, new.pk]),
        reverse("policies:scorecard", args=[agency.slug]),
        reverse("policies:scorecards"),
        reverse("policies:search") + "?q=retaliation",
    ]:
        response = client.get(url)
        assert response.status_code == 200, url


def test_scorecards_name_provisions_by_title(code_versions, agency):
    html = Client().get(reverse("policies:scorecards")).content.decode()
    assert agency.name in html
    assert "Duty to intervene" in html
    assert "duty_to_intervene" not in html


def test_version_page_shows_outline_and_evidence(code_versions):
    html = Client().get(reverse("policies:version", args=[code_versions[1].pk])).content.decode()
    assert 'href="#section-iib"' in html
    assert "Duty to Intervene" in html
    assert "status-met" in html


def test_diff_page_marks_added_section(code_versions):
    old, new = code_versions
    html = Client().get(reverse("policies:diff", args=[old.pk, new.pk])).content.decode()
    assert "(added)" in html
    assert "<ins>" in html


def test_unpublished_version_hidden_from_public(code_versions, client_for):
    new = code_versions[1]
    new.published = False
    new.save()
    url = reverse("policies:version", args=[new.pk])
    assert Client().get(url).status_code == 404
    assert client_for(Role.INVESTIGATOR).get(url).status_code == 200


def test_upload_reads_in_background_and_shows_result(
    agency, client_for, django_capture_on_commit_callbacks
):
    client = client_for(Role.INVESTIGATOR)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("policies:upload", args=[agency.slug]),
            {
                "number": "GO 5",
                "label": "2021",
                "document": SimpleUploadedFile("code.txt", CODE_2021.encode()),
                "published": "on",
            },
        )
    assert response.status_code == 302
    version = PolicyVersion.objects.get(policy__number="GO 5")
    # The test settings run tasks immediately; in production a worker picks the job up.
    assert version.status == "ready"
    assert version.sections.filter(section_id="II.B").exists()
    status = client.get(reverse("policies:version_status", args=[version.pk])).json()
    assert status == {"status": "ready", "progress": 100, "error": None}


def test_upload_of_broken_file_fails_cleanly(
    agency, client_for, django_capture_on_commit_callbacks
):
    client = client_for(Role.ADMINISTRATOR)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("policies:upload", args=[agency.slug]),
            {
                "number": "GO 6",
                "label": "1",
                "document": SimpleUploadedFile("x.pdf", b"%PDF-1.4 bad"),
            },
        )
    version = PolicyVersion.objects.get(policy__number="GO 6")
    assert version.status == "failed"
    assert version.error_code.startswith("pdf_")
    assert version.sections.count() == 0
    html = client.get(reverse("policies:version", args=[version.pk])).content.decode()
    assert "could not be read" in html


@pytest.mark.parametrize("role", [None, Role.OFFICER, Role.OVERSIGHT])
def test_upload_forbidden_without_add_permission(agency, client_for, role):
    client = client_for(role) if role else client_for()
    response = client.post(
        reverse("policies:upload", args=[agency.slug]),
        {"number": "GO 7", "label": "1", "document": SimpleUploadedFile("c.txt", b"text")},
    )
    assert response.status_code == 403
    assert not PolicyVersion.objects.filter(policy__number="GO 7").exists()


def test_upload_requires_sign_in(agency):
    response = Client().post(reverse("policies:upload", args=[agency.slug]), {})
    assert response.status_code == 302


def test_review_form(code_versions, client_for):
    from upstander.policies.models import Finding

    finding = Finding.objects.filter(assessment__version=code_versions[1]).first()
    url = reverse("policies:finding_review", args=[finding.pk])
    officer = client_for(Role.OFFICER)
    assert officer.post(url, {"decision": "confirmed", "reason": "ok"}).status_code == 403
    oversight = client_for(Role.OVERSIGHT)
    response = oversight.post(url, {"decision": "confirmed", "reason": "Checked against II.B."})
    assert response.status_code == 302
    finding.refresh_from_db()
    assert finding.review == "confirmed"
