"""Which stored grants restrict() reads: enabled ones, of groups named after a role held."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from django.contrib.auth.models import AnonymousUser, Group
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test.utils import CaptureQueriesContext

from upstander.accounts.models import ObjectPermission
from upstander.accounts.restrict import can, restrict, roles_of
from upstander.accounts.roles import Role
from upstander.records.models import Officer, UseOfForceReport

pytestmark = pytest.mark.django_db


@pytest.fixture
def officers(agency, units):
    return [
        Officer.objects.create(agency=agency, unit=unit, first_name="A", last_name=name)
        for name, unit in units.items()
    ]


def test_roles_and_grants_are_read_once_per_user_object(make_user, officers):
    user = make_user(Role.INVESTIGATOR)
    with CaptureQueriesContext(connection) as captured:
        assert roles_of(user) == {Role.PUBLIC, Role.INVESTIGATOR}
        assert restrict(Officer.objects.all(), user).count() == 2
        assert can(user, "add", UseOfForceReport)
    # One query for the roles and grants, one count.
    assert len(captured.captured_queries) == 2


def test_a_disabled_grant_gives_nothing(make_user, officers):
    user = make_user(Role.INVESTIGATOR)
    ObjectPermission.objects.filter(name="investigator: records.officer").update(enabled=False)
    assert restrict(Officer.objects.all(), user).count() == 0
    assert can(user, "view", UseOfForceReport)  # other grants of the role still hold


def test_a_group_not_named_after_a_role_gives_nothing(make_user, officers):
    user = make_user()
    custom = Group.objects.create(name="custom")
    user.groups.add(custom)
    permission = ObjectPermission.objects.create(name="custom: officers", actions=["view"])
    permission.groups.add(custom)
    permission.object_types.add(ContentType.objects.get_for_model(Officer))
    fresh = type(user).objects.get(pk=user.pk)
    assert restrict(Officer.objects.all(), fresh).count() == 0
    assert roles_of(fresh) == {Role.PUBLIC}


def test_scoped_grants_are_applied(agency, units, make_user):
    """The officer role's grant is stored as {"unit": "$unit"}: the user's own unit only."""
    assert not can(AnonymousUser(), "view", UseOfForceReport)
    north = make_user(Role.OFFICER, unit=units["North"])
    reports = {
        name: UseOfForceReport.objects.create(
            agency=agency,
            unit=unit,
            report_number=f"R-{name}",
            occurred_at=datetime(2024, 1, 1, tzinfo=UTC),
        )
        for name, unit in units.items()
    }
    assert can(north, "view", reports["North"])
    assert not can(north, "view", reports["South"])
    assert not can(make_user(Role.OFFICER), "view", reports["North"])  # no unit, nothing
