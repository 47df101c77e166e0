"""The home page and sign-in work in a real browser."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from upstander.demo import DEMO_PASSWORD

pytestmark = pytest.mark.browser


def test_home_page_renders(page, server_url):
    page.goto(server_url + "/")
    assert page.locator("h1").first.inner_text() == "Upstander"
    assert page.get_by_role("navigation", name="Main").is_visible()
    # The stylesheet is served from the app itself, not a CDN.
    assert page.evaluate("getComputedStyle(document.body).display") == "flex"


def test_keyboard_user_can_skip_to_content(page, server_url):
    page.goto(server_url + "/")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent")
    assert focused.strip() == "Skip to main content"


def test_sign_in_and_out(page, server_url):
    page.goto(server_url + "/login/")
    page.get_by_label("Username").fill("investigator")
    page.get_by_label("Password").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(re.compile(r"/$"))
    expect(page.locator("header")).to_contain_text("Signed in as investigator")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Officers").click()
    expect(page.locator("h1")).to_have_text("Officers")
    expect(page.locator("tbody tr")).to_have_count(40)
    page.get_by_role("button", name="Sign out").click()
    expect(page.locator("header")).to_contain_text("Sign in")


def test_wrong_password_shows_an_error(page, server_url):
    page.goto(server_url + "/login/")
    page.get_by_label("Username").fill("investigator")
    page.get_by_label("Password").fill("wrong-password-123")
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("alert")).to_be_visible()
