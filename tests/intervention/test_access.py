"""Permission matrix: every page and endpoint of the feature, for every role and anonymous."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from upstander.accounts.roles import Role
from upstander.audit.models import AuditEvent
from upstander.intervention import services
from upstander.intervention.models import (
    AdversePersonnelEvent,
    FailureToInterveneReview,
    InterventionRecord,
    RetaliationFlag,
)
from upstander.intervention.retaliation import adverse_event_record

from ..access import assert_access
from .conftest import REPORTER_NAME

pytestmark = pytest.mark.django_db

# Interventions are recognition material: never the disciplinary investigators'.
RECOGNITION = {Role.OFFICER, Role.SUPERVISOR, Role.OVERSIGHT, Role.ADMINISTRATOR}
INV_OVS = {Role.INVESTIGATOR, Role.OVERSIGHT}


@pytest.fixture
def world(scene, investigator, administrator) -> dict[str, Any]:
    """A case in findings with a sustained allegation, a review and an open retaliation flag."""
    report, _ = services.report_submit(
        channel="confidential",
        source="member",
        summary="Strikes on a cuffed man",
        description="Seen from the car",
        identity={"name": REPORTER_NAME},
        reporter_officer=scene.reporter,
    )
    case = report.case
    services.case_link(actor=investigator, case=case, incident=scene.incident)
    allegation = services.allegation_add(
        actor=investigator, case=case, officer=scene.force_user, kind="excessive_force"
    )
    for state in ("triage", "assigned", "investigation", "findings"):
        case = services.case_transition(
            actor=investigator,
            case=case,
            to_state=state,
            assignee=investigator if state == "assigned" else None,
        )
    services.allegation_finding_record(
        actor=investigator, allegation=allegation, finding="sustained"
    )
    record = services.intervention_record(
        actor=administrator,
        officer=scene.intervener,
        kind="force",
        occurred_at=datetime(2024, 5, 1, 22, 5, tzinfo=UTC),
        action_taken="Pulled him back",
        outcome="Stopped",
    )
    _event, flags = adverse_event_record(
        actor=administrator,
        officer=scene.reporter,
        kind=AdversePersonnelEvent.Kind.TRANSFER,
        occurred_on=datetime.now(UTC).date(),
    )
    assert flags
    return {
        "case": case,
        "allegation": allegation,
        "review": FailureToInterveneReview.objects.order_by("pk").first(),
        "record": record,
        "flag": flags[0],
    }


def _pages(world: dict[str, Any]) -> list[tuple[str, set[Role] | None]]:
    """(url, roles allowed; None = everyone including anonymous)."""
    case = world["case"].pk
    return [
        (reverse("intervention:report_start"), None),
        (reverse("intervention:report_anonymous"), None),
        (reverse("intervention:report_confidential"), None),
        (reverse("intervention:follow_up"), None),
        (reverse("intervention:interventions"), RECOGNITION),
        (
            reverse("intervention:intervention_new"),
            {Role.OFFICER, Role.SUPERVISOR, Role.ADMINISTRATOR},
        ),
        (reverse("intervention:cases"), INV_OVS),
        (reverse("intervention:cases") + "?overdue=1", INV_OVS),
        (reverse("intervention:case_detail", args=[case]), INV_OVS),
        (reverse("intervention:fti_reviews"), INV_OVS),
        (
            reverse("intervention:adverse_events"),
            {Role.SUPERVISOR, Role.INVESTIGATOR, Role.OVERSIGHT, Role.ADMINISTRATOR},
        ),
        (reverse("intervention:retaliation"), {Role.OVERSIGHT}),
        ("/api/v1/intervention/interventions", RECOGNITION),
        ("/api/v1/intervention/cases", INV_OVS),
        ("/api/v1/intervention/cases?overdue=true", INV_OVS),
        (f"/api/v1/intervention/cases/{case}", INV_OVS),
        ("/api/v1/intervention/reviews", INV_OVS),
        ("/api/v1/intervention/retaliation-flags", {Role.OVERSIGHT}),
    ]


def test_every_page_and_read_endpoint(world, client_for, scene):
    for url, allowed in _pages(world):
        if allowed is None:
            assert Client().get(url).status_code == 200, url
            for role in Role:
                assert client_for(role).get(url).status_code == 200, (role, url)
            continue
        assert_access(url, client_for=client_for, allowed=allowed, unit=scene.north)


def _posts(world: dict[str, Any], scene) -> list[tuple[str, str, dict[str, Any], set[Role]]]:
    """(kind, url, data, roles that may do it). kind is 'web' (form) or 'api' (JSON)."""
    case = world["case"].pk
    return [
        ("web", reverse("intervention:allegation_finding", args=[case, world["allegation"].pk]),
         {"finding": "sustained"}, {Role.INVESTIGATOR}),
        ("web", reverse("intervention:case_transition", args=[case]),
         {"to_state": "investigation"}, {Role.INVESTIGATOR}),
        ("web", reverse("intervention:allegation_add", args=[case]),
         {"officer": scene.force_user.pk, "kind": "misconduct"}, {Role.INVESTIGATOR}),
        ("web", reverse("intervention:case_link", args=[case]),
         {"incident": scene.incident.pk}, {Role.INVESTIGATOR}),
        ("web", reverse("intervention:case_witness", args=[case]),
         {"witness-officer": scene.witness.pk}, {Role.INVESTIGATOR}),
        ("web", reverse("intervention:case_message", args=[case]),
         {"body": "Can you describe the car?"}, {Role.INVESTIGATOR}),
        ("web", reverse("intervention:case_reveal", args=[case]),
         {"reason": "Interview the reporter"}, {Role.INVESTIGATOR}),
        ("web", reverse("intervention:fti_review_decide", args=[world["review"].pk]),
         {"decision": "training", "reason": "Was new"}, {Role.INVESTIGATOR}),
        ("web", reverse("intervention:retaliation_flag_resolve", args=[world["flag"].pk]),
         {"status": "no_retaliation", "note": "Requested transfer"}, {Role.OVERSIGHT}),
        ("web", reverse("intervention:intervention_recognise", args=[world["record"].pk]),
         {"note": "Well done"}, {Role.OVERSIGHT, Role.ADMINISTRATOR}),
        ("web", reverse("intervention:adverse_events"),
         {"officer": scene.witness.pk, "kind": "transfer", "occurred_on": "2025-01-02"},
         {Role.SUPERVISOR, Role.INVESTIGATOR, Role.OVERSIGHT, Role.ADMINISTRATOR}),
        ("web", reverse("intervention:intervention_new"),
         {"officer": scene.intervener.pk, "kind": "force", "occurred_at": "2024-05-01T22:05",
          "action_taken": "Stepped in", "outcome": "Stopped"},
         {Role.SUPERVISOR, Role.ADMINISTRATOR}),
        ("api", f"/api/v1/intervention/cases/{case}/transition",
         {"to_state": "findings"}, {Role.INVESTIGATOR}),
        ("api", f"/api/v1/intervention/cases/{case}/reveal",
         {"reason": "Interview the reporter"}, {Role.INVESTIGATOR}),
        ("api", f"/api/v1/intervention/reviews/{world['review'].pk}/decide",
         {"decision": "training", "reason": "New"}, {Role.INVESTIGATOR}),
        ("api", f"/api/v1/intervention/retaliation-flags/{world['flag'].pk}/resolve",
         {"status": "referred", "note": "Look"}, {Role.OVERSIGHT}),
        ("api", "/api/v1/intervention/personnel-events",
         {"officer_id": scene.witness.pk, "kind": "transfer", "occurred_on": "2025-01-02"},
         {Role.SUPERVISOR, Role.INVESTIGATOR, Role.OVERSIGHT, Role.ADMINISTRATOR}),
        ("api", "/api/v1/intervention/interventions",
         {"officer_id": scene.intervener.pk, "kind": "force",
          "occurred_at": "2024-05-01T22:05:00Z", "action_taken": "In", "outcome": "Out"},
         {Role.SUPERVISOR, Role.ADMINISTRATOR}),
    ]  # fmt: skip


def _post(client: Client, kind: str, url: str, data: dict[str, Any]) -> Any:
    if kind == "api":
        return client.post(url, json.dumps(data), content_type="application/json")
    return client.post(url, data)


def test_every_write(world, client_for, scene):
    for kind, url, data, allowed in _posts(world, scene):
        anonymous = _post(Client(), kind, url, data)
        assert anonymous.status_code in ({401} if kind == "api" else {302}), url
        assert _post(client_for(), kind, url, data).status_code in {403, 404}, url
        denied = [role for role in Role if role not in allowed and role is not Role.PUBLIC]
        for role in denied:
            client = client_for(role, unit=scene.north)
            writes = AuditEvent.objects.exclude(action="user-created").count()
            response = _post(client, kind, url, data)
            # A form that offers a role nothing to choose refuses with 400; never a write.
            assert response.status_code in {400, 403, 404}, (role, url, response.status_code)
            assert AuditEvent.objects.exclude(action="user-created").count() == writes, (role, url)
        role = sorted(allowed)[0]
        response = _post(client_for(role, unit=scene.north), kind, url, data)
        assert response.status_code in {200, 201, 302}, (role, url, response.status_code)


def test_officer_sees_only_own_interventions(world, scene, make_user):
    from upstander.accounts.models import UserProfile

    mine = make_user(Role.OFFICER, unit=scene.north)
    UserProfile.objects.filter(user=mine).update(officer=scene.intervener)
    other = make_user(Role.OFFICER, unit=scene.north)
    for user, count in ((mine, 1), (other, 0)):
        client = Client()
        client.force_login(user)
        data = client.get("/api/v1/intervention/interventions").json()
        assert data["count"] == count
    supervisor = make_user(Role.SUPERVISOR, unit=scene.north)
    client = Client()
    client.force_login(supervisor)
    # Not the chain of command's disciplinary material: a supervisor sees only what they entered.
    assert client.get("/api/v1/intervention/interventions").json()["count"] == 0


def test_flags_never_reach_the_recorder(world, scene, make_user):
    supervisor = make_user(Role.SUPERVISOR, unit=scene.south)
    client = Client()
    client.force_login(supervisor)
    response = client.post(
        reverse("intervention:adverse_events"),
        {
            "officer": scene.reporter.pk,
            "kind": "shift_change",
            "occurred_on": datetime.now(UTC).date().isoformat(),
        },
    )
    assert response.status_code == 302
    assert RetaliationFlag.objects.count() == 2
    page = client.get(reverse("intervention:adverse_events"))
    assert b"flag" not in page.content.lower().replace(b"flagged to oversight", b"")
    assert client.get(reverse("intervention:retaliation")).status_code == 403


def test_officer_cannot_record_for_a_colleague(scene, client_for, officer_user):
    client = Client()
    client.force_login(officer_user)
    data = {
        "officer": scene.witness.pk,
        "kind": "force",
        "occurred_at": "2024-05-01T22:05",
        "action_taken": "x",
        "outcome": "y",
    }
    response = client.post(reverse("intervention:intervention_new"), data)
    assert response.status_code == 400
    data["officer"] = scene.reporter.pk
    assert client.post(reverse("intervention:intervention_new"), data).status_code == 302
    assert InterventionRecord.objects.get().officer == scene.reporter
