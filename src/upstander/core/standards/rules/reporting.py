"""Rules for comprehensive use-of-force reporting and for a use-of-force continuum."""

from __future__ import annotations

import re

from upstander.core.standards.clauses import Sentence, classify_modality
from upstander.core.standards.context import DocumentContext
from upstander.core.standards.model import Finding, Provision
from upstander.core.standards.rules.base import (
    Candidate,
    RuleFunc,
    decide,
    governing_modality,
    lead_in,
    surroundings,
)

__all__ = ["REPORTING_RULES"]

_I = re.IGNORECASE

# Pointing (or unholstering toward people) a firearm: the act comprehensive reporting must reach.
_PERSON = (
    r"(?:a|any|another|the)?\s*"
    r"(?:person|persons|people|individual|subject|suspect|human|anyone|someone)"
)
_POINTING = re.compile(
    r"\b(?:point|aim)(?:s|ed|ing)?\b[^.;]{0,40}?\b(?:fire)?arms?\b[^.;]{0,30}?\b(?:at|toward|towards)\s+"
    + _PERSON
    + r"|\b(?:fire)?arms?\b[^.;]{0,40}?\b(?:pointed|aimed)\s+(?:directly\s+)?"
    r"(?:at|toward|towards)\s+"
    + _PERSON
    + r"|\bfirearms?\s+(?:is\s+)?(?:removed|drawn|unholstered)\s+from\s+(?:a|the|its)\s+holster|"
    r"\b(?:draw|display|unholster)\w*\s+(?:of\s+)?(?:a|the|his|her|their)?\s*"
    r"firearms?\s+(?:at|toward|towards|on)\s+" + _PERSON,
    _I,
)
_REPORT = re.compile(
    r"\breport\w*|\bdocument\w*|\bnotif\w*|\bmemorand\w*|\bmemo\b|\bform\b|\bblue\s+team|"
    r"\bdocumentation",
    _I,
)
_EVERY_FORCE = re.compile(
    r"\b(?:any|every|all|each)\b\s+(?:\w+\s+){0,3}?(?:uses?|applications?|incidents?|instances?|"
    r"situations?)\b[^.]{0,40}?\bforce\b|\b(?:any|every|all)\s+(?:physical\s+)?force\b|"
    r"\b(?:any\s*time|whenever)\s+(?:an?\s+)?(?:police\s+)?(?:officer|member|employee)\s+uses?\s+"
    r"(?:any\s+)?(?:physical\s+)?force|\buses?\s+any\s+force",
    _I,
)
# A duty to make the report, not just a mention of reports ("all reported uses ... reviewed").
_REPORTING_DUTY = re.compile(
    r"\b(?:shall|must|will|should|required\s+to|is\s+required|are\s+required)\b[^.;]{0,80}?"
    r"\b(?:report|document|notify|complete|submit|record|file|prepare|write)\w*|\b(?:reports?|documentation|memorandum)"
    r"\s+(?:is|are|shall\s+be|will\s+be|must\s+be)\s+(?:required|completed|submitted|prepared)|"
    r"\brequires?\b[^.;]{0,40}?\b(?:report|documentation|notification)",
    _I,
)
_EXCLUSION = re.compile(
    r"\bother\s+than\b|\bexcept\w*|\bexclud\w*|\bor\s+(?:greater|higher|above)\b|\babove\b|"
    r"\bdoes\s+not\s+include|\bonly\s+(?:when|if)\b|\bresult(?:s|ing)?\s+in\s+(?:an?\s+)?"
    r"(?:injury|death|serious)|\bthat\s+causes?\b",
    _I,
)
_ACCEPTABLE_EXCLUSION = re.compile(
    r"non\W{0,2}resist\w*|cooperative|compliant|\bwithout\s+resistance|\bescort\w*\s+(?:of\s+)?"
    r"(?:a\s+)?(?:cooperative|compliant)",
    _I,
)
_FORCE_OPTIONS = re.compile(r"\boptions?\b|\btechniques?\b|\btypes?\s+of\s+force|\bpresence\b", _I)


def _exclusion(text: str) -> str | None:
    match = _EXCLUSION.search(text)
    if match is None:
        return None
    rest = text[match.start() : match.start() + 200]
    if _ACCEPTABLE_EXCLUSION.search(rest):
        return None
    # "documented promptly, completely and accurately" carries no exclusion; only real
    # carve-outs (other than, except, or greater, resulting in injury) do.
    return match.group(0)


def requires_comprehensive_reporting(ctx: DocumentContext, provision: Provision) -> Finding:
    """Met when every use of force, firearm pointing included, must be reported."""
    general_ok: list[Sentence] = []
    general_short: list[tuple[Sentence, str]] = []
    for sentence in ctx.find(_EVERY_FORCE, ("force",)):
        text = sentence.text
        head = lead_in(ctx, sentence)
        context = text if _REPORTING_DUTY.search(text) else (head.text if head else "")
        if not _REPORTING_DUTY.search(context):
            continue
        match = _REPORT.search(text) or _EVERY_FORCE.search(text)
        assert match is not None
        modality = governing_modality(ctx, sentence, match)
        if not modality.binding:
            continue
        excluded = _exclusion(text)
        if excluded:
            general_short.append((sentence, excluded))
        else:
            general_ok.append(sentence)
    pointing_report: list[Sentence] = []
    pointing_force: list[Sentence] = []
    for sentence in ctx.find(_POINTING, ("point", "aim", "holster", "firearm")):
        around = surroundings(ctx, sentence, 1, 0)
        head = lead_in(ctx, sentence)
        reported = _REPORTING_DUTY.search(sentence.text) or (
            head is not None and _REPORTING_DUTY.search(head.text)
        )
        if reported or (_REPORT.search(sentence.heading) and _REPORTING_DUTY.search(around)):
            pointing_report.append(sentence)
        elif classify_modality(sentence.text, 0).kind == "none" and (
            not _FORCE_OPTIONS.search(around) or re.search(r"\blevel\b", around, _I)
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
        sentence, excluded = general_short[0]
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
    return decide(provision, candidates, "the document does not address reporting uses of force")


# --- continuum ------------------------------------------------------------------------------

_CONTINUUM = re.compile(
    r"continuum|force\s+matrix|response\s+matrix|spoked\s+wheel|"
    r"(?:force|response)\s+options?\s+(?:model|chart|matrix)|resistance\s*(?:/|and)\s*control|"
    r"levels?\s+of\s+(?:subject\s+)?resistance",
    _I,
)
_NEGATIVE = re.compile(
    r"\bno\s+(?:use[\s-]of[\s-]force\s+|force\s+)?continuum|does\s+not\s+(?:use|employ|have)\b|"
    r"\brang(?:e|es|ing)\s+from|\bpurposes\s+only|\bnot\s+(?:a|required\s+to\s+follow)\b",
    _I,
)
_RESISTANCE = re.compile(r"resist\w*|threat\w*|aggression|compliance", _I)
_LEVELS = re.compile(r"\blevels?\b|\bresponses?\b|\bcontrol\b", _I)
_LADDER_TERMS = (
    r"presence",
    r"verbal",
    r"(?:empty|open)\s+hand|restrain\w*|control\s+holds?|compliance\s+techniques",
    r"chemical|pepper|\bOC\b",
    r"intermediate|impact|baton|taser",
    r"deadly|lethal",
)
_LADDER = [re.compile(term, _I) for term in _LADDER_TERMS]


def has_use_of_force_continuum(ctx: DocumentContext, provision: Provision) -> Finding:
    """Met when force levels are tied to levels of resistance or threat."""
    candidates: list[Candidate] = []
    for sentence in ctx.find(
        _CONTINUUM, ("continuum", "matrix", "wheel", "resistance", "model", "chart")
    ):
        text = sentence.text
        around = " ".join(s.text for s in ctx.neighbours(sentence, 0, 1))
        negative = _NEGATIVE.search(text)
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
        if re.search(r"continuum|matrix|wheel|model|chart", text, _I):
            if _RESISTANCE.search(around) and _LEVELS.search(around):
                reason = "the department uses a continuum relating responses to the threat faced"
                candidates.append(Candidate("met", 0.7, reason, [sentence]))
                continue
            section = ctx.section_text(sentence.section_index)
            rungs = sum(1 for term in _LADDER if term.search(section))
            if rungs >= 5:
                reason = "a continuum of force levels from presence to deadly force is laid out"
                candidates.append(Candidate("met", 0.65, reason, [sentence]))
                continue
            reason = "a continuum is named but no levels tied to resistance are given"
            candidates.append(Candidate("not_met", 0.6, reason, [sentence]))
    return decide(provision, candidates, "the document does not describe a use-of-force continuum")


REPORTING_RULES: dict[str, RuleFunc] = {
    "requires_comprehensive_reporting": requires_comprehensive_reporting,
    "has_use_of_force_continuum": has_use_of_force_continuum,
}
