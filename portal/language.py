"""The reader's language: chosen, or guessed from the browser, and the direction of its script."""

from flask import Flask, request, session
from flask_babel import Babel

LANGUAGES = {"en": ("English", "ltr")}
RIGHT_TO_LEFT = {code for code, (_, direction) in LANGUAGES.items() if direction == "rtl"}


def current_locale() -> str:
    chosen = session.get("locale")
    if chosen in LANGUAGES:
        return chosen
    return request.accept_languages.best_match(LANGUAGES) or "en"


def init_app(app: Flask) -> None:
    Babel(app, locale_selector=current_locale)

    @app.context_processor
    def _language():
        code = current_locale()
        return {"lang": code, "text_direction": LANGUAGES[code][1]}
