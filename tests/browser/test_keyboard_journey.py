"""A journey done by keyboard alone, with a visible focus at every step."""

import re

from playwright.sync_api import expect

FOCUSED = """() => {
  const el = document.activeElement;
  const s = getComputedStyle(el);
  const visible = (s.outlineStyle !== 'none' && s.outlineWidth !== '0px')
    || s.boxShadow !== 'none' || s.backgroundColor === 'rgb(255, 221, 0)';
  return {label: (el.innerText || el.getAttribute('aria-label') || el.name || el.id || '').trim(),
          tag: el.tagName, visible: visible};
}"""


def tab_to(page, wanted, limit=60):
    """Press Tab until `wanted` (a regex on the focused element's text or name) has focus,
    checking that every element passed on the way shows where the focus is."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        focused = page.evaluate(FOCUSED)
        if focused["tag"] != "BODY":
            assert focused["visible"], f"no visible focus on {focused}"
        if re.search(wanted, focused["label"]):
            return
    raise AssertionError(f"never reached {wanted!r} by Tab")


def test_sign_in_and_write_a_story_by_keyboard(desktop, family, shot):
    page = desktop.new_page()
    page.goto("/sign-in")
    tab_to(page, r"^username$")
    page.keyboard.type(family.username)
    tab_to(page, r"^password$")
    page.keyboard.type(family.password)
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(rf"/families/{family.id}/$"))
    shot(page, "home")
    tab_to(page, r"^Our story$")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1, name="Our story")).to_be_visible()
    tab_to(page, r"^Add to “Our story so far”$")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1, name="Add: Story section")).to_be_visible()
    tab_to(page, r"^title$")
    page.keyboard.type("Typed without a mouse")
    tab_to(page, r"^text$")
    page.keyboard.type("Every step by keyboard.")
    shot(page, "form-filled")
    tab_to(page, r"^Save$")
    page.keyboard.press("Enter")
    expect(page.get_by_role("alert")).to_contain_text("Saved.")
    expect(page.get_by_role("heading", name="Typed without a mouse")).to_be_visible()
    shot(page, "saved")
