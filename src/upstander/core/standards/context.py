"""Lazy, cached view of a parsed document for rules: sections, sentences and regex lookups."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable, Iterator

from upstander.core.documents.model import ParsedDocument
from upstander.core.standards.clauses import Sentence, dehyphenate, normalise, split_sentences

__all__ = ["PARAGRAPH_LABEL", "DocumentContext"]

# An amendment naming the section it replaces. Only sections (not whole orders, which front
# matter rescinds all the time) are matched, by number.
_AMENDMENT = re.compile(
    r"\b(?:replac(?:es|ed|ing)|supersed(?:es|ed|ing)|amend(?:s|ed|ing)?|revis(?:es|ed|ing))\s+"
    r"(?:the\s+(?:text|provisions|wording)\s+of\s+)?(?:sub)?(?:section|paragraph|§)\s*"
    r"(?P<id>\d+(?:\.[0-9A-Za-z]+)+\.?)|"
    r"\b(?:sub)?(?:section|paragraph|§)\s*(?P<id2>\d+(?:\.[0-9A-Za-z]+)*)\s+(?:is|shall\s+be)\s+"
    r"(?:hereby\s+)?(?:amended|replaced|revised|rescinded|superseded|deleted|repealed)",
    re.IGNORECASE,
)
# A paragraph number at the start of a sentence the reader left inside a section ("3. ...").
PARAGRAPH_LABEL = re.compile(r"^(\d{1,4}(?:\.\d{1,3})*)\.\s")
_AMENDMENT_HINTS = ("replac", "supersed", "amend", "revis", "repeal", "rescind", "delet")
# An amendment quoting the words it strikes and the words it inserts: only the inserted words
# are in force, so a sentence is read from "inserting" on.
_STRIKE_INSERT = re.compile(
    r"\bstrik(?:e|es|ing)\s+(?:out\s+)?(?:the\s+(?:words?|language|phrase|sentence)\s+)?"
    r"[\"\u201c][^\"\u201d]{1,400}[\"\u201d]\s*,?\s+and\s+(?P<insert>insert(?:s|ing)?)\b",
    re.IGNORECASE,
)


_DELETED_MARK = re.compile(r"\[/?(?:deleted|struck|strike|delete)\]", re.IGNORECASE)


def _outside_deleted(text: str, deleting: bool) -> tuple[str, bool]:
    """What of ``text`` stands outside "[deleted] ... [/deleted]" spans, given whether a span is
    open at its start; and whether one is still open at its end. The longer of the words
    before the first span opens and after the last one closes is kept whole, so a quote stays
    verbatim."""
    marks = list(_DELETED_MARK.finditer(text))
    if not marks:
        return ("" if deleting else text), deleting
    before = "" if deleting else text[: marks[0].start()].strip()
    for mark in marks:
        deleting = not mark.group(0).startswith("[/")
    after = "" if deleting else text[marks[-1].end() :].strip()
    return max(before, after, key=len), deleting


class DocumentContext:
    """What rules see of a document; sentences are split only for sections a regex flags."""

    def __init__(self, document: ParsedDocument) -> None:
        self.document = document
        # Headings are kept apart (see heading_chain) so quotes hold body text only.
        self._texts: list[str] = [section.text for section in document.sections]
        # What regexes and keyword scans run over: words broken at line ends are rejoined, as
        # they are in the sentences quoted.
        self._match_texts: list[str] = [dehyphenate(text) for text in self._texts]
        self._parents = self._parent_indexes(document)
        self._chains: dict[int, str] = {}
        self._normalised: dict[int, str] = {}
        self._sentences: dict[int, list[Sentence]] = {}
        self._superseded = self._superseded_indexes(document)
        self._lowered: str | None = None
        self._starts: list[int] = []
        self._cutoffs: dict[int, int] = {}  # leading sentences a later amendment replaced
        self._dropped: set[tuple[int, int]] = set()  # (section, sentence) an amendment replaced
        self._apply_amendments()

    @staticmethod
    def _parent_indexes(document: ParsedDocument) -> list[int | None]:
        # The reader gives a flat list with outline levels; rebuild parents with a stack so
        # list items ("a.", "1.") can see the heading and lead-in of the section above them.
        parents: list[int | None] = []
        stack: list[tuple[int, int]] = []
        for index, section in enumerate(document.sections):
            while stack and stack[-1][1] >= section.level:
                stack.pop()
            parents.append(stack[-1][0] if stack else None)
            stack.append((index, section.level))
        return parents

    @staticmethod
    def _superseded_indexes(document: ParsedDocument) -> frozenset[int]:
        # A document that carries a section twice (an amendment appended after the original)
        # is coded as the later revision: the earlier copy no longer counts as evidence.
        last: dict[str, int] = {}
        for index, section in enumerate(document.sections):
            if section.id:
                last[section.id] = index
        return frozenset(
            index
            for index, section in enumerate(document.sections)
            if section.id and last[section.id] != index
        )

    def _apply_amendments(self) -> None:
        # "The following replaces section 300.3 in its entirety": the text of that section (and
        # its subsections) standing before the amendment no longer counts. The reader may fold
        # the amendment into the section it amends, so the cut can fall inside a section.
        sections = self.document.sections
        hits = self.sections_with(_AMENDMENT_HINTS)
        if not hits:
            return
        superseded = set(self._superseded)
        for marker_index in hits:
            for position, sentence in enumerate(self.sentences(marker_index)):
                for match in _AMENDMENT.finditer(sentence.text):
                    target = (match.group("id") or match.group("id2")).rstrip(".")
                    found = False
                    for index in range(marker_index + 1):
                        base = sections[index].id.split("#")[0]
                        if base != target and not base.startswith(f"{target}."):
                            continue
                        found = True
                        if index < marker_index:
                            superseded.add(index)
                        else:
                            self._cutoffs[index] = max(self._cutoffs.get(index, 0), position)
                    if not found:
                        self._drop_numbered(target, marker_index, position)
        self._superseded = frozenset(superseded)

    def _drop_numbered(self, target: str, marker_index: int, position: int) -> None:
        """Drop the sentences of paragraph ``target`` ("3. Officers shall ...") that the reader
        left inside a section, up to the amendment at ``position`` of ``marker_index``."""
        for index in range(marker_index + 1):
            inside = False
            for sentence in self.sentences(index):
                if index == marker_index and sentence.index >= position:
                    break
                label = PARAGRAPH_LABEL.match(sentence.text)
                if label is not None:
                    inside = label.group(1) == target
                if inside:
                    self._dropped.add((index, sentence.index))

    def ancestors(self, index: int, limit: int = 3) -> list[int]:
        """Section ``index`` and up to ``limit`` enclosing sections, innermost first."""
        out = [index]
        current = self._parents[index]
        while current is not None and len(out) <= limit:
            out.append(current)
            current = self._parents[current]
        return out

    def heading_sentence(self, index: int) -> Sentence | None:
        """The heading of section ``index`` as a pseudo-sentence (None when it has none)."""
        section = self.document.sections[index]
        if not section.heading.strip():
            return None
        return Sentence(
            text=" ".join(section.heading.split()),
            section=section.id or None,
            heading=self.heading_chain(index),
            page=section.page,
            index=-1,
            section_index=index,
        )

    def heading_chain(self, index: int) -> str:
        """Headings of section ``index`` and its ancestors, outermost first (cached)."""
        chain = self._chains.get(index)
        if chain is None:
            parts: list[str] = []
            current: int | None = index
            seen = 0
            while current is not None and seen < 8:
                section = self.document.sections[current]
                if section.heading:
                    parts.append(section.heading)
                current = self._parents[current]
                seen += 1
            chain = " / ".join(reversed(parts))
            self._chains[index] = chain
        return chain

    def section_text(self, index: int) -> str:
        """Return the whitespace-normalised text of section ``index`` (cached)."""
        text = self._normalised.get(index)
        if text is None:
            text = normalise(self._texts[index])
            self._normalised[index] = text
        return text

    def sentences(self, index: int) -> list[Sentence]:
        """Return the sentences of section ``index`` (cached)."""
        cached = self._sentences.get(index)
        if cached is not None:
            return cached
        section = self.document.sections[index]
        pieces = split_sentences(self._texts[index])
        pages = self._sentence_pages(index, pieces)
        out: list[Sentence] = []
        deleting = False
        for position, text in enumerate(pieces):
            struck = _STRIKE_INSERT.search(text)
            if struck is not None:
                text = text[struck.start("insert") :]
            if deleting or _DELETED_MARK.search(text):
                # "[deleted] ... [/deleted] [new] ...": an amendment printed with its struck
                # words; only what stands outside the deleted spans is in force.
                text, deleting = _outside_deleted(text, deleting)
                if not text.strip():
                    self._dropped.add((index, position))
            out.append(
                Sentence(
                    text=text,
                    section=section.id or None,
                    heading=self.heading_chain(index),
                    page=pages[position],
                    index=position,
                    section_index=index,
                )
            )
        self._sentences[index] = out
        return out

    def _sentence_pages(self, index: int, pieces: list[str]) -> list[int | None]:
        """The page each sentence of section ``index`` starts on.

        A section's ``page`` is where it starts; its ``page_breaks`` (raw-text offsets) say
        where later pages begin, so a quote deep in a long section gets its own page.
        """
        section = self.document.sections[index]
        breaks = section.page_breaks
        if not breaks:
            return [section.page] * len(pieces)
        raw = self._texts[index]
        # Sentences are cut from normalised text: move the breaks into its offsets.
        normal_breaks: list[tuple[int, int]] = []
        for offset, number in breaks:
            prefix = normalise(raw[:offset])
            normal_breaks.append((len(prefix) + 1 if prefix else 0, number))
        text = normalise(raw)
        pages: list[int | None] = []
        cursor = 0
        for piece in pieces:
            start = text.find(piece, cursor)
            if start < 0:
                start = cursor
            else:
                cursor = start + len(piece)
            page = section.page
            for offset, number in normal_breaks:
                if offset > start:
                    break
                page = number
            pages.append(page)
        return pages

    def _joined(self) -> str:
        # One lower-cased copy of the whole document: literal keyword scans with str.find run
        # at memory speed, far faster than a regex alternation over thousands of sections.
        if self._lowered is None:
            starts: list[int] = []
            position = 0
            for text in self._match_texts:
                starts.append(position)
                position += len(text) + 1
            self._starts = starts
            self._lowered = "\n".join(self._match_texts).lower()
        return self._lowered

    def sections_with(self, keywords: Iterable[str]) -> list[int]:
        """Indexes of sections containing any of the lower-case literal ``keywords``."""
        joined = self._joined()
        starts = self._starts
        hits: set[int] = set()
        for keyword in keywords:
            position = joined.find(keyword)
            while position != -1:
                index = bisect_right(starts, position) - 1
                hits.add(index)
                following = starts[index + 1] if index + 1 < len(starts) else len(joined)
                position = joined.find(keyword, following)
        return sorted(hits)

    def sections_matching(
        self, pattern: re.Pattern[str], hint: Iterable[str] | None = None
    ) -> Iterator[int]:
        """Yield indexes of sections matching ``pattern``; ``hint`` keywords narrow the scan."""
        indexes = self.sections_with(hint) if hint else range(len(self._texts))
        for index in indexes:
            if index not in self._superseded and pattern.search(self._match_texts[index]):
                yield index

    def find(self, pattern: re.Pattern[str], hint: Iterable[str] | None = None) -> list[Sentence]:
        """Every sentence matching ``pattern``, in document order.

        ``hint`` lists lower-case literals at least one of which any match must contain; it
        only makes the search faster and never changes the result when it is correct.
        """
        found: list[Sentence] = []
        for index in self.sections_matching(pattern, hint):
            cutoff = self._cutoffs.get(index, 0)
            found.extend(
                s
                for s in self.sentences(index)
                if s.index >= cutoff
                and (index, s.index) not in self._dropped
                and pattern.search(s.text)
            )
        return found

    def neighbours(self, sentence: Sentence, before: int = 1, after: int = 1) -> list[Sentence]:
        """Return the sentences around ``sentence`` in document order, itself included.

        Neighbours cross section boundaries because the reader makes every list item its own
        section: an exception in item "a." belongs to the rule in the item above it.
        """
        return [
            *reversed(self.preceding(sentence, before)),
            sentence,
            *self.following(sentence, after),
        ]

    def preceding(self, sentence: Sentence, count: int) -> list[Sentence]:
        """Up to ``count`` sentences before ``sentence``, nearest first."""
        out: list[Sentence] = []
        section, position = sentence.section_index, sentence.index
        while len(out) < count and section >= 0:
            sentences = self.sentences(section)
            for candidate in reversed(sentences[:position]):
                out.append(candidate)
                if len(out) == count:
                    break
            section -= 1
            position = len(self.sentences(section)) if section >= 0 else 0
        return out

    def following(self, sentence: Sentence, count: int) -> list[Sentence]:
        """Up to ``count`` sentences after ``sentence``, nearest first."""
        out: list[Sentence] = []
        section, position = sentence.section_index, sentence.index + 1
        total = len(self.document.sections)
        while len(out) < count and section < total:
            for candidate in self.sentences(section)[position:]:
                out.append(candidate)
                if len(out) == count:
                    break
            section += 1
            position = 0
        return out

    def section_of(self, sentence: Sentence) -> list[Sentence]:
        """Return all sentences of the section holding ``sentence``."""
        return self.sentences(sentence.section_index)
