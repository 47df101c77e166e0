"""Sentence splitting and modality analysis: how a reviewer reads one sentence of a policy.

A hand-rolled splitter is used instead of a sentence-boundary library because the speed target
(assessing a 600-page manual in under twice its text-extraction time) rules out running a
statistical pipeline over every page; rules call it only on sections a compiled regex already
flagged, so the cost stays proportional to the relevant text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

__all__ = [
    "Modality",
    "ModalityKind",
    "Sentence",
    "classify_modality",
    "dehyphenate",
    "normalise",
    "split_sentences",
]

ModalityKind = Literal["directive", "prohibition", "permissive", "none"]

_SPACE = re.compile(r"\s+")
# Line breaks split words with a hyphen ("dis-\ncharged"), and text joined from such lines keeps a
# space ("dis- charged"). Both are rejoined before matching; prefixes that take a hyphen anyway
# keep it ("de-\nescalation" reads "de-escalation"), and "pre- and post-" stays as written.
_BROKEN_HYPHEN = re.compile(
    r"\b(\w+)-(?:[ \t]*\n\s*| (?!(?:and|or|nor|to|through|versus)\b))([a-z]\w*)"
)
_HYPHEN_PREFIXES = frozenset(
    {
        "de", "non", "pre", "post", "self", "anti", "multi", "cross", "well", "less",
        "semi", "sub", "inter", "intra", "over", "under", "use", "all", "ex", "high", "low",
        "long", "short", "full", "part", "first", "second", "third", "off", "on", "in", "out",
        "take", "follow", "check", "set", "stand", "lock",
    }
)  # fmt: skip


def _rejoin(match: re.Match[str]) -> str:
    first, second = match.group(1), match.group(2)
    if first.lower() in _HYPHEN_PREFIXES or first[-1].isdigit():
        return f"{first}-{second}"
    return f"{first}{second}"


def dehyphenate(text: str) -> str:
    """Rejoin words split by a hyphen at a line break."""
    return _BROKEN_HYPHEN.sub(_rejoin, text) if "-" in text else text


# Closing quotes (straight or curly, written as escapes) may follow the full stop.
_BOUNDARY = re.compile(
    "(?<=[.!?])[\"'\u201d\u2019)]?\\s+(?=[\"'\u201c(\\[]?[A-Z0-9(\u2022]|[-\u2013]\\s+[A-Z\"'\u201c])"
)
# Tokens before a full stop that do not end a sentence: list markers, initials, abbreviations.
_NO_BREAK = re.compile(
    r"(?:\b(?:[A-Za-z]|[ivxIVX]{1,4}|\d{1,3}(?:\.\d+)*|No|Nos|Sec|Secs|Art|Ch|Vol|vs|v|Mr|Mrs|Ms|"
    r"Dr|St|Inc|Co|Dept|Gen|Sgt|Lt|Capt|Ofc|approx|etc|al|U\.S|e\.g|i\.e|ILCS|Tenn|Cal|Ill|Wash|"
    r"Rev|Stat|Para|para|pp?|Fig|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\.)$"
)


@dataclass(slots=True)
class Sentence:
    """One sentence of a section, with whitespace normalised, and where it stands."""

    text: str
    section: str | None
    heading: str
    page: int | None
    index: int  # position in the document-wide candidate list, for neighbour lookups
    section_index: int  # position of its section in the document


def normalise(text: str) -> str:
    """Join hyphenated line breaks and collapse runs of whitespace to single spaces."""
    return _SPACE.sub(" ", dehyphenate(text)).strip()


def split_sentences(text: str) -> list[str]:
    """Split normalised text into sentences, keeping list markers and abbreviations intact.

    A table flattened to text keeps one row per line with cells between "|": each row is read
    as a sentence of its own, so one row's status never governs another's.
    """
    if "|" in text:
        pieces: list[str] = []
        prose: list[str] = []
        for line in text.splitlines():
            if "|" in line:
                pieces.extend(_split_prose(" ".join(prose)))
                prose = []
                row = normalise(line)
                if row:
                    pieces.append(row)
            else:
                prose.append(line)
        pieces.extend(_split_prose(" ".join(prose)))
        return pieces
    return _split_prose(text)


def _split_prose(text: str) -> list[str]:
    text = normalise(text)
    if not text:
        return []
    pieces: list[str] = []
    start = 0
    for match in _BOUNDARY.finditer(text):
        end = match.start()
        head = text[max(start, end - 12) : end]
        if _NO_BREAK.search(head):
            continue
        piece = text[start:end].strip()
        if piece:
            pieces.append(piece)
        start = match.end()
    tail = text[start:].strip()
    if tail:
        pieces.append(tail)
    return pieces


@dataclass(slots=True, frozen=True)
class Modality:
    """How strongly a sentence binds the officer to the act it describes."""

    kind: ModalityKind
    phrase: str

    @property
    def implicit(self) -> bool:
        """True for a command without a modal verb, which a list lead-in may overrule."""
        return self.phrase.startswith("imperative")

    @property
    def binding(self) -> bool:
        """True when the sentence requires or forbids (directive or prohibition)."""
        return self.kind in ("directive", "prohibition")


# Order matters inside each alternation: longer phrases first so "should consider" wins over
# "should" and "shall not" over "shall". The whole alternation sits inside one word-boundary
# group: without it "shall notify" would read as "shall not".
_MODAL = re.compile(
    r"\b(?:(?P<prohibition>shall\s+not|shall\s+never|must\s+not|must\s+never|will\s+not|"
    r"will\s+never|should\s+not|should\s+never|may\s+not|may\s+never|cannot|can\s+not|"
    r"are\s+not\s+to|is\s+not\s+to|"
    r"are\s+(?:strictly\s+|expressly\s+)?prohibited|is\s+(?:strictly\s+|expressly\s+)?prohibited|"
    r"prohibits?|not\s+(?:be\s+)?(?:permitted|authorized|allowed)|unauthorized|"
    r"(?:is|are)\s+(?:hereby\s+)?banned|"
    # Inverted order: "Under no circumstances shall a member ..."
    r"(?:under\s+no\s+circumstances?|in\s+no\s+(?:case|event)|at\s+no\s+time)\s*,?\s*"
    r"(?:(?:shall|will|may|must|should|can|is|are)\b)?|"
    r"no\s+(?:[\w-]+,?\s+){0,5}?(?:officer|member|employee|deputy|deputies|personnel|person|trooper|"
    r"supervisor|commander)s?"
    r",?\s+(?:of\s+(?:the\s+|an?\s+|any\s+)?(?:[\w-]+\s+){0,2}?[\w-]+,?\s+)?(?:shall|may|will|must)|"
    r"\bneither\b[^.;]{0,60}?\b(?:may|shall|will|can)\b|"
    r"\b(?:this|the)\s+prohibition\s+(?:covers|applies\s+to|includes|extends\s+to)|"
    # A table cell ("Chokehold | Prohibited | ...") and a technique taken off the approved list.
    r"(?:(?<=\|\s)|(?<=\|))(?:prohibited|not\s+authorized|banned)\b|"
    r"removed\s+from\s+(?:the\s+)?(?:list\s+of\s+)?(?:approved|authorized)|"
    # "Policy bars shooting at a moving vehicle".
    r"(?:policy|order|directive|law|rule)\b[^.;]{0,40}?\bbars\b|(?:is|are)\s+barred|"
    r"no\s+longer\s+(?:be\s+)?(?:permitted|authori[sz]ed|allowed)|"
    # "It is misconduct for a member to ...": what follows is forbidden.
    r"it\s+(?:is|shall\s+be|constitutes)\s+(?:\w+\s+){0,2}?(?:misconduct|a\s+violation"
    r"(?:\s+of\s+(?:this|department|agency)\s+\w+)?|prohibited|unlawful|a\s+(?:disciplinary\s+)?"
    r"offen[cs]e)\s+for\s+(?:a|an|any)\b|"
    r"\bnothing\b[^.;]{0,120}?\bconstrued\s+(?:to|as)\s+(?:permit|authori[sz]e|allow)\w*|"
    r"(?:no\s+one|nobody)\b[^.;]{0,40}?\b(?:is|are|shall\s+be)\s+(?:allowed|permitted|authorized)\s+to|"
    r"forbid(?:s|den)?)|"
    r"(?P<permissive>should\s+consider|consideration\s+(?:should|shall|will|may)\s+be\s+given|(?:is|are)\s+not\s+(?:required|obligated|expected)\s+to|"
    r"need\s+not|not\s+required\s+to|may|might|can|could|(?:strongly\s+)?encouraged|"
    r"discretion|is\s+optional|are\s+permitted\s+to|is\s+permitted\s+to|"
    r"(?:is|are)\s+authorized(?:\s+to)?|(?:is|are)\s+justified|"
    r"(?:is|are)\s+allowed\s+to|(?:is|are)\s+an\s+option|should\s+evaluate|generally)|"
    r"(?P<directive>shall|must|will|should|(?:has|have)\s+to|obliges?|requiring|(?:is|are)\s+(?:hereby\s+)?required|requires?|"
    r"(?:is|are)\s+expected\s+to|(?:is|are)\s+(?:duty[\s-]+bound|obligated|obliged|bound)|"
    r"(?:has|have|bears?|owes?)\s+(?:a|an|the)\s+(?:\w+\s+){0,2}?(?:duty|obligation|responsibility)|"
    r"duty\s+(?:of|to)|obligation\s+(?:of|to)|it\s+is\s+the\s+policy\s+of|(?:is|are)\s+to\b|"
    r"(?:is|are)\s+responsible\s+for|recommended|(?:is|are)\s+limited\s+to))\b",
    re.IGNORECASE,
)


_FAIL_TO = re.compile(r"\bfail(?:s|ed|ing|ure)?\s+to\b|\bwithout\s+(?:first\s+)?", re.IGNORECASE)
# "shall not use force unless the de-escalation techniques ... have been attempted": the act
# named after "unless" is required before the forbidden one.
_UNLESS = re.compile(r"\bunless\b", re.IGNORECASE)
_AIM = re.compile(r"\b(?:goal|objective|purpose|aim|mission|intent|priority|hope)\b", re.IGNORECASE)
# A permission narrowed by "only" restricts ("may be discharged only when ...",
# "is authorized solely where ..."); "not only" does not narrow anything.
_MAY_ONLY = re.compile(
    r"(?:,?\s+(?!not\b)[\w/'-]+){0,14}?,?\s+(?:only|solely|exclusively)\b", re.IGNORECASE
)
_RESTRICTABLE = frozenset(
    {
        "may",
        "can",
        "is authorized to",
        "are authorized to",
        "is authorized",
        "are authorized",
        "is justified",
        "are justified",
        "is permitted to",
        "are permitted to",
        "is allowed to",
        "are allowed to",
    }
)
# Words opening a clause of its own: a modal after one of them, and after the cue, belongs to
# what the sentence talks about ("warn that deadly force may be used"), not to the duty.
_SUBORDINATE = re.compile(
    r"\b(?:that|which|who|whom|whose|whether|where|when|whenever|if|unless|until|because|"
    r"except|since|while|although|though)\b",
    re.IGNORECASE,
)


_NEW_CLAUSE = re.compile(r",\s*but\b|;|,\s*and\s*$", re.IGNORECASE)
# Frames whose "that" clause is the rule itself ("It is the policy ... that no member will").
_FRAMES_CONTENT = re.compile(r"it\s+is\s+the\s+policy|requires?\b|recommended", re.IGNORECASE)


def _content_clause(sentence: str, cue_end: int, modal_start: int) -> bool:
    """True when a modal after the cue stands in a subordinate clause of its own."""
    between = sentence[cue_end:modal_start]
    if _NEW_CLAUSE.search(between):
        return True  # ", but shall report every other use": another clause's verb
    hit = _SUBORDINATE.search(between)
    if hit is None:
        return False
    # ", when feasible, should precede" keeps the modal in the main clause.
    rest = between[hit.start() :]
    return not ("," in rest and rest.rstrip().endswith(","))


# Plain-language rules written as commands, common in small departments' SOPs and bullet lists:
# "Do not shoot at a moving car." / "No choke holds." / "Tell a sergeant if you see ...".
# Only read when a sentence has no modal verb at all, and a list lead-in still outranks them.
_CAPS_LEAD = re.compile(r"^[A-Z][A-Z0-9 ()'/&,?-]{3,}?\s+(?=[-\u2013\u2022]\s|\(?\w{1,3}[.)]\s)")
# "When it is safe and feasible to do so, use de-escalation ...", "If feasible, identify
# yourself ...", "Before using deadly force, exhaust ...": the command follows the condition.
_LEADING_CONDITION = re.compile(
    r"^(?:when|whenever|if|before|after|unless|once|where|during|upon|while)\b[^,;.]{0,120},\s+",
    re.IGNORECASE,
)
_BULLET = re.compile(r"^(?:[-\u2013\u2022*]|\(?\w{1,3}[.)])\s+")
_IMPERATIVE_BAN = re.compile(
    r"^(?:do\s+not|don'?t|never)\b|"
    r"^no\s+(?!(?:one|officer|member|employee|deputy|person)\b)[a-z\"'\u201c]"
    r"[^.;:!?]{0,80}[.;!]?$",
    re.IGNORECASE,
)
_IMPERATIVE = re.compile(
    r"^(?:always\s+|first\s+|immediately\s+|promptly\s+)?(?:"
    r"tell|notify|inform|alert|yell|shout|announce|warn|identify\s+yourself|give|get\s+out|"
    r"step\s+in|intervene|stop\s+(?:the|any|another|them|it|him|her)|"
    r"try|attempt|exhaust|slow|wait|create|keep|protect|render|provide|summon|seek|"
    r"complete|submit|ensure|de-?\s?escalate|activate|"
    r"(?:report|document|write\s+up|record|use|call|request|make|take)"
    r"\s+(?:a|an|the|all|any|every|each|it|this|that|them|these|those|your|his|her|their|"
    r"in\s+writing|immediately|promptly|verbal|time|distance|cover|to\s+(?:the|a|an|your)|"
    r"de-?\s?escalation|techniques?|tactics|only|reasonable|deadly|physical|force)\b)",
    re.IGNORECASE,
)


def _cell(sentence: str, position: int) -> str:
    """The table cell ("... | Intervene immediately | ...") holding ``position``, if any."""
    if "|" not in sentence:
        return sentence
    start = sentence.rfind("|", 0, position) + 1
    end = sentence.find("|", position)
    return sentence[start : end if end >= 0 else len(sentence)]


def _imperative(sentence: str) -> Modality | None:
    """The modality of a sentence written as a command, or None when it is not one."""
    text = _BULLET.sub("", _CAPS_LEAD.sub("", sentence.strip(), count=1), count=1)
    condition = _LEADING_CONDITION.match(text)
    if condition is not None and text[:1].isupper():
        text = text[condition.end() :]
        text = text[:1].upper() + text[1:]
    if not text[:1].isupper():
        return None  # "- use any force on anyone": a condition in a list, not a command
    match = _IMPERATIVE_BAN.match(text)
    if match:
        return Modality("prohibition", "imperative: " + " ".join(match.group(0).split()[:2]))
    if _IMPERATIVE.match(text):
        return Modality("directive", "imperative")
    return None


# Disclaimers that a duty exists at all: "Nothing in this Agreement shall be construed to
# require ...", "no such warning is required".
_DISCLAIMS = re.compile(
    r"\bnothing\b[^.;]{0,160}?\bconstrued\s+(?:to|as)\s+(?:requir|mandat|obligat)\w*|"
    r"\bno\s+(?:such\s+)?(?:[\w-]+\s+){0,2}(?:is|are|shall\s+be|will\s+be)\s+(?:required|mandatory)\b|"
    r"\bfailure\s+to\s+\w+[^.;]{0,80}?\bshall\s+not\b[^.;]{0,40}?\b(?:grounds?\s+for\s+discipline|"
    r"(?:treated|considered|deemed)\s+(?:as\s+)?a\s+violation)|"
    r"\bis\s+advisory\s+only\b|"
    r"\b(?:does|do)\s+not\s+require\b|\b(?:does|do)\s+not\s+create\s+(?:a|any)\s+duty\b|"
    # "the failure to attempt de-escalation is not in itself a violation of this policy"
    r"\bfailure\s+to\s+\w+[^.;]{0,80}?\bis\s+not\s+(?:in\s+itself\s+|by\s+itself\s+|itself\s+)?"
    r"(?:a\s+)?(?:violation|grounds?\s+for\s+discipline)|\bno\s+policy\s+can\s+require\b|"
    # "officers shall not be disciplined solely because no warning was given"
    r"\b(?:shall|will)\s+not\s+be\s+disciplined\s+(?:solely\s+|only\s+)?(?:because|for)\b|"
    # "No separate warning requirement applies to the use of firearms."
    r"\bno\s+(?:[\w-]+\s+){0,2}(?:requirement|duty|obligation)\s+(?:applies|exists|is\s+imposed)\b",
    re.IGNORECASE,
)


# A recommendation to adopt a rule is not the rule: "Recommendation 4: The Department should
# adopt ...", "Department policy should require officers to ...".
_RECOMMENDS = re.compile(
    r"^\W*(?:recommendation\s+[\w.-]+\s*[:.-]\s*)|"
    r"\b(?:the\s+)?(?:department|agency|city|office|commission|chief|sheriff|county)(?:['\u2019]s)?"
    r"(?:\s+(?:policy|policies|order|directive))?\s+should\s+(?:adopt|require|establish|amend|develop|"
    r"prohibit|create|revise|implement|issue|add|make|consider|ban|bar)\b",
    re.IGNORECASE,
)


# Where an item of a list written inline starts: "shall: (a) ...; (b) ...".
_INLINE_ITEM = re.compile(r"[:;]\s*\(?[a-z0-9]{1,3}[.)]\s*", re.IGNORECASE)
_QUESTION = re.compile(r"\?[\s\"'\u201d)]*$")
_CITES_REQUIREMENT = re.compile(r"\bas\s+(?:\S+\s+){0,3}?requires?\b|\brequired\s+by\b", re.I)


def classify_modality(sentence: str, cue_start: int, cue_end: int | None = None) -> Modality:
    """Return the modality nearest to the cue span, preferring the words before it."""
    cue_end = cue_start if cue_end is None else cue_end
    if _QUESTION.search(sentence) and not _CITES_REQUIREMENT.search(sentence):
        # "Q: Do officers have to warn someone before shooting?" asks; the answer rules. A
        # checklist question that cites the rule ("..., as Policy 300.4 requires?") still does.
        return Modality("none", "question")
    recommended = _RECOMMENDS.search(sentence)
    if recommended:
        return Modality("permissive", "recommendation")
    disclaimer = _DISCLAIMS.search(sentence)
    if disclaimer:
        return Modality("permissive", "not required")
    command = _imperative(_cell(sentence, cue_start))
    if command is not None and not any(m.end() <= cue_start for m in _MODAL.finditer(sentence)):
        # "8. Intervene to stop ... force that is excessive or otherwise unauthorized": the
        # command governs; a modal-looking word after the cue only describes.
        return command
    best: tuple[int, re.Match[str]] | None = None
    previous: re.Match[str] | None = None
    for match in _MODAL.finditer(sentence):
        if match.end() <= cue_start:
            distance = cue_start - match.end()
            if (
                previous is not None
                and not _FRAMES_CONTENT.match(previous.group(0))
                and _SUBORDINATE.search(sentence, previous.end(), match.start())
            ):
                # "The following are prohibited unless deadly force is authorized:" the second
                # modal sits in a clause the first one governs.
                distance += 80
            previous = match
        elif match.start() >= cue_end:
            # A modal after the cue governs it in passive phrasing ("a warning should precede"),
            # but weighs a little less than one before it.
            distance = match.start() - cue_end + 15
            if _content_clause(sentence, cue_end, match.start()):
                distance += 80
        else:
            distance = 0
        if best is None or distance < best[0]:
            best = (distance, match)
    if best is None:
        return _imperative(_cell(sentence, cue_start)) or Modality("none", "")
    match = best[1]
    kind: ModalityKind
    phrase = _SPACE.sub(" ", match.group(0).lower())
    if phrase in ("is to", "are to") and _AIM.search(
        sentence, max(0, match.start() - 30), match.start()
    ):
        # "The goal is to de-escalate" states an aim, not a duty.
        return Modality("none", "")
    if match.group("prohibition") and (
        _FAIL_TO.search(sentence, match.end(), cue_start)
        # Only for a cue inside the sentence: a list lead-in is read at its end, and "The
        # following are prohibited unless deadly force is authorized:" requires nothing.
        or (
            cue_start < len(sentence.rstrip()) - 1
            and _UNLESS.search(sentence, match.end(), cue_start)
        )
    ):
        # "No officer shall fail to ...", "It is misconduct ... to shoot without first giving a
        # warning": forbidding the failure requires the act.
        return Modality("directive", f"{phrase} ... fail to")
    if phrase in _RESTRICTABLE and _MAY_ONLY.match(sentence, match.end()):
        # "may be discharged only when ..." restricts rather than permits.
        return Modality("directive", f"{phrase} only")
    if match.group("prohibition"):
        kind = "prohibition"
    elif match.group("permissive"):
        kind = "permissive"
    else:
        kind = "directive"
        if match.end() <= cue_start:
            # "officers shall: (a) not place themselves in the path of the vehicle; ... (c) not
            # discharge a firearm at the vehicle": the item negates the lead-in's verb.
            items = list(_INLINE_ITEM.finditer(sentence, match.end(), cue_start))
            if items and re.match(r"(?:not|never)\b", sentence[items[-1].end() : cue_start]):
                return Modality("prohibition", f"{phrase} ... not")
    return Modality(kind, phrase)
