"""Scores on the shared labelled corpus; skipped when the corpus is absent."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from upstander.core.documents.reader import parse_document
from upstander.core.standards.engine import assess
from upstander.core.standards.evaluate import evaluate
from upstander.core.standards.model import Finding

pytestmark = pytest.mark.corpus

# Floors sit slightly below what the engine achieves (1.00 on both dev sets when written) so
# a regression fails while small relabelling noise does not.
PASSAGE_FLOOR = 0.97
DOCUMENT_FLOOR = 0.97


def _corpus() -> Path | None:
    configured = os.environ.get("UPSTANDER_SHARED_DIR")
    shared = (
        Path(configured) if configured else Path(__file__).resolve().parents[3].parent / "shared"
    )
    corpus = shared / "corpus"
    return corpus if (corpus / "passages" / "dev.jsonl").exists() else None


@pytest.fixture(scope="module")
def report():
    corpus = _corpus()
    if corpus is None:
        pytest.skip("shared corpus not found (set UPSTANDER_SHARED_DIR)")
    return evaluate(corpus)


def test_passage_macro_f1(report):
    assert report.passages.items > 0
    assert report.passages.macro_f1 >= PASSAGE_FLOOR, report.passages.to_json()


def test_document_macro_f1(report):
    assert report.documents.items > 0
    assert not report.documents.errors
    assert report.documents.macro_f1 >= DOCUMENT_FLOOR, report.documents.to_json()


def test_every_labelled_provision_is_scored(report):
    assert len(report.passages.provisions) == 8
    assert len(report.documents.provisions) == 10


# Evidence pages: for met labels the engine also finds met, the page of some quoted passage
# should be the labelled page. 40 of 43 agreed when page breaks inside sections were added
# (37 before, with every quote given its section's first page); the rest are an unpaged
# Markdown statute and a rule quoted from its other chapter.
PAGE_FLOOR = 0.9


@pytest.fixture(scope="module")
def labelled() -> tuple[list[dict[str, object]], dict[str, dict[str, Finding]]]:
    """The corpus document labels and the engine's findings on each document (read once)."""
    corpus = _corpus()
    if corpus is None:
        pytest.skip("shared corpus not found (set UPSTANDER_SHARED_DIR)")
    folder = corpus / "documents"
    rows = [json.loads(line) for line in (folder / "labels.jsonl").read_text().splitlines() if line]
    findings = {
        name: {f.provision: f for f in assess(parse_document(folder / name))}
        for name in dict.fromkeys(str(row["doc"]) for row in rows)
    }
    return rows, findings


def test_evidence_pages_match_the_labels(labelled):
    rows, findings = labelled
    scored = agreed = 0
    for row in rows:
        if row["label"] != 1 or row["page"] is None:
            continue
        finding = findings[row["doc"]][row["provision"]]
        if finding.status != "met" or document_is_unpaged(finding):
            continue
        scored += 1
        agreed += row["page"] in [evidence.page for evidence in finding.evidence]
    assert scored > 0
    assert agreed / scored >= PAGE_FLOOR, (agreed, scored)


# Three ways, as the reviewers coded them: met; not met where the provision applies to the
# kind of document (a use-of-force order silent on moving vehicles); not addressed where it
# does not (a code of ethics on chokeholds). 127 of 160 before the scope rule, 157 with it;
# the three left are a duty to report misconduct the reviewers did not expect of two
# use-of-force orders, and a duty to intervene they did not expect of a code of ethics.
THREE_WAY_FLOOR = 155


def test_three_way_agreement_with_applicability(labelled):
    rows, findings = labelled
    agree = 0
    for row in rows:
        expected = "met" if row["label"] else "not_met" if row["applicable"] else "not_addressed"
        agree += findings[row["doc"]][row["provision"]].status == expected
    assert agree >= THREE_WAY_FLOOR, agree


def document_is_unpaged(finding: Finding) -> bool:
    return all(evidence.page is None for evidence in finding.evidence)
