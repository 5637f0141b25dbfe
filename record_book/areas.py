"""The parts of a family's life: the plan's goals, the directory's listings and the booklet
are sorted by the same ones."""

from record_book.i18n import N_

AREAS = (
    ("money", N_("Money")),
    ("home", N_("Home")),
    ("work", N_("Work and training")),
    ("getting_on", N_("Getting on together")),
    ("safe", N_("Feeling safe")),
    ("health", N_("Health and feelings")),
    ("school", N_("School and learning")),
    ("growing_up", N_("Growing up")),
    ("friends", N_("Friends and activities")),
    ("caring", N_("Caring for someone")),
    ("trouble", N_("Keeping out of trouble")),
    ("everyday", N_("Everyday life")),
    ("support", N_("Support around us")),
)
