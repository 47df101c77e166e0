"""Rules for comprehensive use-of-force reporting and for a use-of-force continuum."""

from __future__ import annotations

import re
from itertools import pairwise

from upstander.core.standards.clauses import Sentence, classify_modality
from upstander.core.standards.context import DocumentContext
from upstander.core.standards.model import Finding, Provision
from upstander.core.standards.rules.base import (
    Candidate,
    RuleFunc,
    clause_around,
    decide,
    governing_modality,
    lead_in,
    modality_at,
    param_list,
    pattern,
    surroundings,
)

__all__ = ["REPORTING_RULES"]

_I = re.IGNORECASE


def _exclusion(provision: Provision, text: str) -> str | None:
    exclusions = pattern(provision, "exclusions")
    match = exclusions.search(text)
    while match is not None and re.search(
        r"whether\s+or\s+not\s+(?:\w+\s+){0,2}$", text[: match.start()], _I
    ):
        # "every use of force, whether or not it results in injury" excludes nothing.
        match = exclusions.search(text, match.end())
    if match is None:
        return None
    rest = text[match.start() : match.start() + 200]
    if pattern(provision, "acceptable_exclusions").search(rest):
        return None
    # "documented promptly, completely and accurately" carries no exclusion; only real
    # carve-outs (other than, except, or greater, resulting in injury) do.
    return match.group(0)


_NOT_REPORTABLE = re.compile(
    r"\b(?:is|are)\s+not\s+(?:a\s+)?reportable|\bneed\s+not\s+be\s+(?:reported|documented)|"
    r"\bno\s+report\s+is\s+required|\b(?:is|are)\s+not\s+(?:to\s+be\s+)?reported",
    _I,
)
_NOT_REQUIRED_TO_REPORT = re.compile(
    r"\b(?:not\s+(?:be\s+)?required\s+to|need\s+not)\s+(?:\w+\s+){0,2}?(?:report|document)\w*|"
    r"\b(?:not\s+(?:be\s+)?required\s+to|need\s+not)\s+complete\s+(?:a|an|the)\s+(?:[\w-]+\s+){0,4}?"
    r"report\b|"
    # "For purposes of this standard, reportable force does not include control holds ..."
    r"\breportable\s+(?:uses?\s+of\s+)?force\s+(?:does|shall|will)\s+not\s+include\b|"
    r"\b(?:do|does)\s+not\s+require\s+(?:a|an)\s+(?:[\w-]+\s+){0,5}?report\b",
    _I,
)


_INJURY_ONLY = re.compile(
    r"\b(?:whenever|when|if|where)\s+(?:the\s+)?(?:use\s+of\s+)?force\s+(?:\w+\s+){0,2}?"
    r"(?:results?\s+in|causes?)\s+(?:an?\s+|any\s+)?(?:visible\s+)?(?:injury|injuries|death|"
    r"serious|complaint\s+of)",
    _I,
)


def requires_comprehensive_reporting(ctx: DocumentContext, provision: Provision) -> Finding:
    """Met when every use of force, firearm pointing included, must be reported."""
    pointing_re = pattern(provision, "pointing")
    report_re = pattern(provision, "report_words")
    every_force_re = pattern(provision, "every_force")
    reporting_duty_re = pattern(provision, "reporting_duty")
    force_options_re = pattern(provision, "force_options_context")
    acceptable = pattern(provision, "acceptable_exclusions")
    general_ok: list[Sentence] = []
    general_short: list[tuple[Sentence, str]] = []
    for sentence in ctx.find(
        every_force_re, param_list(provision, "prefilter_every_force") or None
    ):
        text = sentence.text
        head = lead_in(ctx, sentence)
        context = text if reporting_duty_re.search(text) else (head.text if head else "")
        if not reporting_duty_re.search(context):
            continue
        match = report_re.search(text) or every_force_re.search(text)
        assert match is not None
        modality = governing_modality(ctx, sentence, match)
        if not modality.binding:
            continue
        excluded = _exclusion(provision, text)
        if excluded:
            general_short.append((sentence, excluded))
        else:
            general_ok.append(sentence)
    for sentence in ctx.find(
        _NOT_REQUIRED_TO_REPORT, ("required", "need not", "not include", "not require")
    ):
        # "Deputies are not required to report compliance holds on resisting subjects": a
        # carve-out of its own, unless it leaves out only what the guide accepts.
        hit = _NOT_REQUIRED_TO_REPORT.search(sentence.text)
        if hit is None:
            continue
        # What is left out may come after the words ("not required to report compliance holds
        # ...") or before them ("Control holds ... do not require a report").
        rest = clause_around(sentence.text, hit.start())
        if re.search(r"\bforce\b|holds?|takedowns?|strikes?|restraint", rest, _I) and not (
            acceptable.search(rest)
        ):
            general_short.append((sentence, hit.group(0)))
    for sentence in ctx.find(_INJURY_ONLY, ("result", "caus")):
        # "Officers shall complete a force report whenever force results in an injury": a
        # reporting threshold, whatever other words the every-force rules look for.
        hit = _INJURY_ONLY.search(sentence.text)
        if hit is None or not reporting_duty_re.search(sentence.text):
            continue
        if governing_modality(ctx, sentence, hit).binding and sentence not in general_ok:
            general_short.append((sentence, hit.group(0)))
    pointing_report: list[Sentence] = []
    pointing_force: list[Sentence] = []
    for sentence in ctx.find(pointing_re, param_list(provision, "prefilter_pointing") or None):
        around = surroundings(ctx, sentence, 1, 0)
        head = lead_in(ctx, sentence)
        reported = reporting_duty_re.search(sentence.text) or (
            head is not None and reporting_duty_re.search(head.text)
        )
        point = pointing_re.search(sentence.text)
        clause = clause_around(sentence.text, point.start()) if point is not None else ""
        carve_out = _NOT_REPORTABLE.search(clause)
        if carve_out is not None and not acceptable.search(
            clause, max(0, carve_out.start() - 150), carve_out.start()
        ):
            # "... pointing a firearm at a person ... is not a reportable use of force"; not
            # "except that the escort of a person who offers no resistance is not reportable".
            continue
        if _NOT_REQUIRED_TO_REPORT.search(clause):
            continue  # "... points a firearm ... will not be required to complete a report"
        if point is not None and modality_at(sentence.text, point).kind == "permissive":
            # "need not complete a report when they point a firearm": pointing is left out.
            continue
        if reported or (report_re.search(sentence.heading) and reporting_duty_re.search(around)):
            pointing_report.append(sentence)
        elif classify_modality(sentence.text, 0).kind == "none" and (
            not force_options_re.search(around) or re.search(r"\blevel\b", around, _I)
        ):
            # Listed as a reportable level of force, not authorised ("may point").
            pointing_force.append(sentence)
    candidates: list[Candidate] = []
    if general_ok and (pointing_report or pointing_force):
        pointing = (pointing_report or pointing_force)[0]
        reason = (
            "every use of force must be reported, and pointing a firearm at a person is covered"
        )
        candidates.append(Candidate("met", 0.85, reason, [pointing, general_ok[0]]))
    elif pointing_report and not general_short:
        reason = "pointing a firearm at a person must be reported (no every-use rule found)"
        candidates.append(Candidate("met", 0.6, reason, pointing_report[:1]))
    elif (
        pointing_force and not general_short and not general_ok and len(ctx.document.sections) <= 2
    ):
        reason = "pointing a firearm at a person is listed among reportable acts"
        candidates.append(Candidate("met", 0.5, reason, pointing_force[:1]))
    if general_short:
        # Quote the tightest carve-out: long policy statements mention force and exceptions
        # far apart, a real reporting threshold keeps them together.
        sentence, excluded = min(general_short, key=lambda item: len(item[0].text))
        reason = f"reporting leaves out some force ('{excluded}')"
        candidates.append(Candidate("not_met", 0.75, reason, [sentence]))
    if general_ok:
        reason = (
            "uses of force must be documented, but pointing a firearm at a person is not covered"
        )
        candidates.append(Candidate("not_met", 0.7, reason, general_ok[:1]))
    if not candidates:
        weak = ctx.find(
            re.compile(r"\breport\w*\b[^.]{0,80}\bforce\b|\bforce\b[^.]{0,80}\breport", _I),
            ("report",),
        )
        if weak:
            reason = "force reporting is addressed only for some kinds of force"
            candidates.append(Candidate("not_met", 0.6, reason, weak[:1]))
    return decide(
        ctx, provision, candidates, "the document does not address reporting uses of force"
    )


# --- continuum ------------------------------------------------------------------------------


# "The Department will develop a written force matrix ...": a promise, not a matrix in force.
_PLANNED = re.compile(
    r"\b(?:will|shall|to|agrees?\s+to|plans?\s+to|intends?\s+to)\s+(?:\w+\s+)?"
    r"(?:develop|draft|create|adopt|prepare|design)\b",
    _I,
)


def has_use_of_force_continuum(ctx: DocumentContext, provision: Provision) -> Finding:
    """Met when force levels are tied to levels of resistance or threat."""
    continuum_re = pattern(provision, "cues")
    negative_re = pattern(provision, "negative")
    resistance_re = pattern(provision, "resistance")
    levels_re = pattern(provision, "levels")
    ladder = [re.compile(term, _I) for term in param_list(provision, "ladder")]
    candidates: list[Candidate] = []
    for sentence in ctx.find(continuum_re, param_list(provision, "prefilter") or None):
        text = sentence.text
        if classify_modality(text, 0).phrase == "recommendation":
            continue  # "The Department should develop a force matrix ..." is advice
        if _PLANNED.search(text):
            reason = "a continuum is only planned, not in force"
            candidates.append(Candidate("not_met", 0.6, reason, [sentence]))
            continue
        around = " ".join(s.text for s in ctx.neighbours(sentence, 0, 1))
        negative = negative_re.search(text)
        if negative:
            reason = f"force levels are not tied to resistance ('{negative.group(0)}')"
            candidates.append(Candidate("not_met", 0.7, reason, [sentence]))
            continue
        if re.search(r"levels?\s+of\s+(?:subject\s+)?resistance", around, _I) and re.search(
            r"levels?\s+of\s+control|continuum|matrix", around, _I
        ):
            reason = "a continuum maps levels of subject resistance to levels of officer control"
            candidates.append(Candidate("met", 0.85, reason, [sentence]))
            continue
        if re.search(r"continuum|matrix|wheel|model|chart|ladder|graduated|graded", text, _I):
            if re.search(r"ladder|graduated|graded", text, _I):
                # A named ladder sets its rungs out in the items that follow it.
                around = " ".join(s.text for s in ctx.neighbours(sentence, 0, 5))
            if resistance_re.search(around) and levels_re.search(around):
                reason = "the department uses a continuum relating responses to the threat faced"
                candidates.append(Candidate("met", 0.7, reason, [sentence]))
                continue
            section = ctx.section_text(sentence.section_index)
            rungs = sum(1 for term in ladder if term.search(section))
            if rungs >= 5:
                reason = "a continuum of force levels from presence to deadly force is laid out"
                candidates.append(Candidate("met", 0.65, reason, [sentence]))
                continue
            named_levels = _distinct(_compiled_list(provision, "resistance_levels"), around)
            if len(named_levels) >= 3:
                reason = (
                    "the continuum sets force options for each level of subject behaviour "
                    f"({len(named_levels)} levels named)"
                )
                candidates.append(Candidate("met", 0.7, reason, [sentence]))
                continue
            reason = "a continuum is named but no levels tied to resistance are given"
            candidates.append(Candidate("not_met", 0.6, reason, [sentence]))
    if not any(c.status == "met" for c in candidates):
        candidates.extend(_level_ladders(ctx, provision))
    if not any(c.status == "met" for c in candidates):
        candidates.extend(_escalation_ladders(ctx))
        candidates.extend(_heading_ladders(ctx, provision))
    if not any(c.status == "met" for c in candidates):
        candidates.extend(_per_weapon_ladders(ctx, provision))
    return decide(
        ctx, provision, candidates, "the document does not describe a use-of-force continuum"
    )


# "As a subject's resistance increases from passive to active to assaultive, an officer may move
# to progressively higher levels of force": a ladder stated in one sentence.
_ESCALATES = re.compile(
    r"\b(?:progressively|successively|increasingly)\s+(?:higher|greater|more\s+forceful)\s+"
    r"(?:levels?\s+of\s+)?(?:force|responses?|options)",
    _I,
)
_BEHAVIOUR_LEVELS = re.compile(
    r"\b(?:compliant|passive|active|assaultive|aggressive|combative|life[\s-]threatening|deadly)\b",
    _I,
)
# A heading naming the levels of force ("Our Force Levels", "Force Model").
_LEVELS_HEADING = re.compile(
    r"\b(?:force\s+(?:levels|model|ladder|options)|levels\s+of\s+(?:force|response|control))\b",
    _I,
)
_BEHAVIOUR = re.compile(
    r"resist\w*|fight\w*|attack\w*|assault\w*|threat\w*|pull\w*\s+away|won'?t\s+(?:move|comply)|"
    r"flee\w*|comply\w*|cooperat\w*",
    _I,
)
_PLAIN_RUNGS = [
    re.compile(term, _I)
    for term in (
        r"\btalk\w*|presence|verbal|commands?",
        r"escort|hands?[\s-]on|holds?|handcuff\w*|joint\s+locks?",
        r"spray|pepper|\bOC\b|taser|chemical|\bCEWs?\b|\bECDs?\b|takedowns?",
        r"baton|impact|strikes?|intermediate",
        r"\bguns?\b|firearms?|deadly|lethal\s+force",
    )
]


# "The more a person fights back, the more force the officer is allowed to use", followed by
# numbered steps.
_THE_MORE = re.compile(
    r"\bthe\s+more\s+(?:a|the)\s+(?:person|subject|suspect|individual)\s+(?:\w+\s+){0,3}?"
    r"(?:resists?|fights?|struggles?)\b[^.]{0,60}?\bthe\s+more\s+force",
    _I,
)
_STEP = re.compile(r"\b(?:step|level|rung|tier)\s+\d\b", _I)


def _escalation_ladders(ctx: DocumentContext) -> list[Candidate]:
    candidates: list[Candidate] = []
    for sentence in ctx.find(_THE_MORE, ("the more",)):
        following = ctx.following(sentence, 8)
        steps = sum(1 for s in following if _STEP.search(s.text))
        if steps >= 3:
            reason = f"force rises with resistance through {steps} numbered steps"
            candidates.append(Candidate("met", 0.6, reason, [sentence, *following[: steps + 1]]))
    for sentence in ctx.find(_ESCALATES, ("progressive", "successive", "increasing")):
        levels = {m.group(0).lower() for m in _BEHAVIOUR_LEVELS.finditer(sentence.text)}
        if len(levels) >= 3 and re.search(r"resist|threat|behaviou?r", sentence.text, _I):
            reason = (
                "force may rise to progressively higher levels only as the subject's resistance "
                f"rises ({len(levels)} levels named)"
            )
            candidates.append(Candidate("met", 0.65, reason, [sentence]))
    return candidates


def _heading_ladders(ctx: DocumentContext, provision: Provision) -> list[Candidate]:
    """A list under a heading naming force levels, each item a response for a behaviour."""
    sections = ctx.document.sections
    negative_re = pattern(provision, "negative")
    candidates: list[Candidate] = []
    for index, section in enumerate(sections):
        if not _LEVELS_HEADING.search(section.heading) or negative_re.search(section.text):
            continue
        items = list(range(index, min(len(sections), index + 9)))
        texts = [f"{sections[i].heading} {sections[i].text}" for i in items]
        rungs = {n for n, regex in enumerate(_PLAIN_RUNGS) if any(regex.search(t) for t in texts)}
        behaviours = sum(1 for t in texts[1:] if _BEHAVIOUR.search(t))
        if len(rungs) >= 4 and behaviours >= 3:
            evidence = [h for i in items[:6] if (h := ctx.heading_sentence(i)) is not None]
            reason = (
                f"a ladder of {len(rungs)} force levels, each tied to what the subject is doing, "
                "is laid out"
            )
            candidates.append(Candidate("met", 0.6, reason, evidence))
    return candidates


# Tools a per-weapon rule names, each its own kind of force.
_TOOLS = {
    "chemical": re.compile(r"\bOC\b|pepper|chemical\s+(?:agents?|spray)|\bspray\b", _I),
    "cew": re.compile(r"\bCEWs?\b|\bECWs?\b|\bCEDs?\b|taser|conducted\s+(?:energy|electrical)", _I),
    "impact": re.compile(r"\bbaton|impact\s+weapons?|\bstrikes?\b", _I),
    "projectile": re.compile(r"kinetic|projectiles?|bean[\s-]*bag|launcher|pepperball", _I),
    "canine": re.compile(r"\bcanine|\bK-?9\b|police\s+dog", _I),
    "takedown": re.compile(r"takedowns?|joint\s+locks?|control\s+holds?|escort\s+holds?", _I),
    "firearm": re.compile(r"\bfirearms?\b|deadly\s+force", _I),
}
_AUTHORIZED_FOR = re.compile(
    r"\b(?:authori[sz]ed|approved|permitted|may\s+be\s+(?:used|deployed|applied)|may\s+use)\b"
    r"[^.;]{0,40}?\b(?:only\s+)?(?:at|for|against|in\s+response\s+to|where|when)\b",
    _I,
)
_LEVEL_NUMBER = re.compile(r"\blevel\s+([1-6])\b", _I)


def _per_weapon_ladders(ctx: DocumentContext, provision: Provision) -> list[Candidate]:
    """Per-weapon rules that really differ (the guide's own example of a continuum): each tool
    allowed from its own level of resistance ("OC spray at active resistance", "the CEW only
    for active aggression", "the baton only for aggravated aggression")."""
    levels = _compiled_list(provision, "resistance_levels")
    reached: dict[str, int] = {}
    evidence: list[Sentence] = []
    for sentence in ctx.find(_AUTHORIZED_FOR, ("authori", "approved", "permitted", "may")):
        # Items run together in one sentence ("a. OC spray is authorized ... b. The CEW ...")
        # are read one clause at a time.
        for text in re.split(r"(?<=[.;])\s+", sentence.text):
            authorized = _AUTHORIZED_FOR.search(text)
            if authorized is None:
                continue
            start = authorized.start()
            tools = [name for name, regex in _TOOLS.items() if regex.search(text, 0, start)]
            if len(tools) != 1:
                continue  # one tool a rule: a list of tools for one level is no ladder
            after = text[start:]
            named = _distinct(levels, after)
            number = _LEVEL_NUMBER.search(after)
            level = max(named) if named else (int(number.group(1)) - 1 if number else None)
            if level is None or tools[0] in reached:
                continue
            reached[tools[0]] = level
            if sentence not in evidence:
                evidence.append(sentence)
    if len(reached) >= 3 and len(set(reached.values())) >= 3:
        reason = (
            f"each weapon is allowed from its own level of resistance ({len(reached)} weapons, "
            f"{len(set(reached.values()))} levels)"
        )
        return [Candidate("met", 0.6, reason, evidence[:5])]
    return []


def _compiled_list(provision: Provision, key: str) -> list[re.Pattern[str]]:
    return [re.compile(term, _I) for term in param_list(provision, key)]


def _distinct(patterns: list[re.Pattern[str]], text: str) -> set[int]:
    """Indexes of the patterns (levels or rungs) found in ``text``."""
    return {index for index, regex in enumerate(patterns) if regex.search(text)}


# A row labelled as a level of resistance ("Resistance level: Passive | Force option: ...")
# names its level with a bare word.
_LABELLED_LEVEL = re.compile(
    r"\b(?:resistance\s+level|level\s+of\s+(?:subject\s+)?resistance|subject\s+(?:behaviou?r|action))"
    r"\s*[:|-]\s*(?P<word>[a-z]+(?:\s+[a-z]+)?)",
    _I,
)
_BARE_LEVELS = [
    re.compile(word, _I)
    for word in (
        r"^(?:compliant|cooperative)",
        r"^passive",
        r"^active",
        r"^(?:aggravated|assaultive|aggressive)",
        r"^(?:deadly|lethal)",
    )
]


def _pairing(
    levels: list[re.Pattern[str]], rungs: list[re.Pattern[str]], text: str
) -> tuple[set[int], set[int]]:
    """Levels of resistance and rungs of response that one sentence pairs with each other."""
    labelled = _LABELLED_LEVEL.search(text)
    if labelled is not None:
        word = labelled.group("word")
        bare = {index for index, regex in enumerate(_BARE_LEVELS) if regex.search(word)}
        rest = text[labelled.end() :]
        offered = {index for index, regex in enumerate(rungs) if regex.search(rest)}
        if bare and offered:
            return {max(bare)}, offered
    found: set[int] = set()
    spans: list[tuple[int, int]] = []
    for index, regex in enumerate(levels):
        for match in regex.finditer(text):
            found.add(index)
            spans.append(match.span())
    if not found:
        return set(), set()
    responses: set[int] = set()
    for index, regex in enumerate(rungs):
        for match in regex.finditer(text):
            # "Deadly force resistance" names a level, not a response.
            if not any(start <= match.start() < end for start, end in spans):
                responses.add(index)
                break
    return (found, responses) if responses else (set(), set())


_INTRODUCES = re.compile(
    r"matrix|\btable\b|chart|continuum|levels?\s+of\s+(?:subject\s+)?resistance|force\s+options",
    _I,
)


def _introduction(ctx: DocumentContext, evidence: list[Sentence]) -> list[Sentence]:
    """The sentence that introduces a ladder ("... as shown in the table below"), if any."""
    if not evidence or evidence[0].index < 0:
        return []
    found = [
        sentence
        for sentence in ctx.preceding(evidence[0], 5)
        if _INTRODUCES.search(sentence.text) and sentence not in evidence
    ]
    return sorted(found[:2], key=lambda sentence: (sentence.section_index, sentence.index))


def _graded(
    sentences: list[Sentence], levels: list[re.Pattern[str]], rungs: list[re.Pattern[str]]
) -> bool:
    """Whether items each pair one level with responses, higher levels with higher responses.

    A short ladder (three levels) counts only when it really grades: the highest response an
    item allows rises with the highest level of resistance it names. A list of tools that are each
    "authorised for resisting subjects" does not.
    """
    steps: list[tuple[int, int]] = []
    for sentence in sentences:
        found, responses = _pairing(levels, rungs, sentence.text)
        if not responses:
            continue
        steps.append((max(found), max(responses)))
    if len({level for level, _ in steps}) < 3:
        return False
    steps.sort()
    rising = all(a[1] <= b[1] for a, b in pairwise(steps))
    return rising and steps[0][1] < steps[-1][1]


_RESPONSE_LABEL = re.compile(
    r"\W*(?:(?:authori[sz]ed|permitted|approved|allowed|appropriate)\s+)?"
    r"(?:(?:force\s+)?(?:responses?|options?)|force)(?:\s*[:\u2014-]|\s+(?:are|include)\b)",
    _I,
)


def _level_ladders(ctx: DocumentContext, provision: Provision) -> list[Candidate]:
    """Ladders of force written without the word continuum: items pairing levels of
    resistance with responses ("Level 3 - Active resistance: takedowns, chemical spray")."""
    levels = _compiled_list(provision, "resistance_levels")
    rungs = _compiled_list(provision, "responses")
    if not levels or not rungs:
        return []
    any_level = pattern(provision, "resistance_levels")
    negative_re = pattern(provision, "negative")
    hint = param_list(provision, "prefilter_levels") or None
    # Levels may stand in list headings ("(a) Passive resistance:") with the responses below.
    headed = [i for i, sec in enumerate(ctx.document.sections) if any_level.search(sec.heading)]
    hits = sorted(set(ctx.sections_matching(any_level, hint)) | set(headed))
    groups: list[list[int]] = []
    for index in hits:
        # The reader makes each ladder item its own section: neighbouring hits form one ladder.
        if groups and index - groups[-1][-1] <= 3:
            groups[-1].append(index)
        else:
            groups.append([index])
    candidates: list[Candidate] = []
    for group in groups:
        # Items under a level's heading ("(a) Passive resistance:" / "(i) verbal direction;")
        # sit between the hits and after the last one.
        span = range(group[0], min(len(ctx.document.sections), group[-1] + 3))
        window = " ".join(
            f"{ctx.document.sections[index].heading} {ctx.section_text(index)}" for index in span
        )
        named = _distinct(levels, window) | {
            bare
            for row in _LABELLED_LEVEL.finditer(window)
            for bare, regex in enumerate(_BARE_LEVELS)
            if regex.search(row.group("word"))
        }
        if len(named) < 3 or len(_distinct(rungs, window)) < 3:
            continue  # cheap test before splitting sentences
        if negative_re.search(window):
            continue
        paired_levels: set[int] = set()
        paired_rungs: set[int] = set()
        evidence: list[Sentence] = []
        carried: set[int] = set()
        carried_level = -1
        for index in span:
            if ctx.document.sections[index].level <= carried_level:
                carried = set()  # past the items of the level that was carried
            heading = ctx.heading_sentence(index)
            items = ctx.sentences(index)
            if heading is not None and any_level.search(heading.text):
                items = [heading, *items]
            for sentence in items:
                found, responses = _pairing(levels, rungs, sentence.text)
                if found:
                    paired_levels |= found
                    paired_rungs |= responses
                    evidence.append(sentence)
                    carried = set()
                    continue
                level_named = _distinct(levels, sentence.text)
                if level_named:
                    # "(a) Passive resistance:" heads the items under it that list responses.
                    carried = level_named
                    carried_level = ctx.document.sections[index].level
                elif (
                    carried
                    and (len(sentence.text.split()) <= 10 or _RESPONSE_LABEL.match(sentence.text))
                    and (offered := _distinct(rungs, sentence.text))
                ):
                    # Only a short list item ("takedown;"), or a line labelled as the response
                    # ("Authorized response: presence, verbal direction, ..."), belongs to the
                    # level above it.
                    paired_levels |= carried
                    paired_rungs |= offered
                    evidence.append(sentence)
        if (len(paired_levels) >= 4 and len(paired_rungs) >= 4) or (
            len(paired_levels) >= 3 and len(paired_rungs) >= 3 and _graded(evidence, levels, rungs)
        ):
            reason = (
                "a ladder ties force options to levels of subject resistance "
                f"({len(paired_levels)} levels)"
            )
            candidates.append(
                Candidate("met", 0.7, reason, [*_introduction(ctx, evidence), *evidence[:6]])
            )
    return candidates


REPORTING_RULES: dict[str, RuleFunc] = {
    "requires_comprehensive_reporting": requires_comprehensive_reporting,
    "has_use_of_force_continuum": has_use_of_force_continuum,
}
