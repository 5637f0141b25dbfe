"""The access log in plain words: "Ms Patel (Riverside School) read “Moving house” on …"."""

from dataclasses import dataclass, field

from plans.promises import MARKS
from portal.language import gettext, words_now
from record_book.book.kinds import CATEGORIES, choice_label
from record_book.book.text import isolate

MARK_WORDS = dict(MARKS)


def who(account) -> str:
    if account.organisation is not None:
        return f"{account.display_name} ({account.organisation.name})"
    return account.display_name


def _said(details: dict, key: str) -> str:
    """A value someone typed (a name, a title, a purpose), isolated inside the log's sentence."""
    return isolate(details.get(key) or "")


def _what(details: dict) -> str:
    if details.get("plan_part") == "plan":
        return gettext("the plan")
    if "lead_change" in details:
        return gettext("the handover note")
    if details.get("plan_part") and "title" not in details:
        return gettext("a goal of the plan")
    if "title" in details:
        return "“" + _said(details, "title") + "”"
    if "category" in details:
        return gettext("everything about %(category)s",
                       category=gettext(choice_label(CATEGORIES, details["category"])).lower())
    if "from" in details:
        return gettext("everything from %(date)s on", date=details["from"])
    return gettext("an entry")


def _answer(d: dict, actor: str, when: str, added: bool) -> str:
    """The family's answer to an entry written for it, or typed in from its paper book (at the
    sitting, on the advocate's device, or later)."""
    words = dict(actor=actor, title=_said(d, "title"), who=_said(d, "who"), when=when)
    if d.get("sitting"):
        return (gettext("%(actor)s added “%(title)s” from your paper book on %(when)s, sitting "
                        "with %(who)s", **words) if added else
                gettext("%(actor)s left “%(title)s” from your paper book out on %(when)s, "
                        "sitting with %(who)s", **words))
    if d.get("paper"):
        return (gettext("%(actor)s added “%(title)s” from your paper book, typed in by "
                        "%(who)s, on %(when)s", **words) if added else
                gettext("%(actor)s left “%(title)s” from your paper book, typed in by %(who)s, "
                        "out on %(when)s", **words))
    return (gettext("%(actor)s added “%(title)s” by %(who)s to the book on %(when)s", **words)
            if added else
            gettext("%(actor)s left “%(title)s” by %(who)s out of the book on %(when)s", **words))


def log_sentence(row) -> str:
    actor, d = isolate(who(row.actor)), row.details
    when = words_now().moment(row.created_at, "d MMMM yyyy 'at' HH:mm")
    sentences = {
        "read": lambda: gettext("%(actor)s read %(what)s on %(when)s",
                                actor=actor, what=_what(d), when=when),
        "open": lambda: gettext("%(actor)s opened %(what)s on %(when)s",
                                actor=actor, what=_what(d), when=when),
        "grant": lambda: gettext("%(actor)s shared %(what)s with %(who)s on %(when)s, for: "
                                 "“%(purpose)s”", actor=actor, what=_what(d),
                                 who=_said(d, "who"), when=when, purpose=_said(d, "purpose"))
        if d.get("purpose") else gettext("%(actor)s shared %(what)s with %(who)s on %(when)s",
                                         actor=actor, what=_what(d), who=_said(d, "who"),
                                         when=when),
        "revoke": lambda: gettext("%(actor)s stopped sharing %(what)s with %(who)s on %(when)s",
                                  actor=actor, what=_what(d), who=_said(d, "who"), when=when),
        "expire": lambda: gettext("Sharing %(what)s with %(who)s came to its end on %(when)s",
                                  what=_what(d), who=_said(d, "who"), when=when),
        "request": lambda: gettext("%(actor)s asked to see more on %(when)s: “%(purpose)s”",
                                   actor=actor, when=when, purpose=_said(d, "purpose")),
        "accept": lambda: gettext("%(actor)s said yes to a request from %(who)s on %(when)s",
                                  actor=actor, who=_said(d, "who"), when=when),
        "decline": lambda: gettext("%(actor)s said no to a request from %(who)s on %(when)s",
                                   actor=actor, who=_said(d, "who"), when=when),
        "connect": lambda: gettext("%(who)s was connected to the book on %(when)s",
                                   who=_said(d, "who") or actor, when=when),
        "note": lambda: gettext("%(actor)s sent you a note on %(when)s", actor=actor, when=when),
        "print": lambda: gettext("%(actor)s printed %(what)s in a booklet on %(when)s",
                                 actor=actor, what=_what(d), when=when) if d else
        gettext("%(actor)s printed a booklet on %(when)s", actor=actor, when=when),
        "export": lambda: gettext("%(actor)s downloaded a copy on %(when)s", actor=actor,
                                  when=when),
        "propose": lambda: (gettext(
            "%(actor)s typed in “%(title)s” from your paper book on %(when)s", actor=actor,
            title=_said(d, "title"), when=when) if d.get("paper") else gettext(
            "%(actor)s wrote “%(title)s” for your book on %(when)s", actor=actor,
            title=_said(d, "title"), when=when)),
        "accept_entry": lambda: _answer(d, actor, when, added=True),
        "refuse_entry": lambda: _answer(d, actor, when, added=False),
        "allow": lambda: gettext("%(actor)s let %(who)s write about %(category)s on %(when)s",
                                 actor=actor, who=_said(d, "who"), when=when,
                                 category=gettext(choice_label(CATEGORIES,
                                                               d.get("category"))).lower()),
        "disallow": lambda: gettext(
            "%(actor)s stopped %(who)s writing about %(category)s on %(when)s", actor=actor,
            who=_said(d, "who"), when=when,
            category=gettext(choice_label(CATEGORIES, d.get("category"))).lower()),
        "lead": lambda: (gettext("%(actor)s chose %(who)s as your advocate on %(when)s",
                                 actor=actor, who=_said(d, "who"), when=when) if d.get("who") else
                         gettext("%(actor)s chose to have no advocate for now on %(when)s, "
                                 "instead of %(was)s", actor=actor, was=_said(d, "was"),
                                 when=when)),
        "disconnect": lambda: gettext("%(actor)s ended the connection with %(who)s on %(when)s. "
                                      "They no longer see anything in your book.",
                                      actor=actor, who=_said(d, "who"), when=when),
        "rejoin": lambda: gettext("%(actor)s made a code on %(when)s to give a holder a new "
                                  "way back into the book after 3 days", actor=actor, when=when),
        "rejoin_stop": lambda: gettext("%(actor)s stopped a code for a new way into the book on "
                                       "%(when)s", actor=actor, when=when),
        "rejoined": lambda: gettext("%(actor)s used a code on %(when)s to get a new way into "
                                    "the book; the old ways stopped", actor=actor, when=when),
        "setup_asked": lambda: gettext("%(actor)s, an admin, asked on %(when)s for a new "
                                       "way to sign in for %(who)s", actor=actor,
                                       who=_said(d, "who"), when=when),
        "mark_step": lambda: gettext("%(actor)s said the step “%(title)s” is %(status)s, on "
                                     "%(when)s", actor=actor, title=_said(d, "title"),
                                     status=gettext(MARK_WORDS.get(d.get("status"), "")).lower(),
                                     when=when),
        "setup_sent": lambda: gettext("%(actor)s, an admin, agreed on %(when)s: a code "
                                      "for a new way to sign in went to %(who)s's own email",
                                      actor=actor, who=_said(d, "who"), when=when),
    }
    sentence = sentences.get(row.action)
    return sentence() if sentence else gettext("%(actor)s did something on %(when)s",
                                                actor=actor, when=when)


def grant_whom(grant) -> str:
    if grant.grantee_account is not None:
        return isolate(who(grant.grantee_account))
    return isolate(grant.grantee_organisation.name)


def grant_scope(grant) -> str:
    if grant.entry_id is not None:
        return gettext("This entry")
    if grant.plan_part:
        return gettext("The whole plan") if grant.plan_part == "plan" else gettext(
            "One goal of the plan")
    if grant.category:
        return gettext("Everything about: %(category)s",
                       category=gettext(choice_label(CATEGORIES, grant.category)))
    return gettext("Everything from %(date)s on", date=grant.from_date)


def notice_sentence(notice, named: bool = True) -> str:
    """What a notification says: never anything written in the book. Not `named` (in an email,
    which anyone with the phone may read), it does not say who the family shares with either."""
    if not named and notice.kind == "grant_ending":
        return gettext("Something changed in your book.")
    sentences = {
        "new_request": gettext("Someone asked to see more of your book. Look at your requests."),
        "first_read": gettext("Someone new read part of your book for the first time."),
        "grant_ending": gettext("Sharing with %(who)s ends in the next three days.",
                                who=isolate(notice.params.get("who", ""))),
        "new_note": gettext("A professional sent you a note."),
        "new_proposal": gettext("Something was written for your book. It is waiting for your "
                                "answer."),
        "rejoin_issued": gettext("Someone made a code for a new way into your book. It works "
                                 "in 3 days unless a holder stops it. If nobody asked for this, "
                                 "open your book and stop it."),
        "rejoin_stopped": gettext("A holder stopped a code for a new way into your book."),
        "rejoin_used": gettext("A code for a new way into your book was used. The old ways to "
                               "sign in of that holder stopped."),
        "setup_asked": gettext("An admin asked for a new way to sign in for your advocate. If "
                               "your advocate did not ask for this, tell them."),
        "service_step_overdue": gettext("A step a service agreed to do in a plan you lead is "
                                        "past its date. Open the family's book to see it."),
        "book_closing": gettext("A holder asked to delete your book. Open your book to keep it, "
                                "or it is erased in 14 days."),
    }
    return sentences.get(notice.kind, gettext("Something changed in your book."))


@dataclass
class LogLine:
    sentence: str
    entry_id: int | None
    again: int = 0


@dataclass
class LogPerson:
    name: str
    lines: list[LogLine] = field(default_factory=list)


@dataclass
class LogDay:
    heading: str
    people: list[LogPerson] = field(default_factory=list)


def log_days(rows) -> list[LogDay]:
    """Rows (newest first) by day and, within a day, by person; the same thing done again by the
    same person that day is one line that says how often, so a visit that read forty entries does
    not bury everything else."""
    days: list[LogDay] = []
    people: dict[tuple, LogPerson] = {}
    lines: dict[tuple, LogLine] = {}
    headings: dict = {}
    words = words_now()
    for row in rows:
        day = words.local(row.created_at).date()
        heading = headings.get(day) or headings.setdefault(
            day, words.day(day, "EEEE d MMMM yyyy"))
        if not days or days[-1].heading != heading:
            days.append(LogDay(heading))
        person = people.get((day, row.actor_id))
        if person is None:
            person = people[(day, row.actor_id)] = LogPerson(who(row.actor))
            days[-1].people.append(person)
        same = (day, row.actor_id, row.action, row.entry_id,
                tuple(sorted((k, str(v)) for k, v in row.details.items() if k != "grant")))
        if same in lines:
            lines[same].again += 1
            continue
        lines[same] = LogLine(log_sentence(row), row.entry_id)
        person.lines.append(lines[same])
    return days
