"""The data-only rule: packs that need no code describe a provision with phrase lists.

Keys read from ``params``: ``cues`` (what the provision is about), ``scope_limits`` (words that
confine a duty to special situations), ``exception_words`` and ``swallowing_exception`` (escape
clauses that empty the rule), ``acceptable_exception`` (escape clauses that keep it) and
``require`` ("directive" or "prohibition", default: either).
"""

from __future__ import annotations

from upstander.core.standards.context import DocumentContext
from upstander.core.standards.model import Finding, Provision
from upstander.core.standards.rules.base import (
    Candidate,
    decide,
    governing_modality,
    param_list,
    pattern,
)

__all__ = ["directive_rule"]


def directive_rule(ctx: DocumentContext, provision: Provision) -> Finding:
    """Met when a cue sentence binds officers without a scope limit or swallowing exception."""
    cues = pattern(provision, "cues")
    scope = pattern(provision, "scope_limits")
    exception_words = pattern(provision, "exception_words")
    swallowing = pattern(provision, "swallowing_exception")
    acceptable = pattern(provision, "acceptable_exception")
    required = str(provision.params.get("require", "binding"))
    candidates: list[Candidate] = []
    for sentence in ctx.find(cues, param_list(provision, "prefilter") or None):
        match = cues.search(sentence.text)
        if match is None:
            continue
        modality = governing_modality(ctx, sentence, match)
        wanted = modality.binding if required == "binding" else modality.kind == required
        limit = scope.search(sentence.text)
        exception = exception_words.search(sentence.text)
        tail = sentence.text[exception.start() :] if exception else ""
        swallow = swallowing.search(tail) if tail and not acceptable.search(tail) else None
        if not wanted:
            reason = (
                f"the provision is only permissive or unstated ('{modality.phrase or 'no modal'}')"
            )
            candidates.append(Candidate("not_met", 0.65, reason, [sentence]))
        elif limit:
            reason = f"the duty is limited to a special situation ('{limit.group(0)}')"
            candidates.append(Candidate("not_met", 0.7, reason, [sentence]))
        elif swallow:
            reason = f"an exception swallows the rule ('{swallow.group(0)}')"
            candidates.append(Candidate("not_met", 0.75, reason, [sentence]))
        else:
            reason = f"the document requires it ('{modality.phrase}')"
            candidates.append(Candidate("met", 0.75, reason, [sentence]))
    return decide(
        ctx, provision, candidates, f"the document does not address {provision.title.lower()}"
    )
