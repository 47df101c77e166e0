"""Bundled packs validate and document every provision; plugins can add packs and rules."""

from __future__ import annotations

from pathlib import Path

import pytest

from upstander.core.standards import registry
from upstander.core.standards.context import DocumentContext
from upstander.core.standards.engine import UnknownStandardError, assess, selected_provisions
from upstander.core.standards.hookspecs import hookimpl
from upstander.core.standards.model import Finding, Provision
from upstander.core.standards.packs import PackError, bundled_pack_paths, load_pack

from .conftest import document

DATA = Path(__file__).resolve().parents[2] / "data" / "standards"


def test_bundled_packs_load_and_document_every_provision():
    paths = bundled_pack_paths()
    assert {p.stem for p in paths} >= {"8cantwait", "duty-to-intervene"}
    for path in paths:
        standard = load_pack(path)
        assert standard.title
        assert standard.source
        for provision in standard.provisions:
            assert len(provision.definition) > 30, provision.id
            assert provision.title, provision.id
            assert provision.traps, f"{provision.id} lists no traps"


def test_every_bundled_provision_has_a_rule():
    rules = registry.get_registry().rules
    for provision in selected_provisions():
        assert (provision.rule or provision.id) in rules, provision.id


def test_load_standards_has_both_packs():
    standards = registry.load_standards()
    assert len(standards["8cantwait"].provisions) == 8
    assert "duty_to_report_misconduct" in standards["duty-to-intervene"].provision_ids()


def test_shared_provision_appears_once():
    ids = [f.provision for f in assess(document("Officers shall wear uniforms."))]
    assert ids.count("duty_to_intervene") == 1
    assert len(ids) == len(set(ids)) == 8 + 6


def test_standard_selection_and_unknown_standard():
    ids = [f.provision for f in assess(document("text"), ["duty-to-intervene"])]
    assert ids[0] == "duty_to_intervene"
    assert "bans_chokeholds_strangleholds" not in ids
    with pytest.raises(UnknownStandardError):
        assess(document("text"), ["no-such-standard"])


def test_pack_without_definition_is_rejected(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        "id: x\ntitle: X\nsource: s\nprovisions:\n  - id: p\n    title: P\n", encoding="utf-8"
    )
    with pytest.raises(PackError, match="definition"):
        load_pack(bad)


class _ExtraPlugin:
    @hookimpl
    def upstander_standards(self) -> list[Path]:
        return [DATA / "extra-pack.yaml"]

    @hookimpl
    def upstander_provision_rules(self) -> dict:
        def word_count(ctx: DocumentContext, provision: Provision) -> Finding:
            words = sum(len(s.text.split()) for s in ctx.document.sections)
            status = "met" if words > 10 else "not_met"
            return Finding(provision.id, status, 1.0, f"{words} words", [])

        return {"test_word_count": word_count}


@pytest.fixture
def extra_plugin():
    plugin = _ExtraPlugin()
    registry.register_plugin(plugin)
    yield plugin
    registry.unregister_plugin(plugin)


def test_plugin_adds_pack_and_rule(extra_plugin):
    assert "test-body-cameras" in registry.load_standards()
    doc = document(
        "Officers shall activate their body-worn cameras before "
        "every enforcement contact with the public."
    )
    findings = {f.provision: f for f in assess(doc, ["test-body-cameras"])}
    assert findings["requires_body_camera_activation"].status == "met"
    assert findings["counts_words"].status == "met"
    limited = document("Officers shall activate body cameras during traffic stops only.")
    assert {f.provision: f for f in assess(limited, ["test-body-cameras"])}[
        "requires_body_camera_activation"
    ].status == "not_met"


def test_plugin_is_gone_after_unregister():
    assert "test-body-cameras" not in registry.load_standards()


def test_every_hook_is_documented():
    from upstander.core.standards import hookspecs

    hooks = [name for name in dir(hookspecs) if name.startswith("upstander_")]
    assert set(hooks) == {"upstander_standards", "upstander_provision_rules"}
    for name in hooks:
        assert getattr(hookspecs, name).__doc__, name
