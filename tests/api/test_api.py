from __future__ import annotations

import pytest
from django.test import Client

from upstander.accounts.roles import Role

pytestmark = pytest.mark.django_db


def test_openapi_schema_and_docs(client):
    schema = client.get("/api/openapi.json")
    assert schema.status_code == 200
    paths = schema.json()["paths"]
    assert "/api/v1/health" in paths
    assert "/api/v1/records/officers" in paths
    assert client.get("/api/docs").status_code == 200


def test_health(client):
    assert client.get("/api/v1/health").json()["status"] == "ok"


def test_me_reports_roles(client_for):
    c = client_for(Role.OVERSIGHT)
    body = c.get("/api/v1/me").json()
    assert body["authenticated"] is True
    assert body["roles"] == ["oversight", "public"]
    anonymous = Client().get("/api/v1/me").json()
    assert anonymous == {"username": None, "authenticated": False, "roles": ["public"]}


def test_records_require_sign_in(client):
    response = client.get("/api/v1/records/officers")
    assert response.status_code == 401
    assert response.json() == {"detail": "Sign in first."}


def test_officer_list_is_scoped(client_for, agency, units):
    from upstander.records.models import Officer

    north = Officer.objects.create(
        agency=agency, unit=units["North"], first_name="N", last_name="North"
    )
    Officer.objects.create(agency=agency, unit=units["South"], first_name="S", last_name="South")
    body = client_for(Role.OFFICER, unit=units["North"]).get("/api/v1/records/officers").json()
    assert body["count"] == 1
    assert body["items"][0]["id"] == north.pk
    assert body["items"][0]["unit"] == "North"
    other = client_for(Role.OFFICER, unit=units["South"])
    assert other.get(f"/api/v1/records/officers/{north.pk}").status_code == 404


@pytest.mark.parametrize(
    "query",
    ["limit=abc", "offset=-5", "limit=99999999999999999999999", "offset=99999999999999999999"],
)
def test_malformed_query_is_a_4xx_with_message(client_for, query):
    response = client_for(Role.INVESTIGATOR).get(f"/api/v1/records/officers?{query}")
    assert 400 <= response.status_code < 500
    assert "detail" in response.json()


def test_malformed_path_parameter(client_for):
    response = client_for(Role.INVESTIGATOR).get("/api/v1/records/officers/not-a-number")
    assert 400 <= response.status_code < 500


def test_api_docs_load_nothing_from_other_sites(client):
    html = client.get("/api/docs").content.decode()
    assert "swagger-ui-bundle.js" in html
    assert "https://" not in html
