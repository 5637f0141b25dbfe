"""A family member never learns, from any page, file or message, about what they may not read:
a young person's private words, or the parents' adults-only ones; nor does an email say who
the family shares with."""

import json
from datetime import timedelta

import pytest

import portal.notices
from record_book.access import reader_for
from record_book.clock import utcnow
from record_book.entries import add_entry, update_entry
from record_book.export import export_family
from record_book.families import own_member_entry_id
from record_book.model import Account
from record_book.sharing import (Grantee, connect_with_code, new_connection_code,
                                 record_expiries, record_reads, share_entry)
from record_book.sharing_model import Notification

from conftest import sign_in


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
    pages = [sam.get(f"{family}/entries/{entry.id}/history").text, sam.get(f"{family}/").text]
    assert "Sleeping" in pages[1]
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
    record_reads(session, as_pat, [secret])
    session.commit()
    told = session.query(Notification).filter(
        Notification.account_id.in_((book.holder.id, book.second_holder.id))).all()
    assert told == []

    # Reading something the parents may read is news to them.
    open_words = add_entry(session, connected, "story", story_values(session, book, "Moving"))
    record_reads(session, as_pat, [open_words])
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
    monkeypatch.setattr(portal.notices.smtplib, "SMTP", FakeSMTP)
    FakeSMTP.sent = []
    session.get(Account, book.holder.id).email = "sam@example.com"
    words = add_entry(session, connected, "story", story_values(session, book, "Moving"))
    share_entry(session, connected, words, pat(book), until=(utcnow() + timedelta(days=2)).date())
    record_expiries(session, book.family.id, utcnow())
    session.commit()
    with app.test_request_context():
        assert portal.notices.send_pending(session, {**app.config, "SMTP_HOST": "127.0.0.1"})
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
    record_reads(session, reader_for(session, book.professional, book.family.id), [secret])
    session.commit()
    copy = export_family(session, book.family.id, connected)
    withheld = [row for row in copy["tables"]["access_log"] if row["details"] == {"withheld": True}]
    assert len(withheld) == 2
    for row in withheld:
        assert row["actor_id"] is None and row["entry_id"] is None
        assert row["action"] is None and row["created_at"] is None
    text = json.dumps(copy)
    assert "Only for my counsellor" not in text
