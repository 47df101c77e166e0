"""The kind of a document, and how it settles silence: not met within scope, not addressed
outside it."""

from __future__ import annotations

from dataclasses import replace

import pytest

from upstander.core.documents.reader import parse_text
from upstander.core.standards.engine import assess, selected_provisions
from upstander.core.standards.model import Finding
from upstander.core.standards.packs import PackError, load_pack
from upstander.core.standards.scope import apply_scope, document_kinds


def _order(title: str, body: str = "", sections: int = 8) -> str:
    """A numbered order with a title line and enough sections to be a document, not an
    excerpt."""
    parts = [title, ""]
    parts.append(f"1. PURPOSE\n{body or 'This order sets out what members must do.'}\n")
    parts.extend(
        f"{n}. PART {n}\nMembers shall keep records of part {n}.\n" for n in range(2, sections + 1)
    )
    return "\n".join(parts)


@pytest.mark.parametrize(
    ("title", "kinds"),
    [
        ("GENERAL ORDER 3.1: USE OF FORCE", {"use_of_force"}),
        ("RESPONSE TO RESISTANCE", {"use_of_force"}),
        ("INTERMEDIATE WEAPONS AND LESS-LETHAL TOOLS", {"less_lethal"}),
        ("REPORTING AND INVESTIGATING RESPONSE TO RESISTANCE", {"force_review"}),
        ("RULES OF CONDUCT", {"conduct"}),
        ("CODE OF ETHICS", {"conduct"}),
        ("DUTY TO INTERVENE", {"intervention"}),
        ("USE OF FORCE AND DUTY TO INTERVENE", {"use_of_force", "intervention"}),
        ("VEHICLE MAINTENANCE", set()),
    ],
)
def test_the_title_names_the_kind(title, kinds):
    document = parse_text(_order(title), path="order.txt")
    document = replace(document, metadata=replace(document.metadata, title=title))
    assert document_kinds(document) == kinds


def test_without_a_title_the_opening_text_decides():
    body = (
        "This policy provides guidelines on the reasonable use of force "
        "and on the duty to intervene."
    )
    assert document_kinds(parse_text(_order("", body), path="x.txt")) == {"use_of_force"}


def test_an_excerpt_has_no_kind():
    excerpt = parse_text("USE OF FORCE\nOfficers shall not use chokeholds.", path="x.txt")
    assert document_kinds(excerpt) == set()


def test_silence_within_scope_is_not_met_and_outside_it_not_addressed():
    order = parse_text(
        _order("USE OF FORCE", "Officers shall use de-escalation techniques whenever feasible."),
        path="uof.txt",
    )
    findings = {f.provision: f for f in assess(order)}
    assert findings["requires_deescalation"].status == "met"
    # Expected of a use-of-force order, and absent:
    vehicles = findings["restricts_shooting_at_moving_vehicles"]
    assert vehicles.status == "not_met"
    assert "use-of-force policy is expected to" in vehicles.reason
    # Not expected of one:
    assert findings["anti_retaliation"].status == "not_addressed"


def test_a_shortfall_outside_the_scope_is_not_addressed():
    provisions = selected_provisions()
    findings = [
        Finding(
            "requires_warning_before_shooting", "not_met", 0.7, "a warning only before a Taser"
        ),
        Finding("bans_chokeholds_strangleholds", "met", 0.9, "banned"),
        Finding("has_use_of_force_continuum", "not_addressed", 0.5, "no continuum"),
    ]
    apply_scope(findings, provisions, {"less_lethal"})
    assert [f.status for f in findings] == ["not_addressed", "met", "not_met"]
    assert findings[0].reason.startswith("outside the scope of a less-lethal weapons policy")


def test_a_manual_is_expected_to_address_everything():
    findings = [Finding("anti_retaliation", "not_addressed", 0.5, "silent")]
    apply_scope(findings, selected_provisions(), {"manual"})
    assert findings[0].status == "not_met"


def test_a_pack_may_not_name_an_unknown_kind(tmp_path):
    pack = tmp_path / "pack.yaml"
    pack.write_text(
        "id: x\ntitle: X\nsource: test\nprovisions:\n"
        "  - id: p\n    title: P\n    definition: d\n    scopes: [use_of_force, parking]\n"
    )
    with pytest.raises(PackError, match="parking"):
        load_pack(pack)


def test_a_manual_excerpt_holding_several_policies_takes_the_kinds_of_each():
    text = (
        "Policy 300 - Use of Force\n300.1 PURPOSE\nOfficers shall use reasonable force.\n"
        "300.2 DEADLY FORCE\nOfficers may use deadly force to protect life.\n"
        "Policy 320 - Standards of Conduct\n320.1 PURPOSE\nMembers shall obey the law.\n"
        "320.2 CONDUCT\nMembers shall be courteous.\n"
        "Policy 340 - Vehicle Maintenance\n340.1 PURPOSE\nVehicles shall be kept clean.\n"
        "340.2 INSPECTIONS\nVehicles shall be inspected weekly.\n"
    )
    assert document_kinds(parse_text(text, path="manual.txt")) == {"use_of_force", "conduct"}
