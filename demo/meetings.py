"""The Hollis family's meetings with the people around them: one at school three weeks ago,
prepared, recorded and agreed, and one coming up that Marta is still getting ready for; and
Marta's choice of reminders by text message.

`load` runs after the plan and the school's connection exist (the teacher is invited), and does
not commit.
"""

from datetime import timedelta

from plans import editing
from plans.fields import goals
from plans.meetings import actions, arranging
from plans.reminders import choices
from record_book.book.families import own_member_entry_id
from record_book.policy import reader_for

ZONE = "Europe/London"


def _when(cal, days: int) -> dict[str, str]:
    day = cal.today + timedelta(days=days)
    return {"day": f"{day.day} {day.month} {day.year}"}


def load(session, accounts, family_id: int, cal) -> None:
    def as_(username: str, days_ago: int):
        return reader_for(session, accounts[username], family_id, now=cal.evening(days_ago))

    rosa, marta = as_("advocate", 24), as_("holder", 22)
    invited = [f"m{own_member_entry_id(session, marta)}", f"a{accounts['advocate'].id}",
               f"a{accounts['teacher'].id}"]
    past = arranging.arrange(session, rosa, arranging.read_meeting_form(session, rosa, {
        **_when(cal, -21), "time": "15:30", "how": "in_person", "minutes": "60",
        "place": "Riverside School, the library",
        "purpose": "How Zosia is getting on with her part-time timetable"}, invited, ZONE))
    for part, text in (("say", "Zosia is proud of going in every morning"),
                       ("say", "Afternoons are still too much for her"),
                       ("ask", "Can she have somewhere quiet at lunchtime?")):
        arranging.prepare(session, marta, past, {"part": part, "text": text})
    arranging.share_preparation(session, marta, past)
    rosa = as_("advocate", 21)
    arranging.record(session, rosa, past, {
        "part": "decided", "text": "Keep the part-time timetable until half term",
        "why": "Zosia is going in most days and it is working"})
    arranging.record(session, rosa, past, {
        "part": "decided", "text": "Zosia can use the library at lunchtime",
        "why": "She finds the dining hall too loud"})
    action = arranging.record(session, rosa, past, {
        "part": "action", "text": "Tell the library staff Zosia is coming at lunchtime",
        "who": "advocate", "by_when": (cal.today - timedelta(days=14)).isoformat()})
    arranging.record(session, rosa, past, {
        "part": "action", "text": "Look again at the timetable after half term",
        "who": "advocate", "by_when": (cal.today + timedelta(days=25)).isoformat()})
    plan = editing.open_plan(session, family_id)
    school = next(goal for goal in goals(editing.latest(session, plan).content)
                  if goal.fields.get("area") == "school")
    actions.make_step(session, rosa, past, action.id, school.id)
    arranging.write_professional_note(session, as_("teacher", 20), past, {
        "text": "Zosia settled well in maths this week. Her attendance is 82% this half term."})
    marta = as_("holder", 19)
    arranging.agree(session, marta, past, {})
    arranging.agree(session, marta, past, {
        "kind": "missed", "missed": "We also said Babcia can pick her up on Tuesdays."})

    rosa = as_("advocate", 3)
    coming = arranging.arrange(session, rosa, arranging.read_meeting_form(session, rosa, {
        **_when(cal, 9), "time": "10:00", "how": "video", "minutes": "60",
        "place": "Rosa will send the link the day before",
        "purpose": "Team around the family: how things are going at home and at school"},
        invited, ZONE))
    arranging.prepare(session, as_("holder", 2), coming, {
        "part": "ask", "text": "When will the landlord fix the wall?"})
    # Marta chose text reminders (a number in the range kept for drama), quiet after 9pm.
    choices.choose(session, accounts["holder"].id, False, False, True, "07700 900461", "21",
                   "8", cal.evening(30))
