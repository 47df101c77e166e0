"""Section-aware comparison of two versions of a policy document, with word-level redlines.

Sections are paired first by id with unchanged text, then by identical text under a new id
(renumbered or moved), then by id with similar text (edited in place), then by similar text
under a new id (moved and edited). What is left over was added or removed.
"""

from __future__ import annotations

import difflib
import re
from typing import Any

from rapidfuzz import fuzz, process

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
    matcher = difflib.SequenceMatcher(None, old_words, new_words, autojunk=False)
    ops: list[dict[str, str]] = []
    for tag, old_start, old_end, new_start, new_end in matcher.get_opcodes():
        if tag == "equal":
            ops.append({"op": "equal", "text": " ".join(old_words[old_start:old_end])})
            continue
        if tag in ("delete", "replace"):
            ops.append({"op": "delete", "text": " ".join(old_words[old_start:old_end])})
        if tag in ("insert", "replace"):
            ops.append({"op": "insert", "text": " ".join(new_words[new_start:new_end])})
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


def diff_documents(old: ParsedDocument, new: ParsedDocument) -> dict[str, Any]:
    """Compare two versions section by section: added, removed, changed and moved sections."""
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
    # 3. Same id, similar words: edited in place.
    for key in list(unmatched_old):
        if key in unmatched_new:
            score = fuzz.token_sort_ratio(old_content[key], new_content[key])
            if score >= SIMILAR_IN_PLACE:
                pair(key, key)
                changed.append(key)
                detail.append(_detail("changed", old_sections[key], new_sections[key]))
    # 4. Similar words under another id: moved and edited.
    for key in list(unmatched_old):
        if not unmatched_new or not old_content[key]:
            continue
        choices = {new_id: new_content[new_id] for new_id in unmatched_new}
        best = process.extractOne(
            old_content[key], choices, scorer=fuzz.token_sort_ratio, score_cutoff=SIMILAR_MOVED
        )
        if best is not None:
            new_id = best[2]
            pair(key, new_id)
            if new_id == key:
                changed.append(key)
                detail.append(_detail("changed", old_sections[key], new_sections[key]))
            else:
                moved.append([key, new_id])
                detail.append(_detail("moved", old_sections[key], new_sections[new_id]))
    # 5. A section rewritten beyond recognition under the same id is still that section.
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
