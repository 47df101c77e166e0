"""Write docs/standards.md from the bundled standards packs (run after editing a pack)."""

from __future__ import annotations

import sys
from pathlib import Path

from upstander.core.standards.registry import load_standards

_KIND_NAMES = {
    "use_of_force": "use-of-force orders",
    "less_lethal": "less-lethal weapons policies",
    "force_review": "policies on reporting and reviewing force",
    "conduct": "codes of conduct",
    "intervention": "duty-to-intervene policies",
}


def render() -> str:
    lines = [
        "# Bundled reform standards",
        "",
        "Generated from the YAML packs in `src/upstander/core/standards/packs/` by",
        "`scripts/write-standards-doc.py`; a test keeps it in step with the packs.",
        "",
        "A provision is **met** only when the policy requires or prohibits what it describes;",
        "**not met** when the policy falls short (permissive wording, a duty limited to special",
        "situations, an exception that swallows the rule), or is silent on a provision its kind",
        "of document is expected to address; **not addressed** when the provision lies outside",
        "the document's scope (a code of ethics is not expected to regulate chokeholds).",
        "",
        "The kind of document is read from its title or opening text: a use-of-force order, a",
        "less-lethal weapons policy, a policy on reporting and reviewing force, a code of",
        "conduct, a duty-to-intervene policy, or a whole policy manual (expected to address",
        "everything). Each provision below lists the kinds expected to address it. A short",
        "excerpt has no kind, and silence in it is simply not addressed.",
    ]
    for standard in load_standards().values():
        lines += ["", f"## {standard.title} (`{standard.id}`)", "", f"Source: {standard.source}."]
        if standard.description:
            lines += ["", " ".join(standard.description.split())]
        for provision in standard.provisions:
            lines += ["", f"### {provision.title} (`{provision.id}`)", ""]
            lines += [" ".join(provision.definition.split())]
            if provision.scopes:
                kinds = ", ".join(_KIND_NAMES[kind] for kind in provision.scopes)
                lines += ["", f"Expected of: {kinds}, and whole manuals."]
            if provision.counts:
                lines += ["", "Counts as met:"] + [f"- {c}" for c in provision.counts]
            if provision.traps:
                lines += ["", "Falls short:"] + [f"- {t}" for t in provision.traps]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    target = Path(__file__).resolve().parents[1] / "docs" / "standards.md"
    if "--check" in sys.argv:
        sys.exit(0 if target.read_text(encoding="utf-8") == render() else 1)
    target.write_text(render(), encoding="utf-8")
