"""Time full ``parse_document`` against raw pypdfium2 text extraction of the same PDFs.

Usage: ``python bench/bench_parse.py [--corpus DIR] [--repeat N]``. Without ``--corpus`` it
reads the shared corpus beside the checkout (or under ``UPSTANDER_SHARED_DIR``), and falls back
to the committed test fixtures when that is absent. Each figure is the best of N runs.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pypdfium2 as pdfium

from upstander.core.documents.reader import parse_document

REPO_ROOT = Path(__file__).resolve().parents[1]
TARGET_RATIO = 2.0


def default_corpus() -> Path:
    """The shared corpus documents if present, else the committed fixtures."""
    configured = os.environ.get("UPSTANDER_SHARED_DIR")
    shared = Path(configured) if configured else REPO_ROOT.parent / "shared"
    documents = shared / "corpus" / "documents"
    return documents if documents.is_dir() else REPO_ROOT / "tests" / "data" / "documents"


def raw_extract(path: Path) -> int:
    """Extract every page's text with pypdfium2 and nothing else; returns the page count."""
    document = pdfium.PdfDocument(path)
    try:
        for index in range(len(document)):
            page = document[index]
            textpage = page.get_textpage()
            textpage.get_text_range()
            textpage.close()
            page.close()
        return len(document)
    finally:
        document.close()


def best_of(repeat: int, action: Callable[[], object]) -> float:
    """The fastest of ``repeat`` timed runs, in seconds."""
    timings = []
    for _ in range(repeat):
        started = time.perf_counter()
        action()
        timings.append(time.perf_counter() - started)
    return min(timings)


def main(argv: list[str] | None = None) -> int:
    """Print a table of per-PDF timings and the overall ratio; exit 1 if over the target."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=None, help="folder of PDFs")
    parser.add_argument("--repeat", type=int, default=3, help="runs per file (best is kept)")
    options = parser.parse_args(argv)
    corpus = options.corpus or default_corpus()
    pdfs = sorted(path for path in corpus.glob("*.pdf") if not path.name.startswith("bad-"))
    if not pdfs:
        print(f"no PDFs in {corpus}", file=sys.stderr)
        return 2
    print(f"corpus: {corpus.name}/ ({len(pdfs)} PDFs, best of {options.repeat})")
    header = f"{'document':48} {'pages':>6} {'raw s':>8} {'parse s':>8} {'ratio':>6} {'pages/s':>8}"
    print(header)
    print("-" * len(header))
    total_pages = 0
    total_raw = 0.0
    total_parse = 0.0
    for path in pdfs:
        pages = raw_extract(path)
        raw_seconds = best_of(options.repeat, lambda path=path: raw_extract(path))
        parse_seconds = best_of(options.repeat, lambda path=path: parse_document(path))
        total_pages += pages
        total_raw += raw_seconds
        total_parse += parse_seconds
        print(
            f"{path.name[:48]:48} {pages:6d} {raw_seconds:8.3f} {parse_seconds:8.3f} "
            f"{parse_seconds / raw_seconds:6.2f} {pages / parse_seconds:8.0f}"
        )
    ratio = total_parse / total_raw
    print("-" * len(header))
    print(
        f"{'overall':48} {total_pages:6d} {total_raw:8.3f} {total_parse:8.3f} "
        f"{ratio:6.2f} {total_pages / total_parse:8.0f}"
    )
    print(f"target ratio <= {TARGET_RATIO}: {'met' if ratio <= TARGET_RATIO else 'NOT met'}")
    return 0 if ratio <= TARGET_RATIO else 1


if __name__ == "__main__":
    sys.exit(main())
