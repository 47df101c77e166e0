"""Word list numbering rebuilt from numbering.xml definitions."""

from __future__ import annotations

from pathlib import Path

import docx
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls

from upstander.core.documents.docx_reader import ListNumbering
from upstander.core.documents.reader import parse_document


def _numbering(levels: list[tuple[str, str, int]], overrides: str = "") -> ListNumbering:
    level_xml = "".join(
        f'<w:lvl w:ilvl="{index}"><w:start w:val="{start}"/><w:numFmt w:val="{fmt}"/>'
        f'<w:lvlText w:val="{text}"/></w:lvl>'
        for index, (fmt, text, start) in enumerate(levels)
    )
    element = parse_xml(
        f"<w:numbering {nsdecls('w')}>"
        f'<w:abstractNum w:abstractNumId="1">{level_xml}</w:abstractNum>'
        '<w:num w:numId="1"><w:abstractNumId w:val="1"/></w:num>'
        f'<w:num w:numId="2"><w:abstractNumId w:val="1"/>{overrides}</w:num>'
        "</w:numbering>"
    )
    return ListNumbering(element)


def test_multilevel_text_and_restart_on_higher_level() -> None:
    numbering = _numbering(
        [("decimal", "%1.", 1), ("decimal", "%1.%2", 1), ("lowerLetter", "(%3)", 1)]
    )
    labels = [numbering.label("1", level) for level in (0, 1, 1, 2, 2, 0, 1, 2)]
    assert labels == ["1.", "1.1", "1.2", "(a)", "(b)", "2.", "2.1", "(a)"]


def test_formats_and_start_values() -> None:
    numbering = _numbering(
        [("upperRoman", "%1.", 3), ("upperLetter", "%2.", 1), ("bullet", "o", 1)]
    )
    assert numbering.label("1", 0) == "III."
    assert numbering.label("1", 1) == "A."
    assert numbering.label("1", 2) == ""  # bullets carry no citation label
    assert numbering.label("1", 1) == "B."
    assert numbering.label("1", 0) == "IV."


def test_instances_continue_unless_they_restart() -> None:
    restart = '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride>'
    numbering = _numbering([("decimal", "%1.", 1)], overrides=restart)
    assert [numbering.label("1", 0), numbering.label("1", 0)] == ["1.", "2."]
    assert [numbering.label("2", 0), numbering.label("2", 0)] == ["1.", "2."]
    assert numbering.label("99", 0) == ""  # unknown list instance


def test_numbering_inherited_from_a_paragraph_style(tmp_path: Path) -> None:
    document = docx.Document()
    numbering = document.part.numbering_part.element
    numbering.insert(
        0,
        parse_xml(
            f'<w:abstractNum {nsdecls("w")} w:abstractNumId="77"><w:lvl w:ilvl="0">'
            '<w:start w:val="1"/><w:numFmt w:val="upperRoman"/><w:lvlText w:val="%1."/>'
            "</w:lvl></w:abstractNum>"
        ),
    )
    numbering.append(
        parse_xml(f'<w:num {nsdecls("w")} w:numId="77"><w:abstractNumId w:val="77"/></w:num>')
    )
    style = document.styles.add_style("Order Part", 1)
    style.element.get_or_add_pPr().append(
        parse_xml(f'<w:numPr {nsdecls("w")}><w:ilvl w:val="0"/><w:numId w:val="77"/></w:numPr>')
    )
    document.add_paragraph("PURPOSE", style="Order Part")
    document.add_paragraph("Members shall intervene.")
    document.add_paragraph("PROCEDURE", style="Order Part")
    path = tmp_path / "styled.docx"
    document.save(str(path))
    sections = parse_document(path).sections
    assert [(section.id, section.heading) for section in sections] == [
        ("I", "PURPOSE"),
        ("II", "PROCEDURE"),
    ]
    assert sections[0].text == "Members shall intervene."


def test_decimal_headings_open_the_outline_and_table_rows_stay_whole(tmp_path: Path) -> None:
    # A directive whose Word headings carry decimal ids ("4.2.1 Purpose") and whose force
    # matrix is a Word table: the headings are sections 4.2.1 ..., and each table row is one
    # line with its cells joined, so a level stays beside the responses it allows.
    document = docx.Document()
    document.add_heading("Redwood Police Department", level=1)
    document.add_heading("4.2.1 Purpose", level=1)
    document.add_paragraph("This directive governs the use of force.")
    document.add_heading("4.2.2 Response Levels", level=1)
    document.add_paragraph("Officers shall use the responses set out in Table 1.")
    table = document.add_table(rows=3, cols=2)
    for row, (level, responses) in zip(
        table.rows,
        [("Level", "Authorized responses"), ("1 Compliant", "Presence"), ("2 Passive", "Holds")],
        strict=True,
    ):
        row.cells[0].text, row.cells[1].text = level, responses
    merged = document.add_table(rows=1, cols=2)
    merged.rows[0].cells[0].merge(merged.rows[0].cells[1]).text = "Approved by the Chief"
    path = tmp_path / "directive.docx"
    document.save(str(path))
    sections = {s.id: s for s in parse_document(path).sections}
    assert {"4.2.1", "4.2.2"} <= set(sections)
    assert sections["4.2.1"].heading == "Purpose"
    lines = sections["4.2.2"].text.splitlines()
    assert "1 Compliant | Presence" in lines
    assert "2 Passive | Holds" in lines
    assert "Approved by the Chief" in lines  # a merged cell once, not twice
