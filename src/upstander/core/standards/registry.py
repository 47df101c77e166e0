"""Finding standards and rules: the plugin manager and the loaded registry."""

from __future__ import annotations

import sys
from dataclasses import dataclass
from functools import lru_cache
from types import ModuleType

import pluggy

from upstander.core.standards import builtin, hookspecs
from upstander.core.standards.model import Standard
from upstander.core.standards.packs import load_pack
from upstander.core.standards.rules.base import RuleFunc

__all__ = [
    "Registry",
    "get_registry",
    "load_standards",
    "plugin_manager",
    "register_plugin",
    "reset_registry",
    "unregister_plugin",
]

_EXTRA_PLUGINS: list[object] = []


def plugin_manager() -> pluggy.PluginManager:
    """Return a plugin manager with the bundled plugin, entry points and registered extras."""
    manager = pluggy.PluginManager(hookspecs.PROJECT)
    manager.add_hookspecs(hookspecs)
    # Registered under its entry-point name so entry-point loading does not add it twice.
    manager.register(builtin, name="builtin_standards")
    try:
        manager.load_setuptools_entrypoints(hookspecs.PROJECT)
    except Exception as exc:  # a broken third-party plugin must not stop the bundled packs
        print(f"upstander: skipping standards plugins that failed to load: {exc}", file=sys.stderr)
    for plugin in _EXTRA_PLUGINS:
        if not manager.is_registered(plugin):
            manager.register(plugin)
    return manager


@dataclass(slots=True)
class Registry:
    """Standards by id and rule callables by name."""

    standards: dict[str, Standard]
    rules: dict[str, RuleFunc]


@lru_cache(maxsize=1)
def get_registry() -> Registry:
    """Load every pack and rule the plugins provide (cached; see :func:`reset_registry`)."""
    manager = plugin_manager()
    standards: dict[str, Standard] = {}
    for paths in reversed(manager.hook.upstander_standards()):
        for path in paths or []:
            standard = load_pack(path)
            standards.setdefault(standard.id, standard)
    rules: dict[str, RuleFunc] = {}
    # pluggy returns results last-registered first; apply in registration order so plugins
    # registered later can override a bundled rule.
    for mapping in reversed(manager.hook.upstander_provision_rules()):
        rules.update(mapping or {})
    return Registry(standards, rules)


def load_standards() -> dict[str, Standard]:
    """Return every available standard keyed by id, bundled packs first."""
    return dict(get_registry().standards)


def register_plugin(plugin: object | ModuleType) -> None:
    """Register an extra plugin object in-process (tests, embedding applications)."""
    _EXTRA_PLUGINS.append(plugin)
    reset_registry()


def reset_registry() -> None:
    """Forget the cached registry so newly registered plugins are picked up."""
    get_registry.cache_clear()


def unregister_plugin(plugin: object | ModuleType) -> None:
    """Remove a plugin registered with :func:`register_plugin`."""
    if plugin in _EXTRA_PLUGINS:
        _EXTRA_PLUGINS.remove(plugin)
    reset_registry()
