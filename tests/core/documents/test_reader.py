"""Reading whole documents: golden outputs for each format, format detection, bad input codes."""

from __future__ import annotations

import importlib.machinery
import json
import os
import shutil
import sys
import types
import zipfile
from pathlib import Path
from typing import Any

import pytest

from upstander.core.documents.errors import DocumentError
from upstander.core.documents.reader import parse_document, parse_text

from .conftest import FIXTURES, GOLDEN

GOLDEN_FIXTURES = [
    "riverbend-general-order-1.06.pdf",
    "riverbend-policy-manual.pdf",
    "riverbend-code-of-conduct.docx",
    "riverbend-duty-to-intervene.html",
    "riverbend-code-of-ethics-2021.md",
    "riverbend-code-of-ethics-2023.md",
    "riverbend-training-bulletin.txt",
]


def _payload(name: str) -> dict[str, Any]:
    payload = parse_document(FIXTURES / name).to_json()
    payload["path"] = name  # golden files must not depend on where the checkout lives
    return payload


@pytest.mark.parametrize("name", GOLDEN_FIXTURES)
def test_matches_golden_output(name: str) -> None:
    golden = GOLDEN / f"{name}.json"
    payload = _payload(name)
    if os.environ.get("UPSTANDER_UPDATE_GOLDEN") == "1":
        golden.write_text(json.dumps(payload, indent=2, ensure_ascii=False) + "\n", "utf-8")
    assert payload == json.loads(golden.read_text("utf-8"))


def _sections(name: str) -> dict[str, Any]:
    return {section.id: section for section in parse_document(FIXTURES / name).sections}


def test_pdf_outline_pages_and_metadata() -> None:
    document = parse_document(FIXTURES / "riverbend-general-order-1.06.pdf")
    sections = {section.id: section for section in document.sections}
    assert document.pages == 4
    assert sections["II.C"].heading == "DUTY TO INTERCEDE AND REPORT"
    assert sections["II.C"].page == 2
    assert sections["II.D"].page == 3
    assert "I.I" in sections  # letter I after H, not Roman one
    assert "I.B.1" not in sections  # "1. the training curriculum" is a wrapped line
    assert "720 ILCS 5/7-5.5" in sections["I.B"].text
    assert sections["V"].page == 4
    assert document.metadata.number == "General Order 1.06"
    assert document.metadata.rescinds == ["General Order 1.05"]
    all_text = "\n".join(section.text for section in document.sections)
    assert "Page 2 of 4" not in all_text
    assert "Riverbend PD - General Order" not in all_text


def test_word_list_numbers_are_restored() -> None:
    sections = _sections("riverbend-code-of-conduct.docx")
    assert sections["II.D"].heading == "Duty to intervene"
    assert sections["II.E"].heading == "Anti-retaliation"
    assert sections["II.D.2.b"].text == "Physical intervention is required when words fail."
    assert sections["III.A"].text.startswith("Members shall cooperate")


def test_html_list_numbers_come_from_ol_type() -> None:
    sections = _sections("riverbend-duty-to-intervene.html")
    outline = [key for key in sections if key and key[0] in "I"]
    assert outline == ["I", "II", "II.A", "II.B", "II.B.1", "II.B.2", "II.C"]
    assert "shall intervene" in sections["II.A"].text
    assert all("ignored" not in section.text for section in sections.values())


def test_stock_manual_ids_stay_as_written() -> None:
    sections = _sections("riverbend-policy-manual.pdf")
    assert sections["300.2.1"].heading == "DUTY TO INTERCEDE AND REPORT"
    assert sections["300.2.1"].page == 3
    assert sections["300"].heading == "Use of Force"
    assert "300.3.a" in sections
    assert "Copyright" not in sections["300.3"].text
    assert not [key for key in sections if "#" in key]  # the cross-reference is text
    assert "300.2.1 for the duty to intercede" in sections["300.3.c"].text


def test_text_encoding_and_form_feed_pages() -> None:
    document = parse_document(FIXTURES / "riverbend-training-bulletin.txt")
    sections = {section.id: section for section in document.sections}
    assert document.pages == 2
    assert sections["2"].page == 2
    assert "Department\u2019s" in sections["1"].text  # decoded from Windows-1252


def test_format_comes_from_content_not_name(tmp_path: Path) -> None:
    disguised = tmp_path / "order.txt"
    disguised.write_bytes((FIXTURES / "riverbend-general-order-1.06.pdf").read_bytes())
    assert parse_document(disguised).format == "pdf"


def test_a_folder_is_not_a_document(tmp_path: Path) -> None:
    assert _code(tmp_path) == "not_a_file"


def test_parse_text_in_memory() -> None:
    document = parse_text("I. PURPOSE\nText.\n", path="memo")
    assert document.path == "memo"
    assert [section.id for section in document.sections] == ["I"]


def _code(path: Path, **kwargs: Any) -> str:
    with pytest.raises(DocumentError) as caught:
        parse_document(path, **kwargs)
    assert caught.value.message.endswith(".")
    return caught.value.code


def test_missing_file(tmp_path: Path) -> None:
    assert _code(tmp_path / "nope.pdf") == "file_not_found"


def test_too_large(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    path.write_text("I. PURPOSE\n" * 100)
    assert _code(path, max_bytes=100) == "too_large"


def test_corrupt_and_truncated_pdf(tmp_path: Path) -> None:
    corrupt = tmp_path / "corrupt.pdf"
    corrupt.write_bytes(b"%PDF-1.4\n" + bytes(range(256)) * 10)
    assert _code(corrupt) == "pdf_corrupt"
    truncated = tmp_path / "truncated.pdf"
    truncated.write_bytes((FIXTURES / "riverbend-general-order-1.06.pdf").read_bytes()[:700])
    assert _code(truncated) == "pdf_corrupt"
    not_pdf = tmp_path / "renamed.pdf"
    not_pdf.write_text("just words")
    assert _code(not_pdf) == "pdf_corrupt"


def test_encrypted_pdf() -> None:
    assert _code(FIXTURES / "bad-encrypted.pdf") == "pdf_encrypted"


def test_pdf_without_pages() -> None:
    assert _code(FIXTURES / "bad-no-pages.pdf") == "pdf_no_pages"


def test_scanned_pdf_without_ocr(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("importlib.util.find_spec", lambda name, *args: None)
    with pytest.raises(DocumentError) as caught:
        parse_document(FIXTURES / "bad-scanned.pdf")
    assert caught.value.code == "pdf_no_text_layer"
    assert "[ocr]" in caught.value.message


def test_corrupt_docx(tmp_path: Path) -> None:
    path = tmp_path / "broken.docx"
    path.write_bytes((FIXTURES / "riverbend-code-of-conduct.docx").read_bytes()[:2000])
    assert _code(path) == "docx_corrupt"


def test_zip_that_is_not_word(tmp_path: Path) -> None:
    path = tmp_path / "archive.docx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("readme.txt", "hello")
    assert _code(path) == "unsupported_format"


def test_docx_zip_bomb_is_refused_before_opening(tmp_path: Path) -> None:
    path = tmp_path / "bomb.docx"
    with (
        zipfile.ZipFile(FIXTURES / "riverbend-code-of-conduct.docx") as source,
        zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as bomb,
    ):
        for item in source.infolist():
            bomb.writestr(item, source.read(item.filename))
        with bomb.open("word/media/padding.bin", "w") as padding:
            chunk = b"\0" * (1 << 20)
            for _ in range(24):
                padding.write(chunk)
    assert _code(path) == "docx_zip_bomb"


def test_binary_data_named_as_text(tmp_path: Path) -> None:
    for suffix in (".txt", ".md", ".html"):
        path = tmp_path / f"binary{suffix}"
        path.write_bytes(b"\x7fELF\x02\x01\x01\x00" + bytes(range(256)) * 8)
        assert _code(path) == "binary_file"


def test_undecodable_text(tmp_path: Path) -> None:
    path = tmp_path / "garbled.txt"
    path.write_bytes(bytes(range(128, 256)) * 4)
    assert _code(path) == "undecodable_text"


def test_empty_document(tmp_path: Path) -> None:
    path = tmp_path / "empty.md"
    path.write_text("  \n\n")
    assert _code(path) == "empty_document"


def test_unsupported_format(tmp_path: Path) -> None:
    path = tmp_path / "photo.jpg"
    path.write_bytes(b"\xff\xd8\xff\xe0" + b"\0" * 100)
    assert _code(path) == "unsupported_format"
    old_word = tmp_path / "old.doc"
    old_word.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100)
    assert _code(old_word) == "unsupported_format"


def test_scanned_pdf_is_read_through_ocr_when_the_extra_is_installed(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    calls: list[tuple[Path, Path]] = []

    def fake_ocr(input_file: Path, output_file: Path, **options: object) -> None:
        # Stands in for ocrmypdf: "recognises" the scan as the general order's text.
        calls.append((Path(input_file), Path(output_file)))
        shutil.copyfile(FIXTURES / "riverbend-general-order-1.06.pdf", output_file)

    module = types.ModuleType("ocrmypdf")
    module.__spec__ = importlib.machinery.ModuleSpec("ocrmypdf", loader=None)
    module.ocr = fake_ocr  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "ocrmypdf", module)
    document = parse_document(FIXTURES / "bad-scanned.pdf")
    assert len(calls) == 1
    assert any(section.id == "II.C" for section in document.sections)
