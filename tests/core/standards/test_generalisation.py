"""Accuracy floors on the project's own generalisation sets of policy passages.

``tests/data/standards/generalisation.jsonl`` holds passages written for this project in the
styles real US policies use (stock manuals, statutes, consent decrees, general orders, codes
of conduct, sheriff's manuals), with the traps of the coding guide. ``blind_round3.jsonl`` is a
later set written blind to the engine in styles further from the California manuals: big-city
general orders, small-town plain-language SOPs and bullet lists, union contracts, 1990s orders,
state rules, and OCR text with words broken at line ends. The engine scored 128/160 (0.80) on
it at first reading; its misses were then fixed. ``blind_round4.jsonl`` came after those fixes,
in yet other styles (CALEA directives, state and transit police, attorney-general directives,
ordinances, FAQ bulletins, tables flattened to text, definitions far from their rules): 129/150
(0.86) at first reading, then fixed in turn. ``blind_round5.jsonl`` (jail and patrol rules, tribal
codes, school and port police, POST model policies, plain-English community pages, amendments,
rules in footnotes): 134/150 (0.89) at first reading. ``blind_round6.jsonl`` (rules written as
definitions of misconduct, double negatives, "authorized ... only if", checklists and forms,
later sentences that take a rule back, other agencies' vocabulary): 120/150 (0.80).
``blind_round7.jsonl`` (stock manuals, duty manuals, sheriff's orders, statutes and model
policies with realistic synonyms, passive voice and rules carried by headings): 133/150 (0.89).
``blind_round8.jsonl`` (patrol-guide steps, NOTE blocks, consent decrees, commission resolutions,
inspector-general recommendations, arbitration summaries, press releases): 125/150 (0.83).
``blind_round9.jsonl`` (short multi-section excerpts where definitions, scope limits, repeals
and cross-references in one section decide another): 91/120 (0.76), now 119/120.
``blind_round10.jsonl`` (jail and detention orders, SWAT, K-9 and less-lethal weapon rules,
pursuits, lesson plans, FAQs, audits that report what a policy says, POST minimum standards,
second-person and bilingual texts, "Action | Requirement" tables): 101/120 (0.84), now 120/120.
``blind_round11.jsonl`` (ordinances printed with "[deleted]"/"[new]" text, task-force agreements,
campus and transit rules, attorney-general guidelines, oversight-board bylaws, monitors'
reports, side letters, chiefs' memos, one-sentence rules, defined terms in capitals, rules that
quote another policy, nineteenth-century wording): 71/100 (0.71) at first reading, now 92/100.
``blind_round12.jsonl`` (50 passages in the commonest modern styles, stock manuals, general
orders and state law, half of them near-misses): 47/50 (0.94) at first reading, now 50/50.
``blind_round13.jsonl`` (40 near-misses and rules in manuals, orders, statutes, decrees and
bulletins): 36/40 (0.90) at first reading, now 39/40.
``blind_round14.jsonl`` (40 near-misses and rules in statutes, manuals, decrees, codes and
bulletins): 37/40 (0.93) at first reading, now 39/40.
``blind_round15.jsonl`` (40 near-misses and rules, including ordinances, force matrices and
per-weapon sections): 38/40 (0.95) at first reading, now 40/40.
``blind_round16.jsonl`` tests the four elements of an intervention duty (knows or should
know, constitutional violations, excessive force, immediacy), 12 passages each: 37/48 (0.77)
at first reading, now 46/48.
Each row names a provision and its label: ``met``, ``not_met`` or ``not_addressed``. The floors
catch regressions in how it generalises.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from upstander.core.documents.reader import parse_text
from upstander.core.standards.engine import assess

DATA_DIR = Path(__file__).resolve().parents[2] / "data" / "standards"
SETS = [
    "generalisation.jsonl",
    "blind_round3.jsonl",
    "blind_round4.jsonl",
    "blind_round5.jsonl",
    "blind_round6.jsonl",
    "blind_round7.jsonl",
    "blind_round8.jsonl",
    "blind_round9.jsonl",
    "blind_round10.jsonl",
    "blind_round11.jsonl",
    "blind_round12.jsonl",
    "blind_round13.jsonl",
    "blind_round14.jsonl",
    "blind_round15.jsonl",
    "blind_round16.jsonl",
]
# Sets held to other floors than the defaults below: round 11 (the widest styles yet) at what
# the engine reaches now, while its remaining misses are open (old-fashioned wording, force
# ladders written as prose, chokehold bans in capitalised defined terms). Round 9 had floors
# of its own until its misses were worked through.
FLOORS: dict[str, tuple[float, float, int]] = {
    "blind_round11.jsonl": (0.88, 0.65, 3),
    # Five and four passages a provision: one miss is 0.8 or 0.75.
    "blind_round12.jsonl": (0.95, 0.8, 3),
    "blind_round13.jsonl": (0.95, 0.75, 3),
    "blind_round14.jsonl": (0.95, 0.75, 3),
    # The elements of an intervention duty, the newest area: at today's level.
    "blind_round16.jsonl": (0.9, 0.8, 3),
}
# Sets about the four elements of an intervention duty rather than the ten provisions.
ELEMENT_SETS = {"blind_round16.jsonl"}
LABELS = {"met", "not_met", "not_addressed"}

# Met versus not met, as the corpus is scored. The engine scored 1.00 overall when the floors
# were set; they leave room for a few misses, not for a regression of a whole provision.
OVERALL_FLOOR = 0.95
PROVISION_FLOOR = 0.85


def _rows(name: str) -> list[dict[str, Any]]:
    with (DATA_DIR / name).open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


@pytest.fixture(scope="module", params=SETS)
def set_name(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture(scope="module")
def rows(set_name: str) -> list[dict[str, Any]]:
    return _rows(set_name)


@pytest.fixture(scope="module")
def results(rows: list[dict[str, Any]]) -> list[tuple[dict[str, Any], str]]:
    out: list[tuple[dict[str, Any], str]] = []
    for number, row in enumerate(rows):
        document = parse_text(row["text"], path=f"generalisation-{number}.txt")
        finding = {f.provision: f for f in assess(document)}[row["provision"]]
        out.append((row, finding.status))
    return out


def test_the_set_is_large_varied_and_balanced(rows, set_name):
    assert len(rows) >= 40
    assert {"met", "not_met"} <= {row["label"] for row in rows} <= LABELS
    assert all(row["text"].strip() and row["note"].strip() for row in rows)
    per_provision = Counter(row["provision"] for row in rows)
    assert len(per_provision) == (4 if set_name in ELEMENT_SETS else 10)
    assert min(per_provision.values()) >= 4
    met = sum(row["label"] == "met" for row in rows)
    assert 0.4 <= met / len(rows) <= 0.6


def test_overall_accuracy_floor(results, set_name):
    correct = sum((status == "met") == (row["label"] == "met") for row, status in results)
    misses = [
        (row["provision"], row["label"], status, row["text"][:80])
        for row, status in results
        if (status == "met") != (row["label"] == "met")
    ]
    assert correct / len(results) >= FLOORS.get(set_name, (OVERALL_FLOOR,))[0], misses


def test_per_provision_accuracy_floor(results, set_name):
    total: Counter[str] = Counter()
    correct: Counter[str] = Counter()
    for row, status in results:
        total[row["provision"]] += 1
        correct[row["provision"]] += (status == "met") == (row["label"] == "met")
    floor = FLOORS.get(set_name, (OVERALL_FLOOR, PROVISION_FLOOR))[1]
    low = {p: correct[p] / total[p] for p in total if correct[p] / total[p] < floor}
    assert not low, low


def test_no_trap_is_read_as_met_by_a_wide_margin(results, set_name):
    # False positives matter most to reviewers: a trap coded met hides a gap in a policy.
    false_met = [
        row["text"][:80] for row, status in results if status == "met" and row["label"] != "met"
    ]
    assert len(false_met) <= FLOORS.get(set_name, (0, 0, 3))[2], false_met
