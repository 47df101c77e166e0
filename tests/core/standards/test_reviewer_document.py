"""Whole documents written by a second reviewer: a use-of-force order (13/14 on the first run)
and a code of conduct (14/14)."""

from __future__ import annotations

from pathlib import Path

from upstander.core.documents.reader import parse_document
from upstander.core.standards.engine import assess

DOCUMENT = (
    Path(__file__).resolve().parents[2] / "data" / "standards" / "maple-hollow-use-of-force.txt"
)

EXPECTED = {
    # Defined as restricting breathing only, so carotid restraints are untouched.
    "bans_chokeholds_strangleholds": "not_met",
    "requires_deescalation": "met",
    "requires_warning_before_shooting": "met",
    "requires_exhaust_alternatives_before_shooting": "not_met",
    "duty_to_intervene": "met",
    # "unless the vehicle is being used as a weapon" swallows the ban.
    "restricts_shooting_at_moving_vehicles": "not_met",
    # Silent, though a use-of-force order is expected to have one (the guide's scope rule).
    "has_use_of_force_continuum": "not_met",
    # Only force causing injury or a complaint of pain is reported.
    "requires_comprehensive_reporting": "not_met",
    "duty_to_report_misconduct": "not_met",
    # Outside a use-of-force order's scope.
    "anti_retaliation": "not_addressed",
    "dti_knowledge_standard": "not_met",
    "dti_covers_constitutional_violations": "not_met",
    "dti_covers_excessive_force": "met",
    "dti_immediate": "not_met",
}


def test_whole_order():
    findings = {f.provision: f for f in assess(parse_document(DOCUMENT))}
    assert {p: findings[p].status for p in EXPECTED} == EXPECTED
    chokehold = findings["bans_chokeholds_strangleholds"]
    assert {e.section for e in chokehold.evidence} >= {"III.C.1"}


CODE = DOCUMENT.with_name("pine-river-rules-of-conduct.txt")


def test_whole_code_of_conduct():
    findings = {f.provision: f for f in assess(parse_document(CODE))}
    met = {p for p, f in findings.items() if f.status == "met"}
    assert met == {
        "duty_to_intervene",
        "duty_to_report_misconduct",
        "anti_retaliation",
        "dti_knowledge_standard",
        "dti_covers_constitutional_violations",
        "dti_covers_excessive_force",
        "dti_immediate",
    }
    assert [e.section for e in findings["anti_retaliation"].evidence] == ["2.4"]
