"""Plain data types of the standards assessor: standards, provisions, findings."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

__all__ = ["STATUSES", "Evidence", "Finding", "Provision", "Standard", "Status"]

Status = Literal["met", "not_met", "not_addressed"]
STATUSES: tuple[Status, ...] = ("met", "not_met", "not_addressed")


@dataclass(slots=True, frozen=True)
class Evidence:
    """A verbatim quote from the document with where it stands."""

    quote: str
    section: str | None = None
    page: int | None = None

    def to_json(self) -> dict[str, Any]:
        """Return the JSON form used by the CLI and the web application."""
        return {"quote": self.quote, "section": self.section, "page": self.page}


@dataclass(slots=True)
class Finding:
    """The decision on one provision for one document."""

    provision: str
    status: Status
    confidence: float
    reason: str
    evidence: list[Evidence] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        """Return the JSON form used by the CLI and the web application."""
        return {
            "provision": self.provision,
            "status": self.status,
            "confidence": round(self.confidence, 2),
            "reason": self.reason,
            "evidence": [item.to_json() for item in self.evidence],
        }


@dataclass(slots=True)
class Provision:
    """One requirement of a standard, documented for reviewers and parameterised for rules."""

    id: str
    title: str
    definition: str
    counts: list[str] = field(default_factory=list)
    traps: list[str] = field(default_factory=list)
    # Rule parameters straight from the pack; each rule documents the keys it reads.
    params: dict[str, Any] = field(default_factory=dict)
    rule: str | None = None  # rule name when it differs from the provision id
    # Kinds of document expected to address it ("use_of_force", "conduct", ...; see
    # ``upstander.core.standards.scope``); empty when the pack does not say.
    scopes: list[str] = field(default_factory=list)


@dataclass(slots=True)
class Standard:
    """A reform standard: a named pack of provisions with its source."""

    id: str
    title: str
    source: str
    provisions: list[Provision]
    description: str = ""
    path: str | None = None

    def provision_ids(self) -> list[str]:
        """Return the provision ids in pack order."""
        return [provision.id for provision in self.provisions]
