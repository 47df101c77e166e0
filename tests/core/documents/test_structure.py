"""Sections from lines: hierarchy, ids, false positives, running heads, contents pages."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from upstander.core.documents.numbering import LabelStyle, format_label
from upstander.core.documents.reader import parse_text
from upstander.core.documents.structure import Line, build_sections, remove_running_heads


def ids(text: str) -> list[str]:
    return [section.id for section in parse_text(text).sections]


def test_roman_letter_number_hierarchy() -> None:
    text = """I. DEFINITIONS
A. Chokehold: pressure on the throat.
B. Deadly force: force likely to cause death.
II. PROCEDURE
A. Members shall intervene.
1. Members shall report.
a. In writing.
b. Before the end of the shift.
2. Supervisors shall review.
B. Members shall not retaliate.
"""
    assert ids(text) == ["I", "I.A", "I.B", "II", "II.A", "II.A.1", "II.A.1.a", "II.A.1.b",
                         "II.A.2", "II.B"]  # fmt: skip


def test_letter_i_after_h_and_roman_i_at_start() -> None:
    letters = "\n".join(f"{chr(ord('A') + n)}. Term {n}: meaning." for n in range(9))
    found = ids(f"I. DEFINITIONS\n{letters}\nII. PROCEDURE\nA. Text.\n")
    assert found[0] == "I"
    assert "I.I" in found  # the ninth letter, not a second Roman one
    assert found[-2:] == ["II", "II.A"]


def test_roman_v_and_letter_c_follow_context() -> None:
    text = "\n".join(
        f"{numeral}. PART {index}\nA. First.\nB. Second.\nC. Third."
        for index, numeral in enumerate(["I", "II", "III", "IV", "V"], start=1)
    )
    found = ids(text)
    assert {"V", "IV.C", "V.C"} <= set(found)


def test_headings_and_body() -> None:
    document = parse_text("I. PURPOSE\nThis order sets rules.\nII. Duty to Intervene\nText.\n")
    first, second = document.sections
    assert (first.id, first.heading, first.text) == ("I", "PURPOSE", "This order sets rules.")
    assert (second.heading, second.text) == ("Duty to Intervene", "Text.")


def test_sentence_after_label_is_body_not_heading() -> None:
    document = parse_text("A. Members shall use only the force that is\nreasonable to arrest.\n")
    section = document.sections[0]
    assert section.heading == ""
    assert section.text.startswith("Members shall use only")


def test_numbers_in_running_text_do_not_start_sections() -> None:
    text = """I. POLICY
Officers act under 720 ILCS 5/7-5.5 and the
1. training curriculum adopted in 2020, which the
2021 review kept.
A. Members shall intervene.
Page 3 of 12
"""
    assert ids(text) == ["I", "I.A"]


def test_out_of_sequence_labels_are_text() -> None:
    assert ids("I. POLICY\nA. First.\nC. Skipped a letter.\n") == ["I", "I.A"]


def test_parenthesised_and_closing_labels() -> None:
    text = "1. Rules:\n(a) first\n(b) second\n2. More:\na) one\nb) two\n"
    assert ids(text) == ["1", "1.a", "1.b", "2", "2.a", "2.b"]


def test_decimal_manual_numbering() -> None:
    text = """Policy
300
Use of Force
300.1 PURPOSE AND SCOPE
This policy guides force.
300.2 POLICY
300.2.1 DUTY TO INTERCEDE AND REPORT
Members shall intercede.
(a) First.
(b) Second.
See
300.1 of this policy for more.
300.3 USE OF FORCE
"""
    document = parse_text(text)
    assert [section.id for section in document.sections] == [
        "300", "300.1", "300.2", "300.2.1", "300.2.1.a", "300.2.1.b", "300.3",
    ]  # fmt: skip
    assert document.sections[0].heading == "Use of Force"
    assert document.sections[3].heading == "DUTY TO INTERCEDE AND REPORT"


def test_table_of_contents_is_not_the_outline() -> None:
    text = """This order has these parts:
I. DEFINITIONS
II. PROCEDURE
I. DEFINITIONS
A. Term: meaning.
II. PROCEDURE
A. Members shall intervene.
"""
    assert ids(text) == ["", "I", "I.A", "II", "II.A"]


def test_running_heads_and_page_numbers_are_removed() -> None:
    lines: list[Line] = []
    for page in range(1, 5):
        lines += [
            Line("Riverbend PD Policy Manual", page),
            Line(f"Use of Force - {page + 46}", page),
            Line(f"Body text that does not repeat: {'ABCD'[page - 1]}.", page),
            Line("Copyright Riverbend Example Press 2024, All Rights Reserved.", page),
            Line(f"Page {page} of 4", page),
        ]
    kept = [line.text for line in remove_running_heads(lines, 4)]
    assert kept == [f"Body text that does not repeat: {letter}." for letter in "ABCD"]


def test_section_pages_come_from_lines() -> None:
    sections = build_sections(
        [Line("I. PURPOSE", 1), Line("Text.", 1), Line("II. POLICY", 2), Line("More.", 3)]
    )
    assert [(section.id, section.page) for section in sections] == [("I", 1), ("II", 2)]


_OUTLINE_STYLES = [LabelStyle.ROMAN, LabelStyle.UPPER, LabelStyle.ARABIC, LabelStyle.LOWER,
                   LabelStyle.PAREN_ARABIC]  # fmt: skip


@st.composite
def outlines(draw: st.DrawFn) -> list[tuple[int, int]]:
    """A random outline as (depth, value) pairs that a real order could have."""
    items: list[tuple[int, int]] = []
    counters: list[int] = []
    for _ in range(draw(st.integers(min_value=1, max_value=25))):
        depth = draw(
            st.integers(min_value=0, max_value=min(len(counters), len(_OUTLINE_STYLES) - 1))
        )
        del counters[depth + 1 :]
        if depth == len(counters):
            counters.append(1)
        else:
            counters[depth] += 1
        items.append((depth, counters[depth]))
    return items


@settings(max_examples=150, deadline=None)
@given(outlines())
def test_generated_outlines_parse_back_to_their_ids(outline: list[tuple[int, int]]) -> None:
    lines = []
    expected = []
    path: list[str] = []
    for depth, value in outline:
        style = _OUTLINE_STYLES[depth]
        label = format_label(style, value)
        del path[depth:]
        path.append(label.strip("().").upper() if style is LabelStyle.ROMAN else label.strip("()."))
        expected.append(".".join(path))
        lines.append(f"{label} Members shall follow rule {len(lines) + 1}.")
    assert ids("\n".join(lines)) == expected


def test_subtree_and_lookup() -> None:
    document = parse_text("I. POLICY\nA. One.\n1. Deep.\nB. Two.\nII. MORE\n")
    assert [section.id for section in document.subtree("I.A")] == ["I.A", "I.A.1"]
    assert [section.id for section in document.subtree("I")] == ["I", "I.A", "I.A.1", "I.B"]
    found = document.section("I.B")
    assert found is not None
    assert found.text == "Two."
    assert document.section("IX") is None


def test_unnumbered_headings_inside_a_manual_policy_are_scoped_to_it() -> None:
    text = "300.1 PURPOSE AND SCOPE\nText.\nTRAINING\nMore.\n300.2 POLICY\nTRAINING\nAgain.\n"
    ids = [section.id for section in parse_text(text).sections]
    assert ids == ["300.1", "300.1.training", "300.2", "300.2.training"]


def test_numbered_rules_in_a_code_of_conduct() -> None:
    text = """200.1 Article 1 - AUTHORITY
Authority
1.1 Members shall obey lawful orders.
1.2 Members shall know the rules.
(a) All of them.
200.2 Article 2 - ORDERS
2.1 Orders shall be clear.
Officers fired
4.1 rounds on average, a figure the review noted.
"""
    ids = [section.id for section in parse_text(text).sections]
    assert ids == ["200.1", "1.1", "1.2", "1.2.a", "200.2", "2.1"]


@st.composite
def manuals(draw: st.DrawFn) -> list[str]:
    """Stock-manual labels in order: chapters rising, then sections and subsections."""
    chapters = sorted(
        draw(st.sets(st.integers(min_value=100, max_value=1099), min_size=1, max_size=4))
    )
    labels = []
    for chapter in chapters:
        for section in range(1, draw(st.integers(min_value=1, max_value=5)) + 1):
            labels.append(f"{chapter}.{section}")
            for subsection in range(1, draw(st.integers(min_value=0, max_value=3)) + 1):
                labels.append(f"{chapter}.{section}.{subsection}")
    return labels


@settings(max_examples=100, deadline=None)
@given(manuals())
def test_generated_manuals_keep_their_decimal_ids(labels: list[str]) -> None:
    lines = []
    for number, label in enumerate(labels):
        lines += [f"{label} HEADING NUMBER {number}", f"Members shall follow rule {number}."]
    assert ids("\n".join(lines)) == labels


def test_contents_list_with_appendices_then_the_outline() -> None:
    text = """PURPOSE:
This order is comprised of the following numbered sections:
I. DEFINITIONS
II. PROCEDURES
APPENDICES:
A. DOCUMENTATION GUIDE
I. DEFINITIONS:
A. Term: meaning.
II. PROCEDURES:
A. Members shall intervene.
"""
    assert ids(text) == ["purpose", "I", "I.A", "II", "II.A"]


def test_capitalised_heading_wrapped_onto_a_second_line() -> None:
    document = parse_text(
        "I. TRAINING.\nText.\nII. REMOVAL AND REPLACEMENT OF UNSAFE AND UNSERVICEABLE\nTOOLS\n"
        "A. Members shall remove unsafe tools.\n"
    )
    assert [section.id for section in document.sections] == ["I", "II", "II.A"]
    assert (
        document.sections[1].heading == "REMOVAL AND REPLACEMENT OF UNSAFE AND UNSERVICEABLE TOOLS"
    )


def test_numbered_paragraphs_under_decimal_headings() -> None:
    # General orders number their paragraphs ("4.1.1 For the purposes ..."); each is cited.
    doc = parse_text(
        "4.1 NECK RESTRAINTS\n"
        "4.1.1 For the purposes of this section, a chokehold is any hold on the throat.\n"
        "4.1.2 A chokehold is deadly force and may be used only where deadly force is "
        "authorized under\n"
        "4.3.1 of this order.\n"
        "4.1.3 Compliant subject: a person who follows directions.\n"
        "4.1.4 Techniques include, but are not limited to: the carotid restraint.\n"
    )
    ids = [s.id for s in doc.sections]
    assert ids == ["4.1", "4.1.1", "4.1.2", "4.1.3", "4.1.4"]
    by_id = {s.id: s for s in doc.sections}
    assert by_id["4.1.1"].heading == ""
    assert by_id["4.1.1"].text.startswith("For the purposes of this section")
    # A wrapped cross-reference stays in the paragraph it belongs to.
    assert "4.3.1 of this order." in by_id["4.1.2"].text
    assert by_id["4.1.3"].heading == "Compliant subject"
    assert by_id["4.1.4"].heading == ""  # a sentence ending in a colon names nothing


def test_sections_with_written_out_outline_paths() -> None:
    doc = parse_text(
        "SECTION II. DEFINITIONS\n\n"
        "II.A. Member: any employee of the Department.\n\n"
        "SECTION III. GENERAL CONDUCT\n\n"
        "III.A. Obedience to Laws\n\n"
        "III.A.1. Members shall obey the laws of the State.\n\n"
        "III.A.2. Members shall report arrests within 24 hours.\n\n"
        "III.B. Duty to Intervene\n\n"
        "III.B.1. Members shall intervene to stop excessive force.\n\n"
        "Employees should also refer to these sections:\n"
        "Section 12 - Body Armor\n"
    )
    assert [(s.id, s.heading, s.level) for s in doc.sections] == [
        ("II", "DEFINITIONS", 0),
        ("II.A", "Member", 1),
        ("III", "GENERAL CONDUCT", 0),
        ("III.A", "Obedience to Laws", 1),
        ("III.A.1", "", 2),
        ("III.A.2", "", 2),
        ("III.B", "Duty to Intervene", 1),
        ("III.B.1", "", 2),
    ]
    assert "Section 12 - Body Armor" in doc.sections[-1].text


def test_numbered_markdown_headings_over_numbered_paragraphs() -> None:
    markdown = (
        "# Model Policy\n\n## 1. Purpose\n\n1.1 This policy sets a standard.\n\n"
        "1.2 It applies to every agency.\n\n## 2. Duty to Intervene\n\n"
        "2.1 An officer shall intervene to stop excessive force.\n"
    )
    doc = parse_text(markdown, path="policy.md", format="markdown")
    assert [(s.id, s.heading, s.level) for s in doc.sections][1:] == [
        ("1", "Purpose", 0),
        ("1.1", "", 1),
        ("1.2", "", 1),
        ("2", "Duty to Intervene", 0),
        ("2.1", "", 1),
    ]


def test_paragraphs_numbered_through_a_decree() -> None:
    # Consent decrees and statutes number paragraphs through the whole document.
    text = (
        "A. General Principles\n"
        "40. The City and the Department agree that force must respect the law.\n"
        "41. The Department shall revise its policies within ninety days.\n"
        "B. Use of Force Policies\n"
        "47. Officers shall not use a NECK HOLD unless deadly force is authorized.\n"
        "48. Officers shall intervene to stop force they know to be excessive.\n"
    )
    assert [(s.id, s.level) for s in parse_text(text).sections] == [
        ("A", 0), ("40", 1), ("41", 1), ("B", 0), ("47", 1), ("48", 1),
    ]  # fmt: skip
    # An ordinary list starting at 1 is not affected, and a lone low number stays text.
    assert ids("I. POLICY\n3. This is not a paragraph number in a list at all.\n") == ["I"]


def test_contents_list_without_page_numbers_is_not_the_outline() -> None:
    text = (
        "TABLE OF CONTENTS\n"
        "5.01 Purpose\n5.02 Definitions\n5.03 De-escalation\n6.01 Training\n\n"
        "5.01 Purpose\nThis chapter governs force.\n"
        "5.02 Definitions\nForce means any physical effort to compel compliance.\n"
        "5.03 De-escalation\n(A) Officers shall use de-escalation techniques when feasible.\n"
    )
    document = parse_text(text)
    assert [s.id for s in document.sections][-4:] == ["5.01", "5.02", "5.03", "5.03.A"]
    assert [s.id for s in document.sections].count("5.01") == 1


def test_a_sentence_citing_a_decimal_policy_number_is_not_a_chapter_heading() -> None:
    # "Policy 5.07, Warrant Service. ..." once became chapter "5" with the whole paragraph as
    # its heading and no text, so nothing in it could be assessed.
    text = (
        "Policy 5.07, Warrant Service. C. Entry and Arrest. Members serving an arrest warrant "
        "shall plan the service in accordance with Policy 4.12."
    )
    (section,) = parse_text(text).sections
    assert section.id == ""
    assert "Members serving an arrest warrant shall plan the service" in section.text


def test_a_policy_heading_still_opens_a_chapter() -> None:
    document = parse_text("Policy 300 - Use of Force\n300.1 PURPOSE\nOfficers shall act.\n")
    assert [(s.id, s.heading) for s in document.sections][:2] == [
        ("300", "Use of Force"),
        ("300.1", "PURPOSE"),
    ]


def test_statute_sections_with_hyphenated_numbers_and_items_on_one_line() -> None:
    text = (
        "# Title 12, Chapter 7\n\n"
        "## 12-7-103. Use of physical force.\n\n"
        "(1) (a) A peace officer shall, when feasible, use de-escalation techniques.\n\n"
        "(b) A peace officer shall use only the force that is reasonable.\n\n"
        "(2) A peace officer may use physical force only to effect an arrest.\n\n"
        "## 12-7-104. Deadly physical force.\n\n"
        "(1) Deadly physical force may be used only to prevent death.\n"
    )
    document = parse_text(text, format="markdown")
    assert [s.id for s in document.sections][1:] == [
        "12-7-103",
        "12-7-103.1",
        "12-7-103.1.a",
        "12-7-103.1.b",
        "12-7-103.2",
        "12-7-104",
        "12-7-104.1",
    ]
    sections = {s.id: s for s in document.sections}
    assert sections["12-7-103"].heading == "Use of physical force"
    assert sections["12-7-103.1"].text == ""
    assert sections["12-7-103.1.a"].text.startswith("A peace officer shall, when feasible")
