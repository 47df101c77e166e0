"""Codes of conduct that group numbered rules under articles."""

from __future__ import annotations

from upstander.core.documents.reader import parse_text

CODE = """RULES OF CONDUCT

ARTICLE 1. GENERAL
1.1 These rules apply to all members.

Article II - Duties of Members
2.1 Members shall conduct themselves well.
2.2 Members shall intervene to stop excessive force.

ARTICLE 3: COURTESY
3.1 Members shall be courteous.
"""


def test_articles_open_sections_and_keep_rule_numbers():
    sections = parse_text(CODE).sections
    ids = [s.id for s in sections]
    assert ids[1:] == ["article-1", "1.1", "article-II", "2.1", "2.2", "article-3", "3.1"]
    headings = {s.id: s.heading for s in sections}
    assert headings["article-II"] == "Duties of Members"
    assert headings["article-3"] == "COURTESY"


def test_article_in_running_text_is_not_a_heading():
    text = "I. POLICY\nArticle 5 of the labor agreement governs overtime and shall be followed.\n"
    ids = [s.id for s in parse_text(text).sections]
    assert not any(i.startswith("article") for i in ids)


def test_run_in_headings_name_the_rule():
    text = (
        "ARTICLE 2. DUTIES\n"
        "2.1 Intervention. A deputy who sees excessive force shall intervene.\n"
        "2.2 Members shall be courteous. Rudeness is misconduct.\n"
    )
    sections = {s.id: s for s in parse_text(text).sections}
    assert sections["2.1"].heading == "Intervention"
    assert sections["2.1"].text.startswith("Intervention. A deputy")
    assert sections["2.2"].heading == ""
