"""The HTTP API: version 1 under /api/v1/, OpenAPI at /api/openapi.json, docs at /api/docs."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from ninja import NinjaAPI, Router, Schema
from ninja.errors import AuthenticationError, HttpError, ValidationError
from ninja.security import django_auth

from upstander import __version__
from upstander.accounts.restrict import roles_of

api = NinjaAPI(
    title="Upstander API",
    version="1",
    description="Policy library, reform-standard assessments and accountability records.",
    urls_namespace="api",
    docs_url="/docs",
    openapi_url="/openapi.json",
)

v1 = Router()


class HealthOut(Schema):
    status: str
    version: str


class MeOut(Schema):
    username: str | None
    authenticated: bool
    roles: list[str]


@v1.get("/health", response=HealthOut, tags=["system"], auth=None)
def health(request: HttpRequest) -> dict[str, Any]:
    """Whether the service is up, and its version."""
    return {"status": "ok", "version": __version__}


@v1.get("/me", response=MeOut, tags=["system"], auth=None)
def me(request: HttpRequest) -> dict[str, Any]:
    """Who the caller is and which roles they hold."""
    user = request.user
    return {
        "username": user.get_username() if user.is_authenticated else None,
        "authenticated": bool(user.is_authenticated),
        "roles": sorted(role.value for role in roles_of(user)),
    }


@api.exception_handler(ValidationError)
def _validation_error(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    return api.create_response(
        request, {"detail": "The request is not valid.", "errors": exc.errors}, status=422
    )


@api.exception_handler(AuthenticationError)
def _auth_error(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    return api.create_response(request, {"detail": "Sign in first."}, status=401)


@api.exception_handler(HttpError)
def _http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    return api.create_response(request, {"detail": str(exc)}, status=exc.status_code)


def _register_routers() -> None:
    from upstander.intervention.api import router as intervention_router
    from upstander.policies.api import router as policies_router
    from upstander.records.api import router as records_router
    from upstander.records.api_casework import router as records_casework_router

    v1.add_router("/policies", policies_router)
    v1.add_router("/records", records_router)
    v1.add_router("/records", records_casework_router)
    v1.add_router("/intervention", intervention_router)
    api.add_router("/v1", v1)


_register_routers()

__all__ = ["api", "django_auth"]
