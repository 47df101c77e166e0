"""Retaliation monitoring: protection windows, flags, scan, resolution."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied

from upstander.audit.models import AuditEvent
from upstander.intervention.errors import InterventionError
from upstander.intervention.models import AdversePersonnelEvent, ProtectedPerson, RetaliationFlag
from upstander.intervention.retaliation import (
    add_months,
    adverse_event_record,
    protection_start,
    retaliation_flag_resolve,
    retaliation_scan,
)

pytestmark = pytest.mark.django_db


def test_add_months_clamps_to_month_end():
    assert add_months(date(2024, 1, 31), 1) == date(2024, 2, 29)
    assert add_months(date(2024, 5, 1), 24) == date(2026, 5, 1)
    assert add_months(date(2024, 12, 15), 1) == date(2025, 1, 15)


def test_event_inside_window_is_flagged_outside_is_not(scene, administrator):
    protection_start(officer=scene.reporter, basis="reported", starts_on=date(2024, 1, 10))
    _before, flags = adverse_event_record(
        actor=administrator, officer=scene.reporter, kind="transfer", occurred_on=date(2024, 1, 9)
    )
    assert flags == []
    _inside, flags = adverse_event_record(
        actor=administrator,
        officer=scene.reporter,
        kind="poor_evaluation",
        occurred_on=date(2025, 6, 1),
    )
    assert len(flags) == 1
    assert "Poor evaluation" in flags[0].reason
    assert "reported misconduct (confidential)" in flags[0].reason
    _after, flags = adverse_event_record(
        actor=administrator,
        officer=scene.reporter,
        kind="denied_overtime",
        occurred_on=date(2026, 1, 11),
    )
    assert flags == []
    _other, flags = adverse_event_record(
        actor=administrator, officer=scene.witness, kind="transfer", occurred_on=date(2025, 6, 1)
    )
    assert flags == []


def test_scan_flags_events_recorded_before_protection(scene, administrator):
    AdversePersonnelEvent.objects.create(
        officer=scene.witness, kind="discipline", occurred_on=date(2025, 3, 3)
    )
    ProtectedPerson.objects.create(
        officer=scene.witness,
        basis="testified",
        starts_on=date(2025, 1, 1),
        ends_on=date(2027, 1, 1),
    )
    assert len(retaliation_scan()) == 1
    assert retaliation_scan() == []  # idempotent
    assert RetaliationFlag.objects.count() == 1


def test_new_protection_flags_existing_events(scene, administrator):
    adverse_event_record(
        actor=administrator, officer=scene.witness, kind="transfer", occurred_on=date(2025, 3, 3)
    )
    protection_start(officer=scene.witness, basis="testified", starts_on=date(2025, 3, 1))
    assert RetaliationFlag.objects.count() == 1


def test_resolution_is_oversight_only_and_audited(scene, administrator, oversight, investigator):
    protection_start(officer=scene.reporter, basis="intervened", starts_on=date(2025, 1, 1))
    _, (flag,) = adverse_event_record(
        actor=administrator, officer=scene.reporter, kind="transfer", occurred_on=date(2025, 2, 1)
    )
    for actor in (administrator, investigator):
        with pytest.raises(PermissionDenied):
            retaliation_flag_resolve(actor=actor, flag=flag, status="referred", note="n")
    with pytest.raises(InterventionError):
        retaliation_flag_resolve(actor=oversight, flag=flag, status="referred", note=" ")
    retaliation_flag_resolve(actor=oversight, flag=flag, status="referred", note="Investigate")
    flag.refresh_from_db()
    assert flag.status == "referred"
    assert flag.resolved_on is not None
    event = AuditEvent.objects.get(action="retaliation-flag-resolved")
    assert event.actor == oversight
    assert event.before == {"status": "open"}


def test_supervisor_records_only_for_own_unit(scene, make_user):
    from upstander.accounts.roles import Role

    supervisor = make_user(Role.SUPERVISOR, unit=scene.north)
    adverse_event_record(
        actor=supervisor, officer=scene.witness, kind="shift_change", occurred_on=date(2025, 1, 1)
    )
    with pytest.raises(PermissionDenied):
        adverse_event_record(
            actor=supervisor,
            officer=scene.reporter,
            kind="shift_change",
            occurred_on=date(2025, 1, 1),
        )


def test_colleague_complaint_against_protected_officer_is_flagged(scene, investigator):
    from upstander.records.models import Allegation as RecordsAllegation
    from upstander.records.models import AllegationCategory, Complaint

    protection_start(officer=scene.reporter, basis="intervened", starts_on=date(2025, 1, 1))
    category = AllegationCategory.objects.first() or AllegationCategory.objects.create(
        slug="conduct", name="Conduct"
    )
    internal = Complaint.objects.create(
        agency=scene.agency, number="IA-25-001", source="internal", received_on=date(2025, 3, 1)
    )
    public = Complaint.objects.create(
        agency=scene.agency, number="CR-25-002", source="public", received_on=date(2025, 3, 1)
    )
    for complaint in (internal, public):
        RecordsAllegation.objects.create(
            complaint=complaint, officer=scene.reporter, category=category
        )
    (flag,) = retaliation_scan()
    assert flag.event.kind == "colleague_complaint"
    assert flag.event.complaint_id == internal.pk
    assert retaliation_scan() == []
    assert AdversePersonnelEvent.objects.count() == 1


def test_case_links_a_complaint_by_number(scene, investigator):
    from upstander.intervention import services
    from upstander.records.models import Complaint

    complaint = Complaint.objects.create(agency=scene.agency, number="IA-25-009")
    case = services.case_open(actor=investigator, title="t")
    services.case_link(actor=investigator, case=case, incident=None, complaint_number="IA-25-009")
    assert case.complaint_id == complaint.pk
    with pytest.raises(InterventionError, match="No complaint numbered"):
        services.case_link(actor=investigator, case=case, incident=None, complaint_number="X")
