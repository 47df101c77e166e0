"""Reads for casework: who may record findings and outcomes, and the officer-link review queue.

Who may do what comes from the role grants, through :func:`upstander.accounts.restrict.can`:

- findings and discipline on an allegation: the ``change`` action on its complaint;
- a legal outcome on an officer: ``add`` on legal outcomes, for an officer the user may see;
- reviewing officer links: ``change`` on officers, or ``change`` on both complaints and
  use-of-force reports, since splitting a link moves allegations and force-report roles from
  one officer to another.

Splitting a link moves what can be tied to that dataset identity. Name and assignment rows
carry the exact ``source`` of the link, so they always move. Allegations, force-report roles and
legal outcomes carry only the dataset they were imported from (``import_source``, e.g.
``cpdp:complaints`` for the link source ``cpdp:accused``), not which of the dataset's officer
ids they named. They move when the officer holds no other link from that dataset; otherwise
they stay and the review page says how many stayed, to be reassigned by hand.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Q, QuerySet

from upstander.accounts.restrict import can, restrict
from upstander.records.models import (
    Allegation,
    Assignment,
    Complaint,
    ForceReportOfficer,
    LegalOutcome,
    Officer,
    OfficerName,
    OfficerSourceLink,
    UseOfForceReport,
)

__all__ = [
    "REVIEW_STATES",
    "LinkRecords",
    "LinkReview",
    "allegation_for_change",
    "complaint_changeable",
    "dataset_of",
    "legal_outcome_addable",
    "link_review_allowed",
    "link_split_records",
    "matched_fields",
    "officer_link_review_get",
    "officer_link_review_list",
    "review_of",
]

REVIEW_STATES = ("pending", "reviewed", "all")


def complaint_changeable(*, user: Any, complaint: Complaint) -> bool:
    """Whether the user may record findings and discipline on this complaint's allegations."""
    return can(user, "change", complaint)


def allegation_for_change(*, user: Any, allegation_id: int) -> Allegation | None:
    """An allegation whose complaint the user may change, or None."""
    complaints = restrict(Complaint.objects.all(), user, "change")
    return (
        Allegation.objects.select_related("complaint", "officer", "category")
        .filter(pk=allegation_id, complaint__in=complaints.values("pk"))
        .first()
    )


def legal_outcome_addable(*, user: Any, officer: Officer) -> bool:
    """Whether the user may record a legal outcome on this (visible) officer."""
    return can(user, "add", LegalOutcome)


def link_review_allowed(user: Any) -> bool:
    """Whether the user may confirm or split officer links (see the module docstring)."""
    if can(user, "change", Officer):
        return True
    return can(user, "change", Complaint) and can(user, "change", UseOfForceReport)


def dataset_of(source: str) -> str:
    """The dataset a source or import source belongs to: ``cpdp:accused`` -> ``cpdp``."""
    return source.split(":", 1)[0]


def review_of(link: OfficerSourceLink) -> dict[str, Any]:
    """The review decision recorded on a link, or an empty dict."""
    evidence = link.evidence if isinstance(link.evidence, dict) else {}
    review = evidence.get("review")
    return review if isinstance(review, dict) else {}


@dataclass(frozen=True)
class LinkRecords:
    """What a split of one link would move to the new officer, and what would stay."""

    names: QuerySet[OfficerName]
    assignments: QuerySet[Assignment]
    allegations: QuerySet[Allegation]
    force_roles: QuerySet[ForceReportOfficer]
    legal_outcomes: QuerySet[LegalOutcome]
    # Records of the dataset left with the officer because another of its links shares it.
    shared: dict[str, int]

    def counts(self) -> dict[str, int]:
        """How many of each kind would move."""
        return {
            "names": self.names.count(),
            "assignments": self.assignments.count(),
            "allegations": self.allegations.count(),
            "force_roles": self.force_roles.count(),
            "legal_outcomes": self.legal_outcomes.count(),
        }

    def shared_labels(self) -> list[str]:
        """The records left in place, in words: ``["3 allegations", "1 legal outcome"]``."""
        words = {
            "allegations": ("allegation", "allegations"),
            "force_roles": ("use-of-force role", "use-of-force roles"),
            "legal_outcomes": ("legal outcome", "legal outcomes"),
        }
        return [
            f"{count} {words[kind][0] if count == 1 else words[kind][1]}"
            for kind, count in self.shared.items()
        ]


def _from_dataset(field: str, dataset: str) -> Q:
    return Q(**{field: dataset}) | Q(**{f"{field}__startswith": f"{dataset}:"})


def link_split_records(link: OfficerSourceLink) -> LinkRecords:
    """The officer's records that came through this link (see the module docstring)."""
    officer_id = link.officer_id
    dataset = dataset_of(link.source)
    allegations = Allegation.objects.filter(officer_id=officer_id).filter(
        _from_dataset("import_source", dataset)
    )
    force_roles = ForceReportOfficer.objects.filter(officer_id=officer_id).filter(
        _from_dataset("report__import_source", dataset)
    )
    outcomes = LegalOutcome.objects.filter(officer_id=officer_id).filter(
        _from_dataset("import_source", dataset)
    )
    others = (
        OfficerSourceLink.objects.filter(officer_id=officer_id)
        .exclude(pk=link.pk)
        .filter(_from_dataset("source", dataset))
    )
    shared: dict[str, int] = {}
    if others.exists():
        shared = {
            "allegations": allegations.count(),
            "force_roles": force_roles.count(),
            "legal_outcomes": outcomes.count(),
        }
        allegations = allegations.none()
        force_roles = force_roles.none()
        outcomes = outcomes.none()
    return LinkRecords(
        names=OfficerName.objects.filter(officer_id=officer_id, source=link.source),
        assignments=Assignment.objects.filter(officer_id=officer_id, source=link.source),
        allegations=allegations,
        force_roles=force_roles,
        legal_outcomes=outcomes,
        shared={kind: count for kind, count in shared.items() if count},
    )


def officer_link_review_list(*, user: Any, state: str = "pending") -> QuerySet[OfficerSourceLink]:
    """Links made by matching names, for officers the user may see; none without permission.

    ``state`` is ``pending`` (not reviewed yet), ``reviewed`` or ``all``.
    """
    links = OfficerSourceLink.objects.select_related("officer", "officer__agency")
    if not link_review_allowed(user):
        return links.none()
    officers = restrict(Officer.objects.all(), user)
    links = links.filter(evidence__has_key="matched", officer__in=officers.values("pk"))
    if state == "pending":
        links = links.exclude(evidence__has_key="review")
    elif state == "reviewed":
        links = links.filter(evidence__has_key="review")
    return links.order_by("officer__agency__name", "officer__last_name", "officer_id", "id")


@dataclass(frozen=True)
class LinkReview:
    """One matched link with both sides of the match, for a reviewer to compare."""

    link: OfficerSourceLink
    review: dict[str, Any]
    # (field, value) pairs the match was made on.
    matched_on: list[tuple[str, str]]
    identity_names: list[OfficerName]
    matched_link: OfficerSourceLink | None
    matched_names: list[OfficerName]
    records: LinkRecords


def _matched_link(evidence: dict[str, Any]) -> OfficerSourceLink | None:
    matched = str(evidence.get("matched", ""))
    source, _, key = matched.rpartition(":")
    if not source:
        return None
    return (
        OfficerSourceLink.objects.select_related("officer")
        .filter(source=source, source_key=key)
        .first()
    )


def matched_fields(evidence: dict[str, Any]) -> list[tuple[str, str]]:
    """(field, value) pairs a name match was made on, from the link's evidence."""
    fields = evidence.get("on") or []
    values = str(evidence.get("values", "")).split("|")
    if not isinstance(fields, list) or len(values) != len(fields):
        return [(str(name), "") for name in fields] if isinstance(fields, list) else []
    return [(str(name), value) for name, value in zip(fields, values, strict=True)]


def officer_link_review_get(*, user: Any, link_id: int) -> LinkReview | None:
    """One matched link under review, or None when missing, unmatched or not allowed."""
    link = officer_link_review_list(user=user, state="all").filter(pk=link_id).first()
    if link is None:
        return None
    evidence = link.evidence
    matched = _matched_link(evidence)
    matched_names: list[OfficerName] = []
    if matched is not None:
        matched_names = list(
            OfficerName.objects.filter(officer_id=matched.officer_id, source=matched.source)
        )
    return LinkReview(
        link=link,
        review=review_of(link),
        matched_on=matched_fields(evidence),
        identity_names=list(
            OfficerName.objects.filter(officer_id=link.officer_id, source=link.source)
        ),
        matched_link=matched,
        matched_names=matched_names,
        records=link_split_records(link),
    )
