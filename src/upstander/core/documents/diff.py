"""Section-aware comparison of two versions of a policy document, with word-level redlines.

Sections are paired first by id with unchanged text, then by identical text under a new id
(renumbered or moved), then by id with similar text (edited in place), then by similar text
under a new id (moved and edited). What is left over was added or removed.
"""

from __future__ import annotations

import re
from typing import Any

from rapidfuzz import fuzz, process
from rapidfuzz.distance import Indel

from upstander.core.documents.model import ParsedDocument, Section

__all__ = ["SIMILAR_IN_PLACE", "SIMILAR_MOVED", "diff_documents", "redline"]

# rapidfuzz scores run 0-100. An edit in place keeps the id, so weaker likeness is enough; a
# section that also changed its id must be clearly the same text to be called moved.
SIMILAR_IN_PLACE = 50.0
SIMILAR_MOVED = 75.0
_WHITESPACE = re.compile(r"\s+")


def _content(section: Section) -> str:
    return _WHITESPACE.sub(" ", f"{section.heading}\n{section.text}").strip()


def redline(old_text: str, new_text: str) -> list[dict[str, str]]:
    """Word-level differences as a list of ``{"op": "equal"|"delete"|"insert", "text": ...}``."""
    old_words = old_text.split()
    new_words = new_text.split()
    ops: list[dict[str, str]] = []
    deleted: list[str] = []
    inserted: list[str] = []

    def flush_changes() -> None:
        # Within one run of changes, show what went before what came in, as a redline does.
        if deleted:
            ops.append({"op": "delete", "text": " ".join(deleted)})
        if inserted:
            ops.append({"op": "insert", "text": " ".join(inserted)})
        deleted.clear()
        inserted.clear()

    # rapidfuzz's Indel alignment is the longest common subsequence of words, computed in C++;
    # difflib gives the same shape but is far slower on long manual sections.
    for opcode in Indel.opcodes(old_words, new_words):
        if opcode.tag == "equal":
            flush_changes()
            words = old_words[opcode.src_start : opcode.src_end]
            ops.append({"op": "equal", "text": " ".join(words)})
        else:
            deleted.extend(old_words[opcode.src_start : opcode.src_end])
            inserted.extend(new_words[opcode.dest_start : opcode.dest_end])
    flush_changes()
    return ops


def _detail(kind: str, old: Section, new: Section) -> dict[str, Any]:
    entry: dict[str, Any] = {
        "kind": kind,
        "old_id": old.id,
        "new_id": new.id,
        "old_page": old.page,
        "new_page": new.page,
        "heading": {"old": old.heading, "new": new.heading},
        "ops": redline(old.text, new.text),
    }
    return entry


_SAME_ID_BONUS = 10.0
_MAX_FUZZY_PAIRS = 1_000_000  # beyond this, compare only sections that kept their id


def _similar_pairs(
    old_items: list[tuple[str, str]], new_items: list[tuple[str, str]]
) -> list[tuple[str, str]]:
    """Greedy best-first pairing of sections whose words are alike."""
    if not old_items or not new_items:
        return []
    candidates: list[tuple[float, str, str]] = []
    if len(old_items) * len(new_items) <= _MAX_FUZZY_PAIRS:
        new_ids = [new_id for new_id, _ in new_items]
        new_texts_list = [text for _, text in new_items]
        for old_id, text in old_items:
            for _, score, column in process.extract(
                text,
                new_texts_list,
                scorer=fuzz.token_sort_ratio,
                score_cutoff=min(SIMILAR_IN_PLACE, SIMILAR_MOVED),
                limit=None,
            ):
                new_id = new_ids[column]
                if old_id == new_id:
                    candidates.append((score + _SAME_ID_BONUS, old_id, new_id))
                elif score >= SIMILAR_MOVED:
                    candidates.append((score, old_id, new_id))
    else:
        new_texts = dict(new_items)
        for old_id, text in old_items:
            if old_id in new_texts:
                score = fuzz.token_sort_ratio(text, new_texts[old_id])
                if score >= SIMILAR_IN_PLACE:
                    candidates.append((score + _SAME_ID_BONUS, old_id, old_id))
    candidates.sort(key=lambda item: -item[0])
    used_old: set[str] = set()
    used_new: set[str] = set()
    pairs = []
    for _, old_id, new_id in candidates:
        if old_id not in used_old and new_id not in used_new:
            used_old.add(old_id)
            used_new.add(new_id)
            pairs.append((old_id, new_id))
    return pairs


def diff_documents(old: ParsedDocument, new: ParsedDocument) -> dict[str, Any]:
    """Compare two versions section by section: added, removed, changed and moved sections.

    ``changed`` lists ids edited in place; ``moved`` lists ``[old_id, new_id]`` pairs for
    sections renumbered or moved, edited or not. ``detail`` has one entry per changed or moved
    section: ``kind``, ``old_id``, ``new_id``, ``old_page``, ``new_page``, ``heading``
    (``{"old", "new"}``) and ``ops``, the word-level redline of its text.
    """
    old_sections = {section.id: section for section in old.sections}
    new_sections = {section.id: section for section in new.sections}
    old_content = {key: _content(section) for key, section in old_sections.items()}
    new_content = {key: _content(section) for key, section in new_sections.items()}
    unmatched_old = dict.fromkeys(old_sections)  # insertion-ordered sets
    unmatched_new = dict.fromkeys(new_sections)
    changed: list[str] = []
    moved: list[list[str]] = []
    detail: list[dict[str, Any]] = []

    def pair(old_id: str, new_id: str) -> None:
        del unmatched_old[old_id]
        del unmatched_new[new_id]

    # 1. Same id, same words: unchanged.
    for key in list(unmatched_old):
        if key in unmatched_new and old_content[key] == new_content[key]:
            pair(key, key)
    # 2. Same words under another id: renumbered or moved.
    by_content: dict[str, list[str]] = {}
    for key in unmatched_new:
        if new_content[key]:
            by_content.setdefault(new_content[key], []).append(key)
    for key in list(unmatched_old):
        candidates = by_content.get(old_content[key]) if old_content[key] else None
        if candidates:
            new_id = candidates.pop(0)
            pair(key, new_id)
            moved.append([key, new_id])
            detail.append(_detail("moved", old_sections[key], new_sections[new_id]))
    # 3. Similar words: edited in place, or moved and edited. The closest pairs are taken
    # first, with a small preference for keeping the id, so a renumbered section is not
    # mistaken for the unrelated new section that took over its number.
    for old_id, new_id in _similar_pairs(
        [(key, old_content[key]) for key in unmatched_old],
        [(key, new_content[key]) for key in unmatched_new],
    ):
        pair(old_id, new_id)
        if old_id == new_id:
            changed.append(old_id)
            detail.append(_detail("changed", old_sections[old_id], new_sections[new_id]))
        else:
            moved.append([old_id, new_id])
            detail.append(_detail("moved", old_sections[old_id], new_sections[new_id]))
    # 4. A section rewritten beyond recognition under the same id is still that section.
    for key in list(unmatched_old):
        if key in unmatched_new:
            pair(key, key)
            changed.append(key)
            detail.append(_detail("changed", old_sections[key], new_sections[key]))
    order = {key: index for index, key in enumerate(new_sections)}
    changed.sort(key=lambda key: order.get(key, 0))
    return {
        "added": list(unmatched_new),
        "removed": list(unmatched_old),
        "changed": changed,
        "moved": moved,
        "detail": detail,
    }
