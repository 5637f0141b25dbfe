"""One generated family's book as plain rows, the way the portal itself would have stored it.

`FamilyMaker.make(n)` returns rows for each table (dicts keyed by column name), with ids given
from shared counters so that a whole batch can go in with one executemany or one COPY. Every
random choice comes from a generator seeded with the family's number: the same seed gives the
same books, and family 7 is the same whether 1,000 or 100,000 are made.
"""

import os
import random
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone
from itertools import count

from seed_words import (
    AGENCIES,
    EVENT_TITLES,
    FIRST_NAMES,
    GOALS,
    PLACES,
    SENTENCES,
    STEPS,
    SURNAMES,
    TEAMS,
)

from plans.changes import changes
from plans.fields import _ID_ALPHABET as ID_ALPHABET
from portal.config import DEFAULT_ACCESS_LOG_KEY
from record_book.book.dates import PartialDate
from record_book.book.kinds import CATEGORIES, EVENT_TYPES, EVENTS_THAT_CAN_BE_AHEAD, STORY_SECTIONS
from record_book.sharing.access_log import GENESIS, _digest, _seal

# "Today" for the generated books, fixed so that the same seed gives the same books.
TODAY = date(2026, 11, 1)
NOON = datetime(2026, 11, 1, 12, tzinfo=timezone.utc)
# The key the benchmarks' portal keys its access log with (portal.config), so verify passes.
LOG_KEY = os.environ.get("ACCESS_LOG_KEY", DEFAULT_ACCESS_LOG_KEY).encode("utf-8")
PLAN_STARTED = "%(name)s started the plan"


@dataclass
class Professional:
    id: int
    name: str
    organisation_id: int
    organisation_name: str


@dataclass
class Ids:
    """The next id of every table, shared by all families of one run."""

    counters: dict = field(default_factory=dict)

    def next(self, table: str) -> int:
        return next(self.counters.setdefault(table, count(1)))


def _when(rng: random.Random, start: datetime, end: datetime) -> datetime:
    span = max(int((end - start).total_seconds()), 1)
    return (start + timedelta(seconds=rng.randrange(span))).replace(microsecond=rng.randrange(10**6))


def _text(rng: random.Random, sentences: int) -> str:
    chosen = rng.sample(SENTENCES, sentences)
    half = max(1, sentences // 2)
    return " ".join(chosen[:half]) + ("\n\n" + " ".join(chosen[half:]) if chosen[half:] else "")


def _key(rng: random.Random) -> str:
    """A goal or step key like plans.fields.new_id makes, from the family's generator."""
    return "".join(rng.choice(ID_ALPHABET) for _ in range(8))


def _partial(day: date, month_only: bool = False) -> dict:
    return PartialDate(day.year, day.month, None if month_only else day.day).to_json()


class FamilyMaker:
    def __init__(self, ids: Ids, professionals: list[Professional], busy: Professional | None,
                 password_hash: str, seed: int):
        self.ids, self.professionals, self.busy = ids, professionals, busy
        self.password_hash, self.seed = password_hash, seed

    def make(self, n: int) -> dict[str, list[dict]]:
        rng = random.Random(self.seed * 10_000_019 + n)
        book = _Book(self.ids, rng, n, self.password_hash)
        book.people()
        book.entries()
        # Who the family shares with comes from its own generator and from the professionals
        # that exist at every size from n families up (pro-1 .. pro-max(40, n // 2)): family n
        # stays the same book, shared with the same people, at every size.
        pick = random.Random(self.seed * 10_000_019 + n + 7)
        chosen = pick.sample(self.professionals[:max(40, n // 2)], rng.randint(2, 8))
        if self.busy is not None and n <= 200:
            chosen = [self.busy] + [p for p in chosen if p.id != self.busy.id][:7]
        book.advocate(chosen[0] if rng.random() < 0.7 else None)
        book.plan()
        for pro in chosen:
            book.share_with(pro, busy=pro is self.busy)
        book.chain()
        return book.rows


class _Book:
    def __init__(self, ids: Ids, rng: random.Random, n: int, password_hash: str):
        self.ids, self.rng, self.n = ids, rng, n
        self.rows: dict[str, list[dict]] = {}
        self.log: list[tuple] = []  # (when, actor, action, entry id, details), chained at the end
        self.family_id = ids.next("families")
        self.surname = rng.choice(SURNAMES)
        self.started = _when(rng, NOON - timedelta(days=3 * 365), NOON - timedelta(days=30))
        self.add("families", id=self.family_id, title=f"The {self.surname} family book",
                 created_at=self.started)
        self.holder = self.account(f"holder-{n}", f"{rng.choice(FIRST_NAMES)} {self.surname}",
                                   "family", password_hash)
        self.young = None
        self.entries_by_kind: dict[str, list[dict]] = {}

    # Rows -------------------------------------------------------------------------------------

    def add(self, table: str, **row) -> dict:
        self.rows.setdefault(table, []).append(row)
        return row

    def account(self, username, name, kind, password_hash, organisation_id=None) -> int:
        account_id = self.ids.next("accounts")
        self.add("accounts", id=account_id, username=username, display_name=name, kind=kind,
                 organisation_id=organisation_id, password_hash=password_hash, locale=None,
                 email=None, created_at=self.started)
        return account_id

    def entry(self, kind, title, fields, when, owner=None, member=None, category=None,
              visibility="family", sort_key=None) -> dict:
        owner = owner or self.holder
        entry_id = self.ids.next("entries")
        edited = self.rng.random() < 0.15
        changed_at = _when(self.rng, when, NOON) if edited else when
        row = self.add("entries", id=entry_id, family_id=self.family_id, kind=kind,
                       category=category or self.rng.choice(CATEGORIES)[0],
                       owner_member_id=member, owner_account_id=owner, visibility=visibility,
                       title=title[:300], sort_key=sort_key, fields=fields,
                       version=2 if edited else 1, created_at=when, updated_at=changed_at,
                       updated_by_id=owner)
        for version, at in ((1, when), (2, changed_at))[:row["version"]]:
            self.add("entry_revisions", id=self.ids.next("entry_revisions"), entry_id=entry_id,
                     version=version, category=row["category"], owner_member_id=member,
                     visibility=visibility, title=row["title"], fields=fields, author_id=owner,
                     created_at=at)
        self.entries_by_kind.setdefault(kind, []).append(row)
        return row

    # The family ------------------------------------------------------------------------------

    def people(self) -> None:
        rng = self.rng
        holder_name = self.rows["accounts"][0]["display_name"]
        me = self.entry("member", holder_name, {"name": holder_name, "relationship": "Mum",
                                                "lives": "with_us", "age": rng.randint(24, 55)},
                        self.started, category="family_life")
        self.me = me["id"]
        self.add("memberships", id=self.ids.next("memberships"), family_id=self.family_id,
                 account_id=self.holder, role="holder", member_entry_id=self.me,
                 created_at=self.started)
        for k in range(rng.randint(2, 4)):
            born = TODAY - timedelta(days=rng.randint(2 * 365, 17 * 365))
            name = f"{rng.choice(FIRST_NAMES)} {self.surname}"
            child = self.entry("member", name, {
                "name": name, "relationship": rng.choice(("son", "daughter", "child")),
                "date_of_birth": _partial(born), "lives": rng.choice(("with_us",) * 5 + (
                    "other_parent", "grandparents"))}, self.started, category="family_life")
            if self.young is None and (TODAY - born).days > 12 * 365 and rng.random() < 0.6:
                self.young = self.account(f"young-{self.n}", name, "family", None)
                self.add("memberships", id=self.ids.next("memberships"),
                         family_id=self.family_id, account_id=self.young, role="young_person",
                         member_entry_id=child["id"], created_at=self.started)
                self.young_member = child["id"]

    def entries(self) -> None:
        rng, start = self.rng, self.started
        for code, label in STORY_SECTIONS:
            for _ in range(rng.choice((1, 1, 2))):
                title = f"{label}: {rng.choice(EVENT_TITLES).lower()}"
                self.entry("story", title, {"section": code, "title": title,
                                            "text": _text(rng, 6)},
                           _when(rng, start, NOON), member=self.me)
        if self.young is not None:
            self.entry("story", "What I want people to know", {
                "section": "matters_now", "title": "What I want people to know",
                "text": _text(rng, 3)}, _when(rng, start, NOON), owner=self.young,
                member=self.young_member, visibility="private")
        for section in ("helps_us", "avoid"):
            title = rng.choice(SENTENCES)[:60]
            self.entry("helps", title, {"section": section, "title": title,
                                        "text": _text(rng, 2)}, start, member=self.me)
        self.entry("summary", "Read this first", {"text": _text(rng, 5)}, start, member=self.me)
        for _ in range(rng.randint(10, 40)):
            self.event()
        for _ in range(rng.randint(5, 11)):
            self.service()
        for _ in range(rng.randint(2, 8)):
            day = (start + timedelta(days=rng.randrange(max((NOON - start).days, 1)))).date()
            self.entry("checkin", f"Check-in {day.isoformat()}", {
                "date": _partial(day), "feeling": rng.choice(("better", "same", "worse")),
                "note": rng.choice(SENTENCES)}, datetime.combine(day, NOON.timetz()),
                member=self.me, sort_key=day.isoformat())

    def event(self) -> None:
        rng = self.rng
        event_type = rng.choice(EVENT_TYPES)[0]
        ahead = event_type in EVENTS_THAT_CAN_BE_AHEAD and rng.random() < 0.1
        day = (TODAY + timedelta(days=rng.randint(1, 60)) if ahead else
               TODAY - timedelta(days=rng.randint(1, 8 * 365)))
        when = PartialDate(day.year, day.month, None if rng.random() < 0.2 else day.day)
        title = rng.choice(EVENT_TITLES)
        fields = {"title": title, "date": when.to_json(), "event_type": event_type,
                  "who": f"Me and {rng.choice(FIRST_NAMES)}", "details": _text(rng, 3)}
        self.entry("event", title, fields, _when(rng, self.started, NOON), member=self.me,
                   sort_key=when.sort_key())

    def service(self) -> None:
        rng = self.rng
        agency = f"{rng.choice(PLACES)} {rng.choice(AGENCIES)}"
        since = TODAY - timedelta(days=rng.randint(60, 5 * 365))
        yes_no = ("yes", "no", "not_sure")
        fields = {"agency": agency, "team": rng.choice(TEAMS),
                  "contact_name": f"{rng.choice(FIRST_NAMES)} {rng.choice(SURNAMES)}",
                  "contact_how": f"01632 {rng.randint(100000, 999999)}",
                  "why_our_words": _text(rng, 2), "chosen": rng.choice(("chosen", "required")),
                  "since": _partial(since, month_only=True), "how_often": "Every two weeks",
                  "helpful": rng.choice(yes_no), "clear_why": rng.choice(yes_no),
                  "easy_contact": rng.choice(yes_no), "talk_to_others": rng.choice(yes_no),
                  "would_miss": rng.choice(yes_no), "our_view": rng.choice(SENTENCES)}
        self.entry("service", agency, fields, _when(self.rng, self.started, NOON),
                   category="other", member=self.me)

    def advocate(self, pro: Professional | None) -> None:
        self.advocate_id = pro.id if pro else None
        if pro:
            self.add("memberships", id=self.ids.next("memberships"), family_id=self.family_id,
                     account_id=pro.id, role="advocate", member_entry_id=None,
                     created_at=self.started)

    # The plan --------------------------------------------------------------------------------

    def plan(self) -> None:
        rng = self.rng
        author = self.advocate_id or self.holder
        plan_id = self.ids.next("plans")
        at = _when(rng, self.started, NOON - timedelta(days=20))
        services = [e["id"] for e in self.entries_by_kind["service"]]
        content: dict = {}
        revisions = [({}, [{"message": PLAN_STARTED, "params": {}}], author, at)]
        self.goal_ids = []
        for number in range(1, rng.randint(3, 6) + 1):
            known = set(content)
            goal = _key(rng)
            self.goal_ids.append(goal)
            title, area = rng.choice(GOALS)
            content.update({f"goal.{goal}.title": title, f"goal.{goal}.area": area,
                            f"goal.{goal}.priority": rng.choice(("first", "next", "later")),
                            f"goal.{goal}.added_by": str(author), f"goal.{goal}.n": str(number)})
            for s in range(1, rng.randint(1, 3) + 1):
                step = _key(rng)
                who = rng.choice(("advocate", f"member:{self.me}", f"service:{rng.choice(services)}"))
                by = TODAY + timedelta(days=rng.randint(-30, 90))
                content.update({f"step.{step}.what": rng.choice(STEPS), f"step.{step}.goal": goal,
                                f"step.{step}.who": who, f"step.{step}.by_when": by.isoformat(),
                                f"step.{step}.status": rng.choice(("not_started", "started",
                                                                   "done")),
                                f"step.{step}.n": str(s)})
            at = at + timedelta(hours=rng.randint(1, 72))
            # A save that only adds a goal is described by what it added, and comparing just
            # that keeps seeding linear in the size of the plan.
            added = {k: v for k, v in content.items() if k not in known}
            revisions.append((dict(content), changes({}, added), author, at))
        header = {"header.success": _text(rng, 2),
                  "header.review_date": (TODAY + timedelta(days=42)).isoformat()}
        content = {**content, **header}
        revisions.append((content, changes({}, header), self.holder, at + timedelta(hours=2)))
        self.add("plans", id=plan_id, family_id=self.family_id, open_family_id=self.family_id,
                 revision=len(revisions), created_by_id=author, created_at=revisions[0][3],
                 updated_at=revisions[-1][3], closed_at=None, close_reason=None,
                 check_in_on=None)
        for number, (saved, summary, who, when) in enumerate(revisions, 1):
            self.add("plan_revisions", id=self.ids.next("plan_revisions"), plan_id=plan_id,
                     number=number, author_id=who, created_at=when, content=saved,
                     summary=summary)
        if self.advocate_id and rng.random() < 0.5:
            for who, role in ((self.holder, "holder"), (self.advocate_id, "advocate")):
                self.add("plan_agreements", id=self.ids.next("plan_agreements"), plan_id=plan_id,
                         revision_number=len(revisions), account_id=who, role=role,
                         at=revisions[-1][3] + timedelta(days=1))

    # Sharing and the access log --------------------------------------------------------------

    def share_with(self, pro: Professional, busy: bool) -> None:
        rng = self.rng
        at = _when(rng, self.started, NOON - timedelta(days=10))
        self.add("connections", id=self.ids.next("connections"), family_id=self.family_id,
                 account_id=pro.id, organisation_id=None, created_by_id=self.holder,
                 created_at=at, ended_at=None)
        self.log.append((at, pro.id, "connect", None, {"who": pro.name}))
        family_entries = [e for k in ("story", "event", "service", "summary")
                          for e in self.entries_by_kind.get(k, []) if e["visibility"] != "private"]
        how = "category" if busy else rng.choice(("category", "category", "entries", "recent"))
        shown: list[dict] = []
        if how == "category":
            category = rng.choice(("home", "school", "health", "money", "other"))
            self.grant(pro, at, {"category": category}, category=category)
            shown = [e for e in family_entries if e["category"] == category]
        elif how == "entries":
            shown = rng.sample(family_entries, min(len(family_entries), rng.randint(2, 6)))
            for entry in shown:
                self.grant(pro, at, {"title": entry["title"]}, entry_id=entry["id"],
                           revoke=rng.random() < 0.1)
        else:
            start = (TODAY - timedelta(days=180)).isoformat()
            self.grant(pro, at, {"from": start}, from_date=start, recent_months=6)
            shown = [e for e in family_entries if (e["sort_key"] or "") >= start]
        if rng.random() < 0.3:
            part = "plan" if rng.random() < 0.5 else f"goal:{rng.choice(self.goal_ids)}"
            self.grant(pro, at, {"plan_part": part}, plan_part=part)
        for _ in range(rng.randint(0, 3) if shown else 0):
            read_at = _when(rng, at + timedelta(hours=1), NOON)
            for entry in shown[:30]:
                self.log.append((read_at, pro.id, "read", entry["id"], {"title": entry["title"]}))
        if shown:
            self.add("notifications", id=self.ids.next("notifications"),
                     account_id=self.holder, family_id=self.family_id, kind="first_read",
                     params={"who": pro.id}, dedupe_key=f"first-read:{self.family_id}:{pro.id}",
                     created_at=at, read_at=None, emailed_at=None)

    def grant(self, pro: Professional, at: datetime, details: dict, entry_id=None,
              category=None, from_date=None, recent_months=None, plan_part=None,
              revoke=False) -> None:
        grant_id = self.ids.next("grants")
        revoked_at = _when(self.rng, at, NOON) if revoke else None
        self.add("grants", id=grant_id, family_id=self.family_id, entry_id=entry_id,
                 category=category, from_date=from_date, recent_months=recent_months,
                 grantee_account_id=pro.id, grantee_organisation_id=None,
                 granted_by_id=self.holder, granted_at=at, expires_at=None,
                 revoked_at=revoked_at, revoked_by_id=self.holder if revoke else None,
                 request_id=None, expiry_logged_at=None, plan_part=plan_part)
        self.log.append((at, self.holder, "grant", entry_id,
                         {"who": pro.name, "grant": grant_id, **details}))
        if revoke:
            self.log.append((revoked_at, self.holder, "revoke", entry_id,
                             {"who": pro.name, "grant": grant_id}))

    def chain(self) -> None:
        """The family's access log in time order, hash-chained as record_book.sharing.access_log does."""
        prev_hash = GENESIS
        for seq, (at, actor, action, entry_id, details) in enumerate(
                sorted(self.log, key=lambda row: row[0]), 1):
            digest = _digest(LOG_KEY, prev_hash, self.family_id, seq, actor, action, entry_id,
                             details, at)
            self.add("access_log", id=self.ids.next("access_log"), family_id=self.family_id,
                     seq=seq, actor_id=actor, action=action, entry_id=entry_id, details=details,
                     created_at=at, prev_hash=prev_hash, hash=digest)
            prev_hash = digest
        rows = len(self.log)
        self.add("access_log_heads", id=self.family_id, family_id=self.family_id, row_count=rows,
                 chain=prev_hash, seal=_seal(LOG_KEY, self.family_id, rows, prev_hash))
