"""Journey 3: the family shares one entry; the professional reads exactly that; the family sees
the read in its log; the family stops sharing; the professional's reload shows nothing of it."""

import itertools
import re

from playwright.sync_api import expect

from portal.db import db
from record_book.accounts.accounts import create_account, create_organisation
from record_book.book.entries import add_entry
from record_book.book.families import own_member_entry_id
from record_book.book.model import Account
from record_book.clock import utcnow
from record_book.policy import reader_for
from record_book.sharing.connections import connect_with_code, new_connection_code

from .menu import menu_link
from .test_journeys import sign_in

_numbers = itertools.count(1)


def _professional_connected(live_app, family):
    n = next(_numbers)
    with live_app.app_context():
        s = db()
        org = create_organisation(s, f"Riverside School {n}")
        pro = create_account(s, f"patel{n}", "Ms Patel", "professional", family.password, org)
        holder = s.query(Account).filter_by(username=family.username).one()
        reader = reader_for(s, holder, family.id)
        owner = str(own_member_entry_id(s, reader))
        for title in ("Moving house", "Money worries"):
            add_entry(s, reader, "story", {"section": "story_so_far", "title": title,
                                           "text": f"About {title}", "category": "home",
                                           "owner_member_id": owner})
        connect_with_code(s, pro, new_connection_code(s, reader), utcnow())
        s.commit()
        return pro.username


def test_share_read_log_and_stop(phone, desktop, live_app, family, shot):
    username = _professional_connected(live_app, family)
    mum = phone.new_page()
    sign_in(mum, family, shot)
    menu_link(mum, "Our story").click()
    mum.get_by_role("link", name="Moving house").click()
    mum.get_by_role("link", name="Share or stop sharing").click()
    expect(mum.get_by_text("Nobody outside your family can see this.")).to_be_visible()
    # Nobody is chosen for the family: one tap must not share.
    expect(mum.get_by_role("radio", name=re.compile("Ms Patel"))).not_to_be_checked()
    mum.get_by_role("radio", name=re.compile("Ms Patel")).check()
    mum.get_by_role("button", name="Share", exact=True).click()
    expect(mum.get_by_role("heading", level=1)).to_have_text(
        re.compile(r"Share “Moving house” with Ms Patel.* until you stop it\?"))
    mum.get_by_role("button", name="Yes, share it").click()
    expect(mum.get_by_role("alert")).to_contain_text("Shared with \u2068Ms Patel")
    shot(mum, "shared")

    pro = desktop.new_page()
    pro.goto("/sign-in")
    pro.get_by_label("Username").fill(username)
    pro.get_by_label("Password").fill(family.password)
    pro.get_by_role("button", name="Sign in").click()
    pro.goto(f"/families/{family.id}/story")
    expect(pro.get_by_role("link", name="Moving house")).to_be_visible()
    expect(pro.get_by_text("Money worries")).to_have_count(0)
    expect(pro.get_by_text(re.compile(r"Shared by .* on \d+ \w+ \d{4}"))).to_be_visible()
    shot(pro, "professional-reads")

    menu_link(mum, "Who has looked").click()
    expect(mum.get_by_text(re.compile(
        r"Ms Patel \(Riverside School \d+\)\u2069 read “\u2068Moving house\u2069”")
    )).to_be_visible()
    shot(mum, "access-log")

    menu_link(mum, "Sharing").click()
    mum.get_by_role("button", name=re.compile("Stop sharing everything with \u2068Ms Patel")).click()
    expect(mum.get_by_role("alert")).to_contain_text("can no longer see anything")
    shot(mum, "stopped")

    pro.reload()
    expect(pro.get_by_text("Moving house")).to_have_count(0)
    expect(pro.get_by_text("Nothing here has been shared with you.").first).to_be_visible()
    shot(pro, "professional-after-stop")
