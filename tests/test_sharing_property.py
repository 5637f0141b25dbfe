"""Random sequences of share / stop / expire / time passing, against a simple model of who may
see what, checked over every page a professional can open."""

from datetime import timedelta

from conftest import PASSWORD, sign_in
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import record_book.policy
from record_book.accounts.accounts import create_account
from record_book.book.entries import add_entry
from record_book.book.families import own_member_entry_id, start_family
from record_book.clock import utcnow
from record_book.policy import readable_entries, reader_for
from record_book.sharing.connections import Grantee
from record_book.sharing.grants import share_category, share_entry, stop_grant
from record_book.sharing.model import Connection

ENTRIES = [("story", "home"), ("story", "school"), ("event", "school"), ("service", "health")]
PAGES = ["/", "/people", "/story", "/what-helps", "/timeline", "/services", "/check-ins",
         "/notes"]

steps = st.lists(st.one_of(
    st.tuples(st.just("share_entry"), st.integers(0, 3), st.sampled_from([None, 1, 5])),
    st.tuples(st.just("share_category"), st.sampled_from(["home", "school", "health"]),
              st.sampled_from([None, 1, 5])),
    st.tuples(st.just("stop"), st.integers(0, 9), st.none()),
    st.tuples(st.just("time_passes"), st.sampled_from([1, 3, 7]), st.none()),
), max_size=8)


def raw(kind, category, marker, owner):
    base = {"category": category, "owner_member_id": str(owner)}
    if kind == "story":
        return {**base, "section": "story_so_far", "title": f"Title {marker}",
                "text": f"Words {marker}"}
    if kind == "event":
        return {**base, "title": f"Title {marker}", "date-day": "1", "date-month": "2",
                "date-year": "2024", "event_type": "meeting", "details": f"Words {marker}"}
    return {**base, "agency": f"Title {marker}", "why_our_words": f"Words {marker}"}


@settings(max_examples=20, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(steps)
def test_a_professional_sees_exactly_what_live_grants_cover(app, session, monkeypatch, plan):
    clock = {"now": utcnow()}
    monkeypatch.setattr(record_book.policy, "utcnow", lambda: clock["now"])
    n = session.info.setdefault("example", 0) + 1
    session.info["example"] = n
    holder = create_account(session, f"h{n}", "Holder", "family", PASSWORD)
    family = start_family(session, f"Book {n}", holder, {"name": "Holder", "relationship": "Mum",
                                                         "lives": "with_us"})
    pro = create_account(session, f"p{n}", "Pro", "professional", PASSWORD)
    session.add(Connection(family_id=family.id, account_id=pro.id, created_by_id=holder.id))
    reader = reader_for(session, holder, family.id)
    owner = own_member_entry_id(session, reader)
    markers = [f"m{n}x{i}q" for i in range(len(ENTRIES))]
    entries = [add_entry(session, reader, kind, raw(kind, category, markers[i], owner))
               for i, (kind, category) in enumerate(ENTRIES)]
    session.commit()
    grantee = Grantee(pro.id, None, "Pro")
    grants = []  # (grant, set of entry indexes it covers)
    for action, arg, days in plan:
        reader = reader_for(session, holder, family.id, now=clock["now"])
        until = (clock["now"] + timedelta(days=days)).date() if days else None
        if action == "share_entry":
            grants.append((share_entry(session, reader, entries[arg], grantee, until), {arg}))
        elif action == "share_category":
            covered = {i for i, (_k, c) in enumerate(ENTRIES) if c == arg}
            grants.append((share_category(session, reader, arg, grantee, until), covered))
        elif action == "stop" and arg < len(grants) and grants[arg][0].revoked_at is None:
            stop_grant(session, reader, grants[arg][0])
        elif action == "time_passes":
            clock["now"] += timedelta(days=arg)
        session.commit()

    def live(grant):
        return grant.revoked_at is None and (grant.expires_at is None
                                             or grant.expires_at > clock["now"])

    visible = set().union(*[covered for grant, covered in grants if live(grant)])
    as_pro = reader_for(session, pro, family.id, now=clock["now"])
    readable = set(session.scalars(readable_entries(as_pro).with_only_columns(
        record_book.policy.Entry.id)))
    assert readable == {entries[i].id for i in visible}

    client = sign_in(app.test_client(), pro)
    hidden = [markers[i] for i in range(len(ENTRIES)) if i not in visible]
    for page in PAGES + [f"/entries/{e.id}" for e in entries]:
        text = client.get(f"/families/{family.id}{page}").text
        for marker in hidden:
            assert marker not in text, (page, marker, plan)
    for i in visible:
        assert markers[i] in client.get(f"/families/{family.id}/entries/{entries[i].id}").text
