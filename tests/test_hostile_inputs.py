"""The hostile-input corpus: about sixty nasty strings through every form of the portal, sent
by each kind of person who may post it, in a fresh world for each (so the order tests run in
does not matter), each in another language (so no check leans on English words).

For every post: never a 500; a hidden control character is refused with the plain-words page;
markup typed is never live on the page that answers or the page it leads to.
"""

import re
import urllib.parse
from html.parser import HTMLParser

import pytest
from conftest import PASSWORD, sign_in
from flask_babel import force_locale
from markupsafe import escape
from sqlalchemy.exc import DataError
from sqlalchemy.orm import Session
from test_routes_by_role import ROUTES, _build_world, _expected

import portal.admin.pages
from portal.routing import BookId
from portal.typed_text import hidden_characters_problem
from record_book.accounts.accounts import create_account
from record_book.book.text import has_hidden_characters

CONTROL = ["\x00", "sam\x00", "\x1b[31mred", "\x07", "\x0b", "\x7f", "\x85", "\x9b"]
BIDI = ["\u202eevil\u202c", "Moving \u202ehouse", "\u202bembed", "\u2068", "\u2069"]
SPACE = [" " * 10, "", "\t", "line\r\nline", "\r", "\u00a0\u3000", "\ufeff\u200b", "\u2028"]
LONG = ["x" * 5000, "ہ" * 5000]
SCRIPTS = ["👨‍👩‍👧‍👦", "🏳️‍🌈", "e\u0301", "Z̴̡̢a̷l̸g̵o̶", "İstanbul ß", "\uffff\U0010ffff",
           "ہم نے نیا گھر", "আমরা"]
NUMBERS = ["٣", "٢٠٢٤", "३", "²", "-1", "2147483648", "9223372036854775808", "1e309",
           "9999-12-31", "2024-02-30"]
MARKUP = ["<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "<svg onload=alert(1)>",
          "\"><script>alert(1)</script>", "'><img src=x onerror=alert(1)>",
          "<a href=\"javascript:alert(1)\">x</a>", "&lt;script&gt;alert(1)&lt;/script&gt;",
          "&#60;img src=x onerror=alert(1)&#62;", "javascript:alert(1)", "{{7*7}}",
          "%(name)s %s%n", "{0}"]
SQL = ["' OR '1'='1", "'; DROP TABLE accounts; --", "1; SELECT pg_sleep(5)", "\\", "%_%"]
# Bytes a form can carry but that are no UTF-8: halves of a surrogate pair (CESU-8) and an
# overlong "/": read as U+FFFD, never as the character they pretend to be.
NOT_UTF8 = [b"\xed\xa0\x80", b"\xed\xbf\xbf", b"\xc0\xaf", b"caf\xe9"]
CORPUS = CONTROL + BIDI + SPACE + LONG + SCRIPTS + NUMBERS + MARKUP + SQL + NOT_UTF8

# Posts that end the session or the book: sent, they would leave nothing to send the rest to
# (tests/test_sessions.py and tests/test_data_rights.py send them).
ENDS_IT = re.compile(r"/(sign-out|leave|time-out|sign-out-everywhere|delete|password/remove|"
                     r"passkeys/\d+/remove)$")
FILES = re.compile(r"(\.pdf|\.json|/attachments/.*|/status|/healthz)$")
TYPED = {"text", "email", "tel", "number", "search", "password", "url", "date", ""}
LIVE = re.compile(r"<(script|img|svg|a)\b[^>]*(alert|onerror|onload|javascript:)", re.I)


class Forms(HTMLParser):
    """The post forms of a page: where each goes and what it sends."""

    def __init__(self):
        super().__init__()
        self.forms, self._form, self._select = [], None, None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form" and (a.get("method") or "get").lower() == "post":
            self._form = {"action": a.get("action") or "", "typed": [], "kept": {}}
            self.forms.append(self._form)
        if self._form is None or "name" not in a and tag != "option":
            return
        kind = (a.get("type") or "").lower()
        if tag == "textarea" or (tag == "input" and kind in TYPED):
            self._form["typed"].append(a["name"])
        elif tag == "input" and kind in ("hidden", "radio", "checkbox"):
            if kind == "hidden" or "checked" in a or a["name"] not in self._form["kept"]:
                self._form["kept"][a["name"]] = a.get("value") or ""
        elif tag == "select":
            self._select = a["name"]
        elif tag == "option" and self._select and self._select not in self._form["kept"]:
            self._form["kept"][self._select] = a.get("value") or ""

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        if tag == "select":
            self._select = None


def _pages(role, ids):
    """The pages this person may open that could hold a form (not a file, a PDF or JSON)."""
    for method, path, audience in ROUTES:
        if (method == "GET" and _expected(audience, role) == 200
                and not FILES.search(path.split("?")[0])):
            yield path.format(**ids)


def _forms(client, role, ids):
    found = {}
    for url in _pages(role, ids):
        page = client.get(url)
        if page.status_code != 200 or "text/html" not in page.content_type:
            continue
        parser = Forms()
        parser.feed(page.get_data(as_text=True))
        for form in parser.forms:
            action = urllib.parse.urljoin(url, form["action"] or url)
            if ENDS_IT.search(urllib.parse.urlsplit(action).path) or not form["typed"]:
                continue
            found.setdefault((action, tuple(sorted(form["typed"]))), form)
    return found


def _body(form, values: list) -> bytes:
    typed = {name: values[i % len(values)] for i, name in enumerate(form["typed"])}
    fields = {**{k: v for k, v in form["kept"].items() if k != "form_once"}, **typed}
    return urllib.parse.urlencode(fields, doseq=True).encode("ascii")


def _posts(form) -> list[list]:
    """What to send a form, one list of values a post: each string of the corpus reaches the
    form once. A hidden character goes alone (it has the whole post refused); the others fill
    the form's fields side by side, so one post carries several."""
    hidden = [[value] for value in CORPUS
              if isinstance(value, str) and has_hidden_characters(value)]
    rest = [value for value in CORPUS if [value] not in hidden]
    width = len(form["typed"])
    return hidden + [rest[i:i + width] for i in range(0, len(rest), width)]


def _never_live(text: str, value) -> None:
    """Markup that was typed is on the page only as text (escaped), never as itself."""
    if isinstance(value, str) and LIVE.search(value):
        assert value not in text, value


def test_the_live_markup_check_sees_typed_markup_left_as_it_is():
    with pytest.raises(AssertionError):
        _never_live('<p><img src=x onerror=alert(1)></p>', "<img src=x onerror=alert(1)>")
    _never_live("<p>&lt;img src=x onerror=alert(1)&gt;</p>", "<img src=x onerror=alert(1)>")


def test_the_form_reader_finds_what_a_form_sends():
    parser = Forms()
    parser.feed('<form method="post" action="/x"><input name="title"><textarea name="text">'
                '</textarea><input type="hidden" name="v" value="3"><select name="c"><option '
                'value="home">Home</option><option value="money">Money</option></select>'
                '<input type="radio" name="r" value="a"><input type="radio" name="r" value="b" '
                'checked><input type="file" name="file"></form><form><input name="q"></form>')
    assert parser.forms == [{"action": "/x", "typed": ["title", "text"],
                             "kept": {"v": "3", "c": "home", "r": "b"}}]


@pytest.mark.parametrize("role,language", [
    ("holder", "ar"), ("advocate", "cy"), ("granted", "ur"), ("org_admin", "pl"),
    ("portal_admin", "en"), ("anonymous", "bn")])
def test_every_form_takes_the_corpus_without_a_500(app, session, book, role, language):
    people, ids = _build_world(session, book)
    client = app.test_client()
    if role != "anonymous":
        sign_in(client, people[role])
    client.get(f"/language/{language}")
    with app.test_request_context(), force_locale(language):
        refused = str(escape(hidden_characters_problem()))
    forms = _forms(client, role, ids)
    assert len(forms) >= (1 if role in ("anonymous", "granted", "professional") else 3), forms
    sent = []
    for (action, _typed), form in sorted(forms.items()):
        for values in _posts(form):
            sent.extend(values)
            response = client.post(action, data=_body(form, values),
                                   content_type="application/x-www-form-urlencoded")
            where = (role, action, [v if isinstance(v, bytes) else v[:40] for v in values])
            assert response.status_code < 500, where
            text = response.get_data(as_text=True)
            if any(isinstance(v, str) and has_hidden_characters(v) for v in values):
                assert response.status_code == 400 and refused in text, where
            for value in values:
                _never_live(text, value)
            if (response.status_code == 302 and response.location.startswith("/")
                    and any(value in MARKUP for value in values)):
                followed = client.get(response.location)
                assert followed.status_code < 500, where
                page = followed.get_data(as_text=True)
                for value in values:
                    _never_live(page, value)
    # Every string reached every form.
    assert sorted(sent, key=repr) == sorted(CORPUS * len(forms), key=repr)


# Above what PostgreSQL's integer and bigint hold, negative, or not written in 0 to 9.
HUGE_IDS = ["2147483648", "9223372036854775808", "18446744073709551616", "-1", "0x1", "1.0"]


@pytest.mark.parametrize("number", HUGE_IDS)
def test_every_address_with_an_id_out_of_range_is_not_found(app, book, number):
    holder = sign_in(app.test_client(), book.holder)
    anonymous = app.test_client()
    rules = [rule for rule in app.url_map.iter_rules()
             if any(isinstance(converter, BookId) for converter in rule._converters.values())]
    assert len(rules) > 40
    for rule in rules:
        path = re.sub(r"<int:[a-z_]+>", number, rule.rule)
        path = re.sub(r"<[a-z_]+:?[a-z_]*>", "x", path)
        method = "GET" if "GET" in rule.methods else "POST"
        for client in (holder, anonymous):
            response = client.open(path, method=method)
            assert response.status_code == 404, (path, method, response.status_code)


@pytest.mark.parametrize("year", ["9999", "0", "10000", "1899"])
def test_a_date_far_out_of_range_is_a_field_error_on_every_date_form(client, book, year):
    sign_in(client, book.holder)
    base = f"/families/{book.family.id}"
    for kind, name, parts in (("event", "date", ("day", "month", "year")),
                              ("member", "date_of_birth", ("day", "month", "year")),
                              ("service", "since", ("month", "year")),
                              ("checkin", "date", ("day", "month", "year"))):
        form = {f"{name}-{part}": year if part == "year" else "12" for part in parts}
        page = client.post(f"{base}/new/{kind}", data=form)
        assert page.status_code == 400 and f'id="{name}-error"' in page.text, (kind, year)
    assert client.post(f"{base}/plan/start").status_code == 302
    for url, field in ((f"{base}/plan/sharing", "until"), (f"{base}/plan/review", "reviewed_on"),
                       (f"{base}/sharing/whole", "until")):
        page = client.post(url, data={field: f"31 12 {year}", "what": "category",
                                      "category": "home", "grantee": f"a{book.advocate.id}",
                                      "part": "plan"})
        assert page.status_code == 400 and "real date" in page.text, (url, year)


def _too_long(*_args, **_kwargs):
    raise DataError("INSERT ...", {}, Exception("value too long for type character varying(200)"))


def test_a_value_too_long_for_its_column_is_refused_in_plain_words(app, session, book,
                                                                   monkeypatch):
    # PostgreSQL refuses a value longer than its column (SQLite keeps it): in the view...
    account = create_account(session, "pa", "Portal Admin", "portal_admin", PASSWORD)
    session.commit()
    admin = sign_in(app.test_client(), account)
    monkeypatch.setattr(portal.admin.pages, "create_organisation", _too_long)
    page = admin.post("/admin/organisations", data={"name": "Riverside Youth Service"})
    assert page.status_code == 400 and "we could not use what was sent" in page.text
    # ... or when the request's one commit runs.
    holder = sign_in(app.test_client(), book.holder)
    monkeypatch.setattr(Session, "commit", _too_long)
    page = holder.post("/account/email", data={"email": "sam@" + "x" * 300 + ".org"})
    assert page.status_code == 400 and "Nothing was saved" in page.text
