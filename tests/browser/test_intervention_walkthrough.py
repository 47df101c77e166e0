"""The duty-to-intervene walk-through in a real browser, on the demo department: an officer
records an intervention and files a confidential report, the investigator sustains the
excessive-force allegation and sees the silent witnesses, the reporter's transfer raises a
retaliation flag that oversight resolves, and the audit log shows every step."""

from __future__ import annotations

import os
import re
from datetime import date

import pytest
from cryptography.fernet import Fernet

from upstander.demo import DEMO_PASSWORD

pytestmark = pytest.mark.browser

# The demo server runs in production mode, which refuses confidential reports without a key. The
# server fixture copies this environment when it starts, after every test module is collected.
os.environ.setdefault("UPSTANDER_CONFIDENTIAL_KEYS", Fernet.generate_key().decode())

REPORTER_NAME = "Jordan Walkthrough-Reporter"
SUMMARY = "Walk-through: strikes on a handcuffed man"


def _sign_in(page, server_url: str, username: str) -> None:
    page.goto(server_url + "/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(re.compile(r"/$"))


def _sign_out(page) -> None:
    with page.expect_navigation():
        page.get_by_role("button", name="Sign out").click()


def _nav(page, name: str) -> None:
    with page.expect_navigation():
        page.get_by_role("navigation", name="Main").get_by_role("link", name=name).click()


def _submit(page, name: str) -> None:
    # Wait for the page the form posts to, not just the click: the next step reads that page.
    with page.expect_navigation():
        page.get_by_role("button", name=name).click()


def test_duty_to_intervene_walkthrough(page, server_url):
    from playwright.sync_api import expect

    # 1. The officer records their own intervention.
    _sign_in(page, server_url, "officer")
    _nav(page, "Interventions")
    with page.expect_navigation():
        page.get_by_role("link", name="Record an intervention").click()
    officer_select = page.get_by_label("Officer who intervened")
    officer_label = officer_select.locator("option:checked").inner_text().strip()
    assert officer_label
    assert officer_label != "---------"
    page.get_by_label("Intervened in").select_option("force")
    page.get_by_label("When").fill("2024-05-01T22:05")
    page.get_by_label("What the officer did").fill("Pulled my partner back and took over cuffing.")
    page.get_by_label("Outcome", exact=True).fill("Force stopped; subject unhurt.")
    _submit(page, "Record intervention")
    expect(page.get_by_role("status")).to_contain_text("Intervention recorded")
    expect(page.locator("tbody")).to_contain_text("Pulled my partner back")

    # 2. The same member files a confidential report, linked to their officer record.
    _nav(page, "Report misconduct")
    with page.expect_navigation():
        page.get_by_role("link", name="Report confidentially").click()
    page.get_by_label("I am a", exact=True).select_option("member")
    page.get_by_label("What happened, in one line").fill(SUMMARY)
    page.get_by_label("Describe what happened").fill("Sergeant kept striking after cuffing.")
    page.get_by_label("Your name").fill(REPORTER_NAME)
    page.get_by_label("Your e-mail (optional)").fill("jordan.walkthrough@example.org")
    page.get_by_label(re.compile("link my officer record")).check()
    _submit(page, "Send report")
    expect(page.locator("h1")).to_have_text("Report received")
    assert re.fullmatch(
        r"[A-Z0-9]{4}(-[A-Z0-9]{4}){4}", page.get_by_test_id("receipt-code").inner_text()
    )
    _sign_out(page)

    # 3. The investigator works the case to a sustained excessive-force finding.
    _sign_in(page, server_url, "investigator")
    _nav(page, "Cases")
    with page.expect_navigation():
        page.get_by_role("row", name=re.compile(SUMMARY)).get_by_role("link").click()
    expect(page.get_by_text(REPORTER_NAME)).to_have_count(0)
    page.get_by_label("Use-of-force report").select_option(index=1)
    _submit(page, "Link incident")
    used_force = page.get_by_label("Officer", exact=True).locator("option", has_text="(Used force)")
    page.get_by_label("Officer", exact=True).select_option(used_force.first.get_attribute("value"))
    page.get_by_label("Allegation", exact=True).select_option("excessive_force")
    _submit(page, "Add allegation")
    for stage in ("triage", "assigned", "investigation", "findings"):
        page.get_by_label("Move to").select_option(stage)
        if stage == "assigned":
            page.get_by_label("Assign to (for assignment)").select_option(label="investigator")
        _submit(page, "Move case")
    expect(page.get_by_test_id("case-state")).to_have_text("Findings")
    page.get_by_label("Finding", exact=True).select_option("sustained")
    _submit(page, "Record finding")
    expect(page.get_by_role("status")).to_contain_text("failure-to-intervene review")
    # The reporter's identity only with a reason, and the reveal is audited.
    page.get_by_text("See the reporter's identity").click()
    page.get_by_label("Reason for seeing the reporter's identity").fill(
        "Need a signed statement from the reporter"
    )
    _submit(page, "Reveal identity")
    expect(page.get_by_text(REPORTER_NAME)).to_be_visible()

    # 4. The review lists the silent witnesses.
    _nav(page, "Failure-to-intervene reviews")
    expect(page.locator("tbody tr").first).to_contain_text("Open")
    _sign_out(page)

    # 5. The reporter is transferred: a retaliation flag goes to oversight.
    _sign_in(page, server_url, "admin")
    _nav(page, "Personnel events")
    page.get_by_label("Officer", exact=True).select_option(label=officer_label)
    page.get_by_label("Action").select_option("transfer")
    page.get_by_label("Date").fill(date.today().isoformat())
    page.get_by_label("Decided by").fill("Deputy Chief, Patrol")
    _submit(page, "Record event")
    expect(page.get_by_role("status")).to_contain_text("Personnel event recorded")
    _sign_out(page)

    _sign_in(page, server_url, "oversight")
    _nav(page, "Retaliation")
    flag = page.get_by_role("row", name=re.compile(re.escape(officer_label)))
    expect(flag.first).to_contain_text("Transfer")
    flag.first.get_by_label("Resolution").select_option("referred")
    flag.first.get_by_label("Note").fill("Transfer two weeks after the report: refer to the IG.")
    with page.expect_navigation():
        flag.first.get_by_role("button", name="Resolve").click()
    expect(page.get_by_role("status")).to_contain_text("Flag resolved")
    expect(page.locator("#resolved-heading + table")).to_contain_text("referred for investigation")

    # 6. The audit log shows every step.
    _nav(page, "Audit log")
    log = page.locator("main").inner_text()
    for action in (
        "intervention-recorded",
        "report-submitted",
        "case-linked",
        "allegation-added",
        "case-transitioned",
        "allegation-finding-recorded",
        "failure-to-intervene-review-opened",
        "reporter-identity-revealed",
        "adverse-event-recorded",
        "retaliation-flag-raised",
        "retaliation-flag-resolved",
    ):
        assert action in log, action
    assert REPORTER_NAME not in log
