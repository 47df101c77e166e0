"""The casework API: findings, discipline, legal outcomes and link review; access and 4xx."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.test import Client

from tests.access import assert_access
from tests.records.test_casework import CASEWORKERS, assert_post_access, matched_link
from upstander.accounts.roles import Role
from upstander.audit.models import AuditEvent
from upstander.records.models import LegalOutcome, OfficerSourceLink

pytestmark = pytest.mark.django_db
BASE = "/api/v1/records"


def post(client: Client, url: str, body: Any) -> Any:
    data = body if isinstance(body, str) else json.dumps(body)
    return client.post(url, data, content_type="application/json")


@pytest.fixture
def link(records: dict[str, Any]) -> OfficerSourceLink:
    """A link an import made by matching North's name from another dataset."""
    OfficerSourceLink.objects.create(
        officer=records["north"], source="cpdp:accused", source_key="1", evidence={}
    )
    return matched_link(
        records["north"],
        source="county-ledger",
        key="L-9",
        matched="cpdp:accused:1",
        first_name="Nora",
        last_name="North",
    )


def test_record_a_finding(records, client_for):
    allegation = records["complaints"]["South"].allegations.get()
    client = client_for(Role.INVESTIGATOR)
    response = post(
        client,
        f"{BASE}/allegations/{allegation.pk}/finding",
        {"recommended_finding": "sustained", "final_finding": "exonerated"},
    )
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["id"] == allegation.pk
    assert (body["recommended_finding"], body["final_finding"]) == ("sustained", "exonerated")
    event = AuditEvent.objects.filter(action="allegation-found").latest("id")
    assert event.actor_id == client.user.pk
    assert event.object_id == str(allegation.pk)


@pytest.mark.parametrize(
    ("body", "status", "detail"),
    [
        ({"final_finding": "guilty"}, 422, "Unknown finding 'guilty'"),
        ({"final_finding": "sustained", "recommended_finding": "maybe"}, 422, "Unknown finding"),
        ({"final_finding": ""}, 422, "The request is not valid."),
        ({}, 422, "The request is not valid."),
        ({"final_finding": ["sustained"]}, 422, "The request is not valid."),
        ("{not json", 400, ""),
    ],
)
def test_malformed_finding_is_a_4xx_with_a_message(records, client_for, body, status, detail):
    allegation = records["complaints"]["South"].allegations.get()
    response = post(
        client_for(Role.INVESTIGATOR), f"{BASE}/allegations/{allegation.pk}/finding", body
    )
    assert response.status_code == status, response.content
    assert response.json()["detail"]
    assert detail in response.json()["detail"]
    allegation.refresh_from_db()
    assert allegation.final_finding == "pending"


def test_unknown_allegation_is_404(records, client_for):
    response = post(client_for(Role.INVESTIGATOR), f"{BASE}/allegations/99999/finding", {})
    assert response.status_code in {404, 422}
    response = post(
        client_for(Role.INVESTIGATOR),
        f"{BASE}/allegations/99999/finding",
        {"final_finding": "sustained"},
    )
    assert response.status_code == 404


def test_supervisor_who_sees_the_complaint_is_refused_with_403(records, client_for):
    allegation = records["complaints"]["North"].allegations.get()
    supervisor = client_for(Role.SUPERVISOR, unit=records["units"]["North"])
    url = f"{BASE}/allegations/{allegation.pk}/finding"
    response = post(supervisor, url, {"final_finding": "unfounded"})
    assert response.status_code == 403
    assert "may not record findings" in response.json()["detail"]
    other_unit = client_for(Role.SUPERVISOR, unit=records["units"]["South"])
    assert post(other_unit, url, {"final_finding": "unfounded"}).status_code == 404


def test_record_discipline(records, client_for):
    allegation = records["complaints"]["North"].allegations.get()
    url = f"{BASE}/allegations/{allegation.pk}/discipline"
    client = client_for(Role.ADMINISTRATOR)
    response = post(
        client,
        url,
        {"imposed": "10-day suspension", "suspension_days": 10, "decided_on": "2024-07-01"},
    )
    assert response.status_code == 201, response.content
    assert response.json()["suspension_days"] == 10
    assert response.json()["allegation_id"] == allegation.pk
    assert allegation.discipline.filter(imposed="10-day suspension").exists()
    assert AuditEvent.objects.filter(action="discipline-recorded", actor=client.user).exists()
    for body, detail in [
        ({"imposed": ""}, "imposed or recommended"),
        ({"imposed": "x", "suspension_days": -1}, "not valid"),
        ({"imposed": "x", "suspension_days": 40000}, "not valid"),
        ({"imposed": "x", "decided_on": "2024-13-40"}, "not valid"),
        ({"imposed": "x" * 201}, "not valid"),
    ]:
        response = post(client, url, body)
        assert response.status_code == 422, body
        assert detail in response.json()["detail"]


def test_discipline_on_a_pending_allegation_is_422(records, client_for):
    allegation = records["complaints"]["South"].allegations.get()
    response = post(
        client_for(Role.INVESTIGATOR),
        f"{BASE}/allegations/{allegation.pk}/discipline",
        {"imposed": "Reprimand"},
    )
    assert response.status_code == 422
    assert "record the finding first" in response.json()["detail"]


def test_record_a_legal_outcome(records, client_for):
    north = records["north"]
    url = f"{BASE}/officers/{north.pk}/legal-outcomes"
    client = client_for(Role.INVESTIGATOR)
    response = post(
        client,
        url,
        {
            "kind": "conviction",
            "case_number": "24-CR-7",
            "court": "Circuit Court",
            "filed_on": "2024-01-05",
            "resolved_on": "2024-09-30",
        },
    )
    assert response.status_code == 201, response.content
    assert response.json()["officer_id"] == north.pk
    assert response.json()["kind"] == "conviction"
    outcome = LegalOutcome.objects.get(case_number="24-CR-7")
    assert outcome.agency_id == north.agency_id
    event = AuditEvent.objects.filter(action="legal-outcome-recorded").latest("id")
    assert event.actor_id == client.user.pk
    assert event.data == {"kind": "conviction", "case_number": "24-CR-7"}
    for body, detail in [
        ({"kind": "pardon"}, "Unknown outcome 'pardon'"),
        ({"kind": "settlement", "amount": "-1"}, "not valid"),
        ({"kind": "settlement", "amount": "1e20"}, "not valid"),
        ({"kind": "settlement", "amount": "12.345"}, "not valid"),
        ({"kind": "charge", "filed_on": "2024-05-01", "resolved_on": "2024-01-01"}, "before"),
        ({"case_number": "no kind"}, "not valid"),
        # PostgreSQL cannot store NUL characters: refused before they reach it.
        ({"kind": "charge", "case_number": "a\u0000b"}, "not valid"),
    ]:
        response = post(client, url, body)
        assert response.status_code == 422, body
        assert detail in response.json()["detail"]
    assert post(
        client, f"{BASE}/officers/99999/legal-outcomes", {"kind": "charge"}
    ).status_code == (404)


def test_write_endpoints_access(records, client_for):
    north_unit = records["units"]["North"]
    finding = records["complaints"]["North"].allegations.get()
    assert_post_access(
        f"{BASE}/allegations/{finding.pk}/finding",
        {"final_finding": "sustained"},
        client_for=client_for,
        allowed=CASEWORKERS,
        success=200,
        unit=north_unit,
        json=True,
    )
    assert_post_access(
        f"{BASE}/allegations/{finding.pk}/discipline",
        {"imposed": "Counselling"},
        client_for=client_for,
        allowed=CASEWORKERS,
        success=201,
        unit=north_unit,
        json=True,
    )
    assert_post_access(
        f"{BASE}/officers/{records['north'].pk}/legal-outcomes",
        {"kind": "indictment", "case_number": "IND-1"},
        client_for=client_for,
        allowed=CASEWORKERS,
        success=201,
        unit=north_unit,
        json=True,
    )
    assert finding.discipline.filter(imposed="Counselling").count() == 2
    assert LegalOutcome.objects.filter(case_number="IND-1").count() == 2


def test_link_review_endpoints(link, records, client_for):
    assert_access(
        f"{BASE}/officer-links",
        client_for=client_for,
        allowed=CASEWORKERS,
        unit=records["units"]["North"],
    )
    assert_post_access(
        f"{BASE}/officer-links/{link.pk}/review",
        {"decision": "confirm"},
        client_for=client_for,
        allowed=CASEWORKERS,
        success=200,
        unit=records["units"]["North"],
        json=True,
    )
    client = client_for(Role.INVESTIGATOR)
    pending = client.get(f"{BASE}/officer-links").json()
    assert pending["count"] == 0  # confirmed above
    reviewed = client.get(f"{BASE}/officer-links?state=reviewed").json()["items"]
    assert [(item["source"], item["matched"]) for item in reviewed] == [
        ("county-ledger", "cpdp:accused:1")
    ]
    assert reviewed[0]["review"]["decision"] == "confirmed"
    assert client.get(f"{BASE}/officer-links?state=odd").status_code == 422


def test_split_through_the_api(link, records, client_for):
    client = client_for(Role.ADMINISTRATOR)
    url = f"{BASE}/officer-links/{link.pk}/review"
    assert post(client, url, {"decision": "merge"}).status_code == 422
    response = post(client, url, {"decision": "split"})
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["officer_id"] != records["north"].pk
    assert body["review"]["decision"] == "split"
    assert body["review"]["from_officer"] == records["north"].pk
    again = post(client, url, {"decision": "split"})
    assert again.status_code == 409
    assert "already split" in again.json()["detail"]
    unmatched = OfficerSourceLink.objects.get(source="cpdp:accused")
    response = post(client, f"{BASE}/officer-links/{unmatched.pk}/review", {"decision": "confirm"})
    assert response.status_code == 404
    assert AuditEvent.objects.filter(action="officer-link-split", actor=client.user).count() == 1
