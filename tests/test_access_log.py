"""A log you can't quietly shorten: every column of a row, the rows' order, the newest rows, a
whole family's log and its head are all checked, and a chain value kept on paper still catches a
rewrite made by someone who holds the key."""

import hashlib
import hmac
import json
import sqlite3
from contextlib import closing
from datetime import datetime, timedelta, timezone
from io import BytesIO

import pytest
from conftest import sign_in
from pypdf import PdfReader
from sqlalchemy import delete, insert, select, update
from test_sharing import pat, story

from portal import create_app
from portal.config import UnsafeConfiguration
from print_templates.booklet import Options, build_booklet
from print_templates.covers import chain_groups
from record_book import reading
from record_book.book.entries import update_entry
from record_book.book.model import Entry
from record_book.clock import utcnow
from record_book.policy import reader_for
from record_book.sharing import access_log
from record_book.sharing.connections import connect_with_code, new_connection_code
from record_book.sharing.grants import share_entry
from record_book.sharing.model import AccessLogHead, AccessLogRow


@pytest.fixture
def logged(app, session, book):
    """A family whose log has six rows: a connection, two shares and three reads."""
    holder = reader_for(session, book.holder, book.family.id)
    code = new_connection_code(session, holder)
    connect_with_code(session, book.professional, code, utcnow())
    for title in ("Moving house", "School"):
        share_entry(session, holder, story(session, holder, title), pat(book))
    session.commit()
    client = sign_in(app.test_client(), book.professional)
    assert client.get(f"/families/{book.family.id}/story").status_code == 200
    session.expire_all()
    assert access_log.count(session, book.family.id) >= 5
    assert access_log.verify(session) == []
    return book


def rows(session, family_id):
    return list(session.scalars(select(AccessLogRow).where(AccessLogRow.family_id == family_id)
                                .order_by(AccessLogRow.seq)))


def cli(app, *args):
    return app.test_cli_runner().invoke(args=["verify-access-log", *args])


def changed(column, row, book, session):
    """Another value for one column of a row, one a database would accept."""
    other_entry = session.scalar(select(AccessLogRow.entry_id).where(
        AccessLogRow.entry_id.is_not(None), AccessLogRow.entry_id != row.entry_id))
    return {
        "family_id": book.other_family.id,
        "seq": row.seq + 1000,
        "actor_id": book.holder.id if row.actor_id != book.holder.id else book.young.id,
        "action": "print" if row.action != "print" else "read",
        "entry_id": other_entry,
        "details": {**row.details, "title": "Something else"},
        "created_at": row.created_at + timedelta(microseconds=1),
        "prev_hash": "1" * 64,
        "hash": "2" * 64,
    }[column]


COLUMNS = ("family_id", "seq", "actor_id", "action", "entry_id", "details", "created_at",
           "prev_hash", "hash")


@pytest.mark.parametrize("position", ["middle", "newest"])
@pytest.mark.parametrize("column", COLUMNS)
def test_changing_any_column_of_any_row_fails_the_check(app, session, logged, column, position):
    found = rows(session, logged.family.id)
    target = found[len(found) // 2] if position == "middle" else found[-1]
    session.execute(update(AccessLogRow).where(AccessLogRow.id == target.id)
                    .values({column: changed(column, target, logged, session)}))
    session.commit()
    breaks = access_log.verify(session)
    assert breaks and breaks[0].family_id == logged.family.id
    result = cli(app)
    assert result.exit_code == 1 and f"Family {logged.family.id}: row" in result.output
    assert "intact" not in result.output


def test_deleting_the_newest_rows_fails_the_check(app, session, logged):
    found = rows(session, logged.family.id)
    session.execute(delete(AccessLogRow).where(AccessLogRow.id.in_([r.id for r in found[-2:]])))
    session.commit()
    result = cli(app)
    assert result.exit_code == 1
    assert (f"Family {logged.family.id}: row {len(found) - 1} is missing: the log's head says "
            f"it has {len(found)} rows.") in result.output


def test_deleting_a_whole_familys_log_fails_the_check(app, session, logged):
    session.execute(delete(AccessLogRow).where(AccessLogRow.family_id == logged.family.id))
    session.commit()
    assert [(b.family_id, b.seq) for b in access_log.verify(session)] == [(logged.family.id, 1)]
    assert cli(app, "--family", str(logged.family.id)).exit_code == 1


def test_deleting_the_log_and_its_head_fails_the_check(app, session, logged):
    session.execute(delete(AccessLogRow).where(AccessLogRow.family_id == logged.family.id))
    session.execute(delete(AccessLogHead).where(AccessLogHead.family_id == logged.family.id))
    session.commit()
    result = cli(app)
    assert result.exit_code == 1
    assert f"Family {logged.family.id}: row 1 cannot be checked: the log's head is missing." in (
        result.output)


def test_moving_the_head_back_over_deleted_rows_fails_without_the_key(app, session, logged):
    found = rows(session, logged.family.id)
    keep = found[:-2]
    session.execute(delete(AccessLogRow).where(AccessLogRow.id.in_([r.id for r in found[-2:]])))
    session.execute(update(AccessLogHead).where(AccessLogHead.family_id == logged.family.id)
                    .values(row_count=len(keep), chain=keep[-1].hash))
    session.commit()
    assert [b.reason for b in access_log.verify(session)] == [
        "cannot be checked: the log's head was changed"]


def _rechain(session, family_id, key: bytes | None, title="Nothing to see"):
    """Rewrite one row's details, then chain every row and the head again: with a plain
    SHA-256 (key None, the app's old digest) or HMAC with the given key."""
    def mac(content):
        message = json.dumps(content, sort_keys=True, ensure_ascii=False,
                             separators=(",", ":")).encode("utf-8")
        if key is None:
            return hashlib.sha256(message).hexdigest()
        return access_log._mac(key, content)

    prev = access_log.GENESIS
    for row in rows(session, family_id):
        details = {**row.details, "title": title} if row.seq == 2 else row.details
        digest = mac([prev, family_id, row.seq, row.actor_id, row.action, row.entry_id, details,
                      row.created_at.isoformat(timespec="microseconds")])
        session.execute(update(AccessLogRow).where(AccessLogRow.id == row.id)
                        .values(details=details, prev_hash=prev, hash=digest))
        prev = digest
    count = len(rows(session, family_id))
    session.execute(update(AccessLogHead).where(AccessLogHead.family_id == family_id).values(
        row_count=count, chain=prev, seal=mac(["head", family_id, count, prev])))
    session.commit()


@pytest.mark.parametrize("key", [None, b"a guessed key"], ids=["plain sha-256", "other key"])
def test_a_history_chained_again_without_the_portals_key_fails(app, session, logged, key):
    _rechain(session, logged.family.id, key)
    assert cli(app).exit_code == 1


def test_with_the_key_a_rewrite_verifies_but_the_paper_value_catches_it(app, session, logged):
    head = access_log.head_of(session, logged.family.id)
    paper = chain_groups(head.chain)
    assert cli(app, "--against", paper).exit_code == 0
    # Someone holding the key (the positive control: the rewriter above is the app's own).
    _rechain(session, logged.family.id, session.info[access_log.KEY].encode())
    assert access_log.verify(session) == []
    result = cli(app, "--against", paper)
    assert result.exit_code == 1
    assert "The value from paper is not in any family's log" in result.output


def test_the_paper_value_is_found_and_named_with_its_row(app, session, logged):
    head = access_log.head_of(session, logged.family.id)
    result = cli(app, "--family", str(logged.family.id), "--against", head.chain[:16].upper())
    assert result.exit_code == 0, result.output
    assert f"row {head.row_count} of family {logged.family.id}'s log" in result.output
    assert "The access log is intact." in result.output
    # Later rows do not matter: the paper's row and every row after it must still hold.
    sign_in(app.test_client(), logged.professional).get(f"/families/{logged.family.id}/story")
    assert cli(app, "--against", head.chain).exit_code == 0
    assert cli(app, "--family", str(logged.other_family.id), "--against",
               head.chain).exit_code == 1


@pytest.mark.parametrize("value", ["1234", "zz" * 10, "0" * 65])
def test_a_paper_value_that_cannot_be_one_is_refused_in_plain_words(app, value):
    result = cli(app, "--against", value)
    assert result.exit_code == 2
    # The sentence as the person reads it, the last words of the error about the option.
    assert " ".join(result.output.split()).endswith(
        ": A chain value is 16 to 64 of the letters a to f and digits 0 to 9.")


def _break_the_other_familys_log(app, session, book):
    other = reader_for(session, book.other_holder, book.other_family.id)
    connect_with_code(session, book.professional, new_connection_code(session, other), utcnow())
    session.commit()
    theirs = rows(session, book.other_family.id)
    session.execute(update(AccessLogRow).where(AccessLogRow.id == theirs[0].id)
                    .values(action="print"))
    session.commit()
    assert [b.family_id for b in access_log.verify(session)] == [book.other_family.id]


def test_a_paper_value_is_judged_by_its_own_familys_log_only(app, session, logged):
    """Another family's broken log is no reason to doubt this family's paper, and a value from
    paper that is in no log says so without naming anyone's breaks."""
    head = access_log.head_of(session, logged.family.id)
    _break_the_other_familys_log(app, session, logged)
    found = access_log.verify_against(session, head.chain)
    assert (found.family_id, found.seq, found.breaks) == (logged.family.id, head.row_count, [])
    assert access_log.verify_against(session, "ab" * 16) == access_log.PaperCheck(None, None, [])


def test_a_paper_value_missing_from_a_broken_log_names_the_break(app, session, logged):
    head = access_log.head_of(session, logged.family.id)
    _break_the_other_familys_log(app, session, logged)
    other = logged.other_family.id
    missing = access_log.verify_against(session, head.chain, other)
    assert (missing.family_id, missing.seq) == (other, None)
    assert [b.family_id for b in missing.breaks] == [other]
    mine = access_log.verify_against(session, "cd" * 16, logged.family.id)
    assert (mine.family_id, mine.seq, mine.breaks) == (logged.family.id, None, [])


def test_a_new_row_after_deleted_ones_does_not_heal_the_gap(app, session, logged):
    found = rows(session, logged.family.id)
    session.execute(delete(AccessLogRow).where(AccessLogRow.id == found[-1].id))
    session.commit()
    sign_in(app.test_client(), logged.professional).get(f"/families/{logged.family.id}/story")
    assert [b.reason for b in access_log.verify(session)] == ["a row is missing before this one"]


def test_a_new_family_has_a_head_before_its_first_row(session, book):
    head = access_log.head_of(session, book.other_family.id)
    assert (head.row_count, head.chain) == (0, access_log.GENESIS)
    assert access_log.verify(session, book.other_family.id) == []


def test_the_familys_booklet_closes_with_the_chain_value_and_row_count(session, logged):
    holder = reader_for(session, logged.holder, logged.family.id)
    head = access_log.head_of(session, logged.family.id)
    pages = PdfReader(BytesIO(build_booklet(session, holder, Options()).pdf)).pages
    text = " ".join(pages[-2].extract_text().split())  # the last page before the back cover
    assert f"had {head.row_count} lines" in text
    assert chain_groups(head.chain) in text
    teacher = reader_for(session, logged.professional, logged.family.id)
    theirs = build_booklet(session, teacher, Options()).pdf
    assert "check number" not in " ".join(
        page.extract_text() for page in PdfReader(BytesIO(theirs)).pages)


def test_the_downloaded_copy_carries_the_chain_value_and_row_count(app, session, logged):
    client = sign_in(app.test_client(), logged.holder)
    copy = client.get(f"/families/{logged.family.id}/your-data/copy.json").get_json()
    head = access_log.head_of(session, logged.family.id)
    assert copy["access_log_head"] == {"rows": head.row_count, "chain": head.chain}
    assert cli(app, "--against", copy["access_log_head"]["chain"]).exit_code == 0


@pytest.mark.parametrize("key", [None, "short", "test secret, long enough to be taken seriously"])
def test_production_needs_an_access_log_key_of_its_own(monkeypatch, key):
    monkeypatch.setenv("PORTAL_ENV", "production")
    monkeypatch.setenv("SECRET_KEY", "test secret, long enough to be taken seriously")
    monkeypatch.setenv("ORIGIN", "https://book.example.org")
    if key is None:
        monkeypatch.delenv("ACCESS_LOG_KEY", raising=False)
    else:
        monkeypatch.setenv("ACCESS_LOG_KEY", key)
    with pytest.raises(UnsafeConfiguration, match="ACCESS_LOG_KEY"):
        create_app()


def _read_again(app, book):
    client = sign_in(app.test_client(), book.professional)
    assert client.get(f"/families/{book.family.id}/story").status_code == 200


def _head(session, family_id):
    head = access_log.head_of(session, family_id)
    return {"row_count": head.row_count, "chain": head.chain, "seal": head.seal}


def _put_head_back(session, family_id, kept):
    session.execute(update(AccessLogHead).where(AccessLogHead.family_id == family_id)
                    .values(**kept))
    session.commit()


def test_each_break_is_named_with_its_family_row_and_reason(app, session, logged):
    """What the check prints is what an auditor acts on: the family, the row, and why."""
    fid = logged.family.id
    found = rows(session, fid)
    newest = found[-1].seq
    session.execute(update(AccessLogRow).where(AccessLogRow.id == found[2].id)
                    .values(prev_hash="1" * 64))
    session.commit()
    assert [(b.family_id, b.seq, b.reason) for b in access_log.verify(session)] == [
        (fid, found[2].seq, "does not follow the row before it")]
    session.execute(delete(AccessLogRow).where(AccessLogRow.id == found[2].id))
    session.commit()
    assert [(b.family_id, b.seq, b.reason) for b in access_log.verify(session, fid)] == [
        (fid, found[3].seq, "a row is missing before this one")]
    session.execute(update(AccessLogHead).where(AccessLogHead.family_id == fid)
                    .values(row_count=newest - 1))
    session.commit()
    assert [(b.family_id, b.seq, b.reason) for b in access_log.verify(session, fid)] == [
        (fid, newest - 1, "cannot be checked: the log's head was changed")]


def test_a_row_restored_without_its_head_is_named(app, session, logged):
    """A backup of the rows put back beside an older head: the rows after it are named."""
    fid = logged.family.id
    kept = _head(session, fid)
    _read_again(app, logged)
    _put_head_back(session, fid, kept)
    assert [(b.family_id, b.seq, b.reason) for b in access_log.verify(session)] == [
        (fid, kept["row_count"] + 1,
         f"was added after the log's head ({kept['row_count']} rows)")]


def test_the_newest_row_rewritten_beside_its_head_is_named(app, session, logged):
    """The newest row rewritten and chained again with the key, the sealed head left as it was:
    every row follows the one before it, and the count agrees, but the head names another row."""
    fid = logged.family.id
    newest = rows(session, fid)[-1]
    details = {**newest.details, "title": "Nothing to see"}
    digest = access_log._digest(session.info[access_log.KEY].encode(), newest.prev_hash, fid,
                                newest.seq, newest.actor_id, newest.action, newest.entry_id,
                                details, newest.created_at)
    session.execute(update(AccessLogRow).where(AccessLogRow.id == newest.id)
                    .values(details=details, hash=digest))
    session.commit()
    assert [(b.family_id, b.seq, b.reason) for b in access_log.verify(session)] == [
        (fid, newest.seq, "is not the row the log's head recorded")]


def test_a_row_put_back_exactly_as_it_was_still_verifies(app, session, logged):
    """A row deleted and restored from a backup, word for word, is stored after the others: the
    chain is read in the log's order, so it holds."""
    fid = logged.family.id
    middle = rows(session, fid)[2]
    kept = {column: getattr(middle, column) for column in COLUMNS}
    session.execute(delete(AccessLogRow).where(AccessLogRow.id == middle.id))
    session.execute(insert(AccessLogRow), [kept])
    session.commit()
    assert access_log.verify(session) == []



def test_show_only_one_entry_keeps_to_that_entry(session, logged):
    holder = reader_for(session, logged.holder, logged.family.id)
    about = {row.entry_id for row in rows(session, logged.family.id) if row.entry_id}
    assert len(about) >= 2, "the log is about more than one entry"
    for entry_id in about:
        shown, more = access_log.page_for(session, holder, logged.family.id, 1,
                                          entry_id=entry_id)
        assert shown and {row.entry_id for row in shown} == {entry_id} and not more


def test_show_only_one_person_keeps_to_every_row_of_that_person(session, logged):
    holder = reader_for(session, logged.holder, logged.family.id)
    people = access_log.actors_for(session, holder, logged.family.id)
    assert len(people) >= 2, "more than one person appears in the log"
    for actor_id, _name in people:
        shown, more = access_log.page_for(session, holder, logged.family.id, 1,
                                          actor_id=actor_id)
        assert [row.id for row in shown] == [
            row.id for row in reversed(rows(session, logged.family.id))
            if row.actor_id == actor_id] and not more


@pytest.mark.parametrize("reads", [0, 1])
def test_fifty_rows_are_one_page_and_the_fifty_first_starts_another(
        session, logged, reads):
    holder = reader_for(session, logged.holder, logged.family.id)
    for _ in range(50 - access_log.count(session, logged.family.id) + reads):
        access_log.append(session, logged.family.id, logged.professional.id, "read")
    first, more = access_log.page_for(session, holder, logged.family.id, 1)
    assert (len(first), more) == (50, reads == 1)
    second, _ = access_log.page_for(session, holder, logged.family.id, 2)
    assert len(second) == reads


def test_a_parent_sees_the_reads_made_once_a_young_persons_entry_was_shown_to_the_family(
        session, logged):
    """Who has looked, for a parent, follows each entry as it stood when the row was written:
    nothing of the time Jo kept her entry private, every read from the moment she showed it to
    the family (a read at that very instant included), and the reads of the parents' own
    entries, however many versions other entries have."""
    fid = logged.family.id
    start = utcnow()

    def at(minutes):
        return start + timedelta(minutes=minutes)

    def patel_reads(minutes, entry):
        reading.entry(session, reader_for(session, logged.professional, fid, at(minutes)),
                      entry.id)

    jo = reader_for(session, logged.young, fid, at(1))
    worry = story(session, jo, "Worried about exams", visibility="private")
    share_entry(session, jo, worry, pat(logged))
    patel_reads(2, worry)
    session.flush()
    update_entry(session, jo, worry, {**worry.fields, "title": "Exams",
                                      "category": worry.category,
                                      "owner_member_id": str(worry.owner_member_id),
                                      "visibility": "family"}, worry.version, now=at(3))
    patel_reads(3, worry)
    school = session.scalar(select(Entry).where(Entry.family_id == fid, Entry.title == "School"))
    patel_reads(4, school)
    patel_reads(4, worry)
    session.commit()

    def seen_by(account):
        shown, _more = access_log.page_for(session, reader_for(session, account, fid), fid, 1)
        return [(row.action, row.entry_id, row.created_at) for row in shown
                if row.created_at > start]

    assert seen_by(logged.holder) == [("read", worry.id, at(4)), ("read", school.id, at(4)),
                                      ("read", worry.id, at(3))]
    assert seen_by(logged.young) == [
        ("read", worry.id, at(4)), ("read", school.id, at(4)), ("read", worry.id, at(3)),
        ("read", worry.id, at(2)), ("grant", worry.id, at(1))]
    # "Show only" offers the people of the rows the reader sees, by name: Jo's only row (her
    # share) is about her private words, so her parent is not offered her.
    people = [(logged.professional.id, "Ms Patel"), (logged.holder.id, "Sam Carter")]
    assert access_log.actors_for(session, reader_for(session, logged.holder, fid), fid) == people
    assert access_log.actors_for(session, jo, fid) == [(logged.young.id, "Jo Carter"), *people]


def test_a_book_from_before_heads_were_kept_gets_one_on_its_next_row(session, logged):
    fid = logged.family.id
    found = rows(session, fid)
    session.execute(delete(AccessLogHead).where(AccessLogHead.family_id == fid))
    access_log.append(session, fid, logged.professional.id, "read")
    session.commit()
    assert _head(session, fid)["row_count"] == len(found) + 1
    assert rows(session, fid)[-1].prev_hash == found[-1].hash
    assert access_log.verify(session) == []


@pytest.mark.parametrize("left", ["head", "rows"])
def test_a_book_deleted_behind_the_portals_back_is_named_by_what_is_left_of_its_log(
        app, session, logged, left):
    """The book's row deleted straight in the database file, as the sqlite3 program opens it
    (without the portal's foreign-key checks), with its log's rows or its head: what is left of
    the log still names the family."""
    engine = app.extensions["db_engine"]
    if engine.dialect.name != "sqlite":
        pytest.skip("PostgreSQL's foreign keys hold for every connection")
    fid = logged.family.id
    count = len(rows(session, fid))
    session.commit()
    with closing(sqlite3.connect(engine.url.database)) as raw, raw:
        raw.execute(f"DELETE FROM {'access_log' if left == 'head' else 'access_log_heads'} "
                    "WHERE family_id = ?", (fid,))
        raw.execute("DELETE FROM families WHERE id = ?", (fid,))
    session.expire_all()
    reason = {"head": f"is missing: the log's head says it has {count} rows",
              "rows": "cannot be checked: the log's head is missing"}[left]
    assert [(b.family_id, b.seq, b.reason) for b in access_log.verify(session)] == [
        (fid, 1, reason)]


def test_an_auditor_holding_the_key_recomputes_each_row_and_the_head_by_the_documented_recipe(
        session, logged):
    """An auditor's own tool, given the key, checks the log without the portal's code: each
    hash is HMAC-SHA256 of the row's content as compact JSON with sorted keys and the words as
    written (not escaped), its time to the microsecond even on the second; the head's seal the
    same over "head", the family, the row count and the last hash."""
    fid = logged.family.id
    on_the_second = datetime(2026, 3, 3, 9, 30, tzinfo=timezone.utc)
    access_log.append(session, fid, logged.professional.id, "open",
                      [(None, {"title": "Zoë’s school report", "entry": "School"})],
                      now=on_the_second)
    session.commit()
    key = session.info[access_log.KEY].encode()

    def mac(content):
        text = json.dumps(content, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
        return hmac.new(key, text.encode("utf-8"), hashlib.sha256).hexdigest()

    found = rows(session, fid)
    assert found[-1].created_at == on_the_second
    prev = access_log.GENESIS
    for row in found:
        assert row.prev_hash == prev
        assert row.hash == mac([prev, fid, row.seq, row.actor_id, row.action, row.entry_id,
                                row.details, row.created_at.isoformat(timespec="microseconds")])
        prev = row.hash
    head = access_log.head_of(session, fid)
    assert (head.row_count, head.chain) == (len(found), prev)
    assert head.seal == mac(["head", fid, len(found), prev])


def test_a_book_with_neither_head_nor_rows_starts_its_chain_at_row_one(session, book):
    """A book from before heads were kept that nobody outside had read yet: its first row is
    row 1, chained from the start, and the check holds."""
    fid = book.other_family.id
    session.execute(delete(AccessLogHead).where(AccessLogHead.family_id == fid))
    access_log.append(session, fid, book.professional.id, "read")
    session.commit()
    first, = rows(session, fid)
    assert (first.seq, first.prev_hash) == (1, access_log.GENESIS)
    assert _head(session, fid)["row_count"] == 1
    assert access_log.verify(session, fid) == []
