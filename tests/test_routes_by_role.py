"""Every route against every kind of person: who gets the page, and who is told it is not there.

Each later route joins ROUTES; a route missing from this table fails the completeness test.
"""

import re
from datetime import timedelta

import made_files
import pytest
from conftest import PASSWORD, Book, empty_tables, sign_in

from plans import editing
from plans import reading as plan_reading
from plans import sharing as plan_sharing
from plans.fields import goals, steps
from plans.meetings import arranging as meetings
from plans.reviews import close_plan
from portal.booklet_worker import job_options
from print_templates.booklet import Options
from record_book.accounts.accounts import create_account, create_organisation
from record_book.accounts.invitations import verify_account
from record_book.book import booklet_jobs
from record_book.book.attachments import Upload, add_attachment, remove_attachment
from record_book.book.entries import add_entry
from record_book.book.families import own_member_entry_id
from record_book.book.proposals import propose
from record_book.clock import utcnow
from record_book.directory.listings import publish_listing
from record_book.languages.reviews import give_reviewer
from record_book.policy import reader_for
from record_book.sharing import access_log
from record_book.sharing.connections import Grantee, connect_organisation
from record_book.sharing.grants import share_category, share_entry, stop_grant
from record_book.sharing.model import Connection

ROLES = ("anonymous", "holder", "young_person", "advocate", "professional", "org_admin",
         "portal_admin", "other_family", "connected", "granted", "expired", "revoked",
         "other_organisation")

FAMILY = {"holder", "young_person"}
# Professionals the family connected to its book: they open it, and see only what is shared.
CONNECTED = {"advocate", "connected", "granted", "expired", "revoked", "other_organisation"}
PROFESSIONALS = CONNECTED | {"professional"}
BOOK = FAMILY | CONNECTED


def _expect(allowed, skip=()):
    return {role: None if role in skip else 200 if role in allowed else
            (302 if role == "anonymous" else 404) for role in ROLES}


# What each role gets, by the route's audience. None: a post that changes the book, which this
# module's shared world cannot take; tests/test_posts_by_role.py sends it in a world of its own.
EXPECTED = {
    "public": {role: 200 for role in ROLES},
    "redirect": {role: 302 for role in ROLES},
    "family": _expect(FAMILY),
    "holder": _expect({"holder"}),
    "book": _expect(BOOK),
    "entry": _expect(FAMILY | {"granted"}),
    "holder_entry": _expect({"holder"}),
    "professional": _expect(PROFESSIONALS),
    "connected_professional": _expect(CONNECTED),
    "family_post": _expect((), skip=FAMILY),
    "book_post": _expect((), skip=BOOK),
}

ROUTES = [
    ("GET", "/sign-in", "public"),
    ("GET", "/languages", "public"),
    ("GET", "/about-sharing", "public"),
    ("GET", "/language/cy?next=/sign-in", "redirect"),
    ("GET", "/easy-read/on?next=/sign-in", "redirect"),
    ("GET", "/", "signed_in_start"),
    ("GET", "/families/{family}/", "book"),
    ("GET", "/families/{family}/people", "book"),
    ("GET", "/families/{family}/story", "book"),
    ("GET", "/families/{family}/what-helps", "book"),
    ("GET", "/families/{family}/timeline", "book"),
    ("GET", "/families/{family}/services", "book"),
    ("GET", "/families/{family}/check-ins", "book"),
    ("GET", "/families/{family}/notes", "book"),
    ("GET", "/families/{family}/new/story", "family"),
    ("GET", "/families/{family}/entries/{entry}", "entry"),
    ("GET", "/families/{family}/entries/{entry}/history", "family"),
    ("GET", "/families/{family}/entries/{entry}/history/1", "family"),
    ("GET", "/families/{family}/entries/{entry}/edit", "holder_entry"),
    ("GET", "/families/{family}/entries/{entry}/sharing", "holder_entry"),
    ("GET", "/families/{family}/sharing", "family"),
    ("GET", "/families/{family}/requests", "family"),
    ("GET", "/families/{family}/access-log", "family"),
    ("GET", "/families/{family}/inbox", "holder"),
    ("GET", "/families/{family}/print", "book"),
    ("POST", "/families/{family}/print", "book_post"),
    ("POST", "/families/{family}/grants/{grant}/stop", "family_post"),
    ("POST", "/families/{family}/sharing/whole", "family_post"),
    ("POST", "/families/{family}/sharing/stop-all", "family_post"),
    ("POST", "/families/{family}/sharing/code", "family_post"),
    ("POST", "/families/{family}/sharing/team", "family_post"),
    ("POST", "/families/{family}/requests/1/answer", "family_post"),
    ("POST", "/families/{family}/inbox/1", "family_post"),
    ("GET", "/connect", "professional"),
    ("GET", "/shared-with-me", "professional"),
    ("GET", "/families/{family}/ask", "connected_professional"),
    ("GET", "/families/{family}/send-note", "connected_professional"),
]

# Routes whose access is checked elsewhere: state-changing posts have their own tests.
NOT_IN_TABLE = {"static", "auth.sign_out", "auth.leave", "drafts.throw_away"}

# Signing in, invitations, recovery, sessions and admin (issue 4).
SIGNED_IN = set(ROLES) - {"anonymous"}
FAMILY_ACCOUNTS = FAMILY | {"other_family"}
EXPECTED.update({
    "signed_in": _expect(SIGNED_IN),
    "family_account": _expect(FAMILY_ACCOUNTS),
    "advocate": _expect({"advocate"}),
    "admin": _expect({"org_admin", "portal_admin"}),
    "portal_admin": _expect({"portal_admin"}),
    "signed_out_only": {role: 200 if role == "anonymous" else 302 for role in ROLES},
})
ROUTES += [
    ("GET", "/account", "signed_in"),
    ("POST", "/account/passkeys/options", "signed_in"),
    ("GET", "/account/recovery-codes", "family_account"),
    ("POST", "/sign-in/passkey/options", "public"),
    ("GET", "/sign-in/recovery", "public"),
    ("GET", "/session/status", "public"),
    ("POST", "/session/stay", "redirect"),
    ("GET", "/session/timed-out", "signed_out_only"),
    # Anyone may end their own session (keeping what they typed); nobody else's.
    ("POST", "/session/time-out", "public"),
    # With no draft waiting, straight on to the person's first page.
    ("GET", "/drafts", "redirect"),
    ("POST", "/account/email", "redirect"),
    ("GET", "/join", "public"),
    ("GET", "/join/set-up", "redirect"),
    ("GET", "/start-a-book", "professional"),
    ("GET", "/families/{family}/invite", "holder"),
    ("GET", "/families/{family}/rejoin", "advocate"),
    ("POST", "/families/{family}/rejoin/1/stop", "family_post"),
    ("GET", "/admin/", "admin"),
    ("GET", "/admin/glossary/", "portal_admin"),
]
# State-changing posts of issue 4: tests/test_passkeys.py, test_invitations.py, test_recovery.py,
# test_sessions.py and test_admin.py check who may use each.
NOT_IN_TABLE |= {
    "passkeys.sign_in_verify", "passkeys.add", "passkeys.rename", "passkeys.remove",
    "passkeys.set_password", "passkeys.remove_password", "sessions.sign_out_everywhere",
    "joining.passkey_options", "joining.passkey_finish", "admin.new_organisation",
    "admin.new_org_admin", "admin.new_professional", "admin.verify", "admin.set_up_code",
    # Issue 15: tests/test_takeovers.py (two admins, the person's own email).
    "admin.agree_set_up",
}

# The plan (issue 6). Family and advocate read it all; a connected professional is told nothing
# has been shared; only holders and the advocate write, review and close it; holders share it.
EXPECTED.update({
    "plan_family": _expect(FAMILY | {"advocate"}),
    "plan_editor": _expect({"holder", "advocate"}),
})
ROUTES += [
    ("GET", "/families/{family}/plan/", "book"),
    ("GET", "/families/{family}/plan/latest", "plan_family"),
    ("GET", "/families/{family}/plan/edit", "plan_editor"),
    ("GET", "/families/{family}/plan/revisions", "plan_family"),
    ("GET", "/families/{family}/plan/compare?from=1&to=2", "plan_family"),
    ("GET", "/families/{family}/plan/review", "plan_editor"),
    ("GET", "/families/{family}/plan/close", "plan_editor"),
    ("GET", "/families/{family}/plan/goals/new", "plan_family"),
    ("GET", "/families/{family}/plan/sharing", "holder"),
    # One goal's form (its POST is the same route; tests/test_plan_goal_pages.py checks it), and
    # a closed plan, read by the same rule as the open one.
    ("GET", "/families/{family}/plan/goals/{goal}/edit", "plan_editor"),
    ("GET", "/families/{family}/plan/closed/{closed_plan}", "plan_family"),
]
# The plan's state-changing posts: tests/test_plan_pages.py checks who may use each.
NOT_IN_TABLE |= {"plans.start", "plans.agree", "plans.comment", "plans.stop_sharing"}

# Production (issue 9): the load balancer's health check; it holds nothing about anyone.
ROUTES += [("GET", "/healthz", "public")]

# Data rights (issue 9): only a holder downloads or deletes the family's own book; the posts are
# "not found" to everyone else (tests/test_data_rights.py checks what they do for a holder).
EXPECTED["holder_post"] = _expect((), skip={"holder"})
ROUTES += [
    ("GET", "/families/{family}/your-data", "holder"),
    ("GET", "/families/{family}/your-data/copy.json", "holder"),
    ("POST", "/families/{family}/your-data/booklet", "holder_post"),
    ("GET", "/families/{family}/delete", "holder"),
    ("POST", "/families/{family}/delete", "holder_post"),
    ("POST", "/families/{family}/keep", "holder_post"),
]

# The directory of local help (issue 10): public search and listings; an organisation's admin
# keeps only its own listings ({listing}), a portal admin every one ({other_listing}); a family
# keeps listings for its booklet (tests/test_directory_pages.py checks the posts for the family).
EXPECTED["admin_post"] = _expect((), skip={"org_admin", "portal_admin"})
ROUTES += [
    ("GET", "/directory", "public"),
    ("GET", "/directory?q=dept+advise&area=money&place=Northgate&self_referral=yes", "public"),
    ("GET", "/directory/{listing}", "public"),
    ("GET", "/directory/manage/", "admin"),
    ("GET", "/directory/manage/new", "admin"),
    ("GET", "/directory/manage/{listing}/edit", "admin"),
    ("GET", "/directory/manage/{other_listing}/edit", "portal_admin"),
    ("POST", "/directory/manage/{listing}/reviewed", "admin_post"),
    ("GET", "/directory/manage/{listing}/withdraw", "admin"),
    ("POST", "/directory/manage/{listing}/withdraw", "admin_post"),
    ("GET", "/families/{family}/directory", "family"),
    ("GET", "/families/{family}/directory/{listing}/plan-step", "plan_editor"),
    ("POST", "/families/{family}/directory/{listing}/keep", "family_post"),
    ("POST", "/families/{family}/directory/{listing}/remove", "family_post"),
]

# Contributions (issue 16): the advocate writes (and types from the paper book) for the family
# to accept; a connected professional writes only where a holder allowed it (none here:
# tests/test_contributions.py has them); the holder answers a proposal about nobody in
# particular ({proposal}) and chooses who may write; the posts are checked there.
EXPECTED["writer_post"] = _expect((), skip={"advocate"})
ROUTES += [
    ("GET", "/families/{family}/waiting", "family"),
    ("GET", "/families/{family}/waiting/{proposal}", "holder"),
    ("POST", "/families/{family}/waiting/{proposal}", "holder_post"),
    ("GET", "/families/{family}/sharing/writers", "holder"),
    ("POST", "/families/{family}/sharing/writers", "holder_post"),
    ("GET", "/families/{family}/write", "connected_professional"),
    ("GET", "/families/{family}/write/story", "advocate"),
    ("POST", "/families/{family}/write/story", "writer_post"),
    ("GET", "/families/{family}/from-paper/story", "advocate"),
    ("POST", "/families/{family}/from-paper/story", "writer_post"),
    # A holder confirms what the advocate typed, on the advocate's phone (test_paper_round_trip).
    ("GET", "/families/{family}/from-paper/confirm", "advocate"),
    ("POST", "/families/{family}/from-paper/confirm", "writer_post"),
]


# Letters and photos (issue 18): a file is part of its entry, read by the entry's rule; a
# removed one and one on an unshared entry are "not found" to everyone outside the family.
ROUTES += [
    ("GET", "/families/{family}/attachments/{attachment}", "entry"),
    ("GET", "/families/{family}/attachments/{attachment}/thumbnail", "entry"),
    ("GET", "/families/{family}/attachments/{attachment}/download", "entry"),
    ("GET", "/families/{family}/attachments/{removed_attachment}", "family"),
    ("GET", "/families/{family}/attachments/{removed_attachment}/thumbnail", "family"),
    ("GET", "/families/{family}/attachments/{unshared_attachment}", "family"),
    ("GET", "/families/{family}/attachments/{unshared_attachment}/download", "family"),
    ("POST", "/families/{family}/entries/{entry}/attachments", "family_post"),
    ("POST", "/families/{family}/attachments/{attachment}/turn", "family_post"),
    ("POST", "/families/{family}/attachments/{attachment}/remove", "family_post"),
]


# Files on the plan's steps (issue 18): read by the plan's rule; only the plan's writers add,
# turn or remove them.
EXPECTED["plan_editor_post"] = _expect((), skip={"holder", "advocate"})
ROUTES += [
    ("GET", "/families/{family}/plan/attachments/{step_file}", "plan_family"),
    ("GET", "/families/{family}/plan/attachments/{step_file}/thumbnail", "plan_family"),
    ("GET", "/families/{family}/plan/attachments/{step_file}/download", "plan_family"),
    ("POST", "/families/{family}/plan/steps/{step}/attachments", "plan_editor_post"),
    ("POST", "/families/{family}/plan/attachments/{step_file}/turn", "plan_editor_post"),
    ("POST", "/families/{family}/plan/attachments/{step_file}/remove", "plan_editor_post"),
]
# Promises (issue 16): a service's worker marks the steps that name their service, once the
# family shares them; everyone else is told there is no such page.
EXPECTED["service_step"] = _expect({"granted"})
EXPECTED["service_step_post"] = _expect((), skip={"granted"})
ROUTES += [
    ("GET", "/families/{family}/plan/steps/{promise}/mark", "service_step"),
    ("POST", "/families/{family}/plan/steps/{promise}/mark", "service_step_post"),
    # A holder chooses whether the young people agree the plan too.
    ("POST", "/families/{family}/plan/young-people-agree", "family_post"),
]


# Booklets made in the background (issue 21): a booklet is the asker's alone ({booklet} is the
# holder's, made); everyone else is told it is not there. Asking again: tests/test_posts_by_role.py.
ROUTES += [
    ("GET", "/families/{family}/print/{booklet}", "holder"),
    ("GET", "/families/{family}/print/{booklet}/booklet.pdf", "holder"),
    ("POST", "/families/{family}/print/{booklet}/again", "holder_post"),
]


# Meetings (issue 19): everyone who opens the book gets the list (of the meetings they are
# invited to); a meeting is "not found" to anyone outside the family and its advocate who is not
# invited ("connected" is); holders and the advocate set up and record; the family and the
# advocate prepare; a holder shares; the family agrees; the invited professional writes notes.
EXPECTED.update({
    "meeting": _expect(FAMILY | {"advocate", "connected"}),
    "meeting_preparer_post": _expect((), skip=FAMILY | {"advocate"}),
    "invited_post": _expect((), skip={"connected"}),
})
MEETING = "/families/{family}/meetings/{meeting}"
ROUTES += [
    ("GET", "/families/{family}/meetings/", "book"),
    ("GET", "/families/{family}/meetings/new", "plan_editor"),
    ("POST", "/families/{family}/meetings/new", "plan_editor_post"),
    ("GET", MEETING, "meeting"),
    ("GET", MEETING + "/edit", "plan_editor"),
    ("POST", MEETING + "/edit", "plan_editor_post"),
    ("GET", MEETING + "/print", "meeting"),
    ("GET", MEETING + "/calendar.ics", "meeting"),
    ("GET", "/families/{family}/meetings/calendar.ics", "book"),
    ("POST", MEETING + "/prepare", "meeting_preparer_post"),
    ("POST", MEETING + "/notes/{meeting_note}/take-back", "meeting_preparer_post"),
    ("POST", MEETING + "/share", "holder_post"),
    ("POST", MEETING + "/record", "plan_editor_post"),
    ("POST", MEETING + "/actions/{meeting_action}/step", "plan_editor_post"),
    ("POST", MEETING + "/professional-notes", "invited_post"),
    ("POST", MEETING + "/agree", "family_post"),
]


# Reminders (issue 19): everyone signed in chooses their own; a stop link that is not signed, and
# a reply that does not carry Notify's token, are "not found" to everyone (tests/test_reminders.py
# sends real ones).
EXPECTED["signed_in_post"] = _expect((), skip=SIGNED_IN)
ROUTES += [
    ("GET", "/account/reminders", "signed_in"),
    ("POST", "/account/reminders", "signed_in_post"),
    ("GET", "/reminders/stop/{stop_token}", "nobody"),
    ("POST", "/reminders/stop/{stop_token}", "nobody"),
    ("POST", "/reminders/replies", "nobody"),
]
EXPECTED["nobody"] = {role: 404 for role in ROLES}


# Speakers' reviews (issue 20): a portal admin chooses who checks each language; the parent of
# the other family checks Urdu, so only they open its page, and nobody opens the Polish one. The
# posts (tests/test_posts_by_role.py) are answered for the people they are for.
EXPECTED.update({
    "urdu_reviewer": _expect({"other_family"}),
    "no_reviewer": _expect(()),
    "portal_admin_post": _expect((), skip={"portal_admin"}),
    "urdu_reviewer_post": _expect((), skip={"other_family"}),
})
ROUTES += [
    ("GET", "/admin/language-reviewers", "portal_admin"),
    ("POST", "/admin/language-reviewers", "portal_admin_post"),
    ("GET", "/languages/ur/check", "urdu_reviewer"),
    ("GET", "/languages/ur/check?q=advocate&page=2", "urdu_reviewer"),
    ("POST", "/languages/ur/check", "urdu_reviewer_post"),
    ("GET", "/languages/pl/check", "no_reviewer"),
    ("POST", "/admin/language-reviewers/{language_reviewer}/stop", "portal_admin_post"),
]


def _attach(session, holder, entry, caption):
    return add_attachment(session, holder, entry, Upload("photo.jpg", made_files.photo(), caption))


def _build_world(session, book):
    """Everyone the table signs in as, one shared story, its grants and a plan."""
    holder = reader_for(session, book.holder, book.family.id)
    entry = add_entry(session, holder, "story", {
        "section": "story_so_far", "title": "Moving house", "text": "We moved.",
        "category": "home", "owner_member_id": str(own_member_entry_id(session, holder))})
    org = book.professional.organisation
    other_org = create_organisation(session, "Eastside Housing")
    people = {
        **book.accounts,
        "org_admin": create_account(session, "oa", "Org Admin", "org_admin", PASSWORD, org),
        "portal_admin": create_account(session, "pa", "Portal Admin", "portal_admin", PASSWORD),
    }
    for name in ("connected", "granted", "expired", "revoked"):
        people[name] = create_account(session, name, name.title(), "professional", PASSWORD, org)
        session.add(Connection(family_id=book.family.id, account_id=people[name].id,
                               created_by_id=book.holder.id))
    people["other_organisation"] = create_account(session, "other", "Other Org Worker",
                                                  "professional", PASSWORD, other_org)
    connect_organisation(session, holder, other_org)
    session.flush()

    verify_account(session, people["org_admin"], None)
    urdu_reviewer = give_reviewer(session, people["portal_admin"], people["other_family"], "ur")
    listings = {name: publish_listing(session, people["portal_admin"], owner.id, {
        "name": name, "does": "Help.", "area_covered": "Northgate", "countywide": "yes",
        "self_referral": "yes", "phone": "01632 960000"}, ["money"])
        for name, owner in (("Homework club", org), ("Housing advice", other_org))}

    def grantee(name):
        return Grantee(people[name].id, None, name)

    share_entry(session, holder, entry, grantee("granted"))
    # Shared with the organisation the other worker is not in.
    share_category(session, holder, "home", Grantee(None, org.id, org.name)).expires_at = (
        utcnow() - timedelta(days=400))
    past = reader_for(session, book.holder, book.family.id, now=utcnow() - timedelta(days=30))
    share_entry(session, past, entry, grantee("expired"),
                until=(utcnow() - timedelta(days=2)).date())
    stop_grant(session, holder, share_entry(session, holder, entry, grantee("revoked")))
    grant = share_entry(session, holder, entry, grantee("granted"))
    unshared = add_entry(session, holder, "story", {
        "section": "what_helped", "title": "Kept to ourselves", "text": "Not shared.",
        "category": "family_life", "owner_member_id": str(own_member_entry_id(session, holder))})
    attachment = _attach(session, holder, entry, "Photo of the new house")
    removed = _attach(session, holder, entry, "Photo taken off")
    remove_attachment(session, holder, removed)
    unshared_attachment = _attach(session, holder, unshared, "Photo kept to ourselves")
    # An ended plan, then the open one with one goal.
    closed = editing.start_plan(session, holder)
    close_plan(session, holder, closed, "better")
    plan = editing.start_plan(session, holder)
    editing.save(session, holder, plan, editing.read_form(session, holder, {
        "new-goal.title": "Get the garden cleared", "new-goal.area": "home"}, {}), 1)
    proposal = propose(session, reader_for(session, book.advocate, book.family.id), "helps", {
        "section": "helps_us", "title": "Short visits", "category": "home"})
    goal = goals(editing.latest(session, plan).content)[0]
    editing.save(session, holder, plan, editing.read_form(session, holder, {
        f"new-step.{goal.id}.what": "Ring the council"}, editing.latest(session, plan).content),
        plan.revision)
    step = steps(editing.latest(session, plan).content)[0]
    # A step for Riverside School, under a goal shared with the school's "granted" worker alone.
    school = add_entry(session, holder, "service", {
        "agency": org.name, "category": "school",
        "owner_member_id": str(own_member_entry_id(session, holder))})
    editing.save(session, holder, plan, editing.read_form(session, holder, {
        "new-goal.title": "Settle in at school", "new-goal.area": "school"},
        editing.latest(session, plan).content), plan.revision)
    school_goal = next(g for g in goals(editing.latest(session, plan).content)
                       if g.title == "Settle in at school")
    editing.save(session, holder, plan, editing.read_form(session, holder, {
        f"new-step.{school_goal.id}.what": "Send the school report",
        f"new-step.{school_goal.id}.who": f"service:{school.id}"},
        editing.latest(session, plan).content), plan.revision)
    promise = next(s for s in steps(editing.latest(session, plan).content)
                   if s.goal_id == school_goal.id)
    plan_sharing.share(session, holder, plan, f"goal:{school_goal.id}", grantee("granted"))
    step_file = plan_reading.attach_to_step(session, holder, plan, step.id, Upload(
        "photo.jpg", made_files.photo(), "Photo for the council"))
    # A meeting the "connected" professional is invited to, with something to say and an action.
    advocate = reader_for(session, book.advocate, book.family.id)
    meeting = meetings.arrange(session, advocate, meetings.read_meeting_form(
        session, advocate, {"day": "1 6 2031", "time": "10:00", "how": "phone", "minutes": "30",
                            "purpose": "Talk about the garden"},
        [f"a{people['connected'].id}"], "Europe/London"))
    meeting_note = meetings.prepare(session, holder, meeting, {"part": "say", "text": "Help"})
    meeting_action = meetings.record(session, advocate, meeting, {
        "part": "action", "text": "Find a skip", "who": "advocate"})
    booklet = booklet_jobs.ask(session, holder, job_options(Options()))
    booklet_jobs.finish(session, booklet, b"%PDF-1.4 the holder's booklet", 1)
    session.commit()
    return people, {"family": book.family.id, "entry": entry.id, "grant": grant.id,
                    "booklet": booklet.id,
                    "meeting": meeting.id, "meeting_note": meeting_note.id,
                    "stop_token": "not-signed",
                    "meeting_action": meeting_action.id,
                    "listing": listings["Homework club"].id,
                    "other_listing": listings["Housing advice"].id,
                    "goal": goal.id, "closed_plan": closed.id,
                    "proposal": proposal.id, "attachment": attachment.id,
                    "removed_attachment": removed.id,
                    "unshared_attachment": unshared_attachment.id, "step": step.id,
                    "promise": promise.id,
                    "step_file": step_file.id, "language_reviewer": urdu_reviewer.id}


@pytest.fixture(autouse=True)
def _empty_database():
    """The table's requests only read or are refused (a request whose answer the table does not
    check is never sent), so the module shares one world, emptied when the module ends."""
    yield


@pytest.fixture(scope="module")
def world(app):
    session = app.extensions["db_sessions"]()
    yield _build_world(session, Book(session))
    session.close()
    empty_tables(app.extensions["db_engine"])


# The book's words in the world, and the pages that must show them to someone outside the
# family (so the "the log grows" column below can never pass by showing nothing).
BOOK_WORDS = ("Moving house", "We moved.", "Get the garden cleared", "Send the school report",
              "Talk about the garden")
SHOWN_TO_OUTSIDERS = {
    ("/families/{family}/", "granted"), ("/families/{family}/story", "granted"),
    ("/families/{family}/entries/{entry}", "granted"),
    ("/families/{family}/plan/", "advocate"), ("/families/{family}/plan/edit", "advocate"),
    ("/families/{family}/plan/revisions", "advocate"),
    ("/families/{family}/plan/compare?from=1&to=2", "advocate"),
    ("/families/{family}/plan/review", "advocate"),
    ("/families/{family}/plan/goals/{goal}/edit", "advocate"),
    ("/families/{family}/plan/steps/{promise}/mark", "granted"),
    ("/families/{family}/meetings/", "connected"), ("/families/{family}/meetings/", "advocate"),
    ("/families/{family}/meetings/{meeting}", "connected"),
    ("/families/{family}/meetings/{meeting}", "advocate"),
}


def _log_size(app, family_id: int) -> int:
    session = app.extensions["db_sessions"]()
    try:
        return access_log.count(session, family_id)
    finally:
        session.close()


def _expected(audience: str, role: str) -> int | None:
    if audience == "signed_in_start":
        # Everyone is sent on: to sign in, to their one book, or to their own first page.
        return 302
    return EXPECTED[audience][role]


# Every case this module sends (the others are tests/test_posts_by_role.py's).
CASES = [(method, path, audience, role) for role in ROLES for method, path, audience in ROUTES
         if _expected(audience, role) is not None]


# Pages reached from the menu, where a form is one thing among others: the menu is the way back.
HUBS = {"/sign-in", "/families/{family}/", "/families/{family}/sharing", "/families/{family}/plan/",
        "/families/{family}/people", "/families/{family}/story", "/families/{family}/what-helps",
        "/families/{family}/timeline", "/families/{family}/services", "/families/{family}/check-ins",
        "/families/{family}/notes", "/families/{family}/access-log", "/families/{family}/inbox",
        "/account", "/admin/", "/directory/manage/", "/directory", "/shared-with-me"}
TYPING = re.compile(r'<(textarea|select)\b|<input\b(?![^>]*type="(hidden|radio|checkbox|submit)")')
POST_FORM = re.compile(r'<form[^>]*method="post".*?</form>', re.S | re.I)
BACK_LINK = re.compile(r'<a\b[^>]*class="govuk-back-link"[^>]*>')
SAME_SITE = re.compile(r'href="(/(?![/\\])[^"]*)"')


def _a_form_page_has_a_way_back(client, text: str, role: str, url: str) -> None:
    """A page whose work is filling in a form says where Back goes, and Back goes somewhere."""
    main = text.split('id="main-content"', 1)[-1]
    if not any(TYPING.search(form) for form in POST_FORM.findall(main)):
        return
    back = BACK_LINK.search(text)
    assert back, ("no back link", role, url)
    href = SAME_SITE.search(back.group(0))
    assert href, ("back link leaves the site", role, url)
    assert client.get(href.group(1).replace("&amp;", "&")).status_code == 200, (role, url)


@pytest.mark.parametrize("method,path,audience,role", CASES)
def test_route_by_role(app, world, method, path, audience, role):
    people, ids = world
    expected = _expected(audience, role)
    client = app.test_client()
    if role != "anonymous":
        sign_in(client, people[role])
    url = path.format(**ids)
    logged_before = _log_size(app, ids["family"])
    response = client.open(url, method=method)
    assert response.status_code == expected, (role, url)
    # A letter or photo is bytes, not words: read what it has as text.
    text = response.get_data().decode("utf-8", "replace")
    if response.status_code == 404 or (role in PROFESSIONALS and role != "granted"):
        assert "Moving house" not in text
        assert "We moved." not in text
    # Reading is logging: a page that shows an outsider the book's words grows the log.
    shows_words = any(words in text for words in BOOK_WORDS)
    if (path, role) in SHOWN_TO_OUTSIDERS:
        assert shows_words, (role, url)
    if role not in FAMILY and shows_words and method == "GET":
        assert _log_size(app, ids["family"]) > logged_before, (role, url)
    # Markup the portal writes itself is never shown as text ("&lt;bdi&gt;Ms Brooks").
    assert "&lt;bdi" not in text, (role, url)
    if method == "GET" and response.status_code == 200 and path.split("?")[0] not in HUBS:
        _a_form_page_has_a_way_back(client, text, role, url)
    # A letter or photo is the book's content too, though not its words.
    if "/attachments/" in path and method == "GET" and response.status_code == 200:
        assert response.headers["X-Content-Type-Options"] == "nosniff"
        assert "sandbox" in response.headers["Content-Security-Policy"]
        if role not in FAMILY:
            assert _log_size(app, ids["family"]) > logged_before, (role, url)


def test_every_route_is_in_the_table(app):
    tabled = {path.split("{")[0].split("?")[0].rstrip("/") for _m, path, _a in ROUTES} | {
        path.split("?")[0].replace("{family}", "<int:family_id>").replace("{entry}", "<int:entry_id>")
        for _m, path, _a in ROUTES}
    for rule in app.url_map.iter_rules():
        if rule.endpoint in NOT_IN_TABLE:
            continue
        prefix = rule.rule.split("<")[0].rstrip("/")
        if rule.rule.startswith(("/language/", "/easy-read/")):
            prefix = rule.rule.split("<")[0] + ("cy" if "language" in rule.rule else "on")
        assert prefix in tabled or rule.rule in {p for _m, p, _a in ROUTES}, rule.rule


# Who leads for us (issue 16): the lead card for everyone in the book; only a holder changes the
# advocate or ends a connection (tests/test_leads.py checks what the posts do for a holder).
ROUTES += [
    ("GET", "/families/{family}/lead", "book"),
    ("GET", "/families/{family}/lead/change", "holder"),
    ("POST", "/families/{family}/lead/change", "holder_post"),
    ("POST", "/families/{family}/connections/end", "holder_post"),
]
