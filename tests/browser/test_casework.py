"""Recording a finding and then discipline on a complaint, in a real browser."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from upstander.demo import DEMO_PASSWORD

pytestmark = pytest.mark.browser


def _sign_in(page, server_url: str, username: str) -> None:
    page.goto(server_url + "/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(DEMO_PASSWORD)
    with page.expect_navigation():
        page.get_by_role("button", name="Sign in").click()
    expect(page.locator("header")).to_contain_text(f"Signed in as {username}")


def test_investigator_records_a_finding_then_discipline(page, server_url):
    _sign_in(page, server_url, "investigator")
    page.goto(server_url + "/records/complaints/")
    first = page.locator("tbody th a").first
    number = first.inner_text()
    with page.expect_navigation():
        first.click()
    expect(page.locator("h1")).to_have_text(f"Complaint {number}")
    complaint_url = page.url

    finding = page.get_by_role("form", name="Finding on allegation 1")
    finding.get_by_label("Recommended finding").select_option("exonerated")
    finding.get_by_label("Final finding").select_option("unfounded")
    with page.expect_navigation():
        finding.get_by_role("button", name="Record finding").click()
    expect(page.get_by_role("status")).to_contain_text("Finding recorded on")
    expect(page.get_by_role("status")).to_contain_text("Unfounded")
    row = page.locator("table").first.locator("tbody tr").first
    expect(row).to_contain_text("Exonerated")
    expect(row).to_contain_text("Unfounded")
    assert page.url == complaint_url  # redirected back after the post
    # No discipline on an unfounded allegation; sustaining it offers the discipline form.
    expect(page.get_by_role("form", name="Discipline on allegation 1")).to_have_count(0)

    finding = page.get_by_role("form", name="Finding on allegation 1")
    finding.get_by_label("Final finding").select_option("sustained")
    with page.expect_navigation():
        finding.get_by_role("button", name="Record finding").click()
    discipline = page.get_by_role("form", name="Discipline on allegation 1")
    expect(discipline).to_be_visible()

    # An empty form is refused with a message, and nothing is saved.
    with page.expect_navigation():
        discipline.get_by_role("button", name="Record discipline").click()
    expect(page.get_by_role("alert")).to_contain_text("Say what discipline was imposed")

    discipline = page.get_by_role("form", name="Discipline on allegation 1")
    discipline.get_by_label("Discipline imposed").fill("Retraining on report writing")
    discipline.get_by_label("Suspension days").fill("0")
    with page.expect_navigation():
        discipline.get_by_role("button", name="Record discipline").click()
    expect(page.get_by_role("status")).to_contain_text("Discipline recorded")
    expect(page.locator("table").first.locator("tbody tr").first).to_contain_text(
        re.compile(r"Retraining on report writing \(0 days\)")
    )


def test_oversight_sees_findings_without_forms(page, server_url):
    _sign_in(page, server_url, "oversight")
    page.goto(server_url + "/records/complaints/")
    with page.expect_navigation():
        page.locator("tbody th a").first.click()
    expect(page.get_by_role("heading", name="Allegations")).to_be_visible()
    expect(page.locator("form[aria-label^='Finding on']")).to_have_count(0)
