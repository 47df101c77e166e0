"""The records API: access by role, filters, confidential fields, entry, and 4xx on bad input."""

from __future__ import annotations

import json

import pytest
from django.test import Client

from tests.access import assert_access
from upstander.accounts.roles import Role
from upstander.records.models import Complaint, UseOfForceReport

pytestmark = pytest.mark.django_db
BASE = "/api/v1/records"
STAFF_WIDE = [Role.INVESTIGATOR, Role.OVERSIGHT, Role.ADMINISTRATOR]


def _numbers(response, key="report_number"):
    return {item[key] for item in response.json()["items"]}


def test_force_report_list_access(records, client_for):
    assert_access(
        f"{BASE}/force-reports",
        client_for=client_for,
        allowed=STAFF_WIDE,
        constrained=[Role.OFFICER, Role.SUPERVISOR],
        unit=records["units"]["South"],
        visible=lambda response: "R-North" in _numbers(response),
    )


def test_force_report_detail_access(records, client_for):
    report = records["reports"]["North"]
    assert_access(
        f"{BASE}/force-reports/{report.pk}",
        client_for=client_for,
        allowed=STAFF_WIDE,
        unit=records["units"]["South"],
    )


def test_officer_profile_access_and_content(records, client_for):
    north = records["north"]
    assert_access(
        f"{BASE}/officers/{north.pk}/profile",
        client_for=client_for,
        allowed=STAFF_WIDE,
        unit=records["units"]["South"],
    )
    profile = client_for(Role.INVESTIGATOR).get(f"{BASE}/officers/{north.pk}/profile").json()
    assert profile["force_reports_total"] == 1
    assert profile["recent_force_reports"][0]["role"] == "used_force"
    assert profile["findings"] == {"sustained": 1}
    assert profile["recent_allegations"][0]["discipline"] == ["5-day suspension"]
    assert [n["last_name"] for n in profile["names"]] == ["Northe"]
    assert profile["legal_outcomes"][0]["kind"] == "civil_suit"
    # An officer of the same unit sees the profile but no complaints (no complaint grant).
    same_unit = client_for(Role.OFFICER, unit=records["units"]["North"])
    own = same_unit.get(f"{BASE}/officers/{north.pk}/profile").json()
    assert own["force_reports_total"] == 1
    assert own["allegations_total"] == 0


def test_complaint_list_access(records, client_for):
    assert_access(
        f"{BASE}/complaints",
        client_for=client_for,
        allowed=STAFF_WIDE,
        constrained=[Role.SUPERVISOR],
        unit=records["units"]["South"],
        visible=lambda response: "C-North" in _numbers(response, "number"),
    )


def test_complaint_confidential_fields_only_for_investigators(records, client_for):
    complaint = records["complaints"]["North"]
    url = f"{BASE}/complaints/{complaint.pk}"
    investigator = client_for(Role.INVESTIGATOR).get(url).json()
    assert investigator["complainant_name"] == "Complainant North"
    assert investigator["summary"] == "Summary North"
    oversight = client_for(Role.OVERSIGHT).get(url).json()
    assert oversight["complainant_name"] is None
    assert oversight["summary"] is None
    assert oversight["allegations"][0]["final_finding"] == "sustained"
    from upstander.audit.models import AuditEvent

    assert AuditEvent.objects.filter(action="confidential-record-viewed").count() == 1


def test_filters(records, client_for):
    client = client_for(Role.INVESTIGATOR)
    north, unit = records["north"], records["units"]["North"]
    assert _numbers(client.get(f"{BASE}/force-reports?officer={north.pk}")) == {"R-North"}
    assert _numbers(client.get(f"{BASE}/force-reports?unit={unit.pk}")) == {"R-North"}
    assert _numbers(client.get(f"{BASE}/force-reports?force_type=taser")) == {"R-North"}
    assert _numbers(client.get(f"{BASE}/force-reports?since=2025-01-01")) == set()
    assert len(_numbers(client.get(f"{BASE}/force-reports?agency=test-city&limit=1"))) == 1
    found = client.get(f"{BASE}/complaints?finding=sustained")
    assert _numbers(found, "number") == {"C-North"}
    found = client.get(f"{BASE}/complaints?category=excessive-force&officer={north.pk}")
    assert _numbers(found, "number") == {"C-North"}
    officers = client.get(f"{BASE}/officers?name=sou").json()["items"]
    assert [o["last_name"] for o in officers] == ["South"]


@pytest.mark.parametrize(
    "query",
    [
        "/force-reports?since=yesterday",
        "/force-reports?limit=0",
        "/force-reports?limit=100000",
        "/force-reports?offset=-1",
        "/force-reports?officer=abc",
        "/force-reports?since=2024-02-01&until=2024-01-01",
        "/complaints?since=2024-13-01",
        "/shootings?state=Washington",
        "/officers?name=x",
        "/officers/notanumber/profile",
        "/officers/999999/profile",
        "/complaints/999999",
        "/force-reports/99999999999999999999",
    ],
)
def test_malformed_requests_get_4xx_with_a_message(records, client_for, query):
    response = client_for(Role.INVESTIGATOR).get(BASE + query)
    assert 400 <= response.status_code < 500
    if response.headers.get("Content-Type", "").startswith("application/json"):
        assert response.json()["detail"]


def _post(client: Client, path: str, body: object):
    return client.post(BASE + path, data=json.dumps(body), content_type="application/json")


def test_force_report_entry(records, client_for, agency):
    supervisor = client_for(Role.SUPERVISOR, unit=records["units"]["North"])
    body = {
        "agency": agency.slug,
        "report_number": "R-NEW",
        "occurred_at": "2024-06-01T10:00:00Z",
        "unit_id": records["units"]["North"].pk,
        "force_types": ["takedown"],
        "warning_given": True,
        "camera_status": "recorded",
        "narrative": "Entered through the API.",
        "officers": [
            {"officer_id": records["north"].pk, "role": "used_force"},
        ],
    }
    response = _post(supervisor, "/force-reports", body)
    assert response.status_code == 201, response.content
    data = response.json()
    assert data["involved"][0]["role"] == "used_force"
    assert data["narrative"] == "Entered through the API."
    assert UseOfForceReport.objects.filter(report_number="R-NEW").exists()
    assert _post(supervisor, "/force-reports", body).status_code == 422  # same number
    officer = client_for(Role.OFFICER, unit=records["units"]["North"])
    assert _post(officer, "/force-reports", {**body, "report_number": "R-X"}).status_code == 403
    bad_role = {**body, "report_number": "R-Y", "officers": [{"officer_id": 1, "role": "x"}]}
    assert _post(supervisor, "/force-reports", bad_role).status_code == 422
    assert _post(supervisor, "/force-reports", {"agency": "nowhere"}).status_code == 422
    assert supervisor.post(
        BASE + "/force-reports", data="{not json", content_type="application/json"
    ).status_code in (400, 422)


def test_complaint_intake(records, client_for, agency):
    investigator = client_for(Role.INVESTIGATOR)
    body = {
        "agency": agency.slug,
        "number": "C-NEW",
        "source": "public",
        "complainant_name": "R. Person",
        "allegations": [
            {"category": "discourtesy", "officer_id": records["south"].pk, "description": "Rude"}
        ],
    }
    response = _post(investigator, "/complaints", body)
    assert response.status_code == 201, response.content
    assert response.json()["complainant_name"] == "R. Person"
    assert Complaint.objects.get(number="C-NEW").allegations.get().category.slug == "discourtesy"
    oversight = client_for(Role.OVERSIGHT)
    assert _post(oversight, "/complaints", {**body, "number": "C-2"}).status_code == 403
    unknown = {**body, "number": "C-3", "allegations": [{"category": "nope"}]}
    assert _post(investigator, "/complaints", unknown).status_code == 422
    assert _post(investigator, "/complaints", {**body, "allegations": []}).status_code == 422


def test_stats_and_import_runs(records, client_for):
    stats = client_for(Role.INVESTIGATOR).get(f"{BASE}/stats").json()
    assert stats["totals"]["force_reports"] == 2
    assert {row["category"] for row in stats["allegations"]} == {"Excessive use of force"}
    assert stats["force_reports"][0]["year"] == 2024
    officer_stats = client_for(Role.OFFICER, unit=records["units"]["North"]).get(f"{BASE}/stats")
    assert officer_stats.json()["totals"]["force_reports"] == 1
    assert officer_stats.json()["totals"]["complaints"] == 0
    assert Client().get(f"{BASE}/stats").status_code == 401
    runs = client_for(Role.OVERSIGHT).get(f"{BASE}/import-runs")
    assert runs.status_code == 200


def test_unit_scoped_supervisor_cannot_enter_reports_for_another_unit(records, client_for, agency):
    supervisor = client_for(Role.SUPERVISOR, unit=records["units"]["North"])
    body = {
        "agency": agency.slug,
        "report_number": "R-ELSEWHERE",
        "occurred_at": "2024-06-01T10:00:00Z",
        "unit_id": records["units"]["South"].pk,
    }
    assert _post(supervisor, "/force-reports", body).status_code == 403
    assert not UseOfForceReport.objects.filter(report_number="R-ELSEWHERE").exists()
