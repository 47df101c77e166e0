"""Template filters for the policy pages."""

from django import template

register = template.Library()

STATUS_LABELS = {"met": "met", "not_met": "falls short", "not_addressed": "not addressed"}


@register.filter
def status_label(status: str) -> str:
    """Words for a finding status: met, falls short, not addressed."""
    return STATUS_LABELS.get(status, status)
