"""Plugin hooks for standards: extra packs and rule code, registered through pluggy.

Plugins are discovered from the ``upstander`` entry-point group; the bundled standards are
themselves such a plugin (:mod:`upstander.core.standards.builtin`).
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import pluggy

from upstander.core.standards.rules.base import RuleFunc

__all__ = ["PROJECT", "hookimpl", "hookspec"]

PROJECT = "upstander"
hookspec = pluggy.HookspecMarker(PROJECT)
hookimpl = pluggy.HookimplMarker(PROJECT)


@hookspec
def upstander_standards() -> Iterable[str | Path]:  # type: ignore[empty-body]
    """Return paths of YAML standards packs this plugin provides."""


@hookspec
def upstander_provision_rules() -> dict[str, RuleFunc]:  # type: ignore[empty-body]
    """Return rule callables keyed by provision id or by the ``rule`` name packs refer to."""
