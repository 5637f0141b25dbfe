"""Nothing typed is lost to an answer that is too long: every form a person can reach in the demo,
sent with one of its text boxes holding a pasted letter's worth of words (and the others a short
answer), either saves or comes back saying what to change with the words still in the box, its
summary's links landing on the page. It is never the general "we could not use what was sent"
page, which keeps nothing. On PostgreSQL a
value longer than its column would reach that page, so the suite's second run checks it there.

The forms are found as a person finds them: following the links from the book's front page (or
the admin's), reading each page's forms, so a new form is checked without being listed here."""

import re
from html.parser import HTMLParser
from urllib.parse import urljoin, urlparse

import pytest
from conftest import summary_links
from test_demo import loaded, sign_in  # noqa: F401  (loaded is a fixture)

LONG = "Ab " * 40_000  # 120,000 characters: well over every limit, under the request's
# Words a person need not see again once sent, and the set-up or connection code they typed.
NOT_SHOWN_AGAIN = {"password", "current_password", "password_again", "code"}
# Answers with a shape of their own (a date, a time, a number) keep the form's own value.
SHAPED = ("day", "month", "year", "date", "time", "when", "minutes", "until", "email", "phone",
          "username")
# Links not followed: they sign out, leave, delete, are files, or show the same page in another
# language or in easy read.
NOT_FOLLOWED = ("sign-out", "delete", "erase", "leave", "exit", "/static/", ".pdf", ".ics",
                "download", "/language/", "/easy-read/")
NOT_SENT = ("sign-out", "delete", "erase", "leave", "stop")
PAGES = 150


class _Page(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links: list[str] = []
        self.forms: list[dict] = []
        self._form: dict | None = None

    def handle_starttag(self, tag, attributes):
        found = dict(attributes)
        if tag == "a" and found.get("href"):
            self.links.append(found["href"])
        elif tag == "form":
            self._form = {"action": found.get("action") or "",
                          "method": (found.get("method") or "get").lower(),
                          "fields": {}, "texts": []}
            self.forms.append(self._form)
        elif self._form is not None and tag in ("input", "textarea", "select") \
                and found.get("name"):
            self._field(tag, found)

    def _field(self, tag, found):
        name = found["name"]
        kind = found.get("type", "text") if tag == "input" else tag
        fields = self._form["fields"]
        if kind == "checkbox":  # sent as a person leaves it
            if "checked" in found:
                fields[name] = found.get("value", "on")
        elif kind == "radio":  # the one chosen, else the first
            if name not in fields or "checked" in found:
                fields[name] = found.get("value", "on")
        elif kind not in ("submit", "button", "file"):
            fields[name] = found.get("value", "")
            if kind in ("text", "textarea", "search", "url", "tel", "email", "password"):
                self._form["texts"].append(name)

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None


def _same_site_paths(links: list[str], here: str) -> list[str]:
    out = []
    for link in links:
        address = urlparse(urljoin("http://localhost" + here, link))
        if address.netloc != "localhost" or any(word in address.path for word in NOT_FOLLOWED):
            continue
        out.append(address.path + (f"?{address.query}" if address.query else ""))
    return out


def _shape(path: str) -> str:
    """A page's address with its numbers and plan ids (eight letters and digits) made alike."""
    return re.sub(r"\d+", "N", re.sub(r"/(?=[a-z0-9]*\d)[a-z0-9]{8}(?=[/?]|$)", "/ID", path))


def _forms_reached(client) -> tuple[int, list[tuple[str, dict, list[str]]]]:
    """Walk the site from its front door as this person: the pages seen and their forms."""
    queue, seen, forms = ["/"], set(), []
    while queue and len(seen) < PAGES:
        path = queue.pop(0)
        if _shape(path) in seen:  # one entry's page stands for every entry's
            continue
        seen.add(_shape(path))
        response = client.get(path, follow_redirects=True)
        if response.status_code != 200 or response.mimetype != "text/html":
            continue
        here = response.request.path
        page = _Page()
        page.feed(response.text)
        queue += [p for p in _same_site_paths(page.links, here) if _shape(p) not in seen]
        for form in page.forms:
            action = urljoin(here, form["action"] or here)
            if form["method"] == "post" and form["texts"] \
                    and not any(word in action for word in NOT_SENT):
                forms.append((action, form["fields"], form["texts"]))
    return len(seen), forms


@pytest.mark.parametrize("username,at_least", [
    ("holder", 150), ("advocate", 90), ("young", 35), ("teacher", 20), ("orgadmin", 25),
    ("admin", 30)])
def test_a_long_answer_in_any_box_is_saved_or_kept_with_what_to_change(
        app, loaded, username, at_least):  # noqa: F811
    client = sign_in(app.test_client(), username)
    _pages, forms = _forms_reached(client)
    tried, lost = set(), []
    for action, fields, texts in forms:
        for name in texts:
            shape = (_shape(action), name)
            if shape in tried:
                continue
            tried.add(shape)
            answers = dict(fields)
            for other in texts:
                if not answers.get(other) and not any(word in other for word in SHAPED):
                    answers[other] = "Ab"
            answers[name] = LONG
            response = client.post(action, data=answers)
            body = response.get_data(as_text=True)
            if "could not use what was sent" in body or response.status_code >= 413:
                lost.append((action, name, response.status_code, "the general page"))
            elif response.status_code == 400 and name not in NOT_SHOWN_AGAIN \
                    and "Ab Ab Ab" not in body:
                lost.append((action, name, response.status_code, "the words not kept"))
            lost += [(action, name, response.status_code, f"the summary's #{target} is not there")
                     for target in summary_links(body) if f'id="{target}"' not in body]
            if "/sign-in" in (response.location or ""):
                sign_in(client, username)
    assert len(tried) >= at_least, f"only {len(tried)} boxes reached: the walk went wrong"
    assert lost == [], "\n".join(map(str, lost))
