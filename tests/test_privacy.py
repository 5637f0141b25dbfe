"""A family member never learns, from any page, file or message, about what they may not read:
a young person's private words, or the parents' adults-only ones; nor does an email say who
the family shares with."""

import json
from datetime import timedelta

import pytest
from conftest import PASSWORD, sign_in
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import portal.sharing.notices
from print_templates.content import gather
from record_book import reading
from record_book.accounts.accounts import create_account
from record_book.book.entries import add_entry, update_entry
from record_book.book.families import join_family, own_member_entry_id, start_family
from record_book.book.model import Account
from record_book.clock import utcnow
from record_book.data_rights.export import export_family
from record_book.policy import NotAllowed, readable_entries, reader_for
from record_book.sharing.connections import Grantee, connect_with_code, new_connection_code
from record_book.sharing.grants import record_expiries, share_category, share_entry
from record_book.sharing.model import Connection, Notification


def story_values(session, book, title, **extra):
    holder = reader_for(session, book.holder, book.family.id)
    return {"section": "story_so_far", "title": title, "text": f"Words of {title}",
            "category": "home", "owner_member_id": str(own_member_entry_id(session, holder)),
            **extra}


@pytest.fixture
def connected(session, book):
    holder = reader_for(session, book.holder, book.family.id)
    connect_with_code(session, book.professional, new_connection_code(session, holder), utcnow())
    session.commit()
    return holder


def pat(book):
    return Grantee(book.professional.id, None, "Ms Patel (Riverside School)")


# Earlier versions --------------------------------------------------------------------------

def test_an_entry_shown_to_the_family_later_keeps_its_earlier_private_words(app, session, book):
    """A young person who kept words private, then shows the entry to the family, shows the
    entry as it is now; a parent does not read the private versions in its history. The same
    for a parent's adults-only words later shown to the young person."""
    young = reader_for(session, book.young, book.family.id)
    entry = add_entry(session, young, "story", story_values(
        session, book, "Why I am scared at night", visibility="private"))
    session.flush()
    update_entry(session, young, entry, story_values(
        session, book, "Sleeping", visibility="family"), entry.version)
    holder = reader_for(session, book.holder, book.family.id)
    grown_up = add_entry(session, holder, "story", story_values(
        session, book, "Our debts are big", visibility="adults"))
    session.flush()
    update_entry(session, holder, grown_up, story_values(
        session, book, "Money", visibility="family"), grown_up.version)
    session.commit()
    family = f"/families/{book.family.id}"

    sam = sign_in(app.test_client(), book.holder)
    history = sam.get(f"{family}/entries/{entry.id}/history")
    pages = [history.text, sam.get(f"{family}/").text]
    # The pages are there, and show the entry as it is now: only the earlier words are missing.
    assert history.status_code == 200 and "Sleeping" in pages[0] and "Sleeping" in pages[1]
    for page in pages:
        assert "Why I am scared at night" not in page
        assert f"/entries/{entry.id}/history/1" not in page
    assert sam.get(f"{family}/entries/{entry.id}/history/1").status_code == 404
    assert "Why I am scared at night" not in sam.get(f"{family}/your-data/copy.json").text

    jo = sign_in(app.test_client(), book.young)
    assert "Why I am scared at night" in jo.get(f"{family}/entries/{entry.id}/history/1").text
    assert jo.get(f"{family}/entries/{grown_up.id}/history/1").status_code == 404
    assert "Our debts are big" not in jo.get(f"{family}/entries/{grown_up.id}/history").text
    assert "Money" in jo.get(f"{family}/entries/{grown_up.id}").text


# Notifications and emails ------------------------------------------------------------------

def test_holders_are_not_told_of_a_young_persons_private_sharing(session, book, connected):
    """The inbox says nothing the "who can see what" page hides: not that a young person's
    private share is ending, nor that someone read only that."""
    young = reader_for(session, book.young, book.family.id)
    secret = add_entry(session, young, "story", story_values(
        session, book, "Only for my counsellor", visibility="private"))
    share_entry(session, young, secret, pat(book), until=(utcnow() + timedelta(days=2)).date())
    record_expiries(session, book.family.id, utcnow())
    as_pat = reader_for(session, book.professional, book.family.id)
    reading.handed_out(session, as_pat, [secret])
    session.commit()
    told = session.query(Notification).filter(
        Notification.account_id.in_((book.holder.id, book.second_holder.id))).all()
    assert told == []

    # Reading something the parents may read is news to them.
    open_words = add_entry(session, connected, "story", story_values(session, book, "Moving"))
    reading.handed_out(session, as_pat, [open_words])
    session.commit()
    assert {n.kind for n in session.query(Notification).filter(
        Notification.account_id == book.holder.id)} == {"first_read"}


class FakeSMTP:
    sent: list = []

    def __init__(self, *args, **kwargs):
        pass

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False

    def starttls(self):
        pass

    def login(self, *args):
        pass

    def send_message(self, message):
        FakeSMTP.sent.append(message)


def test_an_email_does_not_say_who_the_family_shares_with(app, session, book, connected,
                                                         monkeypatch):
    """An email may be read by anyone with the phone: it says sharing ends, not with whom (a
    service's name can say a lot). The inbox, behind the sign-in, says who."""
    monkeypatch.setattr(portal.sharing.notices.smtplib, "SMTP", FakeSMTP)
    FakeSMTP.sent = []
    session.get(Account, book.holder.id).email = "sam@example.com"
    words = add_entry(session, connected, "story", story_values(session, book, "Moving"))
    share_entry(session, connected, words, pat(book), until=(utcnow() + timedelta(days=2)).date())
    record_expiries(session, book.family.id, utcnow())
    session.commit()
    with app.test_request_context():
        assert portal.sharing.notices.send_pending(session, {**app.config, "SMTP_HOST": "127.0.0.1"})
    [message] = FakeSMTP.sent
    assert "Patel" not in message.get_content() and "Riverside" not in message.get_content()
    inbox = sign_in(app.test_client(), book.holder).get(f"/families/{book.family.id}/inbox")
    assert "Ms Patel" in inbox.text


# The holder's copy -------------------------------------------------------------------------

def test_a_holders_copy_does_not_say_who_read_a_young_persons_private_entry(session, book,
                                                                            connected):
    """The copy keeps a place in the log's chain for rows about entries it leaves out, but not
    who did what, to which entry, or when: "Who has looked" shows none of it either."""
    young = reader_for(session, book.young, book.family.id)
    secret = add_entry(session, young, "story", story_values(
        session, book, "Only for my counsellor", visibility="private"))
    share_entry(session, young, secret, pat(book))
    reading.handed_out(session, reader_for(session, book.professional, book.family.id), [secret])
    session.commit()
    copy = export_family(session, book.family.id, connected)
    withheld = [row for row in copy["tables"]["access_log"] if row["details"] == {"withheld": True}]
    assert len(withheld) == 2
    for row in withheld:
        assert row["actor_id"] is None and row["entry_id"] is None
        assert row["action"] is None and row["created_at"] is None
    text = json.dumps(copy)
    assert "Only for my counsellor" not in text


# Every family page, for random books -------------------------------------------------------

FAMILY_PAGES = ["/", "/story", "/timeline", "/services", "/sharing", "/access-log"]
VISIBILITIES = {"holder": ("family", "adults"), "young_person": ("private", "family")}

entry_plans = st.lists(st.tuples(
    st.sampled_from(["a", "b", "y"]),          # owner: holder A, holder B, young person
    st.sampled_from(["story", "event", "service"]),
    st.sampled_from(["home", "school"]),
    st.integers(0, 1),                         # first visibility, of the owner's two
    st.one_of(st.none(), st.integers(0, 1)),   # a later edit's visibility, if edited
), min_size=1, max_size=6)
grant_plans = st.lists(st.tuples(
    st.sampled_from(["a", "b", "y"]),          # who tries to share
    st.one_of(st.integers(0, 5), st.sampled_from(["home", "school"])),
), max_size=6)


def entry_values(kind, category, title, member_id, visibility):
    base = {"category": category, "owner_member_id": str(member_id), "visibility": visibility}
    if kind == "story":
        return {**base, "section": "story_so_far", "title": title, "text": "Words"}
    if kind == "event":
        return {**base, "title": title, "date-day": "1", "date-month": "2", "date-year": "2024",
                "event_type": "meeting", "details": "Words"}
    return {**base, "agency": title, "why_our_words": "Words"}


def may_see(role, reader_id, owner_id, visibility):
    """The rule inside the family, written out plainly for the test."""
    return owner_id == reader_id or visibility == "family" or (
        role == "holder" and visibility == "adults")


@settings(max_examples=6, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(entry_plans, grant_plans)
def test_no_family_page_names_what_its_reader_may_not_read(app, session, entries, grants):
    n = session.info.setdefault("example", 0) + 1
    session.info["example"] = n
    people = {key: create_account(session, f"{key}{n}", f"Person {key}", "family", PASSWORD)
              for key in ("a", "b", "y")}
    pro = create_account(session, f"p{n}", "Pro", "professional", PASSWORD)
    family = start_family(session, f"Book {n}", people["a"],
                          {"name": "Holder", "relationship": "Mum", "lives": "with_us"})
    join_family(session, family, people["b"], "holder")
    join_family(session, family, people["y"], "young_person")
    session.add(Connection(family_id=family.id, account_id=pro.id, created_by_id=people["a"].id))
    roles = {"a": "holder", "b": "holder", "y": "young_person"}
    readers = {key: reader_for(session, people[key], family.id) for key in people}
    member = own_member_entry_id(session, readers["a"])
    made, versions = [], []  # versions: (title, owner key, visibility) of every save
    for i, (owner, kind, category, first, edit) in enumerate(entries):
        visibility = VISIBILITIES[roles[owner]][first]
        title = f"T{n}e{i}v1q"
        entry = add_entry(session, readers[owner], kind,
                          entry_values(kind, category, title, member, visibility))
        session.flush()
        versions.append((title, owner, visibility, entry))
        if edit is not None:
            visibility, title = VISIBILITIES[roles[owner]][edit], f"T{n}e{i}v2q"
            update_entry(session, readers[owner], entry,
                         entry_values(kind, category, title, member, visibility), entry.version)
            versions.append((title, owner, visibility, entry))
        made.append((owner, entry))
    grantee = Grantee(pro.id, None, "Pro")
    for sharer, what in grants:
        # The rule for sharing, written out plainly: only a holder shares a whole category; an
        # entry, its owner, or a holder when it is a holder's (a holder's are never private).
        if isinstance(what, int):
            if what >= len(made):
                continue
            owner, entry = made[what]
            allowed = sharer == owner or (roles[sharer] == "holder" and roles[owner] == "holder")
            share = (share_entry, entry)
        else:
            allowed, share = roles[sharer] == "holder", (share_category, what)
        if allowed:
            share[0](session, readers[sharer], share[1], grantee)
        else:
            with pytest.raises(NotAllowed):
                share[0](session, readers[sharer], share[1], grantee)
    session.flush()
    as_pro = reader_for(session, pro, family.id)
    reading.handed_out(session, as_pro, list(session.scalars(readable_entries(as_pro))))
    session.commit()

    for key, account in people.items():
        def seen(title, owner, visibility, entry):
            # A version is readable while the entry, as it is now, is, and it was when saved.
            return (may_see(roles[key], account.id, people[owner].id, entry.visibility)
                    and may_see(roles[key], account.id, people[owner].id, visibility))
        hidden = [title for title, owner, visibility, entry in versions
                  if not seen(title, owner, visibility, entry)]
        client = sign_in(app.test_client(), account)
        pages = FAMILY_PAGES + [f"/entries/{entry.id}/history/{version}"
                                for _o, entry in made for version in (1, 2)]
        for page in pages:
            response = client.get(f"/families/{family.id}{page}")
            if page in FAMILY_PAGES:
                # A positive control: the page is there, so a missing title means it was kept.
                assert response.status_code == 200, (key, page)
            for title in hidden:
                assert title not in response.text, (key, page, title)
        # And what the reader may read is shown: every version they may see, on its own page.
        for number, (title, owner, visibility, entry) in enumerate(versions):
            if seen(title, owner, visibility, entry):
                version = 1 if title.endswith("v1q") else 2
                page = client.get(f"/families/{family.id}/entries/{entry.id}/history/{version}")
                assert page.status_code == 200 and title in page.text, (key, title, number)
        printed = gather(session, reader_for(session, account, family.id))
        for title in hidden:
            assert title not in {entry.title for entry in printed.all_entries()}, (key, title)


def test_who_has_looked_keeps_a_title_from_while_the_entry_was_private(app, session, book,
                                                                       connected):
    """A young person's private entry, read by someone they shared it with, later shown to the
    family under a new title: the parent's "Who has looked" and copy do not hold the old title."""
    young = reader_for(session, book.young, book.family.id)
    entry = add_entry(session, young, "story", story_values(
        session, book, "Why I am scared at night", visibility="private"))
    share_entry(session, young, entry, pat(book))
    reading.handed_out(session, reader_for(session, book.professional, book.family.id), [entry])
    session.flush()
    update_entry(session, young, entry, story_values(
        session, book, "Sleeping", visibility="family"), entry.version)
    session.commit()
    url = f"/families/{book.family.id}/access-log"
    assert "Why I am scared at night" in sign_in(app.test_client(), book.young).get(url).text
    sam = sign_in(app.test_client(), book.holder)
    page = sam.get(url)
    assert page.status_code == 200 and "Who has looked at our book" in page.text
    assert "Why I am scared at night" not in page.text
    assert "Why I am scared at night" not in json.dumps(
        export_family(session, book.family.id, connected), ensure_ascii=False)


def test_someone_shown_one_goal_cannot_count_the_familys_changes_to_the_plan(app, session, book,
                                                                            connected):
    from plans import editing
    from plans import sharing as plan_sharing
    from plans.fields import goals

    plan = editing.start_plan(session, connected)
    for title in ("Shared goal", "Private goal"):
        editing.save(session, connected, plan, editing.read_form(session, connected, {
            "new-goal.title": title, "new-goal.area": "home"},
            editing.latest(session, plan).content), plan.revision)
    shared = [g for g in goals(editing.latest(session, plan).content)
              if g.title == "Shared goal"][0]
    plan_sharing.share(session, connected, plan, f"goal:{shared.id}", pat(book))
    session.commit()
    client = sign_in(app.test_client(), book.professional)
    page = client.get(f"/families/{book.family.id}/plan/")
    assert "Shared goal" in page.text and "Private goal" not in page.text
    assert "data-revision" not in page.text
    assert client.get(f"/families/{book.family.id}/plan/latest").status_code == 404
    family_page = sign_in(app.test_client(), book.holder).get(f"/families/{book.family.id}/plan/")
    assert f'data-revision="{plan.revision}"' in family_page.text
