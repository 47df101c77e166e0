"""Helpers for the standards tests: judge a short fictional passage for one provision."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from upstander.core.documents.model import DocumentMetadata, ParsedDocument, Section
from upstander.core.standards.engine import assess
from upstander.core.standards.model import Finding


def document(*sections: tuple[str, str, str] | str) -> ParsedDocument:
    """Build a document from (id, heading, text) triples or bare texts, one page per section."""
    built: list[Section] = []
    for number, item in enumerate(sections, start=1):
        if isinstance(item, str):
            built.append(Section(id=str(number), heading="", text=item, page=number))
        else:
            sid, heading, text = item
            built.append(
                Section(id=sid, heading=heading, text=text, page=number, level=sid.count("."))
            )
    return ParsedDocument("test.txt", "text", len(built), DocumentMetadata(), built)


def finding_for(doc: ParsedDocument, provision: str) -> Finding:
    """The finding on ``provision`` for ``doc``."""
    return {f.provision: f for f in assess(doc)}[provision]


@pytest.fixture
def judge() -> Callable[..., Finding]:
    """Return a function judging texts (one section each) for one provision."""

    def _judge(provision: str, *texts: str | tuple[str, str, str]) -> Finding:
        return finding_for(document(*texts), provision)

    return _judge
