"""Shared pieces of rules: candidates, the best-evidence decision and pattern helpers."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from weakref import WeakKeyDictionary

from upstander.core.standards.clauses import Modality, Sentence, classify_modality
from upstander.core.standards.context import PARAGRAPH_LABEL, DocumentContext
from upstander.core.standards.model import Evidence, Finding, Provision, Status

__all__ = [
    "HISTORICAL",
    "TRAINING_SUBJECT",
    "Candidate",
    "RuleFunc",
    "clause_around",
    "compile_any",
    "decide",
    "evidence_of",
    "governing",
    "governing_modality",
    "lead_in",
    "modality_at",
    "param_list",
    "pattern",
    "surroundings",
    "with_lead",
]

RuleFunc = Callable[[DocumentContext, Provision], Finding]

# A sentence about what training covers ("The academy curriculum shall include instruction on
# peer intervention"), which states no duty of officers.
TRAINING_SUBJECT = re.compile(
    r"^\W*(?:[\w.()]{1,8}\s+)?(?:the\s+|all\s+)?(?:\w+\s+)?(?:training|curriculum|course|"
    r"instruction|lesson\s+plans?)\b(?:\s+\w+){0,3}?\s+(?:shall|must|will|should)\s+"
    r"(?:include|cover|address|teach)",
    re.IGNORECASE,
)


@dataclass(slots=True)
class Candidate:
    """One reading of one sentence (or short run of sentences) for a provision."""

    status: Status
    score: float  # confidence that this reading is right, 0..1
    reason: str
    sentences: Sequence[Sentence]


def evidence_of(sentences: Iterable[Sentence]) -> list[Evidence]:
    """Turn sentences into evidence, merging consecutive sentences of one section."""
    out: list[Evidence] = []
    last: Sentence | None = None
    for sentence in sentences:
        if (
            out
            and last is not None
            and last.section_index == sentence.section_index
            and sentence.index == last.index + 1
        ):
            previous = out[-1]
            out[-1] = Evidence(f"{previous.quote} {sentence.text}", previous.section, previous.page)
        else:
            out.append(Evidence(sentence.text, sentence.section, sentence.page))
        last = sentence
    return out


# A sentence describing a rule that is no longer in force: "The 2019 order required ...",
# "Earlier versions of this directive stated ...", "... has been deleted".
HISTORICAL = re.compile(
    r"\b(?:earlier|prior|previous|former|old)\s+(?:versions?|editions?|orders?|polic(?:y|ies)|"
    r"directives?|rules?|language|manuals?)\b(?!\s+(?:is|are)\s+(?:rescinded|superseded))|"
    r"\bthe\s+(?:19|20)\d\d\s+(?:order|policy|directive|version|manual|edition|rule)\s+"
    r"(?:required|prohibited|stated|said|provided|banned|directed|mandated)\b|"
    r"\b(?:language|requirement|provision|wording|text|sentence)\s+(?:has|have|was|were)\s+"
    r"(?:since\s+|now\s+)?(?:been\s+)?(?:deleted|removed|repealed|struck|eliminated)\b|"
    r"\bno\s+longer\s+(?:requires?|prohibits?|appl(?:y|ies)|in\s+(?:force|effect))\b",
    re.IGNORECASE,
)


def _historical(candidate: Candidate) -> Sentence | None:
    return next((s for s in candidate.sentences if HISTORICAL.search(s.text)), None)


# A sentence right after a rule that takes it back or narrows it: "This section does not apply
# to ...", "The preceding sentence is advisory only", "Officers are not, however, required to
# ...", "The decision whether to intervene rests entirely with the officer".
_WITHDRAWS = re.compile(
    r"\b(?:this|the\s+(?:preceding|above|foregoing))\s+(?:section|subsection|sentence|paragraph|"
    r"rule|requirement|provision|policy)\s+(?:(?:does|shall)\s+not\s+apply|is\s+advisory|"
    r"applies\s+only|shall\s+not\s+be\s+(?:treated|construed|enforced))|"
    # Withdrawals of one act, which must be the act of the rule they follow.
    r"(?P<one_act>\b(?:is|are)\s+not,?\s+however,?\s+required\b|"
    r"\b(?:is|are)\s+not\s+required\s+to\s+(?:attempt|use|exhaust|give|intervene|report|try)\b)|"
    r"\bis\s+(?:only\s+)?a\s+guideline\b|"
    r"\brests?\s+(?:entirely|solely|wholly)\s+(?:with|in)\b|"
    r"\bis\s+advisory\s+only\b",
    re.IGNORECASE,
)
# What a withdrawal may leave out without touching the rule: training, animals, ranges, or a
# class of members ("This section does not apply to probationary members").
_HARMLESS_CARVE_OUT = re.compile(
    r"training(?!\s+(?:officers?|coordinators?|sergeants?))|exercises?|\branges?\b|animals?|\bdogs?\b|"
    r"qualification|"
    r"(?:probationary|reserve|civilian|non-?sworn|part-?time|auxiliary)\s+"
    r"(?:members?|officers?|employees?|personnel|deputies)",
    re.IGNORECASE,
)


# Definitions and statements of purpose say what words mean or why a policy exists.
_DEFINITIONS = re.compile(r"\bdefinitions?\b|\bpurpose\b", re.IGNORECASE)


# A section elsewhere that limits or suspends a numbered one: "Section 1 applies only during
# crowd-control operations", "Section 3 does not apply where ...", "Section 2 is suspended".
_SECTION_LIMITS = re.compile(
    r"\b(?:sub)?(?:sections?|paragraphs?|§§?)\s*(?P<ids>\d+(?:\.[0-9A-Za-z]+)*(?:\([a-z0-9]\))?"
    r"(?:\s*(?:,|and|or|through|to|-)\s*\d+(?:\.[0-9A-Za-z]+)*)*)\s+"
    r"(?:appl(?:y|ies)\s+only|do(?:es)?\s+not\s+(?:apply|create\s+(?:a|any)\s+duty)|"
    r"shall\s+not\s+apply|appl(?:y|ies)\s+to\s+"
    r"(?!all\b|every\b|each\b|any\b)|(?:is|are)\s+(?:hereby\s+)?(?:suspended|withdrawn|advisory|"
    r"rescinded|repealed|revoked|deleted))",
    re.IGNORECASE,
)


# The limiting sentences of each document, found once however many findings ask.
_LIMITS_FOUND: WeakKeyDictionary[DocumentContext, list[Sentence]] = WeakKeyDictionary()


def _paragraph_of(ctx: DocumentContext, sentence: Sentence) -> str | None:
    """The number of the paragraph a sentence stands in when the reader left the numbered
    paragraphs inside one section ("5. Warnings. Before using deadly force, ...")."""
    for candidate in [sentence, *ctx.preceding(sentence, 3)]:
        if candidate.section_index != sentence.section_index:
            break
        label = PARAGRAPH_LABEL.match(candidate.text)
        if label is not None:
            return label.group(1)
    return None


def _named_sections(ids: str) -> set[str]:
    """Section ids a reference names: "1", "4 through 6", "2 and 3", "5.1(a)"."""
    names: set[str] = set()
    parts = re.split(r"\s*(?:,|\band\b|\bor\b)\s*", ids)
    for part in parts:
        span = re.match(r"(\d+)\s*(?:through|to|-)\s*(\d+)$", part.strip())
        if span and int(span[2]) - int(span[1]) < 50:
            names.update(str(n) for n in range(int(span[1]), int(span[2]) + 1))
        elif part.strip():
            names.add(re.sub(r"\(([a-z0-9])\)", r".\1", part.strip()))
    return names


def _harmless(text: str, start: int, allowed: re.Pattern[str]) -> bool:
    """Whether what a withdrawal leaves out after ``start`` is harmless to the rule: training,
    animals or a class of members, or what the provision itself allows (``allowed``; neck
    holds where deadly force is authorized)."""
    return bool(_HARMLESS_CARVE_OUT.search(text, start) or allowed.search(text, start))


def _limited_elsewhere(
    ctx: DocumentContext, sentence: Sentence, allowed: re.Pattern[str]
) -> Sentence | None:
    """A sentence elsewhere that limits the numbered section ``sentence`` stands in."""
    own = _paragraph_of(ctx, sentence) or (sentence.section or "").split("#")[0]
    if not own:
        return None
    limits = _LIMITS_FOUND.get(ctx)
    if limits is None:
        limits = _LIMITS_FOUND[ctx] = ctx.find(_SECTION_LIMITS, ("section", "paragraph", "§"))
    for other in limits:
        if (other.section_index, other.index) == (sentence.section_index, sentence.index):
            continue
        for hit in _SECTION_LIMITS.finditer(other.text):
            names = _named_sections(hit.group("ids"))
            if any(own == name or own.startswith(f"{name}.") for name in names) and not (
                _harmless(other.text, hit.end(), allowed)
            ):
                return other
    return None


def _withdrawn(
    ctx: DocumentContext,
    candidate: Candidate,
    allowed: re.Pattern[str],
    topic: re.Pattern[str],
) -> Sentence | None:
    """The sentence after a met reading's evidence (or a section naming it) that takes the rule
    back, if any."""
    if not candidate.sentences:
        return None
    last = max(candidate.sentences, key=lambda s: (s.section_index, s.index))
    if last.index < 0:
        return None
    elsewhere = _limited_elsewhere(ctx, last, allowed)
    if elsewhere is not None:
        return elsewhere
    for following in ctx.following(last, 2):
        if following.section_index - last.section_index > 1:
            break
        hit = _WITHDRAWS.search(following.text)
        if hit is None or _harmless(following.text, hit.end(), allowed):
            continue
        if hit.group("one_act") and not topic.search(following.text):
            # "Officers are not required to exhaust every alternative" after a warning rule
            # takes back another rule, not this one.
            continue
        return following
    return None


_ANYTHING = re.compile("")


def _topic(provision: Provision) -> re.Pattern[str]:
    """The words a provision's rules are about (its prefilter literals, compiled once); anything
    when the pack gives none."""
    words = tuple(re.escape(word) for word in param_list(provision, "prefilter") if len(word) > 3)
    return _compiled(words) if words else _ANYTHING


def decide(
    ctx: DocumentContext, provision: Provision, candidates: Sequence[Candidate], absent: str
) -> Finding:
    """Pick the finding a reviewer would write: best ``met`` reading, else best ``not_met``."""
    current: list[Candidate] = []
    for candidate in candidates:
        past = _historical(candidate) if candidate.status == "met" else None
        if past is not None:
            # A reviewer codes the rule in force, not one the document says was dropped.
            reason = "the document describes this rule as a former one, no longer in force"
            current.append(Candidate("not_met", 0.6, reason, [past]))
            continue
        taken_back = (
            _withdrawn(
                ctx,
                candidate,
                pattern(provision, "harmless_carve_outs"),
                _topic(provision),
            )
            if candidate.status == "met"
            else None
        )
        if taken_back is not None:
            reason = "the next sentence takes the rule back or narrows it"
            current.append(Candidate("not_met", 0.6, reason, [*candidate.sentences, taken_back]))
            continue
        if candidate.status == "met" and all(
            _DEFINITIONS.search(sentence.heading) for sentence in candidate.sentences
        ):
            # A definition ("De-escalation: the use of time ... that will ...") states no duty;
            # a rule elsewhere that reads as met is the better evidence.
            candidate = Candidate(
                "met", candidate.score - 0.3, candidate.reason, candidate.sentences
            )
        current.append(candidate)
    candidates = current
    for status in ("met", "not_met"):
        ranked = [c for c in candidates if c.status == status]
        if ranked:
            best = max(ranked, key=lambda c: c.score)
            return Finding(
                provision=provision.id,
                status=best.status,
                confidence=min(1.0, max(0.0, best.score)),
                reason=best.reason,
                evidence=evidence_of(best.sentences),
            )
    return Finding(provision.id, "not_addressed", 0.85, absent, [])


def clause_around(text: str, position: int) -> str:
    """The part of ``text`` between the semicolons around ``position``: two rules joined by a
    semicolon are read one at a time."""
    start = text.rfind(";", 0, position) + 1
    end = text.find(";", position)
    return text[start : end if end >= 0 else len(text)]


def compile_any(phrases: Iterable[str]) -> re.Pattern[str]:
    """Compile pack phrases (regex fragments) into one case-insensitive alternation."""
    parts = [p for p in phrases if p]
    if not parts:
        return re.compile(r"(?!x)x")
    return re.compile("|".join(f"(?:{p})" for p in parts), re.IGNORECASE)


def param_list(provision: Provision, key: str) -> list[str]:
    """Return a list parameter of the provision's rule (empty when absent)."""
    value = provision.params.get(key, [])
    if isinstance(value, str):
        return [value]
    return [str(v) for v in value]


def modality_at(text: str, match: re.Match[str]) -> Modality:
    """Modality of ``text`` around the span of ``match``."""
    return classify_modality(text, match.start(), match.end())


_HEADING_MODAL = re.compile(
    r"\b(?:shall|must|will|should|may|(?:is|are)\s+(?:required\s+)?to)\b", re.IGNORECASE
)
_LEAD_IN_END = (":", "—", "-", "following")


def lead_in(ctx: DocumentContext, sentence: Sentence, reach: int = 8) -> Sentence | None:
    """Return the list lead-in ("... shall report the following:") that governs a list item.

    The reader often turns a lead-in into the heading of the section holding the list, so the
    headings of the enclosing sections are tried first, then earlier sentences ending in ":".
    """
    if sentence.index <= 0:
        for index in ctx.ancestors(sentence.section_index):
            head = ctx.heading_sentence(index)
            # Only a heading with a modal verb is a lead-in; "Duty to Intervene" is a title.
            if head is not None and _HEADING_MODAL.search(head.text):
                return head
    ancestors = set(ctx.ancestors(sentence.section_index, limit=8))
    for candidate in ctx.preceding(sentence, reach):
        index = candidate.section_index
        if (
            index != sentence.section_index
            and index not in ancestors
            and ctx.document.sections[index].heading.isupper()
        ):
            break  # a capitalised heading ("UNIFORMED MEMBER OF THE SERVICE") starts a new part
        text = candidate.text.rstrip()
        if text.endswith(_LEAD_IN_END) or ":" in text[-160:]:
            return candidate
    return None


def governing_modality(ctx: DocumentContext, sentence: Sentence, match: re.Match[str]) -> Modality:
    """Modality of the cue in its sentence, else of the list lead-in that introduces it."""
    return governing(ctx, sentence, match)[0]


def governing(
    ctx: DocumentContext, sentence: Sentence, match: re.Match[str]
) -> tuple[Modality, Sentence | None]:
    """Like :func:`governing_modality`, also returning the lead-in sentence when it decided."""
    modality = modality_at(sentence.text, match)
    if modality.kind != "none" and not modality.implicit:
        return modality, None
    head = lead_in(ctx, sentence)
    if head is None:
        return modality, None
    governed = classify_modality(head.text, len(head.text), len(head.text))
    if governed.kind == "none" and modality.implicit:
        return modality, None  # a command under a heading that binds nothing itself
    return governed, head


def with_lead(sentence: Sentence, head: Sentence | None) -> list[Sentence]:
    """Evidence for a list item: its lead-in (when one decided the modality) and the item."""
    return [sentence] if head is None else [head, sentence]


def surroundings(ctx: DocumentContext, sentence: Sentence, before: int = 1, after: int = 0) -> str:
    """Heading plus neighbouring sentences: the context a reviewer reads a sentence in."""
    around = ctx.neighbours(sentence, before, after)
    return " ".join([sentence.heading, *(s.text for s in around)])


@lru_cache(maxsize=512)
def _compiled(parts: tuple[str, ...]) -> re.Pattern[str]:
    return compile_any(parts)


def pattern(provision: Provision, key: str) -> re.Pattern[str]:
    """Compiled alternation of the provision's ``key`` phrase list (cached)."""
    return _compiled(tuple(param_list(provision, key)))
