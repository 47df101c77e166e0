from __future__ import annotations

from datetime import date

import pytest
from django.contrib.auth.models import AnonymousUser

from upstander.accounts.roles import Role
from upstander.policies import selectors

pytestmark = pytest.mark.django_db


def test_version_in_force_on_a_date(code_versions):
    old, new = code_versions
    policy = old.policy
    user = AnonymousUser()
    assert selectors.policy_version_in_force(user=user, policy=policy, on=date(2020, 6, 1)) == old
    assert selectors.policy_version_in_force(user=user, policy=policy, on=date(2021, 3, 3)) == new
    assert selectors.policy_version_in_force(user=user, policy=policy, on=date(2018, 1, 1)) is None


def test_search_cites_section_and_respects_publication(code_versions, make_user):
    hits = selectors.section_search(user=AnonymousUser(), query="intervene excessive")
    assert [h["section"].section_id for h in hits] == ["II.B"]
    new = code_versions[1]
    new.published = False
    new.save()
    assert selectors.section_search(user=AnonymousUser(), query="intervene excessive") == []
    investigator = make_user(Role.INVESTIGATOR)
    assert len(selectors.section_search(user=investigator, query="intervene excessive")) == 1


@pytest.mark.parametrize("query", ['"', "NEAR(", "a OR", "*", "intervene AND NOT", "'; DROP"])
def test_search_survives_query_syntax(code_versions, query):
    selectors.section_search(user=AnonymousUser(), query=query)


def test_scorecard_and_timeline(code_versions, agency):
    standing = {
        e.provision: e for e in selectors.agency_scorecard(user=AnonymousUser(), agency=agency)
    }
    assert standing["duty_to_intervene"].status == "met"
    assert standing["duty_to_intervene"].version == code_versions[1]
    timeline = selectors.agency_timeline(user=AnonymousUser(), agency=agency)
    dti = [e for e in timeline if e.provision == "duty_to_intervene"]
    assert len(dti) == 1
    assert dti[0].effective == date(2021, 3, 3)
    assert dti[0].old_status in {"not_addressed", "not_met"}
    assert dti[0].new_status == "met"
    assert dti[0].section == "II.B"


def test_scorecard_on_an_earlier_date(code_versions, agency):
    standing = {
        e.provision: e
        for e in selectors.agency_scorecard(
            user=AnonymousUser(), agency=agency, on=date(2020, 1, 1)
        )
    }
    assert standing["duty_to_intervene"].status != "met"
