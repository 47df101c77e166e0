"""Writes: validation, audit events, anonymous complaints."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal

import pytest

from upstander.audit.models import AuditEvent
from upstander.records.models import AllegationCategory, Finding, Officer
from upstander.records.services import (
    AllegationIn,
    InvolvedOfficerIn,
    RecordError,
    allegation_category_get_or_create,
    allegation_find,
    complaint_create,
    discipline_record,
    force_report_create,
    legal_outcome_record,
    officer_link,
)

pytestmark = pytest.mark.django_db


def test_writes_are_audited(records):
    actions = list(AuditEvent.objects.values_list("action", flat=True))
    for action in (
        "force-report-created",
        "complaint-created",
        "allegation-found",
        "discipline-recorded",
        "legal-outcome-recorded",
    ):
        assert action in actions
    found = AuditEvent.objects.get(action="allegation-found")
    assert found.before == {"recommended_finding": "", "final_finding": "pending"}
    assert found.after["final_finding"] == "sustained"


def test_standard_categories_exist(db):
    names = set(AllegationCategory.objects.filter(standard=True).values_list("name", flat=True))
    assert names == {
        "Bias-based policing",
        "Discourtesy",
        "Excessive use of force",
        "Harassment",
        "Improper member conduct",
        "Improper procedure",
    }


def test_agencies_may_add_categories(db):
    custom = allegation_category_get_or_create(name="  Untruthful   statement ")
    assert custom.name == "Untruthful statement"
    assert not custom.standard
    assert allegation_category_get_or_create(name="untruthful statement") == custom


def test_anonymous_complaints_keep_no_complainant(agency):
    category = AllegationCategory.objects.get(slug="discourtesy")
    complaint = complaint_create(
        agency=agency,
        number="A-1",
        source="anonymous",
        complainant_name="Should vanish",
        allegations=[AllegationIn(category=category)],
    )
    assert complaint.complainant_name == ""


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"source": "rumour"}, "Unknown source"),
        ({"allegations": []}, "at least one allegation"),
        ({"number": "C-North"}, "already has a complaint"),
    ],
)
def test_complaint_refusals(records, agency, changes, message):
    category = AllegationCategory.objects.get(slug="discourtesy")
    arguments = {
        "agency": agency,
        "number": "C-9",
        "source": "public",
        "allegations": [AllegationIn(category=category)],
        **changes,
    }
    with pytest.raises(RecordError, match=message):
        complaint_create(**arguments)


def test_force_report_refusals(records, agency):
    other = Officer.objects.create(
        agency=records["north"].agency, first_name="A", last_name="B", badge_number="3"
    )
    when = datetime(2024, 1, 1, tzinfo=UTC)
    with pytest.raises(RecordError, match="Unknown role"):
        force_report_create(
            agency=agency,
            report_number="R-9",
            occurred_at=when,
            officers=[InvolvedOfficerIn(officer=other, role="bystander")],
        )
    with pytest.raises(RecordError, match="already has a report"):
        force_report_create(agency=agency, report_number="R-North", occurred_at=when)


def test_findings_and_discipline_rules(records):
    south = records["complaints"]["South"].allegations.get()
    with pytest.raises(RecordError, match="Unknown finding"):
        allegation_find(allegation=south, final_finding="guilty")
    with pytest.raises(RecordError, match="follows a sustained finding"):
        discipline_record(allegation=south, imposed="Reprimand")
    allegation_find(allegation=south, final_finding=Finding.EXONERATED)
    south.refresh_from_db()
    assert south.final_finding == "exonerated"


def test_legal_outcome_refusals(agency):
    with pytest.raises(RecordError, match="Unknown outcome"):
        legal_outcome_record(agency=agency, kind="rumour")
    with pytest.raises(RecordError, match="negative"):
        legal_outcome_record(agency=agency, kind="settlement", amount=Decimal("-1"))


def test_officer_link_keeps_evidence_and_refuses_relinking(records):
    link = officer_link(
        officer=records["north"],
        source="hr",
        source_key="E1",
        evidence={"on": "name and date of birth"},
    )
    assert link.evidence == {"on": "name and date of birth"}
    with pytest.raises(RecordError, match="already linked"):
        officer_link(officer=records["south"], source="hr", source_key="E1", evidence={})


def test_report_records_the_force_policy_in_force_that_day(agency):
    from upstander.policies.models import Policy, PolicyVersion

    policy = Policy.objects.create(agency=agency, number="300", title="Use of Force")
    Policy.objects.create(agency=agency, number="100", title="Code of Conduct").versions.create(
        label="2019", effective_from=datetime(2019, 1, 1).date()
    )
    old = PolicyVersion.objects.create(
        policy=policy,
        label="2019",
        effective_from=datetime(2019, 1, 1).date(),
        effective_to=datetime(2020, 6, 30).date(),
    )
    new = PolicyVersion.objects.create(
        policy=policy, label="2020", effective_from=datetime(2020, 7, 1).date()
    )
    before = force_report_create(
        agency=agency, report_number="P-1", occurred_at=datetime(2020, 3, 1, tzinfo=UTC)
    )
    after = force_report_create(
        agency=agency, report_number="P-2", occurred_at=datetime(2021, 3, 1, tzinfo=UTC)
    )
    early = force_report_create(
        agency=agency, report_number="P-3", occurred_at=datetime(2010, 3, 1, tzinfo=UTC)
    )
    assert before.policy_version == old
    assert after.policy_version == new
    assert early.policy_version is None
