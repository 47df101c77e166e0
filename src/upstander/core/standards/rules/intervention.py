"""Rules for the duty-to-intervene package: intervening, reporting misconduct, protection
from retaliation, and the finer elements a reviewer checks in an intervention duty."""

from __future__ import annotations

import re

from upstander.core.standards.clauses import Sentence
from upstander.core.standards.context import DocumentContext
from upstander.core.standards.model import Finding, Provision
from upstander.core.standards.rules.base import (
    TRAINING_SUBJECT,
    Candidate,
    RuleFunc,
    decide,
    governing,
    governing_modality,
    param_list,
    pattern,
    with_lead,
)

__all__ = ["INTERVENTION_RULES", "intervention_sentences"]

_I = re.IGNORECASE
_INTERVENE = re.compile(
    r"\binterven\w*|\binterced\w*|\bintercession|\binterpose\b|\bstep\s+in\b|"
    r"\bstop,?\s+or\s+attempt\s+to\s+stop|"
    r"\b(?:prevent|stop)\s+(?:or\s+stop\s+)?(?:the\s+)?(?:use\s+of\s+)?(?:such\s+)?"
    r"(?:excessive|unreasonable|unnecessary|inappropriate|illegal|unlawful)\s+(?:use\s+of\s+)?force|"
    # Generic action verbs ("take reasonable action to stop it"); counted only beside excessive
    # force (see _GENERIC_ACTION).
    r"\b(?:take|takes|taking)\s+(?:\w+\s+){0,3}?(?:action|steps?|measures)(?:,\s+[\w\s]{1,30},)?\s+"
    r"to\s+(?:stop|prevent|halt|end)\b|"
    r"\bact\s+(?:at\s+once\s+|immediately\s+|promptly\s+)?to\s+(?:stop|prevent|halt|end)\b",
    _I,
)
_GENERIC_ACTION = re.compile(r"^(?:take|act)", _I)
_NOT_INTERVENTION = re.compile(
    r"crisis\s+intervention|early\s+intervention|intervention\s+(?:team|program|unit|specialist|"
    r"services|counsel\w*)|medical\s+intervention|mental\s+health|\bCIT\b|suicide|"
    # "complaints alleging excessive force, failure to intervene, ...": an allegation, no duty.
    r"\balleg\w*\b[^.]{0,100}\bfailure\s+to\s+interven",
    _I,
)
# Intervening named as the act a retaliation ban protects ("for intervening to stop ...").
_PROTECTED_ACT = re.compile(
    r"\b(?:for|because\s+of|after)\s+(?:\w+\s+){0,3}?(?:interven|interced)\w*", _I
)
_RETALIATION = re.compile(r"retaliat\w*|reprisals?|adverse\s+action", _I)
# The intervening verb inside a relative clause ("who intervenes"), unless it is a failure.
_DESCRIBES_INTERVENER = re.compile(
    r"\b(?:who|that)\s+(?:(?!fail|shall\b|must\b|will\b|should\b)\w+\s+){0,2}?$", _I
)
_OTHER_OFFICER = re.compile(
    r"\banother\b|\bother\s+(?:officers?|members?|personnel|employees?|law\s+enforcement)|"
    r"\bfellow\b|\bco-?workers?\b|\bcolleagues?\b|\bpartners?\b|\bany\s+(?:officer|member|employee|personnel)\b|"
    r"\bbrother\s+officers?\b",
    _I,
)
# Wrongs only a member can commit, named beside other violations: "any act the employee believes
# to be a crime, a violation of a rule, use of excessive force, or dishonesty".
_MEMBERS_WRONG = re.compile(
    r"\bexcessive\s+force\b|\bdishonest\w*|\buntruthful\w*|\bmistreat\w*\s+of\s+(?:any\s+)?"
    r"(?:person|people|prisoners?|inmates?|detainees?)",
    _I,
)
_EXCESSIVE = re.compile(
    r"excessive|unreasonable|unnecessary|inappropriate\w*|clearly\s+beyond|unlawful|illegal|"
    r"does\s+not\s+call\s+for|not\s+called\s+for|uncalled[\s-]for|"
    r"beyond\s+(?:that\s+which\s+is\s+|what\s+is\s+)?(?:objectively\s+)?(?:reasonable|necessary)",
    _I,
)
# A duty whose subject is supervisors ("A supervisor who observes force ... shall intervene").
_SUPERVISORS_ONLY = re.compile(
    r"^\W*(?:\(\w{1,3}\)\s*|\d{1,3}\.\s+)*(?:a|an|any|the|each|every)?\s*(?:on-scene\s+|field\s+)?"
    r"(?:supervisors?|sergeants?|lieutenants?|commanders?|supervising\s+officers?)\b(?!['\u2019])",
    _I,
)
# A duty confined to one kind of operation ("During crowd-control operations, squad members
# shall intervene ...") is not the general duty.
_NARROW_OPERATION = re.compile(
    r"\b(?:during|in)\s+(?:\w+\s+){0,2}?(?:crowd[\s-]control|crowd[\s-]management|"
    r"(?:special|tactical)\s+operations?|SWAT|warrant\s+service|demonstrations?|protests?)\b",
    _I,
)
_MEMBERS_FORBIDDEN = re.compile(
    r"\bno\s+(?:member|employee|officer|person)s?\b|\b(?:shall|must|will|may)\s+not\s+(?:\w+\s+){0,3}"
    r"retaliat",
    _I,
)
# A retaliation ban in an equal-employment rule ("because of race, color, religion ... or
# because the employee filed a complaint under the EEO order") protects other complaints.
_EQUAL_EMPLOYMENT = re.compile(
    r"\b(?:race|religion|national\s+origin|disabilit\w+|equal\s+employment|EEO)\b", _I
)
_MISCONDUCT_LINK = re.compile(
    r"report\w*\s+(?:\w+\s+){0,3}?(?:misconduct|wrongdoing|violations?)|interven\w*|interced\w*|"
    r"excessive\s+force",
    _I,
)
# A ban protecting only the public ("against a member of the public ... for filing a complaint").
# "against any member of the public", also after other verbs ("retaliate against, threaten, or
# intimidate any member of the public"), none of them naming members.
_PUBLIC_ONLY = re.compile(
    r"\bagainst\b(?:,?\s+(?:or\s+|and\s+)?(?!(?:a|an|any|member|officer|employee|deputy)\b)"
    r"[a-z]+){0,5}?,?\s+(?:a|an|any)?\s*(member\s+of\s+the\s+public|citizens?|civilians?|"
    r"residents?|complainants?|members\s+of\s+the\s+community|students?(?:\s+or\s+visitors?)?|"
    r"visitors?|(?:person|individual)\s+who\s+(?:files?|filed|makes?|made)"
    r"(?:\s+or\s+intends\s+to\s+(?:file|make))?\s+a\s+complaint|"
    r"(?:person|individual)\s+(?:for|because\s+of)\s+(?:filing|making)\s+a\s+complaint)\b",
    _I,
)
_FORCE_OR_MISCONDUCT = re.compile(
    r"\bforce\b|misconduct|wrongdoing|unlawful|illegal|constitution\w*|civil\s+rights|"
    r"\b(?:mal|mis)treat\w*|\bbrutal\w*|\bphysical\s+coercion|"
    r"\bwithout\s+(?:probable\s+cause|lawful\s+authority|legal\s+justification)",
    _I,
)


def intervention_sentences(ctx: DocumentContext) -> list[tuple[Sentence, re.Match[str]]]:
    """Sentences stating an intervention duty (or non-duty) toward another officer's conduct."""
    out: list[tuple[Sentence, re.Match[str]]] = []
    for sentence in ctx.find(
        _INTERVENE,
        (
            "interven",
            "interced",
            "intercession",
            "interpose",
            "step",
            "stop",
            "prevent",
            "halt",
            "to end",
        ),
    ):
        text = sentence.text
        if _NOT_INTERVENTION.search(text) or (
            _PROTECTED_ACT.search(text) and _RETALIATION.search(text)
        ):
            continue
        match = _INTERVENE.search(text)
        if match is None:
            continue
        scope = " ".join([sentence.heading, text])
        # Intervening against excessive force can only concern another officer's force.
        if not (
            _OTHER_OFFICER.search(scope)
            or _EXCESSIVE.search(text)
            or re.search(r"interven|interced", sentence.heading, _I)
        ):
            continue
        if not _FORCE_OR_MISCONDUCT.search(scope):
            continue
        if _GENERIC_ACTION.match(match.group(0)) and not (
            _EXCESSIVE.search(text) and _FORCE_OR_MISCONDUCT.search(text)
        ):
            # "take steps to prevent escape": a generic action verb needs the excessive force
            # (or misconduct) it acts against in the same sentence.
            continue
        out.append((sentence, match))
    return out


def duty_to_intervene(ctx: DocumentContext, provision: Provision) -> Finding:
    """Met when officers must intervene to stop another officer's excessive force."""
    candidates: list[Candidate] = []
    for sentence, match in intervention_sentences(ctx):
        if _DESCRIBES_INTERVENER.search(sentence.text[: match.start()]):
            # "An officer who intervenes ... shall be commended": the clause names who is meant,
            # the sentence's duty is about something else.
            continue
        modality, head = governing(ctx, sentence, match)
        narrow = _NARROW_OPERATION.search(" ".join([sentence.heading, sentence.text]))
        if TRAINING_SUBJECT.search(sentence.text):
            reason = "intervening appears only as a training topic"
            candidates.append(Candidate("not_met", 0.6, reason, with_lead(sentence, head)))
        elif _SUPERVISORS_ONLY.match(sentence.text) and modality.binding:
            reason = "the duty to intervene is placed only on supervisors"
            candidates.append(Candidate("not_met", 0.65, reason, with_lead(sentence, head)))
        elif narrow and modality.binding:
            reason = f"the duty to intervene applies only in one kind of operation ('{narrow[0]}')"
            candidates.append(Candidate("not_met", 0.65, reason, with_lead(sentence, head)))
        elif modality.kind == "directive" or (
            modality.kind == "prohibition"
            and re.search(r"fail\w*\s+to\s+interven", sentence.text, _I)
        ):
            reason = (
                f"officers must ('{modality.phrase}') intervene to "
                f"stop another officer's excessive force"
            )
            candidates.append(Candidate("met", 0.9, reason, with_lead(sentence, head)))
        elif modality.kind == "permissive":
            reason = f"intervention is left to discretion ('{modality.phrase}')"
            candidates.append(Candidate("not_met", 0.75, reason, with_lead(sentence, head)))
        else:
            reason = "intervention is mentioned without a duty to intervene"
            candidates.append(Candidate("not_met", 0.5, reason, with_lead(sentence, head)))
    if not candidates:
        report_only = ctx.find(
            re.compile(r"\b(?:observ|witness)\w*\b[^.]{0,120}\bforce\b[^.]{0,120}\breport", _I),
            ("observ", "witness"),
        )
        if report_only:
            reason = "there is only a duty to report another officer's force afterwards"
            candidates.append(Candidate("not_met", 0.7, reason, report_only[:1]))
    return decide(ctx, provision, candidates, "the document does not address a duty to intervene")


# --- reporting misconduct ---------------------------------------------------------------------


def duty_to_report_misconduct(ctx: DocumentContext, provision: Provision) -> Finding:
    """Met when every member must report misconduct they witness or learn of."""
    report_verb = pattern(provision, "report_verb")
    named = pattern(provision, "named_misconduct")
    supervisor_only = pattern(provision, "supervisor_only")
    candidates: list[Candidate] = []
    hint = param_list(provision, "prefilter") or None
    for sentence in ctx.find(pattern(provision, "cues"), hint):
        text = sentence.text
        match = report_verb.search(text)
        if match is None:
            continue
        modality, head = governing(ctx, sentence, match)
        # Offenders' crimes are not members' misconduct: other violations count only when the
        # sentence points at another member.
        if not (named.search(text) or _OTHER_OFFICER.search(text) or _MEMBERS_WRONG.search(text)):
            continue
        if modality.kind == "directive":
            if supervisor_only.search(text) or (
                head is not None and supervisor_only.search(head.text)
            ):
                reason = (
                    "the duty to report misconduct is placed only on supervisors or another "
                    "particular role"
                )
                candidates.append(Candidate("not_met", 0.7, reason, with_lead(sentence, head)))
            else:
                reason = (
                    f"members must ('{modality.phrase}') report misconduct they witness or learn of"
                )
                score = 0.75 + 0.05 * sum(
                    (
                        bool(_OTHER_OFFICER.search(text)),
                        modality.phrase != "should",
                        bool(named.search(text)),
                    )
                )
                candidates.append(Candidate("met", score, reason, with_lead(sentence, head)))
        elif modality.kind == "permissive":
            reason = f"reporting misconduct is only encouraged ('{modality.phrase}')"
            candidates.append(Candidate("not_met", 0.7, reason, with_lead(sentence, head)))
    if not any(c.status == "met" for c in candidates):
        observed = pattern(provision, "force_observation")
        for sentence in ctx.find(observed, ("observ", "witness")):
            if report_verb.search(sentence.text):
                reason = "the reporting duty is limited to observed excessive force"
                candidates.append(Candidate("not_met", 0.7, reason, [sentence]))
                break
    return decide(ctx, provision, candidates, "the document does not address reporting misconduct")


# --- retaliation ------------------------------------------------------------------------------


def anti_retaliation(ctx: DocumentContext, provision: Provision) -> Finding:
    """Met when retaliation against members who report or intervene is prohibited."""
    cues = pattern(provision, "cues")
    protected = pattern(provision, "protected_acts")
    prohibition_words = pattern(provision, "prohibited")
    # The document's own definition of retaliation, looked up once.
    defined = _defined_by_protected_acts(ctx, protected)
    candidates: list[Candidate] = []
    for sentence in ctx.find(cues, param_list(provision, "prefilter") or None):
        text = sentence.text
        match = cues.search(text)
        assert match is not None
        modality = governing_modality(ctx, sentence, match)
        prohibited = modality.kind == "prohibition" or prohibition_words.search(text)
        if not prohibited or re.match(r"\W*(?:retaliation|reprisal)\s+(?:is|means)\b", text, _I):
            # A definition ("Retaliation is treating a person differently ...") bans nothing.
            continue
        if _FORCE_AS_RETALIATION.search(text):
            # "Members shall not use force to punish, to retaliate against, or to coerce any
            # person": a limit on force against the public, not a protection of members.
            continue
        if _CROSS_REFERENCE.search(text):
            # "Related policies: ... Policy 1040 - Retaliation Prohibited": another policy's
            # title, whose rule the document does not carry.
            continue
        around = " ".join([sentence.heading, *(s.text for s in ctx.neighbours(sentence, 1, 0))])
        if _EQUAL_EMPLOYMENT.search(text) and not _MISCONDUCT_LINK.search(text):
            reason = (
                "retaliation is prohibited for equal-employment complaints, not for reporting "
                "misconduct or intervening"
            )
            candidates.append(Candidate("not_met", 0.6, reason, [sentence]))
            continue
        public = _PUBLIC_ONLY.search(text)
        if public:
            reason = (
                f"only retaliation against {public.group(1)} is prohibited, not against members"
            )
            candidates.append(Candidate("not_met", 0.6, reason, [sentence]))
            continue
        if protected.search(text):
            reason = "retaliation against members who report or intervene is prohibited"
            score = (0.85 if modality.kind == "prohibition" else 0.7) + (
                0.05 if re.search(r"retaliat", sentence.heading, _I) else 0.0
            )
            if _MEMBERS_FORBIDDEN.search(text):
                score += 0.03  # a rule addressed to members beats a description of the policy
            candidates.append(Candidate("met", score, reason, [sentence]))
        elif protected.search(around):
            reason = "retaliation is prohibited in a passage about reporting or complaints"
            candidates.append(Candidate("met", 0.65, reason, [sentence]))
        elif defined is not None:
            reason = (
                "retaliation is prohibited, and the document defines it as adverse action for "
                "reporting or intervening"
            )
            candidates.append(Candidate("met", 0.65, reason, [sentence, defined]))
        else:
            reason = "retaliation is prohibited without a link to reporting or intervening"
            candidates.append(Candidate("not_met", 0.65, reason, [sentence]))
    return decide(ctx, provision, candidates, "the document does not address retaliation")


_FORCE_AS_RETALIATION = re.compile(
    r"\buse\s+(?:of\s+)?force\b[^.;]{0,30}?\b(?:to|as|for)\s+(?:(?:a\s+)?(?:means\s+of\s+)?)?"
    r"(?:punish\w*|retaliat\w*)(?!\w*\s+against\s+(?:an?\s+|any\s+)?(?:member|officer|employee))",
    _I,
)
_CROSS_REFERENCE = re.compile(
    r"\brelated\s+polic(?:y|ies)\b|\b(?:policy|general\s+order|directive|chapter)\s+[\d.]+\s*"
    r"[-\u2013:]\s*[^.;]{0,40}?\b(?:retaliat\w*|reprisal)|\bnot\s+repeated\s+(?:here|in\s+this)",
    _I,
)
_RETALIATION_DEFINED = re.compile(
    r"[\"\u201c]?\b(?:retaliation|reprisal)[\"\u201d]?\s+(?:means|is\s+defined\s+as|includes|shall\s+mean)",
    _I,
)


def _defined_by_protected_acts(ctx: DocumentContext, protected: re.Pattern[str]) -> Sentence | None:
    """The document's definition of retaliation, when it names reporting or intervening, itself
    or through a defined "protected activity" that does."""
    activity = any(
        protected.search(sentence.text) for sentence in ctx.find(_ACTIVITY_DEFINED, ("protected",))
    )
    for sentence in ctx.find(_RETALIATION_DEFINED, ("retaliation", "reprisal")):
        if protected.search(sentence.text) or (
            activity and re.search(r"protected\s+activit", sentence.text, _I)
        ):
            return sentence
    return None


_ACTIVITY_DEFINED = re.compile(
    r"[\"\u201c]?\bprotected\s+activit(?:y|ies)[\"\u201d]?\s+(?:means|is\s+defined\s+as|includes)",
    _I,
)


# --- finer elements of an intervention duty -------------------------------------------------


def dti_element(ctx: DocumentContext, provision: Provision) -> Finding:
    """Check one element (pack key ``element``) of the intervention duty the document states."""
    duties = [
        (s, m)
        for s, m in intervention_sentences(ctx)
        if governing_modality(ctx, s, m).kind == "directive"
    ]
    if not duties:
        return Finding(
            provision.id,
            "not_addressed",
            0.8,
            "the document states no duty to intervene, so this element is not addressed",
            [],
        )
    element = pattern(provision, "element")
    candidates: list[Candidate] = []
    for sentence, _match in duties:
        window = " ".join(s.text for s in ctx.neighbours(sentence, 1, 1))
        hit = element.search(sentence.text) or element.search(window)
        if hit:
            reason = str(
                provision.params.get("met_reason", "the intervention duty includes this element")
            )
            candidates.append(Candidate("met", 0.75, f"{reason} ('{hit.group(0)}')", [sentence]))
    if not candidates:
        reason = str(
            provision.params.get("short_reason", "the intervention duty lacks this element")
        )
        candidates.append(Candidate("not_met", 0.65, reason, [duties[0][0]]))
    return decide(ctx, provision, candidates, "")


INTERVENTION_RULES: dict[str, RuleFunc] = {
    "duty_to_intervene": duty_to_intervene,
    "duty_to_report_misconduct": duty_to_report_misconduct,
    "anti_retaliation": anti_retaliation,
    "dti_element": dti_element,
}
