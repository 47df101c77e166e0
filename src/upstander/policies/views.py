"""Policy library pages."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from upstander.policies import selectors
from upstander.records.models import Agency


def library(request: HttpRequest) -> HttpResponse:
    policies = selectors.policy_list(user=request.user)
    return render(request, "policies/library.html", {"policies": policies})


def scorecards(request: HttpRequest) -> HttpResponse:
    return render(request, "policies/scorecards.html", {"agencies": Agency.objects.all()})


def search(request: HttpRequest) -> HttpResponse:
    return render(request, "policies/search.html", {"query": request.GET.get("q", "")})
