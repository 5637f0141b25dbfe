"""The invented demo family: Marta Hollis, her three children, and the people around them.

Everyone here is made up. None of it comes from the case reports in `domain/`, though the book
follows their "family story" template: a story, a timeline, the services involved and how things
are going. Phone numbers are in the ranges kept for drama (01632 960xxx and 07700 900xxx).

Dates are counted back (and forward) from today, so ages stay right and "What is next" always
has something in it. Everything else is the same each time it is loaded. `load` does not commit.
"""

from calendar import monthrange
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone

from demo import directory as demo_directory
from demo import letters as demo_letters
from demo import meetings as demo_meetings
from record_book.accounts import set_up_requests
from record_book.accounts.accounts import create_account, create_organisation
from record_book.accounts.invitations import verify_account
from record_book.book.entries import add_entry
from record_book.book.families import join_family, own_member_entry_id, start_family
from record_book.clock import today as clock_today
from record_book.clock import utcnow
from record_book.policy import reader_for
from record_book.sharing.leads import first_advocate

DEMO_PASSWORD = "demo-password-2026"

FAMILY_TITLE = "The Hollis family book"

ORGANISATIONS = ("Northgate Family Support", "Riverside School", "Northgate Health Visiting")

# username, display name, kind of account, organisation
ACCOUNTS = (
    ("holder", "Marta Hollis", "family", None),
    ("young", "Zosia Hollis", "family", None),
    ("advocate", "Rosa Lindqvist", "professional", "Northgate Family Support"),
    ("teacher", "Ms Helen Brooks", "professional", "Riverside School"),
    ("nurse", "Grace Mensah", "professional", "Northgate Health Visiting"),
    ("orgadmin", "Alan Price", "org_admin", "Riverside School"),
    ("admin", "Demo portal admin", "portal_admin", None),
    ("admin2", "Second demo portal admin", "portal_admin", None),
)

# The family started its book with Rosa this many days ago. Most entries were written then;
# those about later things were written when they happened.
BOOK_STARTED = 160


@dataclass(frozen=True)
class On:
    """A date as a family gives it: an exact day, only a month (day None), or "around"."""

    year: int
    month: int
    day: int | None = None
    around: bool = False

    @property
    def earliest(self) -> date:
        return date(self.year, self.month, self.day or 1)

    def form(self, name: str) -> dict[str, str]:
        raw = {f"{name}-day": str(self.day or ""), f"{name}-month": str(self.month),
               f"{name}-year": str(self.year)}
        if self.around:
            raw[f"{name}-around"] = "yes"
        return raw


class Calendar:
    """Dates relative to today."""

    def __init__(self, today: date):
        self.today = today

    def ago(self, days: int) -> On:
        return self._on(self.today - timedelta(days=days))

    def ahead(self, days: int) -> On:
        return self._on(self.today + timedelta(days=days))

    def month(self, months_ago: int, day: int | None = None, around: bool = False) -> On:
        year, month = divmod(self.today.year * 12 + self.today.month - 1 - months_ago, 12)
        month += 1
        if day is not None:
            day = min(day, monthrange(year, month)[1])
        return On(year, month, day, around)

    def around(self, months_ago: int) -> On:
        return self.month(months_ago, around=True)

    def evening(self, days_ago: int) -> datetime:
        """When something was written: that evening, or now if that evening is still to come."""
        moment = datetime.combine(self.today - timedelta(days=days_ago), time(19, 30),
                                  tzinfo=timezone.utc)
        return min(moment, utcnow())

    @staticmethod
    def _on(day: date) -> On:
        return On(day.year, day.month, day.day)


# --- The family's words -------------------------------------------------------------------------

SUMMARY = """\
We are Marta, Zosia, Oskar and Mia Hollis. I am a single mum. Zosia is 15, Oskar is 11 and Mia \
is 4. My mum Halina (the children call her Babcia) lives across town and helps us a lot.

What is going on: Oskar is autistic and has an EHC plan at Riverside School. Zosia has had a \
hard time with anxiety and missed a lot of school. She is going back step by step, with help \
from CAMHS. Our flat has damp and mould that keeps coming back, and it makes Mia's chest bad. \
We had rent arrears, but we have paid them off.

Who is involved: Rosa at Northgate Family Support is our key worker. She knows the whole story \
and comes to meetings with us. Please ask her or me before you ask the children.

What helps: text before you visit. Tell us why you are involved and what happens next. Read \
this page instead of asking me to tell the whole story again.

What to avoid: visits between 3 and 4 in the afternoon (school pick-up), big meetings full of \
people we have not met, and talking about Zosia in front of Oskar and Mia."""


MIA_OWN_WORDS = {
    "happy": "<p>Playing with Oskar. Babcia's pierogi. When Mummy reads the bear book.</p>",
    "worries": "<p>When Mummy is sad and stays in bed. The big dog on our road.</p>",
    "wishes": "<p>A garden with a swing. For Mummy to be better.</p>",
}


def _people(cal: Calendar) -> list[dict]:
    """The people in the book besides Marta, who is added when the book is started."""
    return [
        {"_handle": "zosia", "name": "Zosia Hollis", "relationship": "Eldest daughter",
         "date_of_birth": cal.month(15 * 12 + 5, day=9), "lives": "with_us",
         # She helps Marta on bad days: the people page offers help for young carers.
         "cares": "yes"},
        {"_handle": "oskar", "name": "Oskar Hollis", "relationship": "Son",
         "date_of_birth": cal.month(11 * 12 + 8, day=21), "lives": "with_us"},
        {"_handle": "mia", "name": "Mia Hollis", "relationship": "Youngest daughter",
         "age": 4, "lives": "with_us"},
        {"_handle": "halina", "name": "Halina Nowicka",
         "relationship": "Babcia (Nan), Marta's mum", "age": 67, "lives": "elsewhere"},
    ]


def _events(cal: Calendar) -> list[dict]:
    return [
        {"title": "We moved into the flat on Alder Road", "date": cal.around(72),
         "event_type": "housing", "category": "home",
         "details": "Two bedrooms, from Northgate Homes. It was meant to be for a year. "
                    "Zosia was nine.",
         "_about": "marta"},
        {"title": "Mia was born", "date": cal.month(52), "event_type": "health",
         "category": "family_life", "who": "Northgate General Hospital", "_about": "mia"},
        {"title": "Grace the health visitor started coming", "date": cal.month(51),
         "event_type": "support_started", "category": "health", "who": "Grace Mensah",
         "_about": "mia"},
        {"title": "Oskar was diagnosed autistic", "date": cal.month(34, day=12),
         "event_type": "health", "category": "health", "who": "Child development centre",
         "details": "After nearly a year of waiting. It was a relief to have a name for it.",
         "_about": "oskar"},
        {"title": "First letter about rent arrears", "date": cal.month(31, day=3),
         "event_type": "housing", "category": "money", "who": "Northgate Homes",
         "details": "I had to stop work at the care home and the Universal Credit took weeks "
                    "to start. Four letters came in the end.",
         "occurrence": 1, "occurrence_total": 4, "_about": "marta"},
        {"title": "I asked Northgate Family Support for help", "date": cal.month(27, day=15),
         "event_type": "self_referral", "category": "family_life",
         "who": "Me, after the school office gave me their leaflet", "_about": "marta"},
        {"title": "Rosa became our key worker", "date": cal.month(26),
         "event_type": "support_started", "category": "family_life",
         "who": "Rosa Lindqvist, Northgate Family Support", "_about": "marta"},
        {"title": "Possession hearing at the county court", "date": cal.month(24, day=8),
         "event_type": "court", "category": "home", "who": "Me, Rosa, Northgate Homes",
         "details": "The judge put it off because we had agreed a payment plan. Rosa came "
                    "with me. I could not have gone on my own.",
         "_about": "marta"},
        {"title": "Zosia started missing school", "date": cal.around(22),
         "event_type": "incident", "category": "school",
         "details": "Stomach aches in the morning, then whole weeks off.", "_about": "zosia"},
        {"title": "School asked CAMHS to see Zosia", "date": cal.month(20, day=6),
         "event_type": "referral", "category": "health", "who": "Ms Brooks, Riverside School",
         "_about": "zosia"},
        {"title": "First Team Around the Family meeting", "date": cal.month(19, day=17),
         "event_type": "meeting", "category": "school",
         "who": "Me, Rosa, Ms Brooks, Jenny from early help, Grace",
         "details": "Six of these so far. The first one was ten people round a table and I "
                    "cried in the car afterwards. They are smaller now.",
         "occurrence": 1, "occurrence_total": 6, "_about": "marta"},
        {"title": "Early help from children's services started", "date": cal.month(18),
         "event_type": "support_started", "category": "family_life",
         "who": "Jenny Marsh, early help team", "_about": "marta"},
        {"title": "My GP said I have depression", "date": cal.month(15),
         "event_type": "health", "category": "health", "who": "Dr Shah",
         "details": "I have not told the children the word yet. This is for the adults only.",
         "visibility": "adults", "_about": "marta"},
        {"title": "CAMHS assessment for Zosia", "date": cal.month(13, day=22),
         "event_type": "assessment", "category": "health", "who": "Sam Whitfield, CAMHS",
         "details": "Seven months after the school asked them.", "_about": "zosia"},
        {"title": "Zosia started weekly sessions with Sam", "date": cal.month(12),
         "event_type": "support_started", "category": "health", "who": "CAMHS",
         "_about": "zosia"},
        {"title": "Reported the mould in the girls' bedroom", "date": cal.month(10, day=2),
         "event_type": "housing", "category": "home", "who": "Northgate Homes repairs line",
         "details": "The first of three times we have reported it.",
         "occurrence": 1, "occurrence_total": 3, "_about": "marta"},
        {"title": "Assessment for Oskar's EHC plan", "date": cal.month(9),
         "event_type": "assessment", "category": "school",
         "who": "Mr Desai, Riverside School; the council's SEN team", "_about": "oskar"},
        {"title": "Mia's chest got bad with the damp", "date": cal.around(7),
         "event_type": "health", "category": "health", "who": "Dr Shah, Grace",
         "details": "Two trips to the GP and an inhaler.", "_about": "mia"},
        {"title": "We paid off the last of the rent arrears", "date": cal.month(6, day=28),
         "event_type": "achievement", "category": "money", "_about": "marta"},
        {"title": "Oskar's EHC plan was agreed", "date": cal.ago(110),
         "event_type": "plan_change", "category": "school",
         "details": "He gets a key adult and a quiet room he can go to.", "_about": "oskar"},
        {"title": "Zosia went back to school three days a week", "date": cal.month(2),
         "event_type": "achievement", "category": "school", "_about": "zosia"},
        {"title": "Early help closed our case", "date": cal.month(1),
         "event_type": "support_ended", "category": "family_life",
         "details": "They said we are doing well enough. Rosa carries on with us.",
         "_about": "marta"},
        {"title": "Team Around the Family review at Riverside School", "date": cal.ahead(9),
         "event_type": "meeting", "category": "school", "who": "Me, Zosia, Rosa, Ms Brooks",
         "details": "10am in the small meeting room. Zosia wants to come for the first half.",
         "_about": "zosia", "_added": 4},
        {"title": "Surveyor visit about the damp", "date": cal.ahead(23),
         "event_type": "housing", "category": "home", "who": "Northgate Homes",
         "details": "Morning slot, 8 till 12. Rosa asked them to come this time.",
         "_about": "marta", "_added": 2},
    ]


def _services(cal: Calendar) -> list[dict]:
    return [
        {"agency": "Northgate Family Support", "team": "Family key workers",
         "contact_name": "Rosa Lindqvist, our key worker", "contact_how": "07700 900417",
         "why_our_words": "I asked them for help when the rent letters kept coming and I could "
                          "not keep up with all the appointments.",
         "chosen": "chosen", "since": cal.month(26), "how_often": "Every week, and at meetings",
         "helpful": "yes", "clear_why": "yes", "easy_contact": "yes", "talk_to_others": "yes",
         "would_miss": "yes",
         "our_view": "Rosa is the one I would miss most. She reads the letters with me and she "
                     "stood up for us at the court hearing.",
         "category": "family_life", "_about": "marta"},
        {"agency": "Riverside School", "team": "Pastoral team and SEN team",
         "contact_name": "Ms Helen Brooks (Zosia's head of year); Mr Ravi Desai (SENCo, for "
                         "Oskar)",
         "contact_how": "School office 01632 960318",
         "why_our_words": "Zosia and Oskar both go there. They are helping Zosia back into "
                          "school and they look after Oskar's EHC plan.",
         "chosen": "chosen", "since": cal.month(50), "how_often": "A meeting every six weeks",
         "helpful": "yes", "clear_why": "yes", "easy_contact": "not_sure",
         "talk_to_others": "yes", "would_miss": "yes",
         "our_view": "Ms Brooks rings on Fridays to say how Zosia's week went. The office line "
                     "is always busy.",
         "category": "school", "_about": "zosia"},
        {"agency": "Elm Tree Surgery", "team": "GP practice", "contact_name": "Dr Anita Shah",
         "contact_how": "01632 960542 (ring at 8am)",
         "why_our_words": "Our family doctor: my health, Mia's chest, and Oskar's referrals.",
         "chosen": "chosen", "since": cal.month(71), "how_often": "When we need them",
         "helpful": "yes", "clear_why": "yes", "easy_contact": "no",
         "talk_to_others": "not_sure", "would_miss": "yes",
         "our_view": "Dr Shah listens. Getting an appointment is the hard part.",
         "category": "health", "_about": "marta"},
        {"agency": "Northgate Health Visiting", "team": "Health visitors",
         "contact_name": "Grace Mensah, health visitor", "contact_how": "07700 900263",
         "why_our_words": "Grace has known Mia since she was a baby. She is helping with Mia's "
                          "talking and her chest.",
         "chosen": "chosen", "since": cal.month(51), "how_often": "Every two or three months",
         "helpful": "yes", "clear_why": "yes", "easy_contact": "yes", "talk_to_others": "yes",
         "would_miss": "yes", "category": "health", "_about": "mia"},
        {"agency": "CAMHS (the children's mental health service)",
         "team": "Northgate community team", "contact_name": "Sam Whitfield, therapist",
         "contact_how": "01632 960771",
         "why_our_words": "To help Zosia with her anxiety. The school asked them to see her and "
                          "we waited seven months.",
         "chosen": "not_sure", "since": cal.month(12), "how_often": "Every week in term time",
         "helpful": "yes", "clear_why": "yes", "easy_contact": "no", "talk_to_others": "no",
         "would_miss": "yes",
         "our_view": "Zosia says Sam is the first person who did not rush her. The wait was far "
                     "too long.",
         "category": "health", "_about": "zosia"},
        {"agency": "Northgate Homes (our landlord)", "team": "Tenancy and repairs",
         "contact_name": "Kevin Dunn, housing officer",
         "contact_how": "Kevin 07700 900588; repairs line 01632 960905",
         "why_our_words": "They are our landlord. We fell behind with the rent, and the flat "
                          "has damp and mould that keeps coming back.",
         "chosen": "required", "since": cal.month(72), "how_often": "When something goes wrong",
         "helpful": "not_sure", "clear_why": "yes", "easy_contact": "no",
         "talk_to_others": "not_sure", "would_miss": "no",
         "our_view": "Kevin was fair about the payment plan. The repairs side never rings back.",
         "category": "home", "_about": "marta"},
        {"agency": "Children's services", "team": "Early help team",
         "contact_name": "Jenny Marsh, family support worker", "contact_how": "01632 960127",
         "why_our_words": "After the first school meeting they offered help for the whole "
                          "family. I said yes, but at first I was scared it meant they would "
                          "take the children.",
         "chosen": "not_sure", "since": cal.month(18), "until": cal.month(1),
         "how_often": "Every two weeks (now finished)",
         "helpful": "yes", "clear_why": "not_sure", "easy_contact": "yes",
         "talk_to_others": "yes", "would_miss": "not_sure",
         "our_view": "Jenny was kind and never made me feel judged. I still do not really know "
                     "what early help means on paper.",
         "category": "family_life", "_about": "marta"},
    ]


STORY = [
    {"section": "story_so_far", "title": "How we got here", "category": "family_life",
     "text": "I grew up in Northgate. My mum came here from Poland before I was born. I worked "
             "at a care home for eight years until Oskar's needs and the shifts did not fit "
             "together any more.\n\nWe moved into the flat on Alder Road when Zosia was nine. "
             "It was meant to be for a year. The children's dad left when Mia was a baby, and "
             "it has been me and the three of them since. The rent got behind when I stopped "
             "work, and then Zosia started finding school too much.\n\nNow we have a "
             "key worker, Oskar has his plan, the arrears are paid and Zosia is going back "
             "bit by bit. Some things are better. The flat is not.",
     "_about": "marta", "_added": 40},
    {"section": "what_helped", "title": "One person who knows the whole story",
     "category": "family_life",
     "text": "Rosa. She comes to meetings with me, explains the letters and tells the others "
             "what I have already said, so I do not have to.\n\nMs Brooks ringing on Fridays. "
             "Grace, who has never once made me feel like a bad mum.",
     "_about": "marta"},
    {"section": "what_hard", "title": "Telling our story again and again", "category": "other",
     "text": "Last year I counted nine different people who asked me to start from the "
             "beginning. Every time, I have to say the worst bits in front of a stranger.\n\n"
             "Waiting is hard too: seven months for CAMHS, and the damp is still there after "
             "three reports.",
     "_about": "marta"},
    {"section": "help_ourselves", "title": "Sunday dinner at Babcia's", "category": "family_life",
     "text": "Every Sunday we go to my mum's for dinner. Nobody asks about appointments there. "
             "When things are bad she says „Damy radę” (we will manage), and most of the time "
             "we do.\n\nZosia and I walk the dog together in the evenings. It is easier to talk "
             "side by side than face to face.",
     "_about": "marta"},
    {"section": "matters_now", "title": "A dry flat, and Zosia back at school",
     "category": "home",
     "text": "A flat where the girls' room is not black with mould, so Mia can sleep through "
             "the night. Zosia back at school full-time, when she is ready, and not before.",
     "_about": "marta", "_added": 40},
]

HELPS = [
    {"section": "helps_us", "title": "Text before you visit", "category": "home",
     "text": "A text the day before means I can get the house ready and get Oskar ready for a "
             "visitor. Surprise knocks upset him for the rest of the day.",
     "_about": "marta"},
    {"section": "helps_us", "title": "Talk to me before you talk about me",
     "category": "family_life",
     "text": "If you need to share something about us, ask me first and tell me who it goes to.",
     "_about": "marta"},
    {"section": "helps_us", "title": "Give Oskar warning of changes", "category": "school",
     "text": "A new teacher, a new room or a fire drill: tell him the day before if you can. "
             "Pictures help more than words.",
     "_about": "oskar"},
    {"section": "avoid", "title": "Visits between 3 and 4 in the afternoon", "category": "home",
     "text": "That is school pick-up for all three of them.", "_about": "marta"},
    {"section": "avoid", "title": "Big meetings full of people we have not met",
     "category": "family_life",
     "text": "Tell me who will be there and why, before the day.", "_about": "marta"},
    {"section": "avoid", "title": "Talking about Zosia in front of the little ones",
     "category": "family_life", "_about": "zosia"},
]

# Written by Zosia herself, on her own account.
ZOSIA_WRITES = [
    {"section": "matters_now", "title": "What matters to me", "category": "school",
     "text": "Doing my GCSEs, even if it is fewer of them. I want to do art at college. "
             "I want people to ask me, not just Mum.",
     "visibility": "family", "_about": "zosia", "_added": 12},
    {"section": "what_hard", "title": "Things I have not told Mum yet", "category": "caring",
     "text": "Some days I stay home because I am worried about Mum, not because of my stomach. "
             "I do not want her to feel bad about it. I have talked to Sam about it.",
     "visibility": "private", "_about": "zosia", "_added": 5},
]

# days ago, how things are, what Marta added
CHECKINS = [
    (150, "worse", "The mould is back again. Mia coughing at night."),
    (128, "same", ""),
    (107, "better", "Oskar's plan is agreed. First good news in ages."),
    (86, "same", "Zosia managed two days at school this week."),
    (64, "worse", "Bad week. I did not sleep and I missed the GP."),
    (45, "better", "Zosia is doing three days a week now. Rosa came to the school meeting."),
    (24, "same", "The mould is back in the girls' room."),
    (6, "better", "Good week. Babcia took the little ones on Saturday and I had a rest."),
]


# --- Putting it in the book ---------------------------------------------------------------------

def _form(item: dict, members: dict[str, int]) -> dict[str, str]:
    """An item as the web form would post it."""
    raw: dict[str, str] = {}
    for name, value in item.items():
        if name.startswith("_"):
            continue
        if isinstance(value, On):
            raw.update(value.form(name))
        else:
            raw[name] = str(value)
    if "_about" in item:
        raw["owner_member_id"] = str(members[item["_about"]])
    return raw


def _written_at(cal: Calendar, item: dict) -> datetime:
    """When the item was written: when the book was started, unless it happened later."""
    days = item.get("_added", BOOK_STARTED)
    when = item.get("date")
    if isinstance(when, On) and when.earliest <= cal.today:
        days = min(days, (cal.today - when.earliest).days)
    return cal.evening(days)


def _add(session, reader, kind: str, item: dict, members: dict[str, int], cal: Calendar):
    return add_entry(session, reader, kind, _form(item, members), now=_written_at(cal, item))


def load(session) -> None:
    cal = Calendar(clock_today())
    organisations = {name: create_organisation(session, name) for name in ORGANISATIONS}
    accounts = {
        username: create_account(session, username, display_name, kind, DEMO_PASSWORD,
                                 organisations.get(organisation))
        for username, display_name, kind, organisation in ACCOUNTS
    }
    # The demo's staff arrive already checked by the portal, so a newcomer can try every role.
    for account in accounts.values():
        if account.kind != "family":
            verify_account(session, account, None)

    family = start_family(session, FAMILY_TITLE, accounts["holder"],
                          {"name": "Marta Hollis", "relationship": "Mum", "lives": "with_us"},
                          now=cal.evening(BOOK_STARTED))
    marta = reader_for(session, accounts["holder"], family.id)
    members = {"marta": own_member_entry_id(session, marta)}
    for person in _people(cal):
        entry = _add(session, marta, "member", {**person, "category": "family_life"}, members,
                     cal)
        members[person["_handle"]] = entry.id
        if person["_handle"] == "zosia":
            join_family(session, family, accounts["young"], "young_person", member_entry=entry)
    first_advocate(session, family.id, accounts["advocate"], accounts["holder"].id,
                   cal.evening(BOOK_STARTED))

    _add(session, marta, "summary", {"text": SUMMARY, "category": "family_life",
                                     "_about": "marta", "_added": 30}, members, cal)
    for kind, items in (("story", STORY), ("helps", HELPS), ("service", _services(cal)),
                        ("event", _events(cal))):
        for item in items:
            _add(session, marta, kind, item, members, cal)
    for days_ago, feeling, note in CHECKINS:
        _add(session, marta, "checkin", {"date": cal.ago(days_ago), "feeling": feeling,
                                         "note": note, "_about": "marta"}, members, cal)

    # Mia (4) in her own words, written with Marta one evening: the family's only, unshared.
    _add(session, marta, "voice", {**MIA_OWN_WORDS, "category": "family_life", "_about": "mia",
                                   "_added": 12}, members, cal)

    zosia = reader_for(session, accounts["young"], family.id)
    for item in ZOSIA_WRITES:
        _add(session, zosia, "story", item, members, cal)

    _plan(session, marta, reader_for(session, accounts["advocate"], family.id), zosia, members,
          cal)
    demo_letters.load(session, marta)
    _share_with_school(session, marta, accounts["teacher"])
    _teacher_marks_a_step(session, marta, accounts["teacher"], cal)
    _written_for_the_family(session, marta, accounts["teacher"])
    demo_meetings.load(session, accounts, family.id, cal)
    # The nurse lost her phone: the second admin asked for a new set-up code, which `admin`
    # sees waiting for a second admin's yes (the code would go to her own email only).
    accounts["nurse"].email = "grace.mensah@northgate-hv.example.org"
    set_up_requests.ask(session, accounts["admin2"], accounts["nurse"],
                        now=cal.evening(1))
    demo_directory.load(session, organisations, accounts["admin"], cal, marta)
    _polish_reviewer(session, accounts["admin"], accounts["holder"])


def _polish_reviewer(session, admin, marta_account) -> None:
    """Marta speaks Polish at home: the portal admin asked her to check the Polish words
    (sign in as `holder`, open Languages, then "Check the words in Polski"). She has said one
    draft is right; it reaches the catalog only when `flask write-language-reviews` runs."""
    from record_book.languages import catalogs, reviews

    reviews.give_reviewer(session, admin, marta_account, "pl")
    reviews.review(session, marta_account, catalogs.TRANSLATIONS, "pl",
                   "Check the answers above.")


def _share_with_school(session, marta, teacher) -> None:
    """Marta connected Zosia's teacher and shares the school part of the book and of the plan,
    so a newcomer signing in as the teacher sees what a professional sees (and no more)."""
    from plans import editing
    from plans import sharing as plan_sharing
    from plans.fields import goals
    from record_book.sharing.connections import (
        Grantee,
        connect_with_code,
        new_connection_code,
    )
    from record_book.sharing.grants import share_category

    connect_with_code(session, teacher, new_connection_code(session, marta), marta.now)
    as_teacher = Grantee(teacher.id, None, teacher.display_name)
    share_category(session, marta, "school", as_teacher)
    plan = editing.open_plan(session, marta.family_id)
    for goal in goals(editing.latest(session, plan).content):
        if goal.fields.get("area") == "school":
            plan_sharing.share(session, marta, plan, f"goal:{goal.id}", as_teacher)


def _teacher_marks_a_step(session, marta, teacher, cal: Calendar) -> None:
    """Ms Brooks says the Friday check-ins are done, beside the family's own "started"; the
    timetable she promised is past its date, so Rosa's home page tells her (sign in as
    `advocate`)."""
    from plans import editing, promises
    from plans.fields import steps

    plan = editing.open_plan(session, marta.family_id)
    friday = next(step for step in steps(editing.latest(session, plan).content)
                  if step.fields.get("what") == "Check in with Zosia each Friday")
    promises.mark(session, reader_for(session, teacher, marta.family_id, now=cal.evening(3)),
                  plan, friday.id, "done")


def _written_for_the_family(session, marta, teacher) -> None:
    """Marta lets Zosia's teacher write about school; one entry from her waits for Marta's
    answer (sign in as `holder`: "Waiting for you")."""
    from record_book.book.proposals import propose
    from record_book.sharing.contributors import set_categories

    set_categories(session, marta, teacher.id, ["school"])
    propose(session, reader_for(session, teacher, marta.family_id), "helps", {
        "section": "helps_us", "title": "A quiet start to the school day",
        "text": "Zosia settles best when she comes in ten minutes early, before the corridors "
                "fill up. She can wait in the library and I check in with her there.",
        "category": "school"})


# --- The family's plan, written with Rosa ---------------------------------------------------------

PLAN_WORDS = {
    "header.success": "The flat is dry and Mia's chest is better. Zosia is in school most days "
                      "and feels OK about it. We are not behind on money.",
    "header.measures": "Mia needs her inhaler less. Zosia's attendance goes up each month. "
                       "No letters about arrears.",
    "sides.family": "Marta keeps a diary of the damp and photos. Zosia tells someone on a bad "
                    "day instead of staying home. Babcia helps with school runs on Tuesdays.",
    "sides.advocate": "Rosa chases the landlord in writing, comes to school meetings, and "
                      "checks in every two weeks.",
    "if_not_done": "We talk about it at the next review and change the step. Nobody is "
                   "blamed for a step that was too big.",
    "if_service_fails": "Tell Rosa. If the landlord does not act in 14 days, Rosa helps us "
                        "complain to the council's housing team.",
    "stepping_down.support": "Babcia, the Tuesday parents' group, and the school's pastoral "
                             "team carry on when Rosa steps back.",
}


def _plan(session, marta, rosa, zosia, members: dict[str, int], cal: Calendar) -> None:
    """A plan with four goals, steps going well and one stuck, a review and an agreement."""
    from sqlalchemy import select

    from plans import agreement, editing, reviews
    from plans.fields import goals
    from record_book.book.model import Entry

    landlord = session.scalar(select(Entry.id).where(
        Entry.family_id == marta.family_id, Entry.kind == "service",
        Entry.title.like("Northgate Homes%")))
    school = session.scalar(select(Entry.id).where(
        Entry.family_id == marta.family_id, Entry.kind == "service",
        Entry.title == "Riverside School"))
    started = cal.evening(60)
    plan = editing.start_plan(session, rosa, now=started)

    def iso(days: int) -> str:
        return (cal.today + timedelta(days=days)).isoformat()

    def save(reader, form: dict, days_ago: int) -> None:
        content = editing.latest(session, plan).content
        mine = editing.read_form(session, reader, form, content)
        editing.save(session, reader, plan, mine, plan.revision, now=cal.evening(days_ago))

    save(marta, {**PLAN_WORDS, "header.review_date": iso(12),
                 "new-goal.title": "Get the damp and mould fixed for good",
                 "new-goal.area": "home", "new-goal.priority": "first"}, 60)
    for title, area, priority in (
            ("Zosia back at school most days", "school", "first"),
            ("Stay on top of the rent and bills", "money", "next"),
            ("A calmer morning routine", "everyday", "later")):
        save(marta, {"new-goal.title": title, "new-goal.area": area,
                     "new-goal.priority": priority}, 60)
    ids = {g.title: g.id for g in goals(editing.latest(session, plan).content)}
    damp, school_goal, money, mornings = (ids[t] for t in (
        "Get the damp and mould fixed for good", "Zosia back at school most days",
        "Stay on top of the rent and bills", "A calmer morning routine"))
    save(marta, {f"goal.{school_goal}.about": str(members["zosia"])}, 60)
    for goal, what, who, when, status in (
            (damp, "Write to the landlord with photos of the mould", f"member:{members['marta']}",
             -40, "done"),
            (damp, "Chase the repair in writing", "advocate", -10, "stuck"),
            (damp, "Landlord sends someone to fix the wall", f"service:{landlord}", 10,
             "not_started"),
            (school_goal, "Meet the pastoral team about a part-time timetable", "advocate", -20,
             "done"),
            (school_goal, "Go in for the first two lessons every day", f"member:{members['zosia']}",
             5, "started"),
            (school_goal, "Check in with Zosia each Friday", f"service:{school}", 30, "started"),
            (school_goal, "Send the part-time timetable home in writing", f"service:{school}", -6,
             "not_started"),
            (money, "Set up a payment plan for the water bill", f"member:{members['marta']}", -3,
             "started"),
            (mornings, "Babcia does the Tuesday school run", f"member:{members['halina']}", None,
             "started")):
        form = {f"new-step.{goal}.what": what, f"new-step.{goal}.who": who,
                f"new-step.{goal}.status": status}
        if when is not None:
            form[f"new-step.{goal}.by_when"] = iso(when)
        else:
            form[f"new-step.{goal}.time_needed"] = "Every week"
        if status == "stuck":
            form[f"new-step.{goal}.stuck_reason"] = (
                "The landlord has not answered two letters. Rosa is asking the council for help.")
        save(rosa if who == "advocate" else marta, form, 45)
    save(zosia, {"new-goal.title": "Join the art club after school", "new-goal.area": "friends",
                 "new-goal.priority": "next"}, 30)
    agreed = plan.revision
    # Marta asked Zosia (15) to agree the plan too: "changed since you all agreed" below.
    agreement.ask_young_people(session, marta, plan, True)
    agreement.agree(session, marta, plan, agreed, now=cal.evening(29))
    agreement.agree(session, rosa, plan, agreed, now=cal.evening(28))
    agreement.agree(session, zosia, plan, agreed, now=cal.evening(28))
    review_day = cal.today - timedelta(days=20)
    content = editing.latest(session, plan).content
    family_scores = {damp: 2, school_goal: 5, money: 6, mornings: 4}
    advocate_scores = {damp: 3, school_goal: 6, money: 6, mornings: 5}
    for reader, scores, notes in (
            (marta, family_scores, {damp: ("We have photos now", "The landlord is not answering",
                                           "Rosa will write to the council")}),
            (rosa, advocate_scores, {school_goal: ("Part-time timetable is working", "",
                                                   "Add one more lesson after half term")})):
        answers = {}
        for goal in goals(content):
            working, not_working, changes = notes.get(goal.id, ("", "", ""))
            answers[goal.id] = {"rating": str(scores.get(goal.id, 5)), "working": working,
                                "not_working": not_working, "changes": changes}
        reviews.record_review(session, reader, plan, review_day, answers,
                              now=cal.evening(20))
    # Since the agreement, Marta moved a date: the plan shows it changed since both agreed.
    save(marta, {"header.review_date": iso(14)}, 5)

