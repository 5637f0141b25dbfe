"""Browser journeys: a real Chromium against a live server (marker: browser)."""
