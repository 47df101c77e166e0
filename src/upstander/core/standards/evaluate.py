"""Measuring the assessor against the labelled shared corpus (passages and whole documents)."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from upstander.core.documents.reader import parse_document, parse_text
from upstander.core.standards.engine import assess

__all__ = ["EvalReport", "ProvisionScore", "SetScore", "evaluate"]


@dataclass(slots=True)
class ProvisionScore:
    """Confusion counts and scores for one provision on one set."""

    provision: str
    tp: int = 0
    fp: int = 0
    fn: int = 0
    tn: int = 0

    @property
    def support(self) -> int:
        """Number of positive labels."""
        return self.tp + self.fn

    @property
    def precision(self) -> float:
        """tp / (tp + fp); 1.0 when nothing was predicted positive."""
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        """tp / (tp + fn); 1.0 when there are no positives."""
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        """Harmonic mean of precision and recall (0 when either is 0)."""
        if self.tp == 0:
            return 0.0 if (self.fp or self.fn) else 1.0
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r)

    def to_json(self) -> dict[str, Any]:
        """JSON form for ``upstander eval --json``."""
        return {
            "provision": self.provision,
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
            "support": self.support,
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
            "tn": self.tn,
        }


@dataclass(slots=True)
class SetScore:
    """Per-provision scores on one labelled set, and their macro-F1."""

    name: str
    items: int
    provisions: dict[str, ProvisionScore] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)

    @property
    def macro_f1(self) -> float:
        """Mean F1 over provisions with at least one positive label in this set."""
        scored = [s.f1 for s in self.provisions.values() if s.support > 0]
        return sum(scored) / len(scored) if scored else 0.0

    def to_json(self) -> dict[str, Any]:
        """JSON form for ``upstander eval --json``."""
        return {
            "name": self.name,
            "items": self.items,
            "macro_f1": round(self.macro_f1, 4),
            "macro_f1_over": "provisions with at least one positive label in this set",
            "provisions": [
                s.to_json() for s in sorted(self.provisions.values(), key=lambda s: s.provision)
            ],
            "errors": self.errors,
        }


@dataclass(slots=True)
class EvalReport:
    """Scores on the passages and on the whole documents."""

    passages: SetScore
    documents: SetScore
    mismatches: list[dict[str, Any]] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        """JSON form for ``upstander eval --json``."""
        return {"passages": self.passages.to_json(), "documents": self.documents.to_json()}


def _score(scores: dict[str, ProvisionScore], provision: str, gold: int, predicted: bool) -> None:
    score = scores.setdefault(provision, ProvisionScore(provision))
    if gold and predicted:
        score.tp += 1
    elif gold:
        score.fn += 1
    elif predicted:
        score.fp += 1
    else:
        score.tn += 1


def _read_jsonl(path: Path) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def evaluate(shared_corpus_dir: str | Path) -> EvalReport:
    """Score the engine on ``<dir>/passages/dev.jsonl`` and ``<dir>/documents/labels.jsonl``.

    ``shared_corpus_dir`` may be the corpus folder itself or the shared folder holding it.
    """
    root = Path(shared_corpus_dir)
    if (root / "corpus").is_dir():
        root = root / "corpus"
    mismatches: list[dict[str, Any]] = []
    passages = SetScore("passages", 0)
    passage_file = root / "passages" / "dev.jsonl"
    if passage_file.exists():
        rows = _read_jsonl(passage_file)
        passages.items = len(rows)
        for row in rows:
            document = parse_text(row["text"], path=f"{row['id']}.txt")
            finding = {f.provision: f for f in assess(document)}[row["provision"]]
            predicted = finding.status == "met"
            _score(passages.provisions, row["provision"], int(row["label"]), predicted)
            if predicted != bool(row["label"]):
                mismatches.append(
                    {
                        "set": "passages",
                        "id": row["id"],
                        "gold": row["label"],
                        "reason": finding.reason,
                    }
                )
    documents = SetScore("documents", 0)
    label_file = root / "documents" / "labels.jsonl"
    if label_file.exists():
        by_doc: dict[str, list[dict[str, Any]]] = {}
        for row in _read_jsonl(label_file):
            by_doc.setdefault(row["doc"], []).append(row)
        documents.items = len(by_doc)
        for name, rows in by_doc.items():
            try:
                findings = {
                    f.provision: f for f in assess(parse_document(root / "documents" / name))
                }
            except Exception as exc:  # one unreadable document must not stop the evaluation
                documents.errors.append(f"{name}: {exc}")
                findings = {}
            for row in rows:
                found = findings.get(row["provision"])
                predicted = found is not None and found.status == "met"
                _score(documents.provisions, row["provision"], int(row["label"]), predicted)
                if predicted != bool(row["label"]):
                    mismatches.append(
                        {
                            "set": "documents",
                            "id": f"{name}:{row['provision']}",
                            "gold": row["label"],
                            "reason": found.reason if found else "error",
                        }
                    )
    return EvalReport(passages, documents, mismatches)
