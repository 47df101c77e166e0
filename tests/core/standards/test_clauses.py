"""Sentence splitting and modality classification."""

from __future__ import annotations

import pytest

from upstander.core.standards.clauses import classify_modality, split_sentences


def test_split_keeps_list_markers_and_abbreviations():
    text = (
        "Officers shall act (e.g. by speaking). See Sec. 4 of the order. 1. The subject is violent."
    )
    assert split_sentences(text) == [
        "Officers shall act (e.g. by speaking).",
        "See Sec. 4 of the order.",
        "1. The subject is violent.",
    ]


def test_split_joins_hyphenated_line_breaks():
    assert split_sentences("Use de-\nescalation when safe.") == ["Use de-escalation when safe."]


@pytest.mark.parametrize(
    ("sentence", "cue", "kind", "phrase"),
    [
        ("Officers shall give a warning.", "warning", "directive", "shall"),
        ("A warning should be given.", "warning", "directive", "should"),
        ("Officers may give a warning.", "warning", "permissive", "may"),
        ("Officers should consider giving a warning.", "warning", "permissive", "should consider"),
        ("Officers shall not use a chokehold.", "chokehold", "prohibition", "shall not"),
        ("Officers are encouraged to de-escalate.", "de-escalate", "permissive", "encouraged"),
        (
            "A firearm may be discharged only when lives are at risk.",
            "discharged",
            "directive",
            "may only",
        ),
        ("The tool is described in the manual.", "tool", "none", ""),
        # A question asks; a checklist question citing the rule still states it.
        ("Do officers have to warn someone before shooting?", "warn", "none", "question"),
        (
            "Did the officer intervene, as Policy 300.4 requires?",
            "intervene",
            "directive",
            "requires",
        ),
        # An item of an inline list that negates the lead-in's verb.
        (
            "Officers shall: (a) move aside; (b) not discharge a firearm at the vehicle.",
            "discharge",
            "prohibition",
            "shall ... not",
        ),
        ("Officers shall: (a) move aside; (b) discharge no firearm.", "move", "directive", "shall"),
    ],
)
def test_modality(sentence, cue, kind, phrase):
    start = sentence.index(cue)
    modality = classify_modality(sentence, start, start + len(cue))
    assert (modality.kind, modality.phrase) == (kind, phrase)


@pytest.mark.parametrize(
    ("sentence", "cue", "kind"),
    [
        # "shall notify" is a duty, not "shall not".
        ("Members shall notify a supervisor of any misconduct.", "notify", "directive"),
        ("Officers will notice and report misconduct.", "report", "directive"),
        # The main clause decides; a modal inside the content of the warning does not.
        ("Officers shall, when feasible, warn that deadly force may be used.", "warn", "directive"),
        ("A verbal warning, where feasible, should precede deadly force.", "warning", "directive"),
        # A permission narrowed by "only" restricts.
        (
            "Officers may use deadly force only after exhausting alternatives.",
            "exhausting",
            "directive",
        ),
        ("Lethal force is authorized solely when no option remains.", "option", "directive"),
        # Duties phrased as nouns.
        (
            "Each officer has an affirmative duty to take action to stop it.",
            "take action",
            "directive",
        ),
        ("A member bears the obligation to give a warning.", "warning", "directive"),
        ("Officers are not required to exhaust alternatives.", "exhaust", "permissive"),
        ("The Department forbids reprisals against witnesses.", "reprisals", "prohibition"),
    ],
)
def test_modality_reads_the_main_clause(sentence, cue, kind):
    start = sentence.index(cue)
    assert classify_modality(sentence, start, start + len(cue)).kind == kind


@pytest.mark.parametrize(
    ("sentence", "cue", "kind"),
    [
        ("Under no circumstances shall a member apply a chokehold.", "chokehold", "prohibition"),
        ("The following are prohibited unless deadly force is authorized:", ":", "prohibition"),
        (
            "It is the policy that no member will suffer reprisal for reporting.",
            "reprisal",
            "prohibition",
        ),
        (
            "Officers need not report when they point a firearm, but shall report force.",
            "point",
            "permissive",
        ),
    ],
)
def test_modality_skips_clauses_the_main_verb_governs(sentence, cue, kind):
    start = sentence.index(cue)
    assert classify_modality(sentence, start, start + len(cue)).kind == kind
