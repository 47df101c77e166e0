"""Whole documents composed for these tests: provisions spread over chapters, a code of
conduct with its own anti-retaliation article, and a manual whose amendment overrides it."""

from __future__ import annotations

from upstander.core.documents.reader import parse_text
from upstander.core.standards.engine import assess
from upstander.core.standards.model import Finding

# A stock-style manual on three pages: the use-of-force policy, the firearms policy (where
# pointing a firearm must be reported) and the report-writing policy (every use of force).
MANUAL = """Policy 300
USE OF FORCE

300.1 PURPOSE AND SCOPE
This policy provides guidelines on the reasonable use of force. It is the policy of this \
department that officers will employ de-escalation tactics prior to the use of force \
whenever possible.

300.2 DEADLY FORCE
An officer may use deadly force when the officer reasonably believes it is necessary to \
protect the officer or another person from an imminent threat of death or serious bodily \
injury.
Officers shall not shoot at a moving vehicle unless the vehicle poses an imminent threat of \
death or serious bodily injury to the officer or others.
Where feasible, the officer shall identify himself or herself as a police officer and warn \
that deadly force may be used.

300.3 DUTY TO INTERCEDE
Any officer present and observing another officer using force that is clearly beyond that \
which is objectively reasonable under the circumstances shall, when in a position to do so, \
intercede to prevent the use of unreasonable force.
\f
Policy 312
FIREARMS

312.1 PURPOSE AND SCOPE
This policy sets out the carrying and handling of firearms.

312.2 DRAWING AND POINTING FIREARMS
Officers shall complete a report any time an officer points a firearm at any person.
Firearms shall be carried fully loaded and inspected monthly by the rangemaster.
\f
Policy 344
REPORT PREPARATION

344.1 PURPOSE AND SCOPE
This policy covers the preparation of reports.

344.2 USE OF FORCE REPORTS
Officers shall document every use of force in a report before the end of the shift.
"""

CODE_OF_CONDUCT = """CODE OF CONDUCT

ARTICLE I. GENERAL PROVISIONS
1.1 Members shall conduct themselves at all times in a manner that reflects favorably on \
the Department.
1.2 Members shall treat each other and the public with courtesy and respect.

ARTICLE II. DUTIES OF MEMBERS
2.1 Members shall report for duty on time and in proper uniform.
2.2 Any member having knowledge of a violation of law or Department policy by another member \
shall report it in writing to the Chief of Police without delay.
2.3 Harassment, intimidation, or retaliation against any employee on the basis of race, sex, \
religion, or national origin is prohibited.

ARTICLE III. PROTECTION OF MEMBERS WHO REPORT
3.1 No member shall retaliate against another member for reporting misconduct, for \
cooperating with an investigation, or for intervening to stop the use of excessive force.
"""

ORIGINAL_WARNING = "Members may give a verbal warning before using deadly force."
STRONG_WARNING = (
    "Where feasible, a member shall identify himself or herself as a police officer and warn "
    "that deadly force may be used before using deadly force."
)
WEAK_WARNING = (
    "Where feasible, a member may identify himself or herself as a police officer and warn "
    "that deadly force may be used."
)


def _amended(original: str, amendment: str) -> str:
    return (
        "Policy 300\nUSE OF FORCE\n\n300.1 PURPOSE\n"
        "This order sets out how members of the Department may use force.\n\n"
        "300.2 DEADLY FORCE\nMembers may use deadly force only to protect themselves or others "
        "from an imminent threat of death or serious bodily injury.\n\n"
        f"300.3 WARNINGS\n{original}\n\n"
        "AMENDMENT 1 (effective March 1, 2022)\n"
        "The following section replaces section 300.3 in its entirety.\n\n"
        f"300.3 WARNINGS\n{amendment}\n"
    )


def _findings(text: str) -> dict[str, Finding]:
    return {f.provision: f for f in assess(parse_text(text, path="composed.txt"))}


def test_manual_reporting_rules_in_different_chapters_are_combined():
    findings = _findings(MANUAL)
    reporting = findings["requires_comprehensive_reporting"]
    assert reporting.status == "met"
    assert {e.section for e in reporting.evidence} == {"312.2", "344.2"}
    # Each quote carries the page its own chapter stands on.
    assert {e.section: e.page for e in reporting.evidence} == {"312.2": 2, "344.2": 3}


def test_manual_reads_each_provision_as_a_reviewer_would():
    findings = _findings(MANUAL)
    status = {provision: finding.status for provision, finding in findings.items()}
    assert status["requires_deescalation"] == "met"
    assert status["requires_warning_before_shooting"] == "met"
    assert status["duty_to_intervene"] == "met"
    assert status["requires_exhaust_alternatives_before_shooting"] == "not_met"
    assert status["restricts_shooting_at_moving_vehicles"] == "not_met"
    # Silent on what a use-of-force policy is expected to address: not met; retaliation lies
    # outside its scope.
    assert status["bans_chokeholds_strangleholds"] == "not_met"
    assert status["has_use_of_force_continuum"] == "not_met"
    assert status["anti_retaliation"] == "not_addressed"


def test_code_of_conduct_with_its_own_anti_retaliation_article():
    findings = _findings(CODE_OF_CONDUCT)
    retaliation = findings["anti_retaliation"]
    assert retaliation.status == "met"
    assert retaliation.evidence[0].section == "3.1"
    report = findings["duty_to_report_misconduct"]
    assert report.status == "met"
    assert report.evidence[0].section == "2.2"
    # Intervening named only as an act the retaliation ban protects is not a duty to intervene,
    # which a code of conduct is expected to hold; de-escalation is outside its scope.
    assert findings["duty_to_intervene"].status == "not_met"
    assert findings["requires_deescalation"].status == "not_addressed"


def test_amendment_that_strengthens_a_section_is_the_version_in_force():
    finding = _findings(_amended(ORIGINAL_WARNING, STRONG_WARNING))[
        "requires_warning_before_shooting"
    ]
    assert finding.status == "met"
    assert "shall identify" in finding.evidence[0].quote
    assert ORIGINAL_WARNING not in finding.evidence[0].quote


def test_amendment_that_weakens_a_section_overrides_the_stronger_original():
    original = "Members shall give a verbal warning before using deadly force, where feasible."
    finding = _findings(_amended(original, WEAK_WARNING))["requires_warning_before_shooting"]
    assert finding.status == "not_met"
    assert original not in " ".join(e.quote for e in finding.evidence)


def test_without_an_amendment_the_stronger_rule_still_counts():
    text = _amended(
        "Members shall give a verbal warning before using deadly force, where feasible.",
        WEAK_WARNING,
    ).replace("replaces section 300.3 in its entirety", "adds guidance to the warning rules")
    assert _findings(text)["requires_warning_before_shooting"].status == "met"
