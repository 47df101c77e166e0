"""Benchmark: assessing a 600-page manual versus extracting its raw text.

Run with ``.venv/bin/python bench/bench_assess.py [--shared DIR]``. For each stock policy manual
in the shared corpus it times raw pypdfium2 text extraction, parsing with the project reader,
and assessing the parsed document against every bundled standard, all in the same run, and
prints the ratios. Target: assessment takes at most twice the raw extraction time.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pypdfium2 as pdfium

from upstander.core.documents.reader import parse_document
from upstander.core.standards.engine import assess
from upstander.core.standards.registry import get_registry

MANUALS = (
    "la-grange-pd_il_policy-manual.pdf",
    "neiu-pd_il_policy-manual.pdf",
    "north-riverside-pd_il_policy-manual.pdf",
)


def extract_raw(path: Path) -> int:
    """Extract every page's text with pypdfium2; return the character count."""
    pdf = pdfium.PdfDocument(str(path))
    try:
        total = 0
        for index in range(len(pdf)):
            page = pdf[index]
            textpage = page.get_textpage()
            total += len(textpage.get_text_range())
            textpage.close()
            page.close()
        return total
    finally:
        pdf.close()


def best_of(repeat: int, func: Callable[[], Any]) -> tuple[float, Any]:
    """Median wall time of ``repeat`` runs, with the last result."""
    times: list[float] = []
    result: Any = None
    for _ in range(repeat):
        start = time.perf_counter()
        result = func()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print one line per manual plus the worst ratio."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    default = os.environ.get("UPSTANDER_SHARED_DIR") or str(
        Path(__file__).resolve().parents[1].parent / "shared"
    )
    parser.add_argument("--shared", default=default, help="shared folder holding corpus/documents")
    parser.add_argument("--repeat", type=int, default=3, help="runs per measurement (median)")
    args = parser.parse_args(argv)
    folder = Path(args.shared) / "corpus" / "documents"
    manuals = [folder / name for name in MANUALS if (folder / name).exists()]
    if not manuals:
        print(f"no policy manuals found under {folder}", file=sys.stderr)
        return 2
    get_registry()  # load packs once, outside the timings, as a long-running worker would
    print(
        f"{'manual':42} {'pages':>5} {'extract s':>9} {'parse s':>8} {'assess s':>8} "
        f"{'assess/extract':>14} {'(parse+assess)/extract':>22}"
    )
    ratios: list[float] = []
    for path in manuals:
        pages = len(pdfium.PdfDocument(str(path)))
        extract_s, _ = best_of(args.repeat, lambda p=path: extract_raw(p))
        parse_s, document = best_of(1, lambda p=path: parse_document(p))
        assess_s, _ = best_of(args.repeat, lambda d=document: assess(d))
        ratio = assess_s / extract_s
        ratios.append(ratio)
        print(
            f"{path.name:42} {pages:5d} {extract_s:9.3f} {parse_s:8.3f} {assess_s:8.3f} "
            f"{ratio:14.2f} {(parse_s + assess_s) / extract_s:22.2f}"
        )
    worst = max(ratios)
    verdict = "meets" if worst <= 2.0 else "MISSES"
    print(f"worst assess/extract ratio {worst:.2f} ({verdict} the 2x target)")
    return 0 if worst <= 2.0 else 1


if __name__ == "__main__":
    raise SystemExit(main())
