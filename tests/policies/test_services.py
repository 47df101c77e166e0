from __future__ import annotations

from datetime import date

import pytest

from upstander.audit.models import AuditEvent
from upstander.audit.services import audit_verify
from upstander.policies.models import Finding, PolicySection, PolicyVersion
from upstander.policies.services import PolicyImportError, finding_review, policy_version_import

from .conftest import CODE_2019

pytestmark = pytest.mark.django_db


def test_import_stores_sections_dates_and_assessment(code_versions):
    old, new = code_versions
    assert old.effective_from == date(2019, 1, 1)
    assert new.effective_from == date(2021, 3, 3)
    ids = list(new.sections.order_by("position").values_list("section_id", flat=True))
    assert "II.B" in ids
    assert new.sections.get(section_id="II.B").heading == "Duty to Intervene"
    findings = {f.provision: f for f in new.assessments.get().findings.all()}
    assert findings["duty_to_intervene"].status == "met"
    assert findings["anti_retaliation"].status == "met"
    old_findings = {f.provision: f for f in old.assessments.get().findings.all()}
    assert old_findings["duty_to_intervene"].status != "met"


def test_earlier_version_ends_the_day_before_the_next_begins(code_versions):
    old, new = code_versions
    old.refresh_from_db()
    new.refresh_from_db()
    assert old.effective_to == date(2021, 3, 2)
    assert new.effective_to is None


def test_import_is_audited_and_chain_verifies(code_versions):
    assert AuditEvent.objects.filter(action="policy-version-created").count() == 2
    assert AuditEvent.objects.filter(action="assessment-created").count() == 2
    assert audit_verify().ok


def test_bad_document_stores_nothing(agency):
    before = (PolicyVersion.objects.count(), PolicySection.objects.count())
    with pytest.raises(PolicyImportError) as error:
        policy_version_import(
            agency=agency,
            number="GO 9",
            label="x",
            content=b"%PDF-1.7\n garbage",
            source_name="x.pdf",
        )
    assert error.value.code.startswith("pdf_")
    assert (PolicyVersion.objects.count(), PolicySection.objects.count()) == before


def test_duplicate_label_is_refused_without_side_effects(code_versions, agency):
    sections = PolicySection.objects.count()
    with pytest.raises(PolicyImportError) as error:
        policy_version_import(
            agency=agency,
            number="GO 1",
            label="2019",
            content=CODE_2019.encode(),
            source_name="c.txt",
        )
    assert error.value.code == "version_exists"
    assert PolicySection.objects.count() == sections


def test_review_override_needs_reason_and_is_audited(code_versions, make_user):
    from upstander.accounts.roles import Role

    reviewer = make_user(Role.OVERSIGHT)
    finding = Finding.objects.filter(assessment__version=code_versions[1]).first()
    with pytest.raises(ValueError, match="reason"):
        finding_review(
            finding=finding, actor=reviewer, decision="overridden", status="met", reason=" "
        )
    finding_review(
        finding=finding,
        actor=reviewer,
        decision="overridden",
        status="not_met",
        reason="Only 'may'.",
    )
    finding.refresh_from_db()
    assert finding.final_status == "not_met"
    event = AuditEvent.objects.get(action="finding-reviewed")
    assert event.after == {"status": "not_met", "review": "overridden"}
    assert event.actor_label == reviewer.username
