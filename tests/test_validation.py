from datetime import date

import pytest

from record_book.book.kinds import EVENT, MEMBER, SERVICE, STORY
from record_book.book.validation import Invalid, validate

TODAY = date(2026, 11, 23)


def problems(kind, raw):
    with pytest.raises(Invalid) as raised:
        validate(kind, raw, TODAY)
    return {name: problem.message % {k: v for k, v in problem.params.items()}
            for name, problem in raised.value.problems.items()}


def event(**changes):
    raw = {"title": "Moved house", "date-day": "3", "date-month": "3", "date-year": "2021",
           "event_type": "housing"}
    raw.update(changes)
    return raw


def test_a_good_event_is_cleaned_into_fields():
    fields = validate(EVENT, event(), TODAY)
    assert fields["title"] == "Moved house"
    assert fields["date"] == {"year": 2021, "month": 3, "day": 3, "around": False}


def test_empty_required_fields_are_named():
    found = problems(STORY, {"section": "", "title": " ", "text": "<p> </p>"})
    assert set(found) == {"section", "title", "text"}
    assert found["title"] == 'Fill in "Title"'


def test_31_february_is_not_a_real_date():
    assert "must be a real date" in problems(EVENT, event(**{"date-day": "31", "date-month": "2"}))["date"]


@pytest.mark.parametrize("day,month,year", [("0", "1", "2020"), ("1", "13", "2020"),
                                            ("x", "1", "2020"), ("1", "1", "20"),
                                            ("1", "1", "99999")])
def test_impossible_dates_are_refused(day, month, year):
    found = problems(EVENT, event(**{"date-day": day, "date-month": month, "date-year": year}))
    assert "date" in found


def test_month_only_and_around_dates():
    fields = validate(EVENT, event(**{"date-day": "", "date-around": "yes"}), TODAY)
    assert fields["date"] == {"year": 2021, "month": 3, "day": None, "around": True}


def test_a_missing_part_of_a_date_is_named():
    assert problems(EVENT, event(**{"date-year": ""}))["date"] == '"When" needs a year'


def test_an_incident_cannot_be_in_the_future_but_a_meeting_can():
    ahead = {"date-day": "1", "date-month": "1", "date-year": "2027"}
    assert "cannot have happened yet" in problems(EVENT, event(event_type="incident", **ahead))["date"]
    assert validate(EVENT, event(event_type="meeting", **ahead), TODAY)["date"]["year"] == 2027


def test_a_date_of_birth_in_the_future_is_refused():
    raw = {"name": "Baby", "relationship": "son", "lives": "with_us", "date_of_birth-day": "1",
           "date_of_birth-month": "1", "date_of_birth-year": "2027"}
    assert problems(MEMBER, raw)["date_of_birth"] == (
        '"Date of birth (if you want to give it)" must be today or in the past')


def test_over_long_text_says_how_long_it_was():
    found = problems(STORY, {"section": "story_so_far", "title": "x" * 151, "text": "ok"})
    assert found["title"] == '"Title" must be 150 characters or fewer. You wrote 151.'


def test_a_choice_not_on_the_list_is_refused():
    assert "event_type" in problems(EVENT, event(event_type="party"))


def test_a_service_cannot_end_before_it_started():
    raw = {"agency": "GP", "since-month": "5", "since-year": "2022", "until-month": "1",
           "until-year": "2021"}
    assert problems(SERVICE, raw) == {"until": '"Until when" cannot be before "Since when"'}


def test_repeat_counts_must_make_sense():
    found = problems(EVENT, event(occurrence="3", occurrence_total="2"))
    assert "occurrence_total" in found
    assert "occurrence" in problems(EVENT, event(occurrence="-1"))
