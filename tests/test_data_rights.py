"""Data rights: a family takes its whole book with it, and can delete it.

An export imported into an empty database gives back the same book (and `flask export-family`
on it writes the same file); a holder's copy goes through the access rule; deleting closes the
book to everyone outside the family at once, and erasing leaves only the erasure record.
"""

import json
import tempfile
from datetime import timedelta
from zoneinfo import ZoneInfo

import pytest
from conftest import PASSWORD, log_rows, sign_in
from sqlalchemy import func, select, text

from demo import family as demo
from plans.model import Plan, PlanRevision
from portal import create_app
from portal.booklet_worker import make_one
from portal.db import make_engine
from portal.migrate import upgrade
from portal.schema import Base
from record_book import reading
from record_book.accounts.accounts import create_account
from record_book.book.entries import add_entry
from record_book.book.families import own_member_entry_id, start_family
from record_book.book.model import Account, BookErasure, Entry, EntryRevision, Family
from record_book.clock import utcnow
from record_book.data_rights.erasure import ask_to_delete, erase_due_books, pending
from record_book.data_rights.export import ImportRefused, export_family, import_family
from record_book.policy import may_open_book, readable_entries, readable_plan_parts, reader_for
from record_book.sharing import access_log, notes
from record_book.sharing import requests as access_requests
from record_book.sharing.connections import Grantee, connect_organisation
from record_book.sharing.grants import share_category, share_entry, share_plan_part
from record_book.sharing.model import Connection, Grant


def _london_day(moment) -> str:
    return moment.astimezone(ZoneInfo("Europe/London")).strftime("%-d %B %Y")


def _dump(document: dict) -> str:
    return json.dumps(document, indent=1, sort_keys=True, ensure_ascii=False)


def rich_book(session) -> Family:
    """The demo family (the teacher already connected), shared with the teacher and an
    organisation, read, asked and written to."""
    demo.load(session)
    session.flush()
    family = session.scalar(select(Family).where(Family.title == demo.FAMILY_TITLE))
    people = {a.username: a for a in session.scalars(select(Account))}
    holder = reader_for(session, people["holder"], family.id)
    teacher, nurse = people["teacher"], people["nurse"]
    connect_organisation(session, holder, nurse.organisation)
    as_teacher = Grantee(teacher.id, None, teacher.display_name)
    share_entry(session, holder, reading.entries(session, holder, "story")[0], as_teacher)
    share_category(session, holder, "home", Grantee(None, nurse.organisation_id, "Health"))
    share_plan_part(session, holder, "plan", as_teacher)
    as_read = reader_for(session, teacher, family.id)
    reading.every_entry(session, as_read)
    access_requests.ask(session, as_read, "To plan support at school", ["school"])
    notes.send(session, as_read, "After our meeting", "Thank you for coming in today.")
    session.commit()
    return family


@pytest.fixture
def empty_database_url(database_url):
    """A second, empty database: a sqlite file, or on PostgreSQL the one named like ours + "2"."""
    if database_url.startswith("postgresql"):
        url = database_url + "2"
        server = make_engine(database_url).execution_options(isolation_level="AUTOCOMMIT")
        with server.connect() as connection:  # a fresh machine has only the first database
            name = url.rpartition("/")[2]
            if connection.scalar(text("SELECT 1 FROM pg_database WHERE datname = :name"),
                                 {"name": name}) is None:
                connection.execute(text(f'CREATE DATABASE "{name}"'))
        server.dispose()
        engine = make_engine(url)
        with engine.begin() as connection:
            connection.execute(text("DROP SCHEMA public CASCADE"))
            connection.execute(text("CREATE SCHEMA public"))
        engine.dispose()
    else:
        url = f"sqlite:///{tempfile.mkdtemp(prefix='record-book-import-')}/empty.sqlite3"
    upgrade(url)
    return url


def _other_app(url):
    return create_app({"DATABASE_URL": url, "TESTING": True, "WTF_CSRF_ENABLED": False,
                       "SECRET_KEY": "test secret, long enough to be taken seriously"})


# Export and import ----------------------------------------------------------------------------

def test_an_export_imported_into_an_empty_database_gives_back_the_same_book(
        app, session, empty_database_url, tmp_path):
    family = rich_book(session)
    first, again = tmp_path / "book.json", tmp_path / "again.json"
    result = app.test_cli_runner().invoke(
        args=["export-family", "--family", str(family.id), "-o", str(first)])
    assert result.exit_code == 0, result.output
    # The whole book, for its owner's eyes only (whatever the umask).
    assert oct(first.stat().st_mode & 0o777) == "0o600"

    other = _other_app(empty_database_url)
    result = other.test_cli_runner().invoke(args=["import-family", str(first)])
    assert result.exit_code == 0, result.output
    result = other.test_cli_runner().invoke(
        args=["export-family", "--family", str(family.id), "-o", str(again)])
    assert result.exit_code == 0, result.output
    assert again.read_text() == first.read_text()
    result = other.test_cli_runner().invoke(args=["verify-access-log"])
    assert "The access log is intact." in result.output

    # New rows get new ids after the imported ones (PostgreSQL's sequences were moved on).
    engine = other.extensions["db_engine"]
    with other.extensions["db_sessions"]() as there:
        holder = there.scalar(select(Account).where(Account.username == "holder"))
        reader = reader_for(there, holder, family.id)
        entry = add_entry(there, reader, "story", {
            "section": "story_so_far", "title": "After the move", "text": "Settled in.",
            "category": "home", "owner_member_id": str(own_member_entry_id(there, reader))})
        access_log.append(there, family.id, holder.id, "export")
        newcomer = create_account(there, "new", "New Person", "family", PASSWORD)
        start_family(there, "A new book", newcomer, {"name": "New Person",
                                                     "relationship": "Mum", "lives": "with_us"})
        there.commit()
        assert entry.id > max(row["id"] for row in json.loads(first.read_text())
                              ["tables"]["entries"])
        assert access_log.verify(there) == []
    engine.dispose()


def test_the_export_of_a_rich_book_holds_every_entry_revision_grant_plan_revision_and_log_row(
        session):
    family = rich_book(session)
    tables = export_family(session, family.id)["tables"]

    def ids(model, *where):
        return sorted(session.scalars(select(model.id).where(*where)))

    assert [r["id"] for r in tables["entries"]] == ids(Entry, Entry.family_id == family.id)
    assert [r["id"] for r in tables["entry_revisions"]] == ids(
        EntryRevision, EntryRevision.entry_id.in_(select(Entry.id).where(
            Entry.family_id == family.id)))
    assert [r["id"] for r in tables["grants"]] == ids(Grant, Grant.family_id == family.id)
    assert [r["id"] for r in tables["plan_revisions"]] == ids(
        PlanRevision, PlanRevision.plan_id.in_(select(Plan.id).where(
            Plan.family_id == family.id)))
    log = tables["access_log"]
    assert [r["seq"] for r in log] == list(range(1, access_log.count(session, family.id) + 1))
    assert all(r["hash"] and r["prev_hash"] for r in log)
    assert len(tables["entries"]) > 30 and len(tables["grants"]) == 5  # 2 in the demo
    assert tables["plan_reviews"] and tables["plan_agreements"] and tables["notes"]
    assert tables["access_requests"] and tables["connections"]
    # Dates are ISO 8601 in UTC; nobody's password or sign-in secrets leave the database.
    assert tables["families"][0]["created_at"].endswith("Z")
    assert not any("password_hash" in row for row in tables["accounts"])
    teacher = next(r for r in tables["accounts"] if r["display_name"] == "Ms Helen Brooks")
    assert "username" not in teacher and "email" not in teacher
    assert {"passkeys", "recovery_codes", "invitations"}.isdisjoint(tables)
    # The same book gives the same document, byte for byte.
    assert _dump(export_family(session, family.id)) == _dump(export_family(session, family.id))


def test_every_table_is_exported_or_left_out_for_a_stated_reason(session, book):
    from record_book.data_rights.export import LEFT_OUT, NOT_BOOK

    tables = export_family(session, book.family.id)["tables"]
    for name in Base.metadata.tables:
        assert name in tables or name in LEFT_OUT or name in NOT_BOOK or name in {
            "organisations", "accounts", "listings"}, name


def test_an_import_is_refused_when_its_ids_are_taken_or_its_version_unknown(session, book):
    document = export_family(session, book.family.id)
    with pytest.raises(ImportRefused, match="already in this database"):
        import_family(session, document)
    session.rollback()
    with pytest.raises(ImportRefused, match="version 99"):
        import_family(session, {**document, "version": 99})
    with pytest.raises(ImportRefused, match="not a Family Record Book export"):
        import_family(session, {"tables": {}})


def test_a_holders_copy_leaves_out_what_a_young_person_keeps_private(session, book):
    young = reader_for(session, book.young, book.family.id)
    secret = add_entry(session, young, "story", {
        "section": "story_so_far", "title": "My own worries", "text": "Only mine.",
        "category": "health", "visibility": "private",
        "owner_member_id": str(own_member_entry_id(
            session, reader_for(session, book.holder, book.family.id)))})
    session.commit()
    holder = reader_for(session, book.holder, book.family.id)
    copy = export_family(session, book.family.id, holder)
    assert secret.id not in {row["id"] for row in copy["tables"]["entries"]}
    assert "My own worries" not in _dump(copy)
    assert copy["whole_book"] is False
    with pytest.raises(ImportRefused, match="leaves out entries"):
        import_family(session, copy)
    assert secret.id in {r["id"] for r in export_family(session, book.family.id)["tables"]
                         ["entries"]}


# Downloading ----------------------------------------------------------------------------------

def test_a_holder_downloads_the_book_and_the_booklet(app, client, book):
    sign_in(client, book.holder)
    page = client.get(f"/families/{book.family.id}/")
    assert "Download or delete our book" in page.text
    response = client.get(f"/families/{book.family.id}/your-data/copy.json")
    assert response.status_code == 200
    assert response.headers["Content-Disposition"] == (
        f'attachment; filename="the-carter-family-book-{utcnow().date().isoformat()}.json"')
    assert json.loads(response.data)["tables"]["families"][0]["title"] == "The Carter family book"
    asked = client.post(f"/families/{book.family.id}/your-data/booklet")
    assert asked.status_code == 302 and "/print/" in asked.location
    assert make_one(app) is not None  # the background worker, in this process
    response = client.get(asked.location + "/booklet.pdf")
    assert response.status_code == 200 and response.data.startswith(b"%PDF")
    assert "attachment" in response.headers["Content-Disposition"]


def test_nobody_else_downloads_a_familys_book(app, book):
    for account in (book.other_holder, book.professional, book.advocate, book.young):
        client = sign_in(app.test_client(), account)
        for path in ("your-data", "your-data/copy.json", "delete"):
            assert client.get(f"/families/{book.family.id}/{path}").status_code == 404
        assert client.post(f"/families/{book.family.id}/your-data/booklet").status_code == 404
    # The other family's holder gets their own book, never this one.
    client = sign_in(app.test_client(), book.other_holder)
    copy = client.get(f"/families/{book.other_family.id}/your-data/copy.json")
    assert copy.status_code == 200 and "Carter" not in copy.text


# Deleting -------------------------------------------------------------------------------------

@pytest.fixture
def shared(session, book):
    """The book's story shared with a connected professional, and a plan the advocate reads."""
    holder = reader_for(session, book.holder, book.family.id)
    entry = add_entry(session, holder, "story", {
        "section": "story_so_far", "title": "Moving house", "text": "We moved.",
        "category": "home", "owner_member_id": str(own_member_entry_id(session, holder))})
    session.add(Connection(family_id=book.family.id, account_id=book.professional.id,
                           created_by_id=book.holder.id))
    session.flush()
    share_entry(session, holder, entry, Grantee(book.professional.id, None, "Ms Patel"))
    from plans import editing

    editing.start_plan(session, holder)
    session.commit()
    return entry


def test_the_access_rule_refuses_everyone_outside_the_family_while_a_book_is_closing(
        session, book, shared):
    professional = reader_for(session, book.professional, book.family.id)
    advocate = reader_for(session, book.advocate, book.family.id)
    assert session.scalars(readable_entries(professional)).all() == [shared]
    session.add(BookErasure(family_id=book.family.id, book_started_at=utcnow(),
                            requested_at=utcnow(), requested_by_name="Sam Carter",
                            erase_after=utcnow() + timedelta(days=14)))
    session.flush()
    # Even with the grant still live, the rule alone shuts the book.
    assert session.scalars(readable_entries(professional)).all() == []
    assert not may_open_book(session, professional) and not may_open_book(session, advocate)
    assert readable_plan_parts(session, advocate) == set()
    holder = reader_for(session, book.holder, book.family.id)
    assert may_open_book(session, holder) and shared in session.scalars(readable_entries(holder))


def test_another_family_deleting_its_book_leaves_this_book_open_to_those_it_shares_with(
        session, book, shared):
    professional = reader_for(session, book.professional, book.family.id)
    ask_to_delete(session, reader_for(session, book.other_holder, book.other_family.id))
    session.flush()
    assert pending(session, book.other_family.id) is not None, "their book is closing"
    assert may_open_book(session, professional)
    assert session.scalars(readable_entries(professional)).all() == [shared]


def test_deleting_closes_the_book_at_once_and_the_family_can_keep_it(app, session, book,
                                                                     shared):
    family_id = book.family.id
    outsiders = {name: sign_in(app.test_client(), account) for name, account in (
        ("professional", book.professional), ("advocate", book.advocate))}
    assert outsiders["professional"].get(f"/families/{family_id}/entries/{shared.id}"
                                         ).status_code == 200

    holder = sign_in(app.test_client(), book.holder)
    confirm = holder.get(f"/families/{family_id}/delete")
    assert "What we keep, and why" in confirm.text and "14 days" in confirm.text
    response = holder.post(f"/families/{family_id}/delete", follow_redirects=True)
    asked = session.scalar(select(BookErasure).where(BookErasure.family_id == family_id))
    assert "This book is waiting to be deleted" in response.text
    assert "Keep our book" in response.text

    for client in outsiders.values():
        for path in ("/", f"/entries/{shared.id}", "/plan/"):
            assert client.get(f"/families/{family_id}{path}").status_code == 404
    assert "Carter" not in outsiders["professional"].get("/shared-with-me").text
    # Sharing stopped through the sharing module, so the family's log shows it.
    assert session.scalar(select(func.count()).select_from(Grant).where(
        Grant.family_id == family_id, Grant.revoked_at.is_(None))) == 0
    assert [row.action for row in log_rows(session, family_id)][0] == "revoke"

    young = sign_in(app.test_client(), book.young)
    page = young.get(f"/families/{family_id}/").text
    assert "This book is waiting to be deleted" in page and "Keep our book" not in page
    assert "Sam Carter asked to delete this book" in page
    assert f"You can keep it until {_london_day(asked.erase_after)}" in page

    kept = holder.post(f"/families/{family_id}/keep", follow_redirects=True)
    assert "Your book is kept" in kept.text and "waiting to be deleted" not in kept.text
    assert pending(session, family_id) is None
    # Open again for those the family let in, but the grants stay stopped.
    assert outsiders["advocate"].get(f"/families/{family_id}/plan/").status_code == 200
    assert outsiders["professional"].get(f"/families/{family_id}/").status_code == 200
    assert outsiders["professional"].get(
        f"/families/{family_id}/entries/{shared.id}").status_code == 404


def test_only_a_holder_deletes_or_keeps_the_book(app, session, book):
    for account in (book.young, book.advocate, book.professional, book.other_holder):
        client = sign_in(app.test_client(), account)
        assert client.post(f"/families/{book.family.id}/delete").status_code == 404
    assert pending(session, book.family.id) is None
    ask_to_delete(session, reader_for(session, book.holder, book.family.id))
    session.commit()
    client = sign_in(app.test_client(), book.young)
    assert client.post(f"/families/{book.family.id}/keep").status_code == 404
    assert pending(session, book.family.id) is not None


# Erasing --------------------------------------------------------------------------------------

def _family_rows(session, family_id) -> dict[str, set[int]]:
    """Independently of the code under test: each table's rows that name the family."""
    found = {"families": {family_id}}
    for table in Base.metadata.sorted_tables:
        if "family_id" in table.c and table.name != "book_erasures":
            found[table.name] = set(session.scalars(select(table.c.id).where(
                table.c.family_id == family_id)))
    found["entry_revisions"] = set(session.scalars(select(EntryRevision.id).where(
        EntryRevision.entry_id.in_(found["entries"]))))
    for name in ("plan_revisions", "plan_agreements", "plan_reviews", "plan_goal_comments"):
        table = Base.metadata.tables[name]
        found[name] = set(session.scalars(select(table.c.id).where(
            table.c.plan_id.in_(found["plans"]))))
    return found


def test_after_14_days_erasing_leaves_only_the_erasure_record(session):
    family = rich_book(session)
    family_id, started = family.id, family.created_at
    people = {a.username: a.id for a in session.scalars(select(Account))}
    neighbour = create_account(session, "olu", "Olu Other", "family", PASSWORD)
    other = start_family(session, "Another family's book", neighbour,
                         {"name": "Olu Other", "relationship": "Dad", "lives": "with_us"})
    teacher = session.get(Account, people["teacher"])
    connect_organisation(session, reader_for(session, neighbour, other.id), teacher.organisation)
    session.commit()
    other_before = _dump(export_family(session, other.id))
    doomed = _family_rows(session, family_id)
    doomed["accounts"] = {people["holder"], people["young"]}
    assert all(doomed[name] for name in ("entries", "grants", "access_log", "plan_revisions"))

    asked_at = utcnow()
    holder = reader_for(session, session.get(Account, people["holder"]), family_id, asked_at)
    ask_to_delete(session, holder)
    session.commit()
    assert erase_due_books(session, asked_at + timedelta(days=13, hours=23)) == []
    assert erase_due_books(session, asked_at + timedelta(days=14)) == [family_id]
    session.commit()

    for table in Base.metadata.sorted_tables:
        rows = session.execute(select(table)).mappings().all()
        gone = doomed.get(table.name, set())
        assert not {row["id"] for row in rows} & gone, table.name
        for key in table.foreign_keys:
            pointed = doomed.get(key.column.table.name, set())
            assert not {row[key.parent.name] for row in rows} & pointed, (table.name, key)
        if "family_id" in table.c and table.name != "book_erasures":
            assert family_id not in {row["family_id"] for row in rows}, table.name
    record = session.scalar(select(BookErasure).where(BookErasure.family_id == family_id))
    assert (record.requested_by_name, record.book_started_at, record.erased_at) == (
        "Marta Hollis", started, asked_at + timedelta(days=14))
    assert session.get(Account, people["teacher"]) is not None
    assert _dump(export_family(session, other.id)) == other_before
    assert access_log.verify(session) == []


def test_erase_due_books_runs_from_the_command_line(app, session, book):
    holder = reader_for(session, book.holder, book.family.id, utcnow() - timedelta(days=15))
    ask_to_delete(session, holder)
    session.commit()
    result = app.test_cli_runner().invoke(args=["erase-due-books"])
    assert result.exit_code == 0 and f"Erased 1 book(s): {book.family.id}." in result.output
    left = set(session.scalars(select(Family.id)))
    assert book.family.id not in left and book.other_family.id in left
