"""Comprehensive reporting and the use-of-force continuum (fictional passages)."""

from __future__ import annotations

REPORT = "requires_comprehensive_reporting"
CONTINUUM = "has_use_of_force_continuum"


def test_every_use_of_force_and_pointing_in_different_chapters_is_met(judge):
    finding = judge(
        REPORT,
        (
            "210.4",
            "Reporting force",
            "Every use of force by an officer shall be documented in a written report.",
        ),
        (
            "640.2",
            "Report writing",
            "A report shall be completed whenever an officer points a firearm at a person.",
        ),
    )
    assert finding.status == "met"
    assert {e.section for e in finding.evidence} == {"210.4", "640.2"}


def test_every_use_of_force_without_pointing_is_not_met(judge):
    finding = judge(
        REPORT, "Every use of force by an officer shall be documented in a written report."
    )
    assert finding.status == "not_met"
    assert "pointing" in finding.reason


def test_only_injuries_reported_is_not_met(judge):
    finding = judge(
        REPORT,
        "Officers shall report any use of force that results in injury to a supervisor.",
        "Officers shall file a memorandum whenever they point a firearm at a person.",
    )
    assert finding.status == "not_met"


def test_excluding_control_holds_is_not_met(judge):
    finding = judge(
        REPORT,
        "Any use of force, other than control holds applied to a "
        "resisting subject, shall be reported.",
        "Officers shall file a memorandum whenever they point a firearm at a person.",
    )
    assert finding.status == "not_met"


def test_excluding_only_cooperative_handcuffing_is_still_met(judge):
    finding = judge(
        REPORT,
        "Officers shall report any use of force other than handcuffing of a cooperative person.",
        "Officers shall file a memorandum whenever they point a firearm at a person.",
    )
    assert finding.status == "met"


def test_pointing_authorised_is_not_a_reporting_rule(judge):
    finding = judge(REPORT, "An officer may point a firearm at a person who poses a threat.")
    assert finding.status != "met"


def test_no_reporting_rule_is_not_addressed(judge):
    assert judge(REPORT, "Officers shall keep their vehicles fueled.").status == "not_addressed"


def test_levels_of_resistance_mapped_to_control_is_a_continuum(judge):
    finding = judge(
        CONTINUUM,
        "The response continuum relates the levels of resistance a subject offers to the levels "
        "of control an officer may use.",
    )
    assert finding.status == "met"


def test_continuum_words_without_levels_is_not_met(judge):
    finding = judge(
        CONTINUUM,
        "Options available to officers range from a continuum of presence to deadly force.",
    )
    assert finding.status == "not_met"


def test_force_levels_for_reporting_only_is_not_met(judge):
    finding = judge(
        CONTINUUM,
        "Force is grouped in the following continuum of levels for reporting purposes only.",
    )
    assert finding.status == "not_met"


def test_no_continuum_is_not_addressed(judge):
    assert (
        judge(CONTINUUM, "Each tool is approved for use on resisting subjects.").status
        == "not_addressed"
    )


def test_drawn_and_pointed_firearm_report_is_met(judge):
    finding = judge(
        REPORT, "A report shall be completed whenever a firearm is drawn and pointed at a person."
    )
    assert finding.status == "met"


def test_named_force_options_model_tied_to_resistance_is_met(judge):
    finding = judge(
        CONTINUUM,
        "The Department's Force Options Model relates subject resistance levels to officer "
        "response levels.",
    )
    assert finding.status == "met"


def test_reporting_threshold_of_a_force_level_or_greater_is_not_met(judge):
    finding = judge(
        REPORT,
        "If an officer uses force rated as hard hands or greater, the officer shall complete a "
        "use of force report.",
        "Officers shall file a memorandum whenever they point a firearm at a person.",
    )
    assert finding.status == "not_met"
    assert "greater" in finding.evidence[0].quote


def test_a_ladder_of_levels_without_the_word_continuum_counts(judge):
    ladder = (
        "Level 1 - Compliant: officer presence and verbal commands.\n"
        "Level 2 - Passive resistance: escort holds and pressure points.\n"
        "Level 3 - Active resistance: takedowns and chemical spray.\n"
        "Level 4 - Assaultive: baton and strikes.\n"
        "Level 5 - Life-threatening: deadly force."
    )
    finding = judge("has_use_of_force_continuum", ladder)
    assert finding.status == "met"


def test_definitions_of_resistance_alone_are_no_ladder(judge):
    definitions = (
        "Passive resistance means a subject does not follow lawful commands. "
        "Active resistance means a subject pulls away from the officer. "
        "Assaultive behavior means a subject attempts to strike another person. "
        "Compliant means the subject follows directions."
    )
    assert judge("has_use_of_force_continuum", definitions).status != "met"


def test_per_weapon_rules_that_really_differ_are_a_continuum(judge):
    # The coding guide's own example: each tool allowed from a different level of resistance.
    finding = judge(
        CONTINUUM,
        "a. OC spray is authorized only in response to active resistance or greater. "
        "b. The CEW is authorized only in response to active aggression. "
        "c. The baton is authorized only in response to aggravated active aggression.",
    )
    assert finding.status == "met"
    assert "3 weapons, 3 levels" in finding.reason


def test_tools_each_approved_for_resisting_subjects_are_no_continuum(judge):
    finding = judge(
        CONTINUUM,
        "OC spray: approved for use on resisting subjects. "
        "Expandable baton: approved for use on resisting subjects. "
        "CEW: approved for use on resisting subjects.",
    )
    assert finding.status != "met"
