"""The state-changing posts of the route × role table, sent by the people they are for.

tests/test_routes_by_role.py sends every request whose answer does not change the book, in one
shared world. A post that changes something (stops a grant, deletes a book) would change that
world, so there those cases are not sent; here each is sent, in a fresh world of its own, with
the answer the person should get. A post sent with no form is answered as a person would see it:
a page saying what to fix, or "done" and on to the next page.
"""

import pytest
from conftest import Book, sign_in
from test_routes_by_role import EXPECTED, ROUTES, _build_world

from record_book.policy import reader_for
from record_book.sharing.notes import send
from record_book.sharing.requests import ask

FAMILY = "/families/{family}"
MEETING = FAMILY + "/meetings/{meeting}"
# What each person gets from each post (every case the table leaves to this file): 302 is
# "done, and on to the next page", 400 a page saying what to fill in, 404 "not found".
ANSWERS = {
    # Printing with nothing ticked asks what to print, whoever may open the book.
    **{(f"{FAMILY}/print", role): 400 for role in (
        "holder", "young_person", "advocate", "connected", "granted", "expired", "revoked",
        "other_organisation")},
    # The holder stops the grant of a holder's entry; a young person may not.
    (f"{FAMILY}/grants/{{grant}}/stop", "holder"): 302,
    (f"{FAMILY}/grants/{{grant}}/stop", "young_person"): 404,
    # A whole category, all sharing with someone, a connection code: a holder's to do.
    (f"{FAMILY}/sharing/whole", "holder"): 302,
    (f"{FAMILY}/sharing/whole", "young_person"): 404,
    (f"{FAMILY}/sharing/stop-all", "holder"): 302,
    (f"{FAMILY}/sharing/stop-all", "young_person"): 404,
    (f"{FAMILY}/sharing/code", "holder"): 200,
    (f"{FAMILY}/sharing/code", "young_person"): 404,
    # Connecting a connected person's whole organisation is a holder's choice alone.
    (f"{FAMILY}/sharing/team", "holder"): 302,
    (f"{FAMILY}/sharing/team", "young_person"): 404,
    # Stopping a re-join code is a holder's to do; no code 1 waits in this world, so "not
    # found" (tests/test_takeovers.py stops a real one).
    (f"{FAMILY}/rejoin/1/stop", "holder"): 404,
    (f"{FAMILY}/rejoin/1/stop", "young_person"): 404,
    # Requests and notes are answered by a holder (a decline with no words asks for them).
    (f"{FAMILY}/requests/1/answer", "holder"): 400,
    (f"{FAMILY}/requests/1/answer", "young_person"): 404,
    (f"{FAMILY}/inbox/1", "holder"): 302,
    (f"{FAMILY}/inbox/1", "young_person"): 404,
    # A holder asks for the whole booklet; the one who asked for a booklet asks for it again.
    (f"{FAMILY}/your-data/booklet", "holder"): 302,
    (f"{FAMILY}/print/{{booklet}}/again", "holder"): 302,
    # Holders keep listings for the booklet; only a holder deletes the book, or keeps it.
    (f"{FAMILY}/directory/{{listing}}/keep", "holder"): 302,
    (f"{FAMILY}/directory/{{listing}}/keep", "young_person"): 404,
    (f"{FAMILY}/directory/{{listing}}/remove", "holder"): 302,
    (f"{FAMILY}/directory/{{listing}}/remove", "young_person"): 404,
    (f"{FAMILY}/delete", "holder"): 302,
    (f"{FAMILY}/keep", "holder"): 302,
    # Only a holder changes the advocate or ends a connection (tests/test_leads.py: the rest).
    (f"{FAMILY}/lead/change", "holder"): 302,
    (f"{FAMILY}/connections/end", "holder"): 302,
    # A holder answers a proposal and chooses who may write; the advocate writes for the family
    # and types from its paper book (with nothing typed, the page asks for the words).
    (f"{FAMILY}/waiting/{{proposal}}", "holder"): 302,
    (f"{FAMILY}/sharing/writers", "holder"): 302,
    (f"{FAMILY}/write/story", "advocate"): 400,
    (f"{FAMILY}/from-paper/story", "advocate"): 400,
    (f"{FAMILY}/from-paper/confirm", "advocate"): 400,
    # The directory's editors mark a listing checked, or withdraw it.
    **{(f"/directory/manage/{{listing}}/{what}", role): 302
       for what in ("reviewed", "withdraw") for role in ("org_admin", "portal_admin")},
    # Letters and photos: whoever may change the entry adds (an empty form asks for a file),
    # turns and removes; a young person may not on a holder's entry.
    (f"{FAMILY}/entries/{{entry}}/attachments", "holder"): 400,
    (f"{FAMILY}/entries/{{entry}}/attachments", "young_person"): 404,
    **{(f"{FAMILY}/attachments/{{attachment}}/{what}", role): answer
       for what in ("turn", "remove") for role, answer in (("holder", 302), ("young_person", 404))},
    # On the plan's steps, the plan's writers; a refused file is explained on the plan page.
    # Meetings: an empty form asks what to fill in (the day, what to say, the goal for a step);
    # a holder shares and agrees with one press, a young person agrees too; the invited
    # professional is asked for their notes; taking back a thing to say is done at once.
    **{(f"{FAMILY}/meetings/new", role): 400 for role in ("holder", "advocate")},
    **{(f"{MEETING}/{what}", role): 400
       for what in ("edit", "record", "actions/{meeting_action}/step")
       for role in ("holder", "advocate")},
    **{(f"{MEETING}/prepare", role): 400 for role in ("holder", "young_person", "advocate")},
    **{(f"{MEETING}/notes/{{meeting_note}}/take-back", role): 302
       for role in ("holder", "young_person", "advocate")},
    (f"{MEETING}/share", "holder"): 302,
    (f"{MEETING}/agree", "holder"): 302,
    (f"{MEETING}/agree", "young_person"): 302,
    (f"{MEETING}/professional-notes", "connected"): 400,
    # Reminders: a choice with nothing ticked is saved for anyone signed in (no reminders).
    **{("/account/reminders", role): 302 for role in (
        "holder", "young_person", "advocate", "professional", "org_admin", "portal_admin",
        "other_family", "connected", "granted", "expired", "revoked", "other_organisation")},
    **{(f"{FAMILY}/plan/{what}", role): 302
       for what in ("steps/{step}/attachments", "attachments/{step_file}/turn",
                    "attachments/{step_file}/remove") for role in ("holder", "advocate")},
    # Who checks a language: a portal admin's choice (with no form, the page asks for the
    # username); the Urdu reviewer's post with no message chosen is told it is not there.
    ("/admin/language-reviewers", "portal_admin"): 400,
    ("/languages/ur/check", "other_family"): 400,
    ("/admin/language-reviewers/{language_reviewer}/stop", "portal_admin"): 302,
    # A service's worker marks the step that names their service (with no mark chosen, the
    # page asks for one).
    (f"{FAMILY}/plan/steps/{{promise}}/mark", "granted"): 400,
    (f"{FAMILY}/plan/young-people-agree", "holder"): 302,
    (f"{FAMILY}/plan/young-people-agree", "young_person"): 404,
}
# The form each post is sent with, where an empty one would say nothing about who may.
FORMS = {
    "/account/reminders": {"quiet_from": "21", "quiet_until": "8"},
    f"{FAMILY}/sharing/whole": {"grantee": "a{granted}", "category": "school", "checked": "yes"},
    f"{FAMILY}/sharing/stop-all": {"grantee": "a{granted}"},
    f"{FAMILY}/sharing/team": {"person": "{granted}"},
    f"{FAMILY}/inbox/1": {"answer": "decline"},
    f"{FAMILY}/lead/change": {"advocate": "a{granted}", "checked": "yes"},
    f"{FAMILY}/connections/end": {"who": "a{granted}", "checked": "yes"},
    f"{FAMILY}/waiting/{{proposal}}": {"answer_choice": "refuse"},
    f"{FAMILY}/sharing/writers": {"person": "{granted}", "category": "school"},
}

LEFT_TO_THIS_FILE = [(method, path, role) for method, path, audience in ROUTES
                     for role, expected in EXPECTED.get(audience, {}).items() if expected is None]


def test_every_case_the_table_leaves_out_is_answered_here():
    assert {(path, role) for _m, path, role in LEFT_TO_THIS_FILE} == set(ANSWERS)


@pytest.mark.parametrize("method,path,role", LEFT_TO_THIS_FILE)
def test_a_post_by_the_person_it_is_for(app, session, method, path, role):
    people, ids = _build_world(session, Book(session))
    professional = people["connected"]
    asked = ask(session, reader_for(session, professional, ids["family"]), "To help at school",
                ["school"])
    note = send(session, reader_for(session, professional, ids["family"]), "School trip",
                "<p>The trip is on Friday.</p>")
    session.commit()
    url = path.replace("/requests/1/", f"/requests/{asked.id}/").replace(
        "/inbox/1", f"/inbox/{note.id}").format(**ids)
    form = {name: value.format(granted=people["granted"].id)
            for name, value in FORMS.get(path, {}).items()}
    client = sign_in(app.test_client(), people[role])
    response = client.open(url, method=method, data=form)
    assert response.status_code == ANSWERS[(path, role)], (role, url, response.text[:300])
