"""The demo's directory of local help: invented services around the invented town of Northgate.

Phone numbers are in the range kept for drama (01632 960xxx); web and email addresses end in
example.org. Two come from community groups without accounts, added by the portal admin, and
one has not been checked for over a year, so it shows as "may be out of date".
"""

from record_book.accounts.accounts import create_organisation
from record_book.directory.listings import keep_listing, publish_listing

# organisation (None: a community group the admin adds), days since checked, areas, fields
LISTINGS = (
    ("Northgate Citizens Advice", 20, ["money"], {
        "name": "Debt advice drop-in",
        "does": "Free, private help with debts, bills and benefits. An adviser looks at what you "
                "owe, talks to the people you owe, and helps you make a plan you can afford.",
        "for_whom": "Anyone who lives in Northgate and is worried about money.",
        "area_covered": "Northgate and Eastfield", "countywide": "no", "self_referral": "yes",
        "drop_in": "yes", "waiting_time": "Same day at the drop-in; about 2 weeks for a booked "
                                          "appointment",
        "languages": "English, Polish, Urdu (ask for an interpreter for others)",
        "opening_times": "Drop-in: Monday and Thursday, 10am to 1pm.",
        "phone": "01632 960101", "email": "advice@northgate-ca.example.org",
        "address": "The Library, 4 Market Square, Northgate",
        "website": "https://northgate-ca.example.org"}),
    (None, 450, ["money", "everyday"], {
        "name": "Northgate food bank",
        "does": "Three days of food for your household, and toiletries. Volunteers can also "
                "point you to help with money.",
        "eligibility": "You need a food voucher. Ask your GP, your child's school, a health "
                       "visitor or your advocate for one.",
        "area_covered": "Northgate", "countywide": "no", "self_referral": "no",
        "referral_by": "A GP, school, health visitor, advocate or Citizens Advice",
        "drop_in": "no", "opening_times": "Tuesday and Friday, 12 noon to 3pm.",
        "phone": "01632 960102", "address": "St Mark's Church Hall, Hill Road, Northgate"}),
    ("Northgate Young Carers", 60, ["caring", "friends"], {
        "name": "Young carers group",
        "does": "A break, trips and friends for young people who look after someone at home. "
                "A worker can also talk to your school.",
        "for_whom": "Young people who help look after a parent, brother or sister.",
        "age_from": "8", "age_to": "17",
        "area_covered": "The whole county", "countywide": "yes", "self_referral": "yes",
        "referral_by": "A parent, school or anyone who knows the young person",
        "waiting_time": "About 4 weeks for a first visit",
        "opening_times": "Groups after school on Wednesdays; trips in the holidays.",
        "phone": "01632 960103", "email": "hello@northgate-carers.example.org"}),
    ("Safe at Home Northgate", 90, ["safe", "home"], {
        "name": "Domestic abuse support",
        "does": "Someone to talk to if a partner or family member hurts, scares or controls you. "
                "They help you stay safe, at home or somewhere new.",
        "for_whom": "Anyone aged 16 or over, of any gender.", "age_from": "16",
        "area_covered": "The whole county", "countywide": "yes", "self_referral": "yes",
        "waiting_time": "Call the same day. In an emergency, call 999.",
        "languages": "English, Urdu, Punjabi, Polish, Arabic",
        "opening_times": "Phone line: every day, 9am to 9pm.",
        "phone": "01632 960104", "website": "https://safeathome.example.org"}),
    ("Northgate Council Housing Options", 150, ["home"], {
        "name": "Housing advice",
        "does": "Help if you might lose your home, your home is in poor repair, or you need to "
                "move. They can talk to your landlord.",
        "area_covered": "Northgate district", "countywide": "no", "self_referral": "yes",
        "drop_in": "no", "waiting_time": "An appointment within 5 working days",
        "opening_times": "Monday to Friday, 9am to 5pm.",
        "phone": "01632 960105", "email": "housing@northgate-council.example.org",
        "address": "Town Hall, Northgate"}),
    ("Northgate Health Visiting", 40, ["getting_on", "growing_up"], {
        "name": "Parenting group: the early years",
        "does": "Six friendly sessions for parents of young children, on sleep, play, feelings "
                "and getting through the hard days.",
        "for_whom": "Parents and carers of children under 5.", "age_to": "5",
        "area_covered": "Northgate and Eastfield", "countywide": "no", "self_referral": "yes",
        "referral_by": "Your health visitor can book you a place",
        "waiting_time": "A new group starts every 8 weeks",
        "opening_times": "Tuesday mornings, with a creche.", "phone": "01632 960106"}),
    (None, 10, ["health", "friends"], {
        "name": "The Hub: mental health drop-in for young people",
        "does": "Come in and talk to a youth worker about how you feel. No appointment and no "
                "need to tell your parents first.",
        "for_whom": "Young people who feel low, worried or stressed.",
        "age_from": "13", "age_to": "25",
        "area_covered": "Northgate", "countywide": "no", "self_referral": "yes",
        "drop_in": "yes", "opening_times": "Monday to Thursday, 3:30pm to 7pm.",
        "phone": "01632 960107", "address": "The Hub, 22 Station Road, Northgate"}),
    ("Northgate Community Learning", 200, ["work", "school"], {
        "name": "English classes for adults (ESOL)",
        "does": "Free English classes for adults whose first language is not English, from "
                "beginners up. Help with forms and job skills too.",
        "age_from": "16", "area_covered": "The whole county", "countywide": "yes",
        "self_referral": "yes", "waiting_time": "Classes start in September and January",
        "languages": "Teachers speak Arabic, Bengali, Polish and Urdu",
        "opening_times": "Daytime and evening classes.",
        "phone": "01632 960108", "email": "learn@northgate-learning.example.org"}),
    ("Riverside School", 30, ["school", "friends"], {
        "name": "After-school homework club",
        "does": "A quiet room, a computer and a teacher to help with homework, with toast and "
                "a drink.", "for_whom": "Pupils at Riverside School.",
        "age_from": "11", "age_to": "16", "area_covered": "Riverside School",
        "countywide": "no", "self_referral": "yes", "drop_in": "yes",
        "opening_times": "Monday to Thursday in term time, 3:15pm to 4:30pm.",
        "phone": "01632 960109"}),
)

COMMUNITY_GROUPS = {"Northgate food bank": "Northgate Food Bank (a community group)",
                    "The Hub: mental health drop-in for young people": "The Hub Youth Project"}


# What the demo family keeps for its booklet: money help first, as its plan says.
KEPT = ("Debt advice drop-in", "Northgate food bank")


def load(session, organisations: dict, admin, cal, family) -> None:
    """Publish the demo's listings, as the portal admin, on the days they were last checked;
    the family (a holder's reader) keeps a couple for its booklet."""
    for organisation_name, days_ago, areas, fields in LISTINGS:
        name = organisation_name or COMMUNITY_GROUPS[fields["name"]]
        if name not in organisations:
            organisations[name] = create_organisation(session, name)
        listing = publish_listing(session, admin, organisations[name].id, fields, areas,
                                  now=cal.evening(days_ago))
        if fields["name"] in KEPT:
            keep_listing(session, family, listing, now=cal.evening(1))
