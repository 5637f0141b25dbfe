"""Nothing typed reaches a page or the database with a hidden control character in it: a NUL
byte, an escape sequence, a C1 control or half a surrogate pair in any field of any form (the
username and email too), in a query string or in JSON is refused with a plain-words page
before the view runs. Tab and line breaks are typing and pass; each field's own cleaning
(record_book/book/text.py) then makes line endings one kind.
"""

from flask import Flask, render_template, request
from flask_babel import gettext as _

from record_book.book.text import has_hidden_characters


def _strings(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _strings(key)
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


def _sent_text():
    for key, values in request.args.lists():
        yield key
        yield from values
    if request.method in ("POST", "PUT", "PATCH"):
        if request.is_json:
            yield from _strings(request.get_json(silent=True))
        else:
            for key, values in request.form.lists():
                yield key
                yield from values


def hidden_characters_problem() -> str:
    return _("Something you typed has a hidden character in it that we cannot keep, such as "
             "a control character. This can happen when text is copied from somewhere else. "
             "Go back, type it again and send it again.")


def init_app(app: Flask) -> None:
    """Called after the request size limits are set: the form is read here."""
    @app.before_request
    def _refuse_hidden_characters():
        if not any(has_hidden_characters(text) for text in _sent_text()):
            return None
        if request.is_json:
            return {"problem": hidden_characters_problem()}, 400
        return render_template("errors/hidden_characters.html",
                               problem=hidden_characters_problem()), 400
