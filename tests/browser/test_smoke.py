"""The home page and sign-in work in a real browser."""

from __future__ import annotations

import re

import pytest

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
    assert "Signed in as investigator" in page.locator("header").inner_text()
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Officers").click()
    assert page.locator("h1").inner_text() == "Officers"
    assert page.locator("tbody tr").count() == 40
    page.get_by_role("button", name="Sign out").click()
    assert "Sign in" in page.locator("header").inner_text()


def test_wrong_password_shows_an_error(page, server_url):
    page.goto(server_url + "/login/")
    page.get_by_label("Username").fill("investigator")
    page.get_by_label("Password").fill("wrong-password-123")
    page.get_by_role("button", name="Sign in").click()
    assert page.get_by_role("alert").is_visible()
