"""Reading standards packs (YAML) into :class:`Standard` objects, with validation."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from upstander.core.standards.model import Provision, Standard
from upstander.core.standards.scope import KINDS

__all__ = ["BUNDLED_PACKS_DIR", "PackError", "bundled_pack_paths", "load_pack"]

BUNDLED_PACKS_DIR = Path(__file__).with_name("packs")


class PackError(ValueError):
    """A standards pack is missing a required field or is not valid YAML."""


def bundled_pack_paths() -> list[Path]:
    """Return the YAML packs shipped with Upstander, sorted by file name."""
    return sorted(BUNDLED_PACKS_DIR.glob("*.yaml"))


def _require(data: dict[str, Any], key: str, where: str) -> Any:
    value = data.get(key)
    if value in (None, "", []):
        raise PackError(f"{where}: missing '{key}'")
    return value


def _text_list(value: Any, where: str) -> list[str]:
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise PackError(f"{where}: expected a list of strings")
    return list(value)


def _scopes(value: Any, where: str) -> list[str]:
    scopes = _text_list(value, where)
    unknown = sorted(set(scopes) - set(KINDS))
    if unknown:
        raise PackError(f"{where}: unknown kind(s) {', '.join(unknown)}; known: {', '.join(KINDS)}")
    return scopes


def load_pack(path: str | Path) -> Standard:
    """Load and validate one standards pack file."""
    path = Path(path)
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise PackError(f"{path.name}: cannot read pack ({exc})") from exc
    if not isinstance(data, dict):
        raise PackError(f"{path.name}: a pack must be a mapping")
    where = path.name
    provisions: list[Provision] = []
    seen: set[str] = set()
    for raw in _require(data, "provisions", where):
        if not isinstance(raw, dict):
            raise PackError(f"{where}: each provision must be a mapping")
        pid = str(_require(raw, "id", where))
        if pid in seen:
            raise PackError(f"{where}: provision '{pid}' appears twice")
        seen.add(pid)
        here = f"{where}:{pid}"
        params = raw.get("params") or {}
        if not isinstance(params, dict):
            raise PackError(f"{here}: 'params' must be a mapping")
        provisions.append(
            Provision(
                id=pid,
                title=str(_require(raw, "title", here)),
                definition=" ".join(str(_require(raw, "definition", here)).split()),
                counts=_text_list(raw.get("counts"), f"{here}.counts"),
                traps=_text_list(raw.get("traps"), f"{here}.traps"),
                params=params,
                rule=str(raw["rule"]) if raw.get("rule") else None,
                scopes=_scopes(raw.get("scopes"), f"{here}.scopes"),
            )
        )
    return Standard(
        id=str(_require(data, "id", where)),
        title=str(_require(data, "title", where)),
        source=str(_require(data, "source", where)),
        provisions=provisions,
        description=" ".join(str(data.get("description", "")).split()),
        path=str(path),
    )
