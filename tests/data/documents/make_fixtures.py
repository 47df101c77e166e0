"""Write the document-reader test fixtures: fictional Riverbend Police Department policies.

Run from the repository root with ``python tests/data/documents/make_fixtures.py``; the files
it writes are committed so tests do not depend on this script's output being reproducible.
All text is invented for these tests.
"""

from __future__ import annotations

import io
from pathlib import Path

import docx
import pypdf
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn

HERE = Path(__file__).resolve().parent


# --- a minimal PDF writer: one Helvetica text line per row, top to bottom ---------------------


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def make_pdf(pages: list[list[str]], title: str | None = None) -> bytes:
    """Build a PDF whose pages hold the given lines of text (ASCII) in reading order."""
    objects: list[bytes] = []
    font_id = 3
    page_ids = []
    for index, lines in enumerate(pages):
        content_id = 4 + index * 2
        page_id = content_id + 1
        page_ids.append(page_id)
        stream = ["BT", "/F1 10 Tf", "14 TL", "56 760 Td"]
        for line in lines:
            stream.append(f"({_escape(line)}) Tj T*")
        stream.append("ET")
        body = "\n".join(stream).encode("latin-1")
        objects.append(
            f"{content_id} 0 obj\n<< /Length {len(body)} >>\nstream\n".encode()
            + body
            + b"\nendstream\nendobj\n"
        )
        objects.append(
            f"{page_id} 0 obj\n<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
            f"/Resources << /Font << /F1 {font_id} 0 R >> >> /Contents {content_id} 0 R >>\n"
            "endobj\n".encode()
        )
    kids = " ".join(f"{page_id} 0 R" for page_id in page_ids)
    head = [
        b"1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n",
        f"2 0 obj\n<< /Type /Pages /Kids [{kids}] /Count {len(page_ids)} >>\nendobj\n".encode(),
        b"3 0 obj\n<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica "
        b"/Encoding /WinAnsiEncoding >>\nendobj\n",
    ]
    all_objects = head + objects
    info_id = len(all_objects) + 1
    if title is not None:
        all_objects.append(f"{info_id} 0 obj\n<< /Title ({_escape(title)}) >>\nendobj\n".encode())
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for obj in sorted(all_objects, key=lambda item: int(item.split(b" ", 1)[0])):
        offsets.append(out.tell())
        out.write(obj)
    xref = out.tell()
    out.write(f"xref\n0 {len(offsets) + 1}\n0000000000 65535 f \n".encode())
    for offset in offsets:
        out.write(f"{offset:010d} 00000 n \n".encode())
    info = f" /Info {info_id} 0 R" if title is not None else ""
    trailer = f"trailer\n<< /Size {len(offsets) + 1} /Root 1 0 R{info} >>\n"
    out.write(f"{trailer}startxref\n{xref}\n%%EOF\n".encode())
    return out.getvalue()


# --- a general order with Roman / letter / number outline, running heads and a letter "I." ---

GENERAL_ORDER_PAGES = [
    [
        "RIVERBEND POLICE DEPARTMENT",
        "GENERAL ORDER",
        "Number: General Order 1.06",
        "Subject: Response to Resistance",
        "Issued: March 3, 2021",
        "Effective Date: 03/15/2021",
        "Revised: 2023-01-10",
        "Rescinds: General Order 1.05",
        "PURPOSE",
        "This order explains when members may respond to resistance and what every member",
        "must do when another member's force goes beyond what the law allows.",
        "I. DEFINITIONS",
        "A. Chokehold: pressure on the throat or windpipe that restricts breathing or blood",
        "flow to the brain.",
        "B. Objectively reasonable - The standard for judging force, seen from the position",
        "of a reasonable officer on the scene, as set out in 720 ILCS 5/7-5.5 and in",
        "1. the training curriculum adopted in 2020.",
        "C. De-escalation: words and tactics that slow an encounter down.",
        "D. Deadly force: force likely to cause death or great bodily harm.",
        "E. Feasible: possible to do safely under the circumstances.",
        "F. Imminent: about to happen; not necessarily immediate.",
        "G. Intervene: to act, by word or by physical means, to stop another member's",
        "unreasonable force.",
        "H. Less-lethal device: a tool designed to control a person without deadly force.",
        "I. Member: any sworn or civilian employee of the Department.",
        "Riverbend PD - General Order 1.06",
        "Page 1 of 4",
    ],
    [
        "RIVERBEND POLICE DEPARTMENT",
        "GENERAL ORDER",
        "II. RESPONSE TO RESISTANCE",
        "A. Members shall use only the force that is objectively reasonable to reach a",
        "lawful objective.",
        "1. Members shall use de-escalation whenever it is safe and feasible to do so.",
        "2. Members shall give a verbal warning before using deadly force when feasible.",
        "a. The warning shall identify the member as a police officer.",
        "b. The warning shall tell the person what will happen if they do not comply.",
        "3. Members shall not fire at or from a moving vehicle unless a person in it is",
        "using deadly force by means other than the vehicle.",
        "B. Chokeholds are prohibited unless deadly force would be justified.",
        "C. DUTY TO INTERCEDE AND REPORT",
        "1. A member who sees another member use force beyond what is objectively",
        "reasonable shall intervene to stop it when in a position to do so.",
        "2. The member shall report what they saw to a supervisor before the end of the",
        "shift, in writing.",
        "Riverbend PD - General Order 1.06",
        "Page 2 of 4",
    ],
    [
        "RIVERBEND POLICE DEPARTMENT",
        "GENERAL ORDER",
        "D. ANTI-RETALIATION",
        "No member shall retaliate against a member who intervenes or reports force in good",
        "faith. Retaliation is itself misconduct.",
        "III. REPORTING",
        "A. Every use of force above compliant handcuffing shall be reported on the",
        "department form within 24 hours.",
        "B. A supervisor shall review each report.",
        "IV. TRAINING",
        "A. Members shall complete annual training on this order.",
        "Riverbend PD - General Order 1.06",
        "Page 3 of 4",
    ],
    [
        "RIVERBEND POLICE DEPARTMENT",
        "GENERAL ORDER",
        "V. REVIEW",
        "A. The Chief of Police shall review this order every two years.",
        "B. Questions about this order go to the Training Unit.",
        "Riverbend PD - General Order 1.06",
        "Page 4 of 4",
    ],
]


# --- a stock-manual chapter with decimal numbering, a contents page and copyright feet -------


def _manual_page(number: int, title: str, body: list[str]) -> list[str]:
    return [
        "Riverbend Police Department",
        "Riverbend PD Policy Manual",
        "Copyright Riverbend Example Press 2024, All Rights Reserved.",
        f"{title} - {number}",
        *body,
    ]


MANUAL_PAGES = [
    [
        "Riverbend PD Policy Manual",
        "Table of Contents",
        "Chapter 3 - General Operations . . . . . . . . 2",
        "300 - Use of Force . . . . . . . . 3",
        "302 - Handcuffing and Restraints . . . . . . . . 5",
    ],
    _manual_page(2, "General Operations", ["Chapter 3 - General Operations"]),
    [
        "Policy",
        "300",
        *_manual_page(
            3,
            "Use of Force",
            [
                "Use of Force",
                "300.1 PURPOSE AND SCOPE",
                "This policy gives guidance on the reasonable use of force by members.",
                "300.1.1 DEFINITIONS",
                "Deadly force - Force likely to cause death or very serious injury.",
                "Feasible - Reasonably capable of being done under the circumstances.",
                "300.2 POLICY",
                "Members shall protect life and use only reasonable force.",
                "300.2.1 DUTY TO INTERCEDE AND REPORT",
                "Any member who sees another member use force that is clearly beyond what is",
                "objectively reasonable shall intercede to prevent it when in a position to do so.",
            ],
        ),
    ],
    _manual_page(
        4,
        "Use of Force",
        [
            "300.3 USE OF FORCE",
            "Members should weigh the following, as time and circumstances permit:",
            "(a) The immediacy and severity of the threat.",
            "(b) The conduct of the person being confronted, as reasonably perceived at",
            "the time.",
            "(c) Whether the person appears to be restrained.",
            "See section",
            "300.2.1 for the duty to intercede; it applies here as well.",
            "300.3.1 CAROTID CONTROL HOLD",
            "The carotid control hold is not authorized.",
        ],
    ),
    [
        "Policy",
        "302",
        *_manual_page(
            5,
            "Handcuffing and Restraints",
            [
                "Handcuffing and Restraints",
                "302.1 PURPOSE AND SCOPE",
                "This policy covers the use of handcuffs and other restraints.",
                "302.2 POLICY",
                "Restraints shall be used only as the law and this policy allow.",
            ],
        ),
    ],
]


# --- a Word code of conduct whose outline numbers come only from numbering.xml ----------------

_LEVELS = [
    ("upperRoman", "%1."),
    ("upperLetter", "%2."),
    ("decimal", "%3."),
    ("lowerLetter", "%4."),
]


def _numbering_xml(abstract_id: int, num_id: int) -> tuple[object, object]:
    levels = "".join(
        f'<w:lvl w:ilvl="{index}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/>'
        f'<w:lvlText w:val="{text}"/><w:lvlJc w:val="left"/></w:lvl>'
        for index, (fmt, text) in enumerate(_LEVELS)
    )
    abstract = parse_xml(
        f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{abstract_id}">'
        f'<w:multiLevelType w:val="multilevel"/>{levels}</w:abstractNum>'
    )
    num = parse_xml(
        f'<w:num {nsdecls("w")} w:numId="{num_id}"><w:abstractNumId w:val="{abstract_id}"/></w:num>'
    )
    return abstract, num


CODE_OF_CONDUCT = [
    (0, "PURPOSE AND SCOPE"),
    (1, "This code sets the standards of conduct for every member of the Department."),
    (1, "It applies on and off duty when a member acts under color of law."),
    (0, "CONDUCT TOWARD THE PUBLIC"),
    (1, "Members shall treat every person with courtesy and respect."),
    (1, "Members shall not use language that demeans any person or group."),
    (1, "Members shall use force only as General Order 1.06 allows."),
    (
        1,
        "Duty to intervene: a member who sees another member use unreasonable force shall "
        "intervene to stop it and shall report it to a supervisor.",
    ),
    (2, "The duty applies whatever the rank of the member using force."),
    (2, "Intervention may be by word or by physical means."),
    (3, "A spoken warning is preferred when it is enough."),
    (3, "Physical intervention is required when words fail."),
    (
        1,
        "Anti-retaliation: no member shall retaliate against a member who intervenes or "
        "reports misconduct in good faith.",
    ),
    (0, "CONDUCT TOWARD OTHER MEMBERS"),
    (1, "Members shall cooperate with internal investigations."),
]


def make_code_of_conduct(path: Path) -> None:
    """A .docx whose "II." / "C." / "1." / "a." labels exist only as Word list numbering."""
    document = docx.Document()
    document.core_properties.title = "Riverbend Police Department Code of Conduct"
    numbering = document.part.numbering_part.element
    abstract, num = _numbering_xml(90, 90)
    first_num = numbering.find(qn("w:num"))
    if first_num is not None:
        first_num.addprevious(abstract)
    else:
        numbering.append(abstract)
    numbering.append(num)
    document.add_paragraph("Riverbend Police Department Code of Conduct", style="Title")
    document.add_paragraph("Directive 114-A")
    document.add_paragraph("Date of Issue: January 5, 2022")
    document.add_paragraph("Effective Date: 2-1-22")
    for level, text in CODE_OF_CONDUCT:
        paragraph = document.add_paragraph(text)
        properties = paragraph._p.get_or_add_pPr()
        properties.append(
            parse_xml(
                f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{level}"/><w:numId w:val="90"/></w:numPr>'
            )
        )
    table = document.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "Approved by"
    table.cell(0, 1).text = "Chief of Police"
    document.save(str(path))


HTML_POLICY = """<!doctype html>
<html lang="en"><head><title>Riverbend Duty to Intervene</title>
<style>body { font-family: serif; }</style><script>var ignored = 1;</script></head>
<body>
<h1>Riverbend Police Department: Duty to Intervene</h1>
<p>Special Order 22-7. Effective Date: June 1, 2022. Rescinds: Special Order 19-2; Training
Bulletin 4.</p>
<ol type="I">
  <li>PURPOSE
    <p>This order tells members what to do when another member uses unreasonable force.</p>
  </li>
  <li>PROCEDURE
    <ol type="A">
      <li>A member who sees unreasonable force <b>shall</b> intervene when in a
        position to do so.</li>
      <li>The member shall report the force to a supervisor.
        <ol><li>The report shall be in writing.</li>
          <li>The report is due by the end of the shift.</li></ol>
      </li>
      <li>No member shall retaliate against a member who intervenes.</li>
    </ol>
  </li>
</ol>
<h2>History</h2>
<ul><li>Adopted after the 2021 policy review.</li></ul>
</body></html>
"""

MARKDOWN_2021 = """# Riverbend Police Department Code of Ethics

Effective Date: 2021-03-03

## I. Purpose
Members hold a public trust and shall act with integrity.

## II. Standards
A. Members shall obey the law and department policy.
B. Members shall treat the public with courtesy.
C. Members shall intervene to stop unreasonable force by another member.
D. Members shall report misconduct to a supervisor.

## III. Discipline
A. Violations of this code may lead to discipline up to dismissal.
"""

MARKDOWN_2023 = """# Riverbend Police Department Code of Ethics

Effective Date: 2023-05-01

Revised: 2023-05-01

## I. Purpose
Members hold a public trust and shall act with integrity.

## II. Standards
A. Members shall obey the law and department policy.
B. Members shall treat the public with courtesy.
C. Members shall be truthful in every report and statement.
D. Members shall intervene to stop unreasonable force by another member, whatever their rank.
E. Members shall report misconduct to a supervisor.

## III. Discipline
A. Violations of this code may lead to discipline up to dismissal.
B. Members shall not retaliate against anyone who reports misconduct.
"""

TRAINING_BULLETIN = (
    "RIVERBEND POLICE DEPARTMENT\n"
    "Training Bulletin 2024-02 \u2013 Duty to Intervene\n"
    "Issued: 4/2/24\n"
    "\n"
    "1. Why this bulletin\n"
    "The Department\u2019s general orders require members to step in when a colleague\u2019s\n"
    "force goes too far. This bulletin restates that duty in plain words \u00a7 by \u00a7.\n"
    "\f"
    "2. What members must do\n"
    "a) Speak up first: a clear \u201cstop\u201d often ends it.\n"
    "b) Step in physically when words are not enough.\n"
    "3. After the incident\n"
    "Report to a supervisor the same day.\n"
)


def main() -> None:
    """Write every fixture next to this script."""
    (HERE / "riverbend-general-order-1.06.pdf").write_bytes(
        make_pdf(GENERAL_ORDER_PAGES, title="Response to Resistance")
    )
    (HERE / "riverbend-policy-manual.pdf").write_bytes(make_pdf(MANUAL_PAGES))
    make_code_of_conduct(HERE / "riverbend-code-of-conduct.docx")
    (HERE / "riverbend-duty-to-intervene.html").write_text(HTML_POLICY, encoding="utf-8")
    (HERE / "riverbend-code-of-ethics-2021.md").write_text(MARKDOWN_2021, encoding="utf-8")
    (HERE / "riverbend-code-of-ethics-2023.md").write_text(MARKDOWN_2023, encoding="utf-8")
    (HERE / "riverbend-training-bulletin.txt").write_bytes(TRAINING_BULLETIN.encode("cp1252"))
    # Bad inputs that need a real PDF toolchain to make; the rest are made by the tests.
    writer = pypdf.PdfWriter(clone_from=io.BytesIO(make_pdf(GENERAL_ORDER_PAGES[:1])))
    writer.encrypt(user_password="riverbend", owner_password="riverbend-owner")
    with (HERE / "bad-encrypted.pdf").open("wb") as handle:
        writer.write(handle)
    (HERE / "bad-no-pages.pdf").write_bytes(make_pdf([]))
    (HERE / "bad-scanned.pdf").write_bytes(make_pdf([[], []]))


if __name__ == "__main__":
    main()
