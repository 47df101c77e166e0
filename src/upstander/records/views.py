"""Record pages for department staff."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from upstander.records import selectors


@login_required
def officers(request: HttpRequest) -> HttpResponse:
    page = Paginator(selectors.officer_list(user=request.user), 50).get_page(
        request.GET.get("page")
    )
    return render(request, "records/officers.html", {"page": page})


@login_required
def force_reports(request: HttpRequest) -> HttpResponse:
    page = Paginator(selectors.force_report_list(user=request.user), 50).get_page(
        request.GET.get("page")
    )
    return render(request, "records/force_reports.html", {"page": page})
