"""Listen: the page read aloud by the phone's own speech in the page's language, and a plain
message when the phone cannot."""

import pytest
from playwright.sync_api import expect

from .test_journeys import sign_in

# The phone's speech, as the page sees it: what is spoken is recorded, and the voices are the
# ones a test gives (headless Chromium has none of its own).
FAKE_SPEECH = """
window.__spoken = [];
window.__voices = %s;
window.SpeechSynthesisUtterance = function (text) { this.text = text; };
Object.defineProperty(window, "speechSynthesis", { configurable: true, value: {
  getVoices: () => window.__voices,
  addEventListener: () => {},
  speak: (u) => window.__spoken.push({ text: u.text, lang: u.lang }),
  cancel: () => { window.__cancelled = (window.__cancelled || 0) + 1; },
  pause: () => { window.__paused = true; },
  resume: () => { window.__paused = false; },
}});
"""
NO_SPEECH = "delete window.speechSynthesis; delete window.SpeechSynthesisUtterance;"


def _signed_in(phone, family, shot, script):
    phone.add_init_script(script)
    page = phone.new_page()
    sign_in(page, family, shot)
    return page


def test_listen_reads_the_page_in_its_language_and_can_pause_and_stop(phone, family, shot):
    page = _signed_in(phone, family, shot, FAKE_SPEECH % '[{"lang": "en-GB", "name": "Daniel"}]')
    page.get_by_role("button", name="Listen to this page").click()
    expect(page.get_by_role("button", name="Pause")).to_be_visible()
    spoken = page.evaluate("window.__spoken")
    assert spoken[0] == {"text": family.title, "lang": "en-GB"}
    assert all(said["lang"] == "en-GB" for said in spoken) and len(spoken) > 2
    shot(page, "listening")
    page.get_by_role("button", name="Pause").click()
    assert page.evaluate("window.__paused") is True
    page.get_by_role("button", name="Carry on listening").click()
    assert page.evaluate("window.__paused") is False
    page.get_by_role("button", name="Stop listening").click()
    expect(page.get_by_role("button", name="Listen to this page")).to_be_visible()


@pytest.mark.parametrize("voices,spoken_in", [
    ('[{"lang": "en-GB", "name": "Daniel"}]', None),
    ('[{"lang": "en-GB", "name": "Daniel"}, {"lang": "ar-SA", "name": "Maged"}]', "ar-SA"),
])
def test_in_arabic_it_uses_an_arabic_voice_or_says_there_is_none(phone, family, shot, voices,
                                                                   spoken_in):
    page = _signed_in(phone, family, shot, FAKE_SPEECH % voices)
    page.goto(f"/language/ar?next=/families/{family.id}/")
    page.locator('[data-listen="start"]').click()
    spoken = page.evaluate("window.__spoken")
    if spoken_in is None:
        expect(page.locator('[data-listen="no-voice"]')).to_be_visible()
        assert spoken == []
        shot(page, "no-arabic-voice")
    else:
        expect(page.locator('[data-listen="stop"]')).to_be_visible()
        assert spoken and {said["lang"] for said in spoken} == {spoken_in}


def test_a_phone_without_speech_is_told_plainly(phone, family, shot):
    page = _signed_in(phone, family, shot, NO_SPEECH)
    page.get_by_role("button", name="Listen to this page").click()
    expect(page.get_by_text("This phone has no voice that can read this language aloud")).to_be_visible()


def test_without_javascript_there_is_no_listen_button(new_context, family, shot):
    page = new_context(java_script_enabled=False).new_page()
    sign_in(page, family, shot)
    expect(page.get_by_role("button", name="Listen to this page")).to_have_count(0)
