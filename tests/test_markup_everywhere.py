"""Markup typed into any field, plainly or as entities, is never live on any page: plain fields
are text (escaped), rich fields keep only simple formatting, and neither is cleaned twice."""

from html.parser import HTMLParser

import pytest
from conftest import sign_in

from plans import editing
from plans.fields import GOAL_FIELDS, PLAN_FIELDS, STEP_FIELDS
from plans.goal_comments import add_comment
from record_book.book.entries import add_entry
from record_book.book.families import own_member_entry_id
from record_book.book.kinds import KINDS
from record_book.policy import reader_for
from record_book.sharing import notes
from record_book.sharing import requests as access_requests
from record_book.sharing.connections import Grantee, connect_with_code, new_connection_code
from record_book.sharing.grants import share_entry

HOSTILE = ('<img src=x onerror=alert(1)>', '&lt;img src=x onerror=alert(2)&gt;',
           '<script>alert(3)</script>', '&#60;svg onload=alert(4)&#62;',
           '<a href="javascript:alert(5)">x</a>')
TEXT_TYPES = {"text", "rich", "long"}


class _Live(HTMLParser):
    """Anything a browser would run: an on… attribute, a javascript: link, an inline script."""

    def __init__(self):
        super().__init__()
        self.running = []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name.startswith("on") or (value or "").strip().lower().startswith("javascript:"):
                self.running.append((tag, name, value))
        if tag == "script" and not dict(attrs).get("src", "").startswith("/static/"):
            self.running.append((tag, "inline", ""))
        if tag in ("img", "svg", "iframe") and "/static/" not in dict(attrs).get("src", "/static/"):
            self.running.append((tag, "src", dict(attrs).get("src")))

    handle_startendtag = handle_starttag


def running_code(page: str) -> list:
    parser = _Live()
    parser.feed(page)
    return parser.running


def test_the_check_sees_markup_that_would_run():
    assert running_code('<p>hi</p><img src=x onerror=alert(1)>')
    assert running_code("<script>alert(1)</script>")
    assert not running_code('<p>&lt;img src=x onerror=alert(1)&gt;</p><script src="/static/a.js">')


@pytest.mark.parametrize("hostile", HOSTILE)
def test_markup_in_every_entry_field_is_live_on_no_page(client, session, book, hostile):
    sign_in(client, book.holder)
    member = own_member_entry_id(session, reader_for(session, book.holder, book.family.id))
    base = f"/families/{book.family.id}"
    for kind in KINDS.values():
        if not kind.family_writes:
            continue
        form = {"owner_member_id": str(member), "visibility": "family",
                "category": kind.default_category}
        for field in kind.fields:
            if field.type in TEXT_TYPES:
                form[field.name] = hostile
            elif field.choices:
                form[field.name] = field.choices[0][0]
            elif field.type in ("date", "partial_date"):
                form.update({f"{field.name}-day": "1", f"{field.name}-month": "2",
                             f"{field.name}-year": "2024"})
            elif field.type == "month":
                form.update({f"{field.name}-month": "2", f"{field.name}-year": "2024"})
        saved = client.post(f"{base}/new/{kind.name}", data=form)
        assert saved.status_code in (302, 400), (kind.name, saved.status_code)
        for page in (f"{base}/", f"{base}/people", f"{base}/story", f"{base}/what-helps",
                     f"{base}/timeline", f"{base}/services", f"{base}/check-ins"):
            assert running_code(client.get(page).text) == [], (kind.name, page)
        if saved.status_code == 302 and "#entry-" in saved.headers["Location"]:
            entry_id = saved.headers["Location"].rsplit("-", 1)[1]
            for page in (f"{base}/entries/{entry_id}", f"{base}/entries/{entry_id}/history",
                         f"{base}/entries/{entry_id}/edit"):
                assert running_code(client.get(page).text) == [], (kind.name, page)


@pytest.mark.parametrize("hostile", HOSTILE)
def test_markup_in_every_plan_field_is_live_on_no_page(client, session, book, hostile):
    holder = reader_for(session, book.holder, book.family.id)
    plan = editing.start_plan(session, holder)
    editing.save(session, holder, plan, editing.read_form(session, holder, {
        "new-goal.title": "A goal", "new-goal.area": "home"}, {}), 1)
    session.commit()
    content = editing.latest(session, plan).content
    goal_id = next(key.split(".")[1] for key in content if key.endswith(".title"))
    form = {"base_revision": str(plan.revision)}
    for field in PLAN_FIELDS:
        if field.type in TEXT_TYPES:
            form[field.name] = hostile
    for field in GOAL_FIELDS:
        if field.type in TEXT_TYPES:
            form[f"goal.{goal_id}.{field.name}"] = hostile
        elif field.choices:
            form[f"goal.{goal_id}.{field.name}"] = content.get(
                f"goal.{goal_id}.{field.name}", field.choices[0][0])
    for field in STEP_FIELDS:
        if field.type in TEXT_TYPES:
            form[f"new-step.{goal_id}.{field.name}"] = hostile
    sign_in(client, book.holder)
    base = f"/families/{book.family.id}/plan"
    assert client.post(f"{base}/edit", data=form).status_code in (302, 400)
    for page in (f"{base}/", f"{base}/edit", f"{base}/revisions", f"{base}/review",
                 f"{base}/compare?from=1&to={plan.revision + 1}", f"/families/{book.family.id}/"):
        assert running_code(client.get(page).text) == [], page


@pytest.mark.parametrize("hostile", HOSTILE)
def test_markup_in_sharing_words_and_comments_is_live_on_no_page(client, session, book,
                                                                 hostile):
    """What a professional writes to the family (a note's title and body, a request's purpose),
    why a holder shares, a refusal's message and a comment on a goal: every page that shows
    them, to the family and to the professional."""
    holder = reader_for(session, book.holder, book.family.id)
    connect_with_code(session, book.professional, new_connection_code(session, holder), holder.now)
    member = own_member_entry_id(session, holder)
    entry = add_entry(session, holder, "story", {
        "section": "what_hard", "title": "Moving house", "text": "Words", "category": "home",
        "owner_member_id": str(member)})
    professional = reader_for(session, book.professional, book.family.id)
    # Words around the markup: a field left empty once its markup is stripped is refused.
    written = f"Please read {hostile} soon"
    share_entry(session, holder, entry, Grantee(book.professional.id, None, "Ms Patel"),
                purpose=written)
    notes.send(session, professional, written, written)
    access_requests.ask(session, professional, written, ["school"])
    refused = access_requests.ask(session, professional, "Another", ["home"])
    access_requests.decline(session, holder, refused.id, written)
    plan = editing.start_plan(session, holder)
    editing.save(session, holder, plan, editing.read_form(session, holder, {
        "new-goal.title": "A goal", "new-goal.area": "home"}, {}), 1)
    goal_id = next(key.split(".")[1] for key in editing.latest(session, plan).content
                   if key.endswith(".title"))
    add_comment(session, holder, plan, goal_id, written)
    session.commit()
    base = f"/families/{book.family.id}"
    for account, pages in (
            (book.holder, (f"{base}/", f"{base}/inbox", f"{base}/requests", f"{base}/sharing",
                           f"{base}/entries/{entry.id}/sharing", f"{base}/access-log",
                           f"{base}/plan/")),
            (book.professional, (f"{base}/", f"{base}/story", f"{base}/entries/{entry.id}",
                                 f"{base}/ask", "/shared-with-me"))):
        sign_in(client, account)
        for page in pages:
            shown = client.get(page)
            assert shown.status_code == 200, page
            assert running_code(shown.text) == [], page
            # The words are there, as text: the check is not passing on a page without them.
            if page not in (f"{base}/", "/shared-with-me"):
                assert "Please read" in shown.text, page


def test_rows_stored_before_cleaning_are_cleaned_once_by_the_command(app, client, session, book):
    """Rich text is shown as stored. A row written with live markup (as a copy imported before
    imports were cleaned left it) is cleaned by `flask clean-stored-text`; a second run finds
    nothing to do."""
    holder = reader_for(session, book.holder, book.family.id)
    member = own_member_entry_id(session, holder)
    entry = add_entry(session, holder, "story", {
        "section": "what_hard", "title": "Moving house", "text": "Words", "category": "home",
        "owner_member_id": str(member)})
    live = '<p>Words<img src=x onerror=alert(1)></p><a href="javascript:alert(2)">here</a>'
    entry.fields = {**entry.fields, "text": live}
    session.commit()
    page = f"/families/{book.family.id}/entries/{entry.id}"
    sign_in(client, book.holder)
    assert running_code(client.get(page).text) != []  # the check sees the stored markup

    first = app.test_cli_runner().invoke(args=["clean-stored-text"])
    assert first.exit_code == 0 and "Cleaned 1 stored rows" in first.output
    shown = client.get(page).text
    assert running_code(shown) == [] and "Words" in shown and "here" in shown
    again = app.test_cli_runner().invoke(args=["clean-stored-text"])
    assert "Cleaned 0 stored rows" in again.output
