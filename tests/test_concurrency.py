"""Several people, several processes, one book: nothing lost, nothing doubled, no error page.

Each test runs real gunicorn processes against the suite's database (SQLite by default, and
PostgreSQL in CI's second run), with people's sessions posting at the same moment from threads.
"""

import re
import threading
from concurrent.futures import ThreadPoolExecutor

from app_servers import Browser, app_servers
from conftest import PASSWORD
from sqlalchemy import select

from record_book.book.entries import add_entry
from record_book.book.families import own_member_entry_id
from record_book.book.model import BookErasure, Entry, EntryRevision
from record_book.policy import reader_for
from record_book.sharing import access_log
from record_book.sharing.connections import Grantee
from record_book.sharing.grants import share_entry
from record_book.sharing.model import Connection

SECRET = "the servers share one secret key, long enough to count"


def _story(session, book, **changes):
    holder = reader_for(session, book.holder, book.family.id)
    member = own_member_entry_id(session, holder)
    form = {"section": "story_so_far", "title": "Moving house", "category": "home",
            "text": "We moved.", "owner_member_id": str(member), "visibility": "family",
            **changes}
    return add_entry(session, holder, "story", form), form


def _base_version(page: str) -> str:
    return re.search(r'name="base_version" value="(\d+)"', page).group(1)


def test_thirty_saves_of_one_entry_at_once_are_saves_or_conflict_pages_and_none_is_lost(
        database_url, session, book):
    entry, form = _story(session, book)
    session.commit()
    edit = f"/families/{book.family.id}/entries/{entry.id}/edit"
    with app_servers(3, database_url, SECRET) as addresses:
        people = []
        for n in range(6):
            person = Browser(addresses[n % 3])
            person.sign_in((book.holder if n % 2 else book.second_holder).username, PASSWORD)
            people.append(person)
        start = threading.Barrier(len(people))
        outcomes = []  # (status, the words sent, the page)

        def save_five_times(n, person):
            status, page = person.get(edit)
            base = _base_version(page)
            start.wait()
            for attempt in range(5):
                words = f"Written by person {n}, try {attempt}."
                field = "text" if attempt % 2 else "title"
                status, page = person.post(edit, {**form, field: words, "base_version": base})
                outcomes.append((status, words, page))
                if status != 302:
                    # A conflict page: like a person, start again from the newest version.
                    base = _base_version(person.get(edit)[1])

        with ThreadPoolExecutor(len(people)) as pool:
            list(pool.map(save_five_times, range(len(people)), people))

    assert len(outcomes) == 30
    assert {status for status, _w, _p in outcomes} <= {302, 409}, \
        [(s, p[:300]) for s, _w, p in outcomes if s not in (302, 409)]
    session.expire_all()
    saved_words = {value for revision in session.scalars(select(EntryRevision).where(
        EntryRevision.entry_id == entry.id)) for value in revision.fields.values()}
    for status, words, page in outcomes:
        if status == 302:
            assert words in saved_words  # every save is in the entry's history
        else:
            assert words in page  # every conflict page still holds what the person wrote
    saved = sum(1 for status, _w, _p in outcomes if status == 302)
    assert session.get(Entry, entry.id).version == saved + 1


def test_a_hundred_reads_at_once_by_a_professional_are_all_logged_in_one_unbroken_chain(
        database_url, session, book):
    entry, _form = _story(session, book)
    session.add(Connection(family_id=book.family.id, account_id=book.professional.id,
                           created_by_id=book.holder.id))
    session.flush()
    share_entry(session, reader_for(session, book.holder, book.family.id), entry,
                Grantee(book.professional.id, None, book.professional.display_name))
    session.commit()
    before = access_log.count(session, book.family.id)
    page = f"/families/{book.family.id}/entries/{entry.id}"
    with app_servers(2, database_url, SECRET) as addresses:
        readers = []
        for address in addresses:
            reader = Browser(address)
            reader.sign_in(book.professional.username, PASSWORD)
            readers.append(reader)
        with ThreadPoolExecutor(20) as pool:
            answers = list(pool.map(lambda n: Browser.get(readers[n % 2], page), range(100)))
    assert [status for status, _text in answers] == [200] * 100
    assert all("We moved." in text for _status, text in answers)
    session.expire_all()
    assert access_log.count(session, book.family.id) == before + 100
    assert access_log.verify(session, book.family.id) == []


def test_two_deletes_at_once_then_keep_leaves_nothing_waiting_to_be_erased(
        database_url, session, book):
    session.commit()
    with app_servers(2, database_url, SECRET) as addresses:
        holders = []
        for address, account in zip(addresses, (book.holder, book.second_holder)):
            holder = Browser(address)
            holder.sign_in(account.username, PASSWORD)
            holder.get(f"/families/{book.family.id}/delete")
            holders.append(holder)
        start = threading.Barrier(2)

        def delete(holder):
            start.wait()
            return holder.post(f"/families/{book.family.id}/delete", {})[0]

        with ThreadPoolExecutor(2) as pool:
            assert list(pool.map(delete, holders)) == [302, 302]
        session.expire_all()
        assert len(session.scalars(select(BookErasure).where(
            BookErasure.family_id == book.family.id)).all()) == 1
        holders[0].get(f"/families/{book.family.id}/")
        assert holders[0].post(f"/families/{book.family.id}/keep", {})[0] == 302
    session.expire_all()
    assert session.scalars(select(BookErasure).where(
        BookErasure.family_id == book.family.id)).all() == []
