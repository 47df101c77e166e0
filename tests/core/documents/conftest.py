"""Paths to the document-reader fixtures and to the optional shared corpus."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[3]
FIXTURES = REPO_ROOT / "tests" / "data" / "documents"
GOLDEN = FIXTURES / "golden"


def shared_corpus_documents() -> Path | None:
    """The shared corpus documents folder beside the checkout (or under UPSTANDER_SHARED_DIR)."""
    configured = os.environ.get("UPSTANDER_SHARED_DIR")
    shared = Path(configured) if configured else REPO_ROOT / ".." / "shared"
    documents = shared / "corpus" / "documents"
    return documents.resolve() if documents.is_dir() else None


@pytest.fixture
def fixtures_dir() -> Path:
    """The folder of committed Riverbend fixtures."""
    return FIXTURES


@pytest.fixture
def corpus_documents() -> Path:
    """The shared corpus documents folder; skips the test when it is absent."""
    documents = shared_corpus_documents()
    if documents is None:
        pytest.skip("shared corpus not present (set UPSTANDER_SHARED_DIR)")
    return documents
