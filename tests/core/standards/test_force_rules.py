"""Neck holds, de-escalation, warnings, exhausting alternatives and moving vehicles.

Every passage here is fictional and written for these tests.
"""

from __future__ import annotations

import pytest

CHOKE = "bans_chokeholds_strangleholds"
DEESC = "requires_deescalation"
WARN = "requires_warning_before_shooting"
EXHAUST = "requires_exhaust_alternatives_before_shooting"
VEHICLES = "restricts_shooting_at_moving_vehicles"


# --- chokeholds -------------------------------------------------------------------------------


def test_ban_on_both_holds_is_met(judge):
    finding = judge(
        CHOKE,
        "Neck restraints. Officers are prohibited from applying a chokehold or a carotid "
        "restraint to any person.",
    )
    assert finding.status == "met"
    assert finding.evidence
    assert "carotid" in finding.evidence[0].quote


def test_undefined_chokehold_limited_to_deadly_force_is_met(judge):
    finding = judge(
        CHOKE, "Members shall not use a choke hold unless the use of deadly force is authorized."
    )
    assert finding.status == "met"


def test_narrow_airway_definition_leaves_carotid_unrestricted(judge):
    finding = judge(
        CHOKE,
        "A chokehold means pressure on the windpipe or airway "
        "of a person that restricts breathing.",
        "Officers shall not use a chokehold unless deadly force is justified.",
    )
    assert finding.status == "not_met"
    assert "carotid" in finding.reason


def test_carotid_hold_for_combative_subjects_is_not_met(judge):
    finding = judge(
        CHOKE,
        "The lateral vascular neck restraint may be used by a trained officer to control a "
        "combative or violent subject.",
    )
    assert finding.status == "not_met"


def test_both_holds_limited_to_deadly_force_in_separate_sections_is_met(judge):
    finding = judge(
        CHOKE,
        (
            "5.1",
            "Carotid restraint",
            "Use of the carotid restraint is limited to "
            "situations where deadly force is authorized.",
        ),
        (
            "5.2",
            "Chokeholds",
            "No officer shall apply pressure to the throat or windpipe of "
            "a person unless deadly force is justified.",
        ),
    )
    assert finding.status == "met"
    assert {e.section for e in finding.evidence} == {"5.1", "5.2"}


def test_no_mention_of_neck_holds_is_not_addressed(judge):
    assert judge(CHOKE, "Officers shall wear the issued uniform.").status == "not_addressed"


# --- de-escalation ----------------------------------------------------------------------------


def test_directive_deescalation_is_met(judge):
    finding = judge(
        DEESC,
        "Whenever it is safe and feasible, officers shall use de-escalation tactics such as "
        "time, distance and communication before using force.",
    )
    assert finding.status == "met"
    assert finding.confidence >= 0.8


def test_permissive_deescalation_is_not_met(judge):
    finding = judge(
        DEESC, "Officers may use de-escalation techniques to gain voluntary compliance."
    )
    assert finding.status == "not_met"
    assert "may" in finding.reason


def test_encouraged_deescalation_is_not_met(judge):
    finding = judge(
        DEESC, "Officers are encouraged to de-escalate tense encounters when practical."
    )
    assert finding.status == "not_met"


def test_deescalation_only_for_mental_health_crises_is_not_met(judge):
    finding = judge(
        DEESC,
        "When contacting a person in a mental health crisis, officers shall use de-escalation "
        "techniques.",
    )
    assert finding.status == "not_met"
    assert "limited" in finding.reason


def test_deescalating_the_level_of_force_is_not_deescalation_before_force(judge):
    finding = judge(
        DEESC, "Officers shall de-escalate the use of force as the subject stops resisting."
    )
    assert finding.status != "met"


def test_deescalation_as_training_topic_is_not_met(judge):
    finding = judge(
        DEESC,
        "The annual training curriculum shall include the following topics:",
        "(a) Firearms qualification.",
        "(b) De-escalation techniques.",
    )
    assert finding.status != "met"


# --- warning before shooting ------------------------------------------------------------------


def test_warning_should_precede_deadly_force_is_met(judge):
    finding = judge(WARN, "When feasible, a verbal warning should precede the use of deadly force.")
    assert finding.status == "met"


def test_warning_may_be_given_is_not_met(judge):
    finding = judge(WARN, "Before firing, an officer may give a verbal warning if time allows.")
    assert finding.status == "not_met"


def test_warning_only_before_taser_is_not_met(judge):
    finding = judge(
        WARN,
        "Officers shall give a verbal warning before deploying "
        "the Taser, unless doing so is unsafe.",
    )
    assert finding.status == "not_met"
    assert "less-lethal" in finding.reason


def test_warning_only_before_canine_release_is_not_met(judge):
    finding = judge(WARN, "A handler shall warn the suspect before releasing the police dog.")
    assert finding.status == "not_met"


def test_warning_shots_are_not_warnings(judge):
    assert judge(WARN, "Warning shots are prohibited.").status == "not_addressed"


# --- exhausting alternatives ------------------------------------------------------------------


def test_deadly_force_only_after_alternatives_exhausted_is_met(judge):
    finding = judge(
        EXHAUST,
        "Officers shall use deadly force only when all other reasonable alternatives have been "
        "exhausted or are not feasible.",
    )
    assert finding.status == "met"


def test_deadly_force_whenever_reasonable_is_not_met(judge):
    finding = judge(
        EXHAUST,
        "An officer may use deadly force to protect any person from an imminent threat of death.",
    )
    assert finding.status == "not_met"


def test_alternatives_merely_considered_is_not_met(judge):
    finding = judge(
        EXHAUST,
        "Before using deadly force, officers should consider whether "
        "all other options have proved ineffective.",
    )
    assert finding.status == "not_met"


def test_last_resort_vehicle_tactics_are_not_about_shooting(judge):
    finding = judge(
        EXHAUST,
        "Ramming a fleeing vehicle should be used only as a last resort where deadly force would "
        "otherwise be justified.",
    )
    assert finding.status != "met"


# --- moving vehicles --------------------------------------------------------------------------


def test_ban_with_other_means_exception_is_met(judge):
    finding = judge(
        VEHICLES,
        "Officers shall not discharge a firearm at a moving vehicle or its occupants unless an "
        "occupant is using deadly force by means other than the vehicle.",
    )
    assert finding.status == "met"


def test_ban_swallowed_by_vehicle_threat_exception_is_not_met(judge):
    finding = judge(
        VEHICLES,
        "Officers shall not shoot at a moving vehicle unless the vehicle poses an imminent threat "
        "of death to the officer.",
    )
    assert finding.status == "not_met"
    assert "exception" in finding.reason


def test_exception_in_following_list_item_swallows_the_ban(judge):
    finding = judge(
        VEHICLES,
        ("7.3", "", "Officers shall not fire at a moving vehicle."),
        (
            "7.3.a",
            "",
            "The exception is when the vehicle is being used as a weapon against officers.",
        ),
    )
    assert finding.status == "not_met"


def test_discouraged_shooting_is_not_met(judge):
    finding = judge(VEHICLES, "Shooting at a moving vehicle is generally discouraged.")
    assert finding.status == "not_met"
    assert "discouraged" in finding.reason


def test_should_only_with_vehicle_threat_is_not_met(judge):
    finding = judge(
        VEHICLES,
        "An officer should only fire at a moving vehicle when there are no other reasonable means "
        "to avert the threat of the vehicle, or if deadly force other than the vehicle is used.",
    )
    assert finding.status == "not_met"


@pytest.mark.parametrize("provision", [CHOKE, DEESC, WARN, EXHAUST, VEHICLES])
def test_unrelated_text_is_not_addressed(judge, provision):
    assert judge(provision, "Members shall keep their lockers clean.").status == "not_addressed"


def test_stated_goal_is_not_a_duty_to_deescalate(judge):
    finding = judge(
        DEESC, "The Department's goal is to de-escalate potentially violent encounters."
    )
    assert finding.status != "met"


def test_chokehold_ban_does_not_cover_an_authorised_carotid_hold(judge):
    finding = judge(
        CHOKE,
        "The carotid restraint may be used on a subject who is actively resisting.",
        "Choke holds are prohibited.",
    )
    assert finding.status == "not_met"


def test_one_sentence_restricting_all_neck_holds_is_met(judge):
    finding = judge(
        CHOKE,
        "The use of chokeholds, strangleholds and the lateral vascular neck restraint is "
        "prohibited unless deadly force is authorized.",
    )
    assert finding.status == "met"


def test_vehicle_ban_with_protect_life_exception_is_not_met(judge):
    finding = judge(
        VEHICLES,
        "Officers shall not fire at a moving vehicle unless it is necessary to protect human life.",
    )
    assert finding.status == "not_met"


def test_policy_statement_requiring_deescalation_is_met(judge):
    finding = judge(
        DEESC,
        "It is the policy of this department that officers shall use de-escalation techniques "
        "when it is safe and feasible.",
    )
    assert finding.status == "met"


def test_alternatives_of_apprehension_failed_is_met(judge):
    finding = judge(
        EXHAUST,
        "Firearms shall be used only after all other reasonable means of apprehension have failed.",
    )
    assert finding.status == "met"


def test_neck_holds_prohibited_is_met(judge):
    assert judge(CHOKE, "Neck holds are prohibited.").status == "met"


def test_no_reasonable_alternative_is_met(judge):
    finding = judge(
        EXHAUST, "Officers shall use deadly force only when there is no reasonable alternative."
    )
    assert finding.status == "met"


def test_should_consider_counts_only_beside_concrete_alternatives(judge):
    concrete = judge(
        DEESC,
        "When safe, officers should consider alternatives such as verbal persuasion, time and "
        "distance before using force.",
    )
    vague = judge(DEESC, "Officers should consider de-escalation during tense encounters.")
    assert concrete.status == "met"
    assert concrete.confidence < 0.7
    assert vague.status == "not_met"
