"""Document-level behaviour of assess(): evidence, aggregation, JSON form."""

from __future__ import annotations

from upstander.core.documents.reader import parse_text
from upstander.core.standards.engine import assess

from .conftest import document, finding_for


def test_evidence_is_verbatim_with_section_and_page():
    doc = document(
        ("1.1", "Purpose", "This order governs force."),
        (
            "4.2",
            "Duty to intervene",
            "Any officer who observes another officer using excessive force shall intervene.",
        ),
    )
    finding = finding_for(doc, "duty_to_intervene")
    assert finding.status == "met"
    (evidence,) = finding.evidence
    assert evidence.section == "4.2"
    assert evidence.page == 2
    assert evidence.quote in doc.sections[1].text


def test_directive_evidence_wins_over_permissive_elsewhere():
    doc = document(
        "Officers may use de-escalation in some encounters.",
        "Officers shall use de-escalation techniques whenever feasible before using force.",
    )
    finding = finding_for(doc, "requires_deescalation")
    assert finding.status == "met"
    assert finding.evidence[0].page == 2


def test_findings_serialise_to_the_cli_contract():
    finding = assess(document("Officers shall wear uniforms."))[0]
    data = finding.to_json()
    assert set(data) == {"provision", "status", "confidence", "reason", "evidence"}
    assert data["status"] == "not_addressed"
    assert 0 <= data["confidence"] <= 1


def test_plain_text_through_the_reader():
    doc = parse_text(
        "300.2 DUTY TO INTERCEDE\n"
        "Any officer observing another officer using unreasonable force shall intercede.\n",
        path="excerpt.txt",
    )
    finding = finding_for(doc, "duty_to_intervene")
    assert finding.status == "met"
    assert finding.reason


def test_later_revision_of_a_section_overrides_the_earlier_one():
    original = ("6.2", "Warnings", "Officers may give a verbal warning before using deadly force.")
    revised = ("6.2", "Warnings", "Officers shall give a verbal warning before using deadly force.")
    assert (
        finding_for(document(original, revised), "requires_warning_before_shooting").status == "met"
    )
    assert finding_for(document(revised, original), "requires_warning_before_shooting").status == (
        "not_met"
    )


ORDER = """GENERAL ORDER 9.1
RESPONSE TO RESISTANCE

I. PROCEDURES
A. Deadly force
1. Before using deadly force, officers shall, when feasible:
a. Identify themselves as police officers; and
b. Give a verbal warning.
B. Intervention
1. Members shall:
a. Intervene to stop another member's use of excessive force; and
b. Notify a supervisor.
"""


def test_list_items_take_their_duty_from_the_lead_in():
    doc = parse_text(ORDER, path="order.txt")
    warning = finding_for(doc, "requires_warning_before_shooting")
    assert warning.status == "met"
    assert "verbal warning" in warning.evidence[-1].quote
    assert any("shall" in e.quote for e in warning.evidence)
    assert finding_for(doc, "duty_to_intervene").status == "met"


def test_empty_document_addresses_nothing():
    empty = document()
    findings = assess(empty)
    assert len(findings) == 14
    assert {f.status for f in findings} == {"not_addressed"}


def test_evidence_page_is_where_the_quoted_sentence_stands():
    doc = parse_text(
        "300.1 DUTY TO INTERCEDE\n"
        "This section is long and starts on the first page.\n"
        "\fAny officer observing another officer using unreasonable force shall intercede.\n",
        path="paged.txt",
    )
    finding = finding_for(doc, "duty_to_intervene")
    assert finding.status == "met"
    assert finding.evidence[0].section == "300.1"
    assert finding.evidence[0].page == 2
