"""Pages of the shell: home, audit log and friendly error pages."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from upstander.accounts.restrict import can, restrict
from upstander.audit.models import AuditEvent
from upstander.policies.models import Policy
from upstander.records.models import Agency


def home(request: HttpRequest) -> HttpResponse:
    agencies = Agency.objects.order_by("name")
    policies = restrict(Policy.objects.select_related("agency"), request.user).order_by(
        "agency", "number"
    )[:20]
    return render(request, "web/home.html", {"agencies": agencies, "policies": policies})


@login_required
def audit_log(request: HttpRequest) -> HttpResponse:
    if not can(request.user, "view", AuditEvent):
        raise PermissionDenied
    events = restrict(AuditEvent.objects.order_by("-id"), request.user)
    page = Paginator(events, 50).get_page(request.GET.get("page"))
    return render(request, "web/audit_log.html", {"page": page})


def _error(request: HttpRequest, status: int, title: str, message: str) -> HttpResponse:
    context = {"status": status, "title": title, "message": message}
    return render(request, "web/error.html", context, status=status)


def error_400(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _error(request, 400, "Bad request", "The request could not be understood.")


def error_403(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _error(
        request,
        403,
        "Not allowed",
        "You do not have permission to see this page. "
        "Sign in with an account that does, or ask an administrator.",
    )


def error_404(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _error(
        request,
        404,
        "Page not found",
        "There is no page at this address. Check the link, or start from the home page.",
    )


def error_500(request: HttpRequest) -> HttpResponse:
    # Rendered without the request context: whatever broke may be in it.
    from django.template.loader import render_to_string

    body = render_to_string("web/error_500.html")
    return HttpResponse(body, status=500)


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    return _error(
        request,
        403,
        "Form expired",
        "This form could not be accepted because its security token was missing or expired. "
        "Go back, reload the page and try again.",
    )
