"""Every setting, hook and bundled standard is documented (the docs are part of the product)."""

from __future__ import annotations

import re
import runpy
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SOURCE = ROOT / "src" / "upstander"


def test_every_environment_setting_is_in_the_readme():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    pattern = re.compile(
        r"""(?:environ(?:\.get)?\(|env_flag\()\s*["']((?:UPSTANDER_|DATABASE_URL)\w*)"""
    )
    names = {
        name
        for path in SOURCE.rglob("*.py")
        for name in pattern.findall(path.read_text(encoding="utf-8"))
    }
    # Set by the test runner itself, not by users.
    names.discard("UPSTANDER_TESTING")
    assert names, "found no settings: the pattern is out of date"
    missing = sorted(name for name in names if f"`{name}`" not in readme)
    assert not missing, f"settings missing from README.md: {missing}"


def test_every_hook_is_documented():
    from upstander.core.standards import hookspecs

    doc = (ROOT / "docs" / "plugins.md").read_text(encoding="utf-8")
    hooks = [name for name in dir(hookspecs) if name.startswith("upstander_")]
    assert hooks
    assert all(f"`{hook}()`" in doc for hook in hooks), hooks


def test_standards_doc_matches_the_bundled_packs():
    script = runpy.run_path(str(ROOT / "scripts" / "write-standards-doc.py"))
    current = (ROOT / "docs" / "standards.md").read_text(encoding="utf-8")
    assert current == script["render"](), "run scripts/write-standards-doc.py"
