"""Assess a parsed policy document against reform standards."""

from __future__ import annotations

from collections.abc import Sequence

from upstander.core.documents.model import ParsedDocument
from upstander.core.standards.context import DocumentContext
from upstander.core.standards.model import Finding, Provision
from upstander.core.standards.registry import Registry, get_registry
from upstander.core.standards.rules.base import RuleFunc
from upstander.core.standards.rules.generic import directive_rule
from upstander.core.standards.scope import apply_scope, document_kinds

__all__ = ["UnknownStandardError", "assess", "selected_provisions"]


class UnknownStandardError(KeyError):
    """A requested standard id is not provided by any installed pack."""

    def __init__(self, standard_id: str, known: Sequence[str]) -> None:
        super().__init__(standard_id)
        self.standard_id = standard_id
        self.known = list(known)

    def __str__(self) -> str:
        return f"unknown standard '{self.standard_id}' (known: {', '.join(self.known)})"


def selected_provisions(
    standards: Sequence[str] | None = None, registry: Registry | None = None
) -> list[Provision]:
    """Provisions of the selected standards (default: all), each once, in pack order."""
    registry = registry or get_registry()
    ids = list(standards) if standards else list(registry.standards)
    provisions: list[Provision] = []
    seen: set[str] = set()
    for standard_id in ids:
        standard = registry.standards.get(standard_id)
        if standard is None:
            raise UnknownStandardError(standard_id, list(registry.standards))
        for provision in standard.provisions:
            if provision.id not in seen:
                seen.add(provision.id)
                provisions.append(provision)
    return provisions


def _rule_for(provision: Provision, registry: Registry) -> RuleFunc:
    rule = registry.rules.get(provision.rule or provision.id)
    if rule is None and provision.rule is None:
        return directive_rule
    if rule is None:
        return registry.rules.get("directive", directive_rule)
    return rule


def assess(document: ParsedDocument, standards: list[str] | None = None) -> list[Finding]:
    """Decide every provision of the selected standards for ``document``, once each."""
    registry = get_registry()
    context = DocumentContext(document)
    provisions = selected_provisions(standards, registry)
    findings = [_rule_for(provision, registry)(context, provision) for provision in provisions]
    # Silence means "not met" where the kind of document is expected to speak, and a shortfall
    # outside its scope means "not addressed" (the coding guide's scope rule).
    apply_scope(findings, provisions, document_kinds(document))
    return findings
