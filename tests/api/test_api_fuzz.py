"""Every API operation, fed generated and malformed requests, answers without a server error.

Schemathesis reads the OpenAPI document the API publishes and generates requests for each
operation from it (valid ones and, with negative generation, ones that break the schema: wrong
types, missing fields, out-of-range values, junk bodies). The requests go through the real WSGI
application and the test database, signed in as an administrator (who reaches the most code) and
with a valid CSRF pair so that writes get past the CSRF check to the code that validates them.
"""

from __future__ import annotations

from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
)

from upstander.accounts.roles import Role
from upstander.wsgi import application

pytestmark = pytest.mark.django_db(transaction=False)

# Any 32 letters serve as both the CSRF cookie and the header that must match it.
CSRF = "fuzzfuzzfuzzfuzzfuzzfuzzfuzzfuzz"


schema = schemathesis.openapi.from_wsgi("/api/openapi.json", application)


@pytest.fixture
def keep_connection() -> Any:
    """Keep the test's database connection across requests, as Django's test client does.

    The WSGI handler closes old connections when a request starts and finishes; inside a test
    transaction that would close the connection the test runs in.
    """
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections

    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def admin_cookies(keep_connection: Any, client_for: Any, agency: Any, units: Any) -> dict[str, str]:
    """Session and CSRF cookies of a signed-in administrator, with some records to find."""
    from upstander.records.models import Officer

    Officer.objects.create(agency=agency, unit=units["North"], first_name="Ada", last_name="Reyes")
    client = client_for(Role.ADMINISTRATOR)
    return {"sessionid": client.cookies["sessionid"].value, "csrftoken": CSRF}


@schema.parametrize()
@settings(
    max_examples=10,
    derandomize=True,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_no_operation_fails_with_a_server_error(case: Any, admin_cookies: dict[str, str]) -> None:
    response = case.call(cookies=admin_cookies, headers={"X-CSRFToken": CSRF})
    case.validate_response(
        response,
        checks=[
            not_a_server_error,
            content_type_conformance,
            response_schema_conformance,
        ],
    )
