"""The policy library in a real browser: upload read in the background, scorecard, redline."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from upstander.demo import DEMO_PASSWORD

pytestmark = pytest.mark.browser

ORDER = """RIVERBEND POLICE DEPARTMENT
CANINE DEPLOYMENT
General Order 22-07
Effective Date: May 2, 2022

I. PURPOSE
This order governs the deployment of police service dogs.

II. WARNINGS
A. Before releasing a canine, the handler shall announce a warning when feasible.
B. Handlers shall report every bite to a supervisor.
"""


def _sign_in(page, server_url: str, username: str) -> None:
    page.goto(server_url + "/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(re.compile(r"/$"))


def test_upload_is_read_in_the_background(page, server_url, tmp_path):
    document = tmp_path / "canine.txt"
    document.write_text(ORDER, encoding="utf-8")
    _sign_in(page, server_url, "investigator")
    page.goto(server_url + "/policies/agencies/riverbend-pd/")
    page.get_by_label("Policy number").fill("22-07")
    page.get_by_label("Version label").fill("2022")
    page.get_by_label("Document").set_input_files(str(document))
    page.get_by_role("button", name="Upload and read").click()
    # The page polls the worker's progress and reloads when the document has been read.
    page.get_by_role("heading", name="Outline").wait_for(timeout=60_000)
    expect(page.get_by_role("link", name="II.A", exact=True)).to_be_visible()
    expect(page.locator("dl")).to_contain_text("2022-05-02")


def test_public_scorecard_cites_sections(page, server_url):
    page.goto(server_url + "/policies/agencies/riverbend-pd/scorecard/")
    row = page.get_by_role("row", name=re.compile("Duty to intervene"))
    expect(row).to_contain_text("Met")
    row.get_by_role("link").first.click()
    expect(page.locator(":target")).to_have_count(1)


def test_redline_between_code_versions(page, server_url):
    page.goto(server_url + "/policies/agencies/riverbend-pd/")
    page.get_by_role("link", name="Changes since 2019").click()
    # Assertions that retry until the diff page has loaded: the click only starts the navigation.
    expect(page.locator("ins").filter(has_text="Retaliation Prohibited").first).to_be_visible()
