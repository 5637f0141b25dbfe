"""Journey: on a phone, the family takes a photo (the file chooser), captions it and shares its
entry; the teacher opens it; the family sees that in "Who has looked"."""

import re

import made_files
from playwright.sync_api import expect

from portal.db import db
from record_book.accounts.accounts import create_account, create_organisation
from record_book.book.entries import add_entry
from record_book.book.families import own_member_entry_id
from record_book.book.model import Account
from record_book.book.text import isolate
from record_book.clock import utcnow
from record_book.policy import reader_for
from record_book.sharing.connections import connect_with_code, new_connection_code

from .menu import menu_link
from .test_journeys import sign_in


def _teacher_connected(live_app, family) -> str:
    with live_app.app_context():
        s = db()
        org = create_organisation(s, f"Riverside School for {family.username}")
        teacher = create_account(s, f"teacher-{family.username}", "Ms Brooks", "professional",
                                 family.password, org)
        holder = s.query(Account).filter_by(username=family.username).one()
        reader = reader_for(s, holder, family.id)
        add_entry(s, reader, "story", {"section": "story_so_far", "title": "School worries",
                                       "text": "Zosia finds mornings hard.", "category": "school",
                                       "owner_member_id": str(own_member_entry_id(s, reader))})
        connect_with_code(s, teacher, new_connection_code(s, reader), utcnow())
        s.commit()
        return teacher.username


def test_a_photo_is_added_on_a_phone_shared_opened_and_seen_in_the_log(
        phone, desktop, live_app, family, shot, tmp_path):
    teacher = _teacher_connected(live_app, family)
    photo = tmp_path / "IMG_2041.jpg"
    photo.write_bytes(made_files.phone_photo_with_gps())

    mum = phone.new_page()
    sign_in(mum, family, shot)
    menu_link(mum, "Our story").click()
    mum.get_by_role("link", name="School worries").click()
    expect(mum.get_by_role("heading", name="Letters and photos")).to_be_visible()
    # What a phone's "Take photo or choose file" hands the page.
    with mum.expect_file_chooser() as chooser:
        mum.get_by_label("Add a photo or a letter").click()
    chooser.value.set_files(str(photo))
    mum.get_by_label("What is it?").fill("Letter from the school nurse")
    shot(mum, "photo-chosen")
    mum.get_by_role("button", name="Add it").click()
    expect(mum.get_by_role("alert")).to_contain_text(
        f"Added “{isolate('Letter from the school nurse')}”.")
    thumbnail = mum.locator("img.attachments__thumbnail")
    expect(thumbnail).to_be_visible()
    assert mum.evaluate("img => img.naturalWidth", thumbnail.element_handle()) > 0
    shot(mum, "photo-added")

    mum.get_by_role("link", name="Share or stop sharing").click()
    mum.get_by_role("radio", name=re.compile("Ms Brooks")).check()
    mum.get_by_role("button", name="Share", exact=True).click()
    mum.get_by_role("button", name="Yes, share it").click()
    expect(mum.get_by_role("alert")).to_contain_text("Shared with \u2068Ms Brooks")

    pro = desktop.new_page()
    pro.goto("/sign-in")
    pro.get_by_label("Username").fill(teacher)
    pro.get_by_label("Password").fill(family.password)
    pro.get_by_role("button", name="Sign in").click()
    pro.goto(f"/families/{family.id}/story")
    pro.get_by_role("link", name="School worries").click()
    expect(pro.get_by_role("button", name=re.compile("Remove"))).to_have_count(0)
    with pro.expect_response(re.compile(r"/attachments/\d+$")) as opened:
        pro.get_by_role("link", name="Letter from the school nurse", exact=True).click()
    assert opened.value.status == 200
    assert opened.value.headers["content-type"] == "image/jpeg"

    menu_link(mum, "Who has looked").click()
    expect(mum.get_by_text(re.compile(
        r"Ms Brooks \(Riverside School .*\)\u2069 opened "
        r"“\u2068Letter from the school nurse\u2069”"))).to_be_visible()
    shot(mum, "who-has-looked")
