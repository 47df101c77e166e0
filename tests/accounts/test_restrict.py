from __future__ import annotations

from datetime import UTC, datetime

import pytest
from django.contrib.auth.models import AnonymousUser

from upstander.accounts.restrict import can, restrict, roles_of
from upstander.accounts.roles import Role, all_role_grants
from upstander.records.models import Officer, UseOfForceReport

pytestmark = pytest.mark.django_db


@pytest.fixture
def officers(agency, units):
    return {
        name: Officer.objects.create(agency=agency, unit=unit, first_name="A", last_name=name)
        for name, unit in units.items()
    }


def test_every_role_has_a_group_after_migrate(make_user):
    from django.contrib.auth.models import Group

    assert set(Group.objects.values_list("name", flat=True)) >= {r.value for r in Role}


def test_anonymous_holds_only_the_public_role():
    assert roles_of(AnonymousUser()) == {Role.PUBLIC}


def test_anonymous_sees_no_officers(officers):
    assert restrict(Officer.objects.all(), AnonymousUser()).count() == 0


def test_user_without_role_sees_nothing(make_user, officers):
    assert restrict(Officer.objects.all(), make_user()).count() == 0


def test_officer_sees_only_own_unit(make_user, units, officers):
    user = make_user(Role.OFFICER, unit=units["North"])
    visible = list(restrict(Officer.objects.all(), user))
    assert visible == [officers["North"]]


def test_officer_without_unit_sees_nothing(make_user, officers):
    user = make_user(Role.OFFICER)
    assert restrict(Officer.objects.all(), user).count() == 0


def test_investigator_sees_every_unit(make_user, officers):
    user = make_user(Role.INVESTIGATOR)
    assert restrict(Officer.objects.all(), user).count() == 2


def test_action_is_checked_not_just_visibility(make_user, units, agency):
    report = UseOfForceReport.objects.create(
        agency=agency, unit=units["North"], report_number="R1", occurred_at=datetime.now(UTC)
    )
    officer = make_user(Role.OFFICER, unit=units["North"])
    supervisor = make_user(Role.SUPERVISOR, unit=units["North"])
    other_supervisor = make_user(Role.SUPERVISOR, unit=units["South"])
    assert can(officer, "view", report)
    assert not can(officer, "change", report)
    assert can(supervisor, "change", report)
    assert not can(other_supervisor, "change", report)


def test_superuser_sees_everything(officers, django_user_model):
    root = django_user_model.objects.create_superuser("root", "r@example.org", "x" * 16)
    assert restrict(Officer.objects.all(), root).count() == 2


def test_grants_name_real_models():
    from django.apps import apps

    for grants in all_role_grants().values():
        for grant in grants:
            apps.get_model(grant.model)  # raises LookupError for a typo
