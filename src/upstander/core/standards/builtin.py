"""The bundled standards plugin: the "8 Can't Wait" and duty-to-intervene packs and their rules."""

from __future__ import annotations

from pathlib import Path

from upstander.core.standards.hookspecs import hookimpl
from upstander.core.standards.packs import bundled_pack_paths
from upstander.core.standards.rules import BUILTIN_RULES
from upstander.core.standards.rules.base import RuleFunc

__all__ = ["upstander_provision_rules", "upstander_standards"]


@hookimpl
def upstander_standards() -> list[Path]:
    """Return the bundled pack files."""
    return bundled_pack_paths()


@hookimpl
def upstander_provision_rules() -> dict[str, RuleFunc]:
    """Return the bundled rule callables."""
    return dict(BUILTIN_RULES)
