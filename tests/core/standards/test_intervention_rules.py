"""Duty to intervene, reporting misconduct, anti-retaliation and intervention elements."""

from __future__ import annotations

DTI = "duty_to_intervene"
REPORT = "duty_to_report_misconduct"
RETALIATION = "anti_retaliation"


def test_shall_intervene_is_met(judge):
    finding = judge(
        DTI,
        "An officer who sees another officer use unreasonable force shall step in to stop it when "
        "it is safe to do so.",
    )
    assert finding.status == "met"


def test_encouraged_intervention_is_not_met(judge):
    finding = judge(
        DTI, "Officers are encouraged to intervene when another officer uses excessive force."
    )
    assert finding.status == "not_met"


def test_only_reporting_afterwards_is_not_met(judge):
    finding = judge(
        DTI,
        "An officer who observes another officer use excessive "
        "force shall report it to a supervisor.",
    )
    assert finding.status == "not_met"
    assert "report" in finding.reason


def test_crisis_intervention_is_not_a_duty_to_intervene(judge):
    finding = judge(
        DTI, "Officers shall request the crisis intervention team for persons in crisis."
    )
    assert finding.status == "not_addressed"


def test_every_member_reporting_misconduct_is_met(judge):
    finding = judge(
        REPORT,
        "Any member who learns of misconduct by another member shall report it to a supervisor.",
    )
    assert finding.status == "met"


def test_reporting_encouraged_is_not_met(judge):
    finding = judge(REPORT, "Members are encouraged to report misconduct by other members.")
    assert finding.status == "not_met"


def test_duty_on_supervisors_only_is_not_met(judge):
    finding = judge(
        REPORT, "Supervisors shall report any misconduct by their subordinates to the chief."
    )
    assert finding.status == "not_met"
    assert "supervisors" in finding.reason


def test_report_limited_to_observed_force_is_not_met(judge):
    finding = judge(
        REPORT,
        "Officers who observe another officer using excessive force "
        "shall promptly report these observations.",
    )
    assert finding.status == "not_met"


def test_offenders_crimes_are_not_member_misconduct(judge):
    finding = judge(
        REPORT, "Officers shall report criminal activity by suspects to the detective unit."
    )
    assert finding.status != "met"


def test_retaliation_for_reporting_prohibited_is_met(judge):
    finding = judge(
        RETALIATION,
        "No member shall retaliate against another member for "
        "reporting misconduct or for intervening.",
    )
    assert finding.status == "met"


def test_generic_harassment_ban_is_not_met(judge):
    finding = judge(
        RETALIATION, "Harassment and retaliation of any kind are prohibited in the workplace."
    )
    assert finding.status == "not_met"


def test_knowledge_standard_element(judge):
    finding = judge(
        "dti_knowledge_standard",
        "Officers shall intervene when they know or should know that "
        "another officer is using excessive force.",
    )
    assert finding.status == "met"


def test_observation_only_fails_knowledge_standard(judge):
    finding = judge(
        "dti_knowledge_standard",
        "Any officer observing another officer using excessive force shall intercede.",
    )
    assert finding.status == "not_met"


def test_elements_not_addressed_without_a_duty(judge):
    finding = judge("dti_immediate", "Officers shall wear body cameras.")
    assert finding.status == "not_addressed"


def test_constitutional_violations_element(judge):
    met = judge(
        "dti_covers_constitutional_violations",
        "Officers shall intervene to stop another officer from committing "
        "any constitutional violation or excessive force.",
    )
    short = judge(
        "dti_covers_constitutional_violations",
        "Officers shall intervene to stop another officer's excessive force.",
    )
    assert (met.status, short.status) == ("met", "not_met")


def test_duty_without_naming_another_officer_is_met(judge):
    finding = judge(
        DTI,
        "When in a position to do so, officers shall intervene "
        "to prevent the use of excessive force.",
    )
    assert finding.status == "met"


def test_definition_of_retaliation_is_not_a_ban(judge):
    finding = judge(
        RETALIATION,
        "Retaliation is treating a person differently because he or she filed a complaint.",
    )
    assert finding.status != "met"


def test_dedicated_retaliation_rule_is_quoted_over_a_description(judge):
    finding = judge(
        RETALIATION,
        (
            "3.1",
            "Complaints",
            ("Complainants are protected from retaliation for filing a complaint."),
        ),
        (
            "9.2",
            ("Retaliation prohibited"),
            "No member may retaliate against anyone for reporting misconduct.",
        ),
    )
    assert finding.status == "met"
    assert finding.evidence[0].section == "9.2"
