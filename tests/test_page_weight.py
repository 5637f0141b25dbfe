"""The fullest pages of a full book stay light for a phone on pay-as-you-go data.

The quick guard for bench/page_weight.py: with 40 timeline events, 11 services and a long story,
each of the heaviest family pages, with its CSS and JavaScript and gzipped as a reverse proxy
would send it, is under 100 KB.
"""

import gzip
import re

from conftest import sign_in

from record_book.book.entries import add_entry
from record_book.book.model import Entry
from record_book.policy import readable_entries, reader_for

AIM_BYTES = 100 * 1024
WORDS = ("We went to the meeting at the school with Rosa and agreed what happens next. "
         "Afterwards we wrote down the three things to do before half term. ") * 6


def weight(client, path: str) -> int:
    page = client.get(path)
    assert page.status_code == 200, path
    assets = re.findall(r'<(?:link[^>]+rel="stylesheet"[^>]+href|script[^>]+src)="([^"]+)"',
                        page.text)
    bodies = [page.data] + [client.get(asset.split("?")[0]).data for asset in set(assets)]
    assert len(bodies) > 1, "the page links its stylesheet"
    return sum(len(gzip.compress(body, compresslevel=6)) for body in bodies)


def test_the_heaviest_family_pages_are_under_100_kb_with_css_and_js(app, session, book):
    holder = reader_for(session, book.holder, book.family.id)
    me = str(session.scalar(readable_entries(holder, "member").with_only_columns(Entry.id)))
    for n in range(40):
        add_entry(session, holder, "event", {
            "title": f"Review meeting {n}", "date-day": str(n % 28 + 1), "date-month": "5",
            "date-year": str(2015 + n % 10), "event_type": "meeting", "who": "Me and Rosa",
            "details": WORDS, "category": "school", "owner_member_id": me})
    for n in range(11):
        add_entry(session, holder, "service", {
            "agency": f"Riverside service {n}", "contact_name": "Ms Brooks",
            "why_our_words": WORDS, "our_view": WORDS, "chosen": "chosen", "helpful": "yes",
            "category": "other", "owner_member_id": me})
    for n in range(10):
        add_entry(session, holder, "story", {
            "section": "story_so_far", "title": f"Part {n}", "text": WORDS,
            "category": "family_life", "owner_member_id": me})
    session.commit()
    client = sign_in(app.test_client(), book.holder)
    for page in ("", "timeline", "services", "story"):
        assert weight(client, f"/families/{book.family.id}/{page}") < AIM_BYTES, page
