"""Random sequences of share / stop / end a connection / time passing / accepting a proposal /
changing the advocate, in two families that share with the same professional and the same
organisation, against a plain model of who may see what, checked in the one rule and over every
page, booklet and download the professional can open.

Family A may choose the professional as its advocate, and later someone else (nobody): as
advocate they read the whole plan, and from the next request after they step down, none of it.

Another professional writes an entry about school for family A: a proposal, which the professional
never sees while it waits, and sees once accepted only as a live grant covers it, like any entry.

The model says it in the family's terms, not the code's: "shared until 5 March" is readable all
of 5 March and not from the first instant of 6 March. Time moves in whole days and to the
instants around midnight, the boundary instant itself included.
"""

import re
from datetime import datetime, time, timedelta
from io import BytesIO

from conftest import PASSWORD, sign_in
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pypdf import PdfReader

import record_book.policy.access
from plans import editing
from print_templates.booklet import Options, build_booklet
from record_book.accounts.accounts import create_account, create_organisation
from record_book.book.entries import add_entry
from record_book.book.families import join_family, own_member_entry_id, start_family
from record_book.book.proposals import accept, propose
from record_book.clock import utcnow
from record_book.policy import readable_entries, reader_for
from record_book.sharing.connections import Grantee
from record_book.sharing.contributors import set_categories
from record_book.sharing.grants import share_category, share_entry, stop_grant
from record_book.sharing.leads import change_advocate
from record_book.sharing.model import Connection, Grant

# Each family's entries: (kind, category, owner, visibility). "young" is a young person's.
ENTRIES = {
    "A": [("story", "home", "holder", "family"), ("story", "school", "holder", "adults"),
          ("event", "school", "holder", "family"), ("service", "health", "holder", "family"),
          ("story", "home", "young", "family"), ("story", "home", "young", "private")],
    "B": [("story", "home", "holder", "family"), ("event", "school", "holder", "family")],
}
PAGES = ["/", "/people", "/story", "/what-helps", "/timeline", "/services", "/check-ins",
         "/notes"]
FAMILIES = st.sampled_from(["A", "B"])
WHOM = st.sampled_from(["pro", "org"])
DAYS = st.sampled_from([None, 1, 2])

steps = st.lists(st.one_of(
    st.tuples(st.just("share_entry"), FAMILIES, st.integers(0, 5), WHOM, DAYS),
    st.tuples(st.just("share_category"), FAMILIES, st.sampled_from(["home", "school", "health"]),
              WHOM, DAYS),
    # The young person shares their own entry, private or not.
    st.tuples(st.just("young_shares"), st.just("A"), st.sampled_from([4, 5]), WHOM, DAYS),
    # A grant of a young person's private entry made by a holder (as an imported book can hold):
    # it never reaches anyone.
    st.tuples(st.just("holder_grant_of_private"), st.just("A"), st.just(5), WHOM, st.none()),
    st.tuples(st.just("stop"), st.none(), st.integers(0, 9), st.none(), st.none()),
    st.tuples(st.just("end_connection"), FAMILIES, st.none(), WHOM, st.none()),
    st.tuples(st.just("time_passes"), st.none(), st.sampled_from([1, 2]), st.none(), st.none()),
    # To the next midnight, a microsecond either side of it, or the instant itself.
    st.tuples(st.just("to_midnight"), st.none(), st.sampled_from([-1, 0, 1]), st.none(),
              st.none()),
    st.tuples(st.just("accept_proposal"), st.just("A"), st.none(), st.none(), st.none()),
    # Family A chooses the professional as its advocate, or nobody.
    st.tuples(st.just("lead"), st.just("A"), st.sampled_from(["pro", "none"]), st.none(),
              st.none()),
), max_size=10)


def raw(kind, category, marker, owner, visibility):
    base = {"category": category, "owner_member_id": str(owner), "visibility": visibility}
    if kind == "story":
        return {**base, "section": "story_so_far", "title": f"Title {marker}",
                "text": f"Words {marker}"}
    if kind == "event":
        return {**base, "title": f"Title {marker}", "date-day": "1", "date-month": "2",
                "date-year": "2024", "event_type": "meeting", "details": f"Words {marker}"}
    return {**base, "agency": f"Title {marker}", "why_our_words": f"Words {marker}"}


def booklet_text(session, reader) -> str:
    pdf = build_booklet(session, reader, Options()).pdf
    return re.sub(r"\s+", " ", " ".join(page.extract_text() for page in
                                        PdfReader(BytesIO(pdf)).pages))


def next_midnight(now: datetime) -> datetime:
    return datetime.combine(now.date() + timedelta(days=1), time.min, tzinfo=now.tzinfo)


class World:
    """Two families, one professional in one organisation, both connected to both books."""

    def __init__(self, session, n, now):
        self.session = session
        org = create_organisation(session, f"Org {n}")
        self.pro = create_account(session, f"p{n}", "Pro", "professional", PASSWORD, org)
        self.whom = {"pro": Grantee(self.pro.id, None, "Pro"),
                     "org": Grantee(None, org.id, org.name)}
        self.people, self.families, self.entries, self.markers = {}, {}, {}, {}
        self.connections = {}
        for name in ENTRIES:
            holder = create_account(session, f"h{name}{n}", "Holder", "family", PASSWORD)
            family = start_family(session, f"Book {name}{n}", holder, {
                "name": "Holder", "relationship": "Mum", "lives": "with_us"})
            young = create_account(session, f"y{name}{n}", "Young", "family", PASSWORD)
            join_family(session, family, young, "young_person")
            self.people[name] = {"holder": holder, "young": young}
            self.families[name] = family
            self.connections[name] = {
                "pro": Connection(family_id=family.id, account_id=self.pro.id,
                                  created_by_id=holder.id),
                "org": Connection(family_id=family.id, organisation_id=org.id,
                                  created_by_id=holder.id)}
            session.add_all(self.connections[name].values())
            member = own_member_entry_id(session, reader_for(session, holder, family.id))
            self.markers[name] = [f"m{n}{name}x{i}q" for i in range(len(ENTRIES[name]))]
            self.entries[name] = [
                add_entry(session, self.reader(name, owner, now), kind,
                          raw(kind, category, self.markers[name][i], member, visibility))
                for i, (kind, category, owner, visibility) in enumerate(ENTRIES[name])]
        # The writer is connected to family A only, and allowed to write about school.
        writer = create_account(session, f"w{n}", "Writer", "professional", PASSWORD)
        session.add(Connection(family_id=self.families["A"].id, account_id=writer.id,
                               created_by_id=self.people["A"]["holder"].id))
        holder_a = self.reader("A", "holder", now)
        set_categories(session, holder_a, writer.id, ["school"])
        self.proposed = f"m{n}proposedq"
        self.proposal = propose(session, reader_for(session, writer, self.families["A"].id,
                                                    now=now), "story", {
            "section": "what_helped", "title": f"Title {self.proposed}",
            "text": f"Words {self.proposed}", "category": "school"})
        self.proposal_owner = own_member_entry_id(session, holder_a)
        # Family A's plan, which only its advocate reads outside the family.
        self.planned = f"m{n}plannedq"
        plan = editing.start_plan(session, holder_a)
        editing.save(session, holder_a, plan, editing.read_form(session, holder_a, {
            "new-goal.title": f"Goal {self.planned}", "new-goal.area": "home"}, {}), 1)
        session.commit()

    def reader(self, family, who, now):
        return reader_for(self.session, self.people[family][who], self.families[family].id,
                          now=now)


class Model:
    """What the family expects: each grant as (family, entries it names, whom, last day, stopped),
    and which connections are ended."""

    def __init__(self):
        self.grants = []  # [grant row, family, covered entry indexes, last day or None]
        self.made_by = []  # who stops it: "holder", "young", or None (nobody may)
        self.stopped = set()
        self.ended = set()  # (family, "pro" | "org")
        self.leads = set()  # the families whose advocate the professional is

    def add(self, grant, family, covered, last_day, by="holder"):
        self.grants.append((grant, family, covered, last_day))
        self.made_by.append(by)

    def visible(self, family, now):
        """Entry indexes of the family the professional may read at `now`."""
        seen = set()
        for i, (_grant, grant_family, covered, last_day) in enumerate(self.grants):
            if grant_family != family or i in self.stopped:
                continue
            if last_day is None or now.date() <= last_day:
                seen |= covered
        return seen

    def proposal_visible(self, proposal, now):
        """The accepted proposal is an entry about school: a live grant of the school category
        covers it, as it would any entry about school."""
        return proposal.status == "accepted" and any(
            grant_family == "A" and grant.category == "school" and i not in self.stopped
            and (last_day is None or now.date() <= last_day)
            for i, (grant, grant_family, _covered, last_day) in enumerate(self.grants))

    def opens(self, family):
        return (family, "pro") not in self.ended or (family, "org") not in self.ended


@settings(max_examples=15, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(steps)
def test_a_professional_sees_exactly_what_live_grants_cover(app, session, monkeypatch, plan):
    clock = {"now": utcnow()}
    monkeypatch.setattr(record_book.policy.access, "utcnow", lambda: clock["now"])
    n = session.info.setdefault("example", 0) + 1
    session.info["example"] = n
    world = World(session, n, clock["now"])
    model = Model()
    for action, family, arg, whom, days in plan:
        now = clock["now"]
        last_day = (now + timedelta(days=days)).date() if days else None
        if action == "share_entry":
            index = arg % len(ENTRIES[family])
            if ENTRIES[family][index][2] == "holder":
                holder = world.reader(family, "holder", now)
                model.add(share_entry(session, holder, world.entries[family][index],
                                      world.whom[whom], last_day), family, {index}, last_day)
        elif action == "share_category":
            holder = world.reader(family, "holder", now)
            covered = {i for i, (_k, category, owner, _v) in enumerate(ENTRIES[family])
                       if category == arg and owner == "holder"}
            model.add(share_category(session, holder, arg, world.whom[whom], last_day),
                      family, covered, last_day)
        elif action == "young_shares":
            young = world.reader(family, "young", now)
            model.add(share_entry(session, young, world.entries[family][arg], world.whom[whom],
                                  last_day), family, {arg}, last_day, by="young")
        elif action == "holder_grant_of_private":
            grantee = world.whom[whom]
            grant = Grant(family_id=world.families[family].id,
                          entry_id=world.entries[family][arg].id,
                          grantee_account_id=grantee.account_id,
                          grantee_organisation_id=grantee.organisation_id,
                          granted_by_id=world.people[family]["holder"].id, granted_at=now)
            session.add(grant)
            model.add(grant, family, set(), None, by=None)
        elif action == "stop" and arg < len(model.grants) and arg not in model.stopped:
            grant, grant_family, _covered, _last = model.grants[arg]
            by = model.made_by[arg]
            if by is not None:
                stop_grant(session, world.reader(grant_family, by, now), grant)
                model.stopped.add(arg)
        elif action == "end_connection":
            world.connections[family][whom].ended_at = now
            model.ended.add((family, whom))
            if whom == "pro" and family in model.leads:
                # Ending the advocate's connection ends their leading too (as leads does).
                change_advocate(session, world.reader(family, "holder", now), "none")
                model.leads.discard(family)
        elif action == "lead" and (family, "pro") not in model.ended \
                and (arg == "pro") != (family in model.leads):
            change_advocate(session, world.reader(family, "holder", now),
                            f"a{world.pro.id}" if arg == "pro" else "none")
            if arg == "pro":
                model.leads.add(family)
            else:
                model.leads.discard(family)
        elif action == "time_passes":
            clock["now"] += timedelta(days=arg)
        elif action == "to_midnight":
            clock["now"] = next_midnight(now) + timedelta(microseconds=arg)
        elif action == "accept_proposal" and world.proposal.status == "waiting":
            accept(session, world.reader(family, "holder", now), world.proposal,
                   owner_member_id=str(world.proposal_owner))
        session.commit()

    now = clock["now"]
    client = sign_in(app.test_client(), world.pro)
    for family in ENTRIES:
        entries, markers = world.entries[family], world.markers[family]
        visible = model.visible(family, now)
        as_pro = reader_for(session, world.pro, world.families[family].id, now=now)
        readable = set(session.scalars(readable_entries(as_pro).with_only_columns(
            record_book.policy.access.Entry.id)))
        proposal_seen = family == "A" and model.proposal_visible(world.proposal, now)
        assert readable == {entries[i].id for i in visible} | (
            {world.proposal.entry_id} if proposal_seen else set()), (family, plan)

        book = f"/families/{world.families[family].id}"
        shown_on_pages = visible if model.opens(family) else set()
        hidden = [markers[i] for i in range(len(entries)) if i not in shown_on_pages]
        if family == "A" and not (proposal_seen and model.opens(family)):
            hidden.append(world.proposed)
        proposal_pages = ["/write", "/waiting", f"/waiting/{world.proposal.id}"] + (
            [f"/entries/{world.proposal.entry_id}"] if world.proposal.entry_id else [])
        for page in PAGES + proposal_pages + [f"/entries/{e.id}" for e in entries]:
            response = client.get(book + page)
            if not model.opens(family):
                # Every connection ended: the book is not there for them at all.
                assert response.status_code == 404, (family, page, plan)
            for marker in hidden:
                assert marker not in response.text, (family, page, marker, plan)
        for i in shown_on_pages:
            assert markers[i] in client.get(f"{book}/entries/{entries[i].id}").text
        # The plan: its advocate reads it all, and nobody else outside the family any of it.
        leads = family in model.leads
        plan_page = client.get(f"{book}/plan/")
        assert (world.planned in plan_page.text) == (family == "A" and leads), (family, plan)
        assert client.get(f"{book}/plan/edit").status_code == (200 if leads else 404)
        # The booklet and the whole-book download hold nothing more than the pages.
        assert client.get(f"{book}/your-data/copy.json").status_code == 404
        if model.opens(family) and family == "A":
            printed = booklet_text(session, as_pro)
            # The print's log rows are the test session's own: let go of the database.
            session.rollback()
            for marker in hidden + ([] if leads else [world.planned]):
                assert marker not in printed, (family, marker, plan)
            if leads:
                assert world.planned in printed, plan
        if family == "A" and proposal_seen and model.opens(family):
            assert world.proposed in client.get(
                f"{book}/entries/{world.proposal.entry_id}").text, plan
