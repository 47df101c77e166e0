from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from upstander.accounts.roles import Role

from .conftest import CODE_2021

pytestmark = pytest.mark.django_db
BASE = "/api/v1/policies"


def test_list_versions_detail_and_in_force(code_versions):
    new = code_versions[1]
    client = Client()
    policies = client.get(f"{BASE}/").json()
    assert policies["count"] == 1
    policy_id = policies["items"][0]["id"]
    versions = client.get(f"{BASE}/{policy_id}/versions").json()
    assert [v["label"] for v in versions] == ["2019", "2021"]
    detail = client.get(f"{BASE}/versions/{new.pk}").json()
    assert any(s["id"] == "II.B" for s in detail["sections"])
    in_force = client.get(f"{BASE}/{policy_id}/in-force?on=2020-05-05").json()
    assert in_force["label"] == "2019"
    assert client.get(f"{BASE}/{policy_id}/in-force?on=1990-01-01").status_code == 404
    assert client.get(f"{BASE}/{policy_id}/in-force?on=not-a-date").status_code == 422


def test_diff_of_a_version_with_itself_is_empty(code_versions):
    old, new = code_versions
    same = Client().get(f"{BASE}/versions/{new.pk}/diff/{new.pk}").json()
    assert (same["added"], same["removed"], same["changed"], same["moved"]) == ([], [], [], [])
    diff = Client().get(f"{BASE}/versions/{old.pk}/diff/{new.pk}").json()
    assert "II.C" in diff["added"]


def test_assessment_search_scorecard_timeline(code_versions, agency):
    client = Client()
    assessment = client.get(f"{BASE}/versions/{code_versions[1].pk}/assessment").json()
    statuses = {f["provision"]: f["status"] for f in assessment["findings"]}
    assert statuses["duty_to_intervene"] == "met"
    hits = client.get(f"{BASE}/search?q=retaliation").json()
    assert hits[0]["section"] == "II.C"
    card = client.get(f"{BASE}/agencies/{agency.slug}/scorecard").json()
    assert {c["provision"] for c in card} >= {"duty_to_intervene", "anti_retaliation"}
    timeline = client.get(f"{BASE}/agencies/{agency.slug}/timeline").json()
    assert any(t["provision"] == "anti_retaliation" and t["new_status"] == "met" for t in timeline)


def test_upload_needs_permission(
    agency, client_for, code_versions, django_capture_on_commit_callbacks
):
    anonymous = Client()
    assert anonymous.post(f"{BASE}/upload", {}).status_code in {401, 403}
    officer = client_for(Role.OFFICER)
    response = officer.post(
        f"{BASE}/upload",
        {
            "agency": agency.slug,
            "number": "GO 2",
            "label": "1",
            "document": SimpleUploadedFile("c.txt", CODE_2021.encode()),
        },
    )
    assert response.status_code == 403
    investigator = client_for(Role.INVESTIGATOR)
    with django_capture_on_commit_callbacks(execute=True):
        response = investigator.post(
            f"{BASE}/upload",
            {
                "agency": agency.slug,
                "number": "GO 2",
                "label": "1",
                "document": SimpleUploadedFile("c.txt", CODE_2021.encode()),
            },
        )
    assert response.status_code == 202, response.content
    # Accepted before it is read: the client polls the version until it is ready.
    version_id = response.json()["id"]
    assert investigator.get(f"{BASE}/versions/{version_id}").json()["status"] == "ready"


def test_upload_with_unknown_agency_is_422(client_for):
    response = client_for(Role.ADMINISTRATOR).post(
        f"{BASE}/upload",
        {
            "agency": "nowhere",
            "number": "1",
            "label": "1",
            "document": SimpleUploadedFile("c.txt", b"x"),
        },
    )
    assert response.status_code == 422
    assert "nowhere" in response.json()["detail"]


def test_api_review(code_versions, client_for):
    from upstander.policies.models import Finding

    finding = Finding.objects.filter(assessment__version=code_versions[1]).first()
    url = f"{BASE}/findings/{finding.pk}/review"
    oversight = client_for(Role.OVERSIGHT)
    bad = oversight.post(
        url, {"decision": "overridden", "reason": "x"}, content_type="application/json"
    )
    assert bad.status_code == 422
    good = oversight.post(
        url,
        {"decision": "overridden", "status": "not_met", "reason": "Only 'may'."},
        content_type="application/json",
    )
    assert good.status_code == 200
    assert good.json()["status"] == "not_met"


def test_api_csrf_enforced_for_session_writes(code_versions, make_user):
    from upstander.policies.models import Finding

    user = make_user(Role.OVERSIGHT)
    client = Client(enforce_csrf_checks=True)
    client.force_login(user)
    finding = Finding.objects.filter(assessment__version=code_versions[1]).first()
    response = client.post(
        f"{BASE}/findings/{finding.pk}/review",
        {"decision": "confirmed", "reason": "ok"},
        content_type="application/json",
    )
    assert response.status_code == 403


@pytest.mark.parametrize("body", ["{", "[]", '{"decision": 5}', "null"])
def test_malformed_json_is_4xx(code_versions, client_for, body):
    from upstander.policies.models import Finding

    finding = Finding.objects.filter(assessment__version=code_versions[1]).first()
    response = client_for(Role.OVERSIGHT).post(
        f"{BASE}/findings/{finding.pk}/review", body, content_type="application/json"
    )
    assert 400 <= response.status_code < 500
