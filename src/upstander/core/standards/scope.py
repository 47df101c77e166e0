"""What kind of document this is, and so which provisions it is expected to address.

The coding guide's scope rule: a stand-alone use-of-force order is expected to address the
"8 Can't Wait" provisions, a code of conduct the duty-to-report and anti-retaliation ones, and a
whole manual everything. A provision the document is expected to address but does not is
*not met* (a use-of-force order silent on shooting at moving vehicles falls short); one outside
its scope is *not addressed* (a code of ethics says nothing of chokeholds, and is not expected
to). Provisions name the kinds of document they belong to with ``scopes`` in their pack.

The kind is read from the document's title and opening text. Short excerpts (a paragraph or
two) have no kind: their findings are left as the rules decided them.
"""

from __future__ import annotations

import re
from dataclasses import replace

from upstander.core.documents.model import ParsedDocument
from upstander.core.standards.model import Finding, Provision

__all__ = ["KINDS", "apply_scope", "document_kinds"]

_I = re.IGNORECASE

# Kinds a pack's provisions may name in ``scopes``, with how each is recognised in the
# document's title or opening text. A whole manual ("manual") holds every provision.
KINDS: dict[str, re.Pattern[str]] = {
    "less_lethal": re.compile(
        r"\b(?:intermediate\s+(?:tools|weapons|force)|less[\s-]+(?:than[\s-]+)?lethal|"
        r"conducted\s+(?:energy|electrical)\s+(?:weapons?|devices?)|electronic\s+control\s+"
        r"(?:weapons?|devices?)|tasers?|chemical\s+agents?|impact\s+weapons?)\b",
        _I,
    ),
    "force_review": re.compile(
        r"\b(?:reporting|investigat\w+|review\w*)\b[^.\n]{0,40}?\b(?:use\s+of\s+force|uses\s+of\s+"
        r"force|response\s+to\s+resistance)\b",
        _I,
    ),
    "use_of_force": re.compile(
        r"\b(?:use\s+of\s+force|response\s+to\s+resistance|force\s+options|control\s+of\s+persons|"
        r"deadly\s+force\s+policy)\b",
        _I,
    ),
    "conduct": re.compile(
        r"\b(?:codes?\s+of\s+(?:ethics|conduct)|rules?\s+of\s+conduct|standards?\s+of\s+conduct|"
        r"oath\s+of\s+office|professional\s+conduct)\b",
        _I,
    ),
    "intervention": re.compile(r"\bduty\s+to\s+(?:intervene|intercede)\b", _I),
}
# A title naming one narrow subject: the general use-of-force words in it ("Reporting and
# Investigating Response to Resistance") do not make it a use-of-force order.
_NARROWS = ("less_lethal", "force_review")
_CHAPTER_ID = re.compile(r"\d{3,4}")  # a stock manual's policy number ("300", "1010")
_MIN_SECTIONS = 8  # fewer: an excerpt, which has no kind
_MANUAL_PAGES = 100
_MANUAL_SECTIONS = 1000
_LEAD_CHARS = 600


def _lead(document: ParsedDocument) -> str:
    """The title and the opening of the document, where it says what it is about."""
    parts = [document.metadata.title or ""]
    size = 0
    for section in document.sections[:8]:
        text = f"{section.heading}\n{section.text[:_LEAD_CHARS]}"
        parts.append(text)
        size += len(text)
        if size >= 2 * _LEAD_CHARS:
            break
    return "\n".join(parts)


def document_kinds(document: ParsedDocument) -> set[str]:
    """The kinds of document this is ("use_of_force", "conduct", ...), or an empty set when it
    cannot be told (an excerpt, or a document about something else)."""
    if len(document.sections) < _MIN_SECTIONS:
        return set()
    if (document.pages or 0) >= _MANUAL_PAGES or len(document.sections) >= _MANUAL_SECTIONS:
        return {"manual"}
    # An excerpt of a manual holding several policies ("Policy 300 Use of Force", "Policy 320
    # Standards of Conduct") is expected to address what each of them would.
    chapters = [s.heading for s in document.sections if _CHAPTER_ID.fullmatch(s.id) and s.heading]
    if len(chapters) >= 2:
        kinds = {kind for kind, regex in KINDS.items() for h in chapters if regex.search(h)}
        if len(kinds) >= 2:
            return kinds
    title = document.metadata.title or ""
    kinds = {kind for kind, regex in KINDS.items() if regex.search(title)}
    if kinds:
        if kinds & set(_NARROWS):
            kinds.discard("use_of_force")
        return kinds
    # No title to go by: the opening text. One that speaks of the use of force is a use-of-force
    # order, whatever weapons or duties its first sections go on to name.
    kinds = {kind for kind, regex in KINDS.items() if regex.search(_lead(document))}
    return {"use_of_force"} if "use_of_force" in kinds else kinds


def apply_scope(findings: list[Finding], provisions: list[Provision], kinds: set[str]) -> None:
    """Settle silence by scope, in place: a provision the document is expected to address but
    does not is not met; a shortfall outside the document's scope is not addressed."""
    if not kinds:
        return
    scopes = {provision.id: provision.scopes for provision in provisions}
    for index, finding in enumerate(findings):
        expected = scopes.get(finding.provision)
        if not expected:
            continue  # the pack says nothing of where this provision belongs
        in_scope = "manual" in kinds or bool(kinds & set(expected))
        if in_scope and finding.status == "not_addressed":
            findings[index] = replace(
                finding,
                status="not_met",
                reason=f"{finding.reason}, though a {_describe(kinds)} is expected to",
            )
        elif not in_scope and finding.status == "not_met":
            findings[index] = replace(
                finding,
                status="not_addressed",
                reason=f"outside the scope of a {_describe(kinds)} ({finding.reason})",
            )


_NAMES = {
    "manual": "policy manual",
    "use_of_force": "use-of-force policy",
    "less_lethal": "less-lethal weapons policy",
    "force_review": "policy on reporting and reviewing force",
    "conduct": "code of conduct",
    "intervention": "duty-to-intervene policy",
}


def _describe(kinds: set[str]) -> str:
    order = list(_NAMES)
    return " and ".join(_NAMES[kind] for kind in sorted(kinds, key=order.index))
