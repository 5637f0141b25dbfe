"""What each kind of entry holds: its fields, their labels and their choices.

The portal builds its forms from these descriptions and `validation` checks input against them, so
a field is described once.
"""

from dataclasses import dataclass, field

from record_book.i18n import N_

CATEGORIES = (
    ("home", N_("Home")),
    ("money", N_("Money")),
    ("school", N_("School and learning")),
    ("health", N_("Health and feelings")),
    ("safety", N_("Safety")),
    ("work", N_("Work")),
    ("family_life", N_("Family life")),
    ("friends", N_("Friends and activities")),
    ("caring", N_("Caring for someone")),
    ("other", N_("Other")),
)

STORY_SECTIONS = (
    ("story_so_far", N_("Our story so far")),
    ("what_helped", N_("What has helped")),
    ("what_hard", N_("What has been hard")),
    ("help_ourselves", N_("How we help ourselves")),
    ("matters_now", N_("What matters most to us now")),
)

HELPS_SECTIONS = (
    ("helps_us", N_("What helps us")),
    ("avoid", N_("What to avoid")),
)

LIVES = (
    ("with_us", N_("Lives with us")),
    ("in_care", N_("In care")),
    ("other_parent", N_("With the other parent")),
    ("grandparents", N_("With grandparents")),
    ("custody", N_("In custody")),
    ("own_home", N_("In their own home")),
    ("elsewhere", N_("Somewhere else")),
)

EVENT_TYPES = (
    ("referral", N_("Referral")),
    ("self_referral", N_("We asked for help")),
    ("assessment", N_("Assessment")),
    ("support_started", N_("Support started")),
    ("support_ended", N_("Support ended")),
    ("meeting", N_("Meeting")),
    ("plan_change", N_("Plan or status change")),
    ("court", N_("Court")),
    ("housing", N_("Housing")),
    ("health", N_("Health")),
    ("incident", N_("Incident")),
    ("achievement", N_("Something we achieved")),
)

# Things that are booked ahead: only these may have a date still to come.
EVENTS_THAT_CAN_BE_AHEAD = frozenset({"meeting", "court", "housing", "health", "assessment"})

CHOSEN = (
    ("chosen", N_("We chose it")),
    ("required", N_("We have to have it")),
    ("not_sure", N_("Not sure")),
)

YES_NO = (
    ("yes", N_("Yes")),
    ("no", N_("No")),
    ("not_sure", N_("Not sure")),
)

FEELINGS = (
    ("better", N_("Getting better")),
    ("same", N_("About the same")),
    ("worse", N_("Getting worse")),
)


@dataclass(frozen=True)
class Field:
    name: str
    label: str
    type: str  # text, rich, choice, radios, date, partial_date, month, count, member, hidden
    required: bool = False
    max_length: int = 200
    choices: tuple = ()
    hint: str = ""
    may_be_ahead: bool = True
    # A new entry's form starts with today's date here (a check-in is about today).
    today_by_default: bool = False


@dataclass(frozen=True)
class Kind:
    name: str
    label: str
    fields: tuple[Field, ...]
    title_field: str
    default_category: str = "family_life"
    sort_field: str | None = None
    one_per_family: bool = False
    # Notes come from professionals: the family adds them to the book but never writes them.
    family_writes: bool = True
    extra: dict = field(default_factory=dict)

    def field(self, name: str) -> Field:
        return next(f for f in self.fields if f.name == name)


RICH_LIMIT = 10_000

MEMBER = Kind(
    name="member",
    label=N_("Person"),
    title_field="name",
    fields=(
        Field("name", N_("Name"), "text", required=True, max_length=120),
        Field(
            "relationship",
            N_("Who they are to the family"),
            "text",
            required=True,
            max_length=120,
            hint=N_("For example: mum, son, grandad, partner"),
        ),
        Field(
            "date_of_birth",
            N_("Date of birth (if you want to give it)"),
            "date",
            may_be_ahead=False,
            hint=N_("For example, 27 3 2012"),
        ),
        Field("age", N_("Age (if you did not give a date of birth)"), "count"),
        Field("lives", N_("Where do they live?"), "radios", required=True, choices=LIVES),
        Field(
            "cares",
            N_("If they are a child: do they help look after someone at home?"),
            "radios",
            choices=YES_NO,
            hint=N_("For example, a parent, brother or sister who is ill or disabled, or who "
                    "drinks or takes drugs. Many children do. If you say yes, we show you help "
                    "for young carers near you."),
        ),
    ),
)

STORY = Kind(
    name="story",
    label=N_("Story section"),
    title_field="title",
    fields=(
        Field("section", N_("Part of our story"), "radios", required=True, choices=STORY_SECTIONS),
        Field("title", N_("Title"), "text", required=True, max_length=150),
        Field("text", N_("What you want to say"), "rich", required=True, max_length=RICH_LIMIT),
    ),
)

HELPS = Kind(
    name="helps",
    label=N_("What helps us or what to avoid"),
    title_field="title",
    fields=(
        Field("section", N_("Is this something that helps, or something to avoid?"), "radios",
              required=True, choices=HELPS_SECTIONS),
        Field("title", N_("In a few words"), "text", required=True, max_length=150),
        Field("text", N_("More about it (if you want)"), "rich", max_length=RICH_LIMIT),
    ),
)

SUMMARY = Kind(
    name="summary",
    label=N_("Read this first"),
    title_field="",
    one_per_family=True,
    fields=(
        Field(
            "text",
            N_("What everyone should know about us first"),
            "rich",
            required=True,
            max_length=4000,
            hint=N_("Keep it to one page. Anyone you share it with reads this first."),
        ),
    ),
)

EVENT = Kind(
    name="event",
    label=N_("Timeline event"),
    title_field="title",
    sort_field="date",
    fields=(
        Field("title", N_("What happened"), "text", required=True, max_length=150),
        Field(
            "date",
            N_("When"),
            "partial_date",
            required=True,
            hint=N_("Leave the day empty if you only know the month."),
        ),
        Field("event_type", N_("What kind of event"), "choice", required=True, choices=EVENT_TYPES),
        Field("who", N_("Who was involved"), "text", max_length=300),
        Field("details", N_("More about it"), "rich", max_length=RICH_LIMIT),
        Field("occurrence", N_("If this keeps happening: which time was this?"), "count",
              hint=N_("For example, 2 if it was the second time")),
        Field("occurrence_total", N_("Out of how many times so far?"), "count"),
    ),
)

SERVICE = Kind(
    name="service",
    label=N_("Service"),
    title_field="agency",
    default_category="other",
    fields=(
        Field("agency", N_("Service or organisation"), "text", required=True, max_length=150),
        Field("team", N_("Team"), "text", max_length=150),
        Field("contact_name", N_("Name of the person we deal with"), "text", max_length=150),
        Field("contact_how", N_("How to reach them"), "text", max_length=300,
              hint=N_("Phone number, email or address")),
        Field("why_our_words", N_("Why they are involved, in our words"), "rich", max_length=2000),
        Field("chosen", N_("Did you choose this service?"), "radios", choices=CHOSEN),
        Field("since", N_("Since when"), "month", may_be_ahead=False),
        Field("until", N_("Until when (if it has ended or has an end date)"), "month"),
        Field("how_often", N_("How often do you see them?"), "text", max_length=100),
        Field("helpful", N_("Are they helpful?"), "radios", choices=YES_NO),
        Field("clear_why", N_("Is it clear why they are involved?"), "radios", choices=YES_NO),
        Field("easy_contact", N_("Are they easy to contact?"), "radios", choices=YES_NO),
        Field("talk_to_others", N_("Do they talk to the other services?"), "radios", choices=YES_NO),
        Field("would_miss", N_("Would you miss them?"), "radios", choices=YES_NO),
        Field("our_view", N_("Anything else about them"), "rich", max_length=2000),
        # The directory listing the card was made from, if any: a number nobody types.
        Field("listing", N_("Found in the directory of local help"), "hidden", max_length=12),
    ),
)

CHECKIN = Kind(
    name="checkin",
    label=N_("Check-in"),
    title_field="",
    sort_field="date",
    default_category="family_life",
    fields=(
        Field("date", N_("Date"), "date", required=True, may_be_ahead=False,
              today_by_default=True),
        Field("feeling", N_("How are things?"), "radios", required=True, choices=FEELINGS),
        Field("note", N_("Anything you want to add"), "rich", max_length=2000),
    ),
)

NOTE = Kind(
    name="note",
    label=N_("Note from a professional"),
    title_field="title",
    default_category="other",
    family_writes=False,
    fields=(
        Field("title", N_("Title"), "text", required=True, max_length=150),
        Field("text", N_("What they wrote"), "rich", required=True, max_length=RICH_LIMIT),
        Field("from_name", N_("From"), "text", max_length=200),
        Field("from_organisation", N_("Organisation"), "text", max_length=200),
    ),
)

# A child's own page, written with them (in the spirit of the Three Houses used in child
# protection work): the reports ask for "someone to ask ME". "Who is this about?" is the child.
VOICE = Kind(
    name="voice",
    label=N_("In my own words"),
    title_field="",
    default_category="family_life",
    fields=(
        Field("happy", N_("What makes me happy"), "rich", max_length=2000,
              hint=N_("Write the child's own words, as they say them.")),
        Field("worries", N_("What worries me"), "rich", max_length=2000),
        Field("wishes", N_("What I wish for"), "rich", max_length=2000),
    ),
)
VOICE_AGE = 12  # the page is offered for each child under this age

KINDS = {k.name: k for k in (MEMBER, STORY, HELPS, SUMMARY, EVENT, SERVICE, CHECKIN, NOTE,
                             VOICE)}


def choice_label(choices: tuple, value: str | None) -> str:
    return dict(choices).get(value, "")
