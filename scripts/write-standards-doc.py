"""Write docs/standards.md from the bundled standards packs (run after editing a pack)."""

from __future__ import annotations

import sys
from pathlib import Path

from upstander.core.standards.registry import load_standards


def render() -> str:
    lines = [
        "# Bundled reform standards",
        "",
        "Generated from the YAML packs in `src/upstander/core/standards/packs/` by",
        "`scripts/write-standards-doc.py`; a test keeps it in step with the packs.",
        "",
        "A provision is **met** only when the policy requires or prohibits what it describes;",
        "**not met** when the policy addresses it but falls short (permissive wording, a duty",
        "limited to special situations, an exception that swallows the rule); **not addressed**",
        "when the policy does not speak to it.",
    ]
    for standard in load_standards().values():
        lines += ["", f"## {standard.title} (`{standard.id}`)", "", f"Source: {standard.source}."]
        if standard.description:
            lines += ["", " ".join(standard.description.split())]
        for provision in standard.provisions:
            lines += ["", f"### {provision.title} (`{provision.id}`)", ""]
            lines += [" ".join(provision.definition.split())]
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
