"""Rules for the force-restriction provisions: neck holds, de-escalation, warnings,
exhausting alternatives and shooting at moving vehicles."""

from __future__ import annotations

import re

from upstander.core.standards.clauses import Modality, Sentence, classify_modality
from upstander.core.standards.context import DocumentContext
from upstander.core.standards.model import Finding, Provision
from upstander.core.standards.rules.base import (
    HISTORICAL,
    TRAINING_SUBJECT,
    Candidate,
    RuleFunc,
    clause_around,
    decide,
    governing,
    governing_modality,
    lead_in,
    modality_at,
    param_list,
    pattern,
    surroundings,
    with_lead,
)

__all__ = ["FORCE_RULES"]

# Conditions short of deadly force under which a neck hold is allowed.
_LOWER_THRESHOLD = re.compile(
    r"violent|combative|resist\w*|aggress\w*|assaultive|(?:cannot|can\s+not)\s+"
    r"(?:otherwise\s+)?be\s+(?:controlled|restrained)|to\s+(?:control|subdue|restrain)\b",
    re.IGNORECASE,
)
# Words that authorise a technique (not "may be effective", which only describes it).
_AUTHORIZES = re.compile(
    r"\b(?:may|can)\s+(?:be\s+)?(?:use[ds]?|appl(?:y|ied)|employ(?:ed)?)\b|"
    r"\b(?:is|are)\s+(?:authorized|permitted|approved|allowed)\b",
    re.IGNORECASE,
)
# A sentence narrowing the rule before it ("This requirement applies only to ...").
_NARROWS = re.compile(
    r"\b(?:appl(?:y|ies)|is|are)\s+(?:only|solely|exclusively)\b|\bonly\s+appl(?:y|ies)\b|"
    r"\b(?:is|are)\s+limited\s+to\b",
    re.IGNORECASE,
)
# Alternative conditions of an exception ("..., or if deadly force other than the vehicle ...").
_BRANCHES = re.compile(r",\s*or\b|;\s*or\b|\bor\s+(?:if|when|where)\b", re.IGNORECASE)


def _first(regex: re.Pattern[str], text: str) -> str | None:
    match = regex.search(text)
    return match.group(0) if match else None


# --- chokeholds -------------------------------------------------------------------------

_PURPOSE_ONLY = re.compile(
    r"\b(?:in\s+order\s+to|for\s+the\s+purpose\s+of)\b[^.]{0,40}?\b(?:prevent|destr|evidence)",
    re.IGNORECASE,
)


_IS_DEADLY_FORCE = re.compile(
    r"\b(?:is|are|constitutes?|shall\s+be\s+(?:considered|treated\s+as)|(?:is|are)\s+"
    r"(?:considered|treated\s+as|classified\s+as))\s+(?:a\s+(?:use|form|level)\s+of\s+)?"
    r"deadly\s+(?:physical\s+)?force\b",
    re.IGNORECASE,
)
# A definition ("CHOKEHOLD - any hold ... that may restrict ...") or a revoked text ("Interim
# Order 19, which described the carotid restraint as a control technique, is REVOKED")
# authorises nothing.
_DEFINES_OR_REVOKES = re.compile(
    r"^\W*(?:[\d.]+\s+)?[\"\u201c]?[A-Za-z][\w /()-]{1,50}?[\"\u201d]?\s*"
    r"(?:[-\u2013\u2014:]|\bmeans\b)\s+"
    r"(?:an?|any|the)\b|"
    r"\b(?:is|are|was|were)\s+(?:hereby\s+)?(?:revoked|rescinded|repealed|superseded)\b",
    re.IGNORECASE,
)
# What follows a hold's use ("A supervisor shall respond to every use of a NECK HOLD", "shall
# be examined by medical personnel") says nothing about when it is allowed.
_AFTERMATH = re.compile(
    r"\brespond\w*\s+to\b|\breport\w*|\bdocument\w*|\bnotif\w*|\bexamin\w*|"
    r"\bmedical\s+(?:attention|aid|evaluation|personnel)|\breview\w*",
    re.IGNORECASE,
)
_DISCIPLINE_FOR = re.compile(r"\bdisciplin\w*\s+for\b", re.IGNORECASE)


def _hold_exception(provision: Provision, text: str, start: int) -> tuple[bool, bool]:
    """Return (has_exception, exception_is_deadly_force_only) for the text after ``start``."""
    words = pattern(provision, "exception_words")
    match = words.search(text, start) or words.search(text)
    if match is None:
        return False, False
    rest = text[match.start() :]
    return True, bool(pattern(provision, "deadly_exception").search(rest))


_TRAINED_IN = re.compile(
    r"\b(?:be\s+trained|train\s+(?:\w+\s+){0,2}?(?:in|on)|be\s+taught|teach\w*)\b", re.IGNORECASE
)


def bans_chokeholds(ctx: DocumentContext, provision: Provision) -> Finding:
    """Met when both airway and vascular neck holds are banned or limited to deadly force."""
    cues = pattern(provision, "cues")
    vascular_re = pattern(provision, "vascular")
    airway_re = pattern(provision, "airway")
    generic_re = pattern(provision, "generic")
    sentences = ctx.find(cues, param_list(provision, "prefilter"))
    narrow = [s for s in sentences if pattern(provision, "narrow_definition").search(s.text)]
    narrow = [s for s in narrow if airway_re.search(s.text) and not vascular_re.search(s.text)]
    restricted: dict[str, list[tuple[Sentence, str, float]]] = {"vascular": [], "airway": []}
    implied_vascular: list[Sentence] = []  # reached only through an undefined "chokehold"
    allowed: list[tuple[Sentence, str]] = []
    allowed_vascular = False
    escaped: set[str] = set()  # holds a ban lets back in short of deadly force
    banned_outright: list[Sentence] = []
    deadly_re = pattern(provision, "deadly_exception")
    for sentence in sentences:
        text = sentence.text
        match = cues.search(text)
        if match is None:
            continue
        if _PURPOSE_ONLY.search(text, match.end()):
            # "... shall not use a chokehold in order to prevent the destruction of evidence"
            # bans one purpose, not the hold.
            continue
        if _TRAINED_IN.search(text):
            # "Deputies shall not be trained in the use of any neck restraint": a rule about
            # training; the rule on using the hold stands elsewhere.
            continue
        if _DISCIPLINE_FOR.search(text):
            # "No officer shall be disciplined for a neck restraint applied ...": a rule about
            # discipline, which bans nothing.
            continue
        modality = governing_modality(ctx, sentence, match)
        # Two rules joined by a semicolon ("the LVNR is authorized ... on active aggression;
        # airway chokeholds are prohibited except ...") are read one clause at a time.
        if ";" in text:
            text = clause_around(text, match.start())
            match = cues.search(text) or match
        has_exception, deadly_only = _hold_exception(provision, text, match.end())
        kinds: set[str] = set()
        if vascular_re.search(text):
            kinds.add("vascular")
        if airway_re.search(text):
            kinds.add("airway")
        implied = False
        generic = generic_re.search(text)
        if generic:
            # An undefined "choke hold" covers neck holds generally; a narrow statutory
            # definition (airway pressure only) elsewhere in the document limits it, though not
            # "neck hold", which names every hold on the neck.
            kinds.add("airway")
            neck = not re.match(r"chok", generic.group(0), re.IGNORECASE)
            if (neck or not narrow) and "vascular" not in kinds:
                kinds.add("vascular")
                implied = True
        if not kinds:
            continue
        if _IS_DEADLY_FORCE.search(text, match.end()):
            # "Any technique that compresses the neck ... is deadly force under this Directive":
            # the hold is allowed only where deadly force is.
            for kind in kinds:
                restricted[kind].append((sentence, "treated as deadly force", 0.8))
            if implied:
                implied_vascular.append(sentence)
            continue
        binding = modality.kind == "prohibition" or (
            modality.kind == "directive" and has_exception and deadly_only
        )
        if binding and (not has_exception or deadly_only):
            label = "banned" if not has_exception else "limited to deadly-force situations"
            for kind in kinds:
                restricted[kind].append((sentence, label, 0.85 if deadly_only else 0.9))
            if implied:
                implied_vascular.append(sentence)
            vascular_named = "vascular" in kinds and not implied
            if vascular_named and not has_exception and modality.kind == "prohibition":
                banned_outright.append(sentence)
        elif (
            modality.kind in ("permissive", "directive")
            and not deadly_re.search(text)
            and not _DEFINES_OR_REVOKES.search(text)
            and not _AFTERMATH.search(text)
        ):
            allowed.append((sentence, modality.phrase))
            allowed_vascular = allowed_vascular or "vascular" in kinds
        elif binding and _LOWER_THRESHOLD.search(text, match.end()):
            # "shall not apply a carotid restraint except when the subject is actively
            # resisting": the exception lets the hold back in short of deadly force.
            allowed.append((sentence, "banned except short of deadly force"))
            escaped.update(kinds)
    for kind in escaped:
        restricted[kind] = []
        banned_outright = []
    if allowed_vascular:
        # The carotid hold is expressly authorised elsewhere, so a bare "chokehold" ban cannot
        # be read as covering it.
        restricted["vascular"] = [
            item for item in restricted["vascular"] if item[0] not in implied_vascular
        ]
        if any(
            vascular_re.search(sentence.text)
            and _LOWER_THRESHOLD.search(sentence.text)
            and _AUTHORIZES.search(sentence.text)
            for sentence, _phrase in allowed
        ):
            # "A carotid restraint may be used on a combative subject": an escape clause in a
            # sentence of its own empties any ban of the hold.
            restricted["vascular"] = []
            banned_outright = []
    candidates: list[Candidate] = []
    if restricted["vascular"] and restricted["airway"]:
        vascular = max(restricted["vascular"], key=lambda item: item[2])
        airway = max(restricted["airway"], key=lambda item: item[2])
        both = [vascular[0]] if vascular[0] is airway[0] else [vascular[0], airway[0]]
        reason = (
            f"chokeholds and carotid/vascular restraints are {vascular[1]}"
            if len(both) == 1
            else f"carotid/vascular restraint {vascular[1]} and chokehold {airway[1]}"
        )
        candidates.append(Candidate("met", min(vascular[2], airway[2]), reason, both))
    elif banned_outright:
        candidates.append(
            Candidate(
                "met",
                0.65,
                "the carotid/vascular neck restraint is banned "
                "outright, so no neck hold is authorized",
                banned_outright[:1],
            )
        )
    elif restricted["airway"] and not restricted["vascular"]:
        evidence = [restricted["airway"][0][0], *(narrow[:1])]
        if allowed:
            evidence.append(allowed[0][0])
        reason = (
            "only the airway chokehold is restricted (defined as pressure on the airway); "
            "carotid/vascular restraints are not"
        )
        candidates.append(Candidate("not_met", 0.8, reason, _unique(evidence)))
    elif restricted["vascular"]:
        candidates.append(
            Candidate(
                "not_met",
                0.75,
                "only the carotid/vascular restraint is restricted; chokeholds are not addressed",
                [restricted["vascular"][0][0]],
            )
        )
    if allowed and not candidates:
        sentence, phrase = allowed[0]
        candidates.append(
            Candidate(
                "not_met",
                0.85,
                f"neck restraint is authorized ('{phrase}') outside deadly-force situations",
                [sentence],
            )
        )
    if sentences and not candidates:
        candidates.append(
            Candidate("not_met", 0.6, "neck holds are mentioned but not banned", sentences[:1])
        )
    return decide(
        ctx, provision, candidates, "the document does not address chokeholds or neck restraints"
    )


def _unique(sentences: list[Sentence]) -> list[Sentence]:
    seen: set[tuple[int, int]] = set()
    out: list[Sentence] = []
    for sentence in sentences:
        key = (sentence.section_index, sentence.index)
        if key not in seen:
            seen.add(key)
            out.append(sentence)
    return sorted(out, key=lambda s: (s.section_index, s.index))


# --- de-escalation ----------------------------------------------------------------------


def requires_deescalation(ctx: DocumentContext, provision: Provision) -> Finding:
    """Met when a general, directive duty to de-escalate before force is stated."""
    cues = pattern(provision, "cues")
    not_before = pattern(provision, "not_before_force")
    scope = pattern(provision, "scope_limits")
    training = pattern(provision, "training_only")
    force_context = pattern(provision, "force_context")
    accept_consider = bool(provision.params.get("accept_should_consider", False))
    candidates: list[Candidate] = []
    for sentence in ctx.find(cues, param_list(provision, "prefilter")):
        text = sentence.text
        excluded = [m.span() for m in not_before.finditer(text)]
        for match in cues.finditer(text):
            if any(start <= match.start() < end for start, end in excluded):
                continue
            modality = modality_at(text, match)
            head = None
            if modality.kind == "none" or modality.implicit:
                # A list item ("Conflict resolution and de-escalation techniques.") takes its
                # force from the lead-in, which may make it a training topic or a scoped duty.
                head = lead_in(ctx, sentence)
                governed = classify_modality(head.text, len(head.text)) if head else None
                if governed is None or (governed.kind == "none" and modality.implicit):
                    head = None
                else:
                    modality = governed
                    if modality.phrase == "should consider":
                        modality = Modality("permissive", "should consider (lead-in)")
            lead_text = head.text if head is not None else ""
            limit = (
                _first(scope, text) or _first(scope, sentence.heading) or _first(scope, lead_text)
            )
            if limit is None and modality.binding:
                before = ctx.neighbours(sentence, 1, 0)
                if len(before) > 1 and not cues.search(before[0].text):
                    limit = _first(scope, before[0].text)
            if limit is None and modality.binding:
                # "This requirement applies only to ...": a scope stated in the next sentence.
                for after in ctx.following(sentence, 1):
                    if _NARROWS.search(after.text):
                        limit = _first(scope, after.text)
            if modality.kind == "directive":
                if limit:
                    reason = f"de-escalation is required only in a limited situation ('{limit}')"
                    candidates.append(Candidate("not_met", 0.7, reason, [sentence]))
                elif (
                    training.search(lead_text)
                    or training.search(sentence.heading)
                    or TRAINING_SUBJECT.search(text)
                    or (
                        training.search(text)
                        and not re.search(
                            r"\b(?:officers?|members?|deput(?:y|ies)|employees?|troopers?)\b",
                            text,
                            re.I,
                        )
                    )
                ):
                    reason = "de-escalation appears only as a training topic"
                    candidates.append(Candidate("not_met", 0.6, reason, [sentence]))
                elif not force_context.search(text) and not force_context.search(sentence.heading):
                    reason = "de-escalation is required without being tied to encounters or force"
                    candidates.append(Candidate("not_met", 0.55, reason, [sentence]))
                else:
                    reason = (
                        f"officers are directed ('{modality.phrase}') to "
                        f"de-escalate before using force"
                    )
                    candidates.append(Candidate("met", 0.85, reason, [sentence]))
            elif modality.kind == "permissive":
                # Campaign Zero counted "should consider" when the sentence offers concrete
                # alternatives to force (time, distance, persuasion); the coding guide otherwise
                # reads "should consider" as permissive, so the exception stays that narrow.
                if (
                    modality.phrase == "should consider"
                    and accept_consider
                    and not limit
                    and pattern(provision, "concrete_alternatives").search(text)
                ):
                    reason = (
                        "officers 'should consider' de-escalation alternatives in general "
                        "(coded met as in Campaign Zero's reviews; weaker than 'shall')"
                    )
                    candidates.append(Candidate("met", 0.55, reason, [sentence]))
                else:
                    reason = f"de-escalation is only permissive ('{modality.phrase}')"
                    candidates.append(Candidate("not_met", 0.75, reason, [sentence]))
            else:
                reason = "de-escalation is mentioned without a duty to use it"
                candidates.append(Candidate("not_met", 0.55, reason, [sentence]))
            break
    return decide(ctx, provision, candidates, "the document does not address de-escalation")


# --- warning before shooting --------------------------------------------------------------


def requires_warning(ctx: DocumentContext, provision: Provision) -> Finding:
    """Met when a warning is required (when feasible) before deadly force."""
    cues = pattern(provision, "cues")
    deadly = pattern(provision, "deadly_context")
    scope = pattern(provision, "scope_limits")
    not_warning = pattern(provision, "not_a_warning")
    candidates: list[Candidate] = []
    for sentence in ctx.find(cues, param_list(provision, "prefilter")):
        text = sentence.text
        match = cues.search(text)
        if match is None or not_warning.search(text):
            continue
        limit = _first(scope, text)
        in_context = bool(deadly.search(text))
        if not in_context or not (limit or _DEADLY_WEAPON.search(text)):
            # The sentence before sets the scope when this one names no weapon: "students fire
            # six rounds after giving the warning" follows the launcher it is about.
            around = surroundings(ctx, sentence, 1, 0)
            in_context = in_context or bool(deadly.search(around))
            limit = limit or _first(scope, around)
        if limit and not _DEADLY_WEAPON.search(text):
            reason = (
                f"a warning is required only before a less-lethal tool or situation ('{limit}')"
            )
            candidates.append(Candidate("not_met", 0.75, reason, [sentence]))
            continue
        # Out of any deadly-force context a warning counts only when it is plainly a warning
        # before force, or when the document is a short excerpt about warnings.
        excerpt = len(ctx.document.sections) <= 3 and re.search(
            r"\b(?:give|given|precede|prior|before|issue)", text, re.I
        )
        if (
            not in_context
            and not excerpt
            and not re.search(r"verbal\s+warning|warning[^.]{0,60}force", text, re.I)
        ):
            continue
        modality, head = governing(ctx, sentence, match)
        score = 0.85 if in_context else 0.6
        if modality.binding or modality.phrase == "recommended":
            reason = (
                f"a warning before deadly force is required ('{modality.phrase}'), where feasible"
            )
            candidates.append(Candidate("met", score, reason, with_lead(sentence, head)))
        elif modality.kind == "permissive":
            reason = f"a warning is only permissive ('{modality.phrase}')"
            candidates.append(Candidate("not_met", 0.75, reason, with_lead(sentence, head)))
        else:
            reason = "a warning is mentioned without a requirement to give it"
            candidates.append(Candidate("not_met", 0.5, reason, with_lead(sentence, head)))
    return decide(
        ctx, provision, candidates, "the document does not address warnings before deadly force"
    )


# Deadly force itself, not "discharging" a less-lethal tool ("before discharging the CEW").
_DEADLY_WEAPON = re.compile(
    r"\bdeadly\b|(?<!less[-\s])lethal\s+force|\bfirearms?\b|\bguns?\b|\bshoot", re.IGNORECASE
)


# --- exhausting alternatives ------------------------------------------------------------


# An exception left to the officer's judgement or convenience empties the requirement: "except
# where the deputy believes that attempting alternatives would delay resolution".
_ESCAPE = re.compile(
    r"\b(?:except|unless)\b[^.]{0,300}?\b(?:would\s+delay|delay\s+(?:the\s+)?resolution|"
    r"inconvenien\w*|in\s+(?:the|his|her|their)\s+(?:\w+\s+)?(?:judg(?:e)?ment|discretion)|"
    r"(?:officer|deputy|member)\s+(?:otherwise\s+)?determines|resist\w*\s+arrest|"
    r"attempt\w*\s+to\s+(?:flee|escape)|\bfleeing\b)",
    re.IGNORECASE,
)


def requires_exhaust_alternatives(ctx: DocumentContext, provision: Provision) -> Finding:
    """Met when deadly force is allowed only once other reasonable means are exhausted."""
    cues = pattern(provision, "cues")
    deadly = pattern(provision, "deadly_context")
    out_of_scope = pattern(provision, "out_of_scope")
    tools = pattern(provision, "less_lethal_tools")
    deadly_here = pattern(provision, "deadly_in_sentence")
    candidates: list[Candidate] = []
    for sentence in ctx.find(cues, param_list(provision, "prefilter")):
        text = sentence.text
        match = cues.search(text)
        if match is None:
            continue
        if out_of_scope.search(text) or out_of_scope.search(sentence.heading):
            continue
        if tools.search(text) and not deadly_here.search(text):
            continue
        if not deadly.search(text) and not deadly.search(surroundings(ctx, sentence, 2, 0)):
            continue
        modality, head = governing(ctx, sentence, match)
        escape = _ESCAPE.search(text, match.end())
        if escape and modality.binding:
            reason = f"the requirement has an exception that swallows it ('{escape.group(0)}')"
            candidates.append(Candidate("not_met", 0.7, reason, with_lead(sentence, head)))
        elif modality.binding or re.search(r"\bonly\b", text[: match.start()], re.I):
            reason = (
                "deadly force is allowed only when other reasonable "
                "means are exhausted or unavailable"
            )
            candidates.append(Candidate("met", 0.8, reason, with_lead(sentence, head)))
        elif modality.kind == "permissive":
            reason = f"alternatives are only to be considered ('{modality.phrase}'), not exhausted"
            candidates.append(Candidate("not_met", 0.7, reason, with_lead(sentence, head)))
        else:
            reason = "alternatives to deadly force are mentioned without a requirement"
            candidates.append(Candidate("not_met", 0.5, reason, with_lead(sentence, head)))
    if not candidates:
        # Addressed but short: deadly force justified whenever reasonable.
        justification = re.compile(
            r"(?:may|authorized\s+to|justified\s+in)\s+(?:use|using|utilize)\s+(?:a\s+)?"
            r"(?:deadly|lethal)\s+(?:force|response)|(?:deadly|lethal)\s+(?:force|response)\s+"
            r"(?:is|may\s+be)\s+(?:justified|authorized|permissible|used)|"
            r"(?:authorized|permitted)\s+to\s+(?:fire|discharge)|firearms?\s+may\s+be\s+discharged",
            re.I,
        )
        found = [
            sentence
            for sentence in ctx.find(justification, ("deadly", "lethal", "fire", "discharge"))
            if not re.search(r"\bunless\b|chok|carotid|\bmeans\b", sentence.text, re.I)
        ]
        found.sort(key=lambda s: not re.search(r"\bmay\s+use\b", s.text, re.I))
        if found:
            reason = (
                "deadly force is allowed when reasonable, "
                "without requiring alternatives be exhausted"
            )
            candidates.append(Candidate("not_met", 0.75, reason, found[:1]))
    return decide(ctx, provision, candidates, "the document does not address deadly force")


# --- moving vehicles --------------------------------------------------------------------


# A neighbouring rule that is not about shooting at vehicles: "Shooting from a moving vehicle |
# Prohibited except in defense of life".
_OTHER_VEHICLE_RULE = re.compile(
    r"\b(?:shoot\w*|fir\w+|discharg\w+)\s+(?:\w+\s+){0,2}?from\s+(?:a|an|the|any)?\s*"
    r"(?:moving\s+)?(?:vehicle|car)",
    re.IGNORECASE,
)


_NOT_GROUNDS = re.compile(
    r"\b(?:is|are)\s+not,?\s+(?:by\s+itself,?\s+|alone,?\s+|in\s+itself,?\s+)?"
    r"(?:grounds?|a\s+justification|justification|sufficient|deadly\s+force\s+by\s+other\s+means)",
    re.IGNORECASE,
)


def restricts_moving_vehicles(ctx: DocumentContext, provision: Provision) -> Finding:
    """Met when shooting at vehicles is banned except for deadly force by other means."""
    cues = pattern(provision, "cues")
    discouraged = pattern(provision, "discouraged")
    unrelated = pattern(provision, "not_about_shooting_at_vehicles")
    acceptable = pattern(provision, "acceptable_exception")
    swallowing = pattern(provision, "swallowing_exception")
    exception_words = pattern(provision, "exception_words")
    candidates: list[Candidate] = []
    for sentence in ctx.find(cues, param_list(provision, "prefilter")):
        text = sentence.text
        match = cues.search(text)
        if match is None:
            continue
        if unrelated.search(text):
            continue
        modality = governing_modality(ctx, sentence, match)
        soft = _first(discouraged, text)
        if soft:
            reason = f"shooting at moving vehicles is only discouraged ('{soft}')"
            candidates.append(Candidate("not_met", 0.75, reason, [sentence]))
            continue
        if not (
            modality.kind == "prohibition"
            or modality.phrase in ("may only", "should only")
            or (re.search(r"\bonly\b", text, re.I) and modality.binding)
        ):
            if modality.kind != "none":
                reason = f"shooting at vehicles is not banned ('{modality.phrase}')"
                candidates.append(Candidate("not_met", 0.6, reason, [sentence]))
            continue
        following = ctx.following(sentence, 2)
        exception_text = ""
        ex = exception_words.search(text)
        if ex is not None:
            exception_text = text[ex.start() :]
        elif re.search(r"\bonly\b", text, re.I):
            condition = re.search(r"\b(?:when|if|where)\b", text[match.start() :], re.I)
            if condition is not None:
                exception_text = text[match.start() + condition.start() :]
        swallow = None
        for branch in _BRANCHES.split(exception_text) if exception_text else []:
            if not acceptable.search(branch):
                swallow = swallow or _first(swallowing, branch)
        evidence = [sentence]
        for other in following:
            if not (exception_words.search(other.text) or swallowing.search(other.text)):
                continue
            if (
                _OTHER_VEHICLE_RULE.search(other.text)
                or HISTORICAL.search(other.text)
                or _NOT_GROUNDS.search(other.text)
            ):
                # Shooting from a vehicle, what the rule used to allow, or a sentence saying
                # the vehicle alone is no ground for shooting.
                continue
            hit = _first(swallowing, other.text)
            if (
                hit
                and not acceptable.search(other.text)
                and re.search(r"vehicle|car\b", other.text, re.I)
            ):
                swallow = swallow or hit
                evidence.append(other)
                break
        if swallow:
            reason = f"the ban has an exception that swallows it ('{swallow}')"
            candidates.append(Candidate("not_met", 0.8, reason, evidence))
        elif exception_text and not acceptable.search(exception_text):
            reason = "shooting at moving vehicles is banned with a narrow exception"
            candidates.append(Candidate("met", 0.6, reason, evidence))
        else:
            reason = (
                "shooting at moving vehicles is banned unless deadly force is used by other means"
            )
            candidates.append(Candidate("met", 0.85, reason, evidence))
    return decide(
        ctx, provision, candidates, "the document does not address shooting at moving vehicles"
    )


FORCE_RULES: dict[str, RuleFunc] = {
    "bans_chokeholds_strangleholds": bans_chokeholds,
    "requires_deescalation": requires_deescalation,
    "requires_warning_before_shooting": requires_warning,
    "requires_exhaust_alternatives_before_shooting": requires_exhaust_alternatives,
    "restricts_shooting_at_moving_vehicles": restricts_moving_vehicles,
}
