"""Numbers from people are read one way: the digits 0 to 9. "²" or "٣" in any number a person
types or an address carries is a plain-words field error or "not found" — never a crash, and
never quietly read as another number."""

import pytest
from conftest import sign_in
from hypothesis import given
from hypothesis import strategies as st

from record_book.book.kinds import KINDS
from record_book.book.numbers import LARGEST, has_other_digits, whole_number

OTHER_DIGITS = ("²", "٣", "۳", "৩", "३", "３", "1²", "٢٠٢٤")
NUMBER_TYPES = {"count": ("",), "date": ("-day", "-month", "-year"),
                "partial_date": ("-day", "-month", "-year"), "month": ("-month", "-year")}


def test_whole_numbers_are_the_digits_0_to_9_and_nothing_else():
    assert whole_number("42") == 42 and whole_number(" 7 ") == 7 and whole_number("0") == 0
    for text in (*OTHER_DIGITS, "", " ", "-1", "+1", "1.5", "1e3", "0x10", "1_000", None, 3.0):
        assert whole_number(text) is None, text
    assert whole_number(str(LARGEST)) == LARGEST
    assert whole_number(str(LARGEST + 1)) is None and whole_number("9" * 40) is None
    assert all(has_other_digits(text) for text in OTHER_DIGITS)
    assert not has_other_digits("2024") and not has_other_digits("March")


@given(st.text(max_size=12))
def test_any_text_is_either_its_own_ascii_number_or_none(text):
    number = whole_number(text)
    assert number is None or str(number) == text.strip().lstrip("0").rjust(1, "0")


def _numeric_fields():
    for kind in KINDS.values():
        if not kind.family_writes:
            continue
        for field in kind.fields:
            if field.type in NUMBER_TYPES:
                yield kind.name, field.name, field.type


@pytest.mark.parametrize("kind,field,type_", list(_numeric_fields()))
@pytest.mark.parametrize("digits", ["²", "٣", "٢٠٢٤"])
def test_other_digits_in_any_number_on_an_entry_form_are_a_field_error(
        client, book, kind, field, type_, digits):
    sign_in(client, book.holder)
    form = {f"{field}{suffix}": digits for suffix in NUMBER_TYPES[type_]}
    response = client.post(f"/families/{book.family.id}/new/{kind}", data=form)
    assert response.status_code == 400
    assert "with the digits 0 to 9" in response.text
    assert "There is a problem" in response.text


@pytest.mark.parametrize("digits", ["²", "٣", "99999999999", "1" * 40])
def test_other_digits_in_hidden_numbers_and_query_strings_never_break_a_page(
        client, book, digits):
    sign_in(client, book.holder)
    base = f"/families/{book.family.id}"
    assert client.get(f"{base}/access-log?who={digits}&entry={digits}").status_code == 200
    assert client.get(f"{base}/new/service?listing={digits}").status_code == 200
    assert client.post(f"{base}/plan/start").status_code == 302
    assert client.post(f"{base}/plan/agree", data={"revision": digits}).status_code == 400
    assert client.post(f"{base}/plan/edit", data={"base_revision": digits}).status_code == 400
    assert client.get(f"{base}/plan/compare?from={digits}&to=1").status_code == 404
    shared = client.post(f"{base}/sharing/whole", data={
        "grantee": f"a{book.advocate.id}", "what": "recent", "months": digits})
    assert shared.status_code == 400 and "Choose between 1 and 24 months" in shared.text
    page = client.post(f"{base}/plan/review", data={"reviewed_on": f"1 1 {digits}"})
    assert page.status_code == 400


@pytest.mark.parametrize("path", ["/families/٣/", "/families/99999999999/",
                                  "/families/1/entries/99999999999999999999",
                                  "/directory/9223372036854775808", "/families/1²/"])
def test_an_address_with_another_number_is_not_found(client, book, path):
    sign_in(client, book.holder)
    assert client.get(path).status_code == 404


def test_a_share_until_a_date_in_other_digits_or_far_away_is_a_field_error(client, book):
    sign_in(client, book.holder)
    base = f"/families/{book.family.id}"
    for until in ("٢٠٢٧-٠٣-٣١", "9999-12-31", "2027-02-30"):
        response = client.post(f"{base}/sharing/whole", data={
            "grantee": f"a{book.advocate.id}", "what": "category", "category": "home",
            "until": until})
        assert response.status_code == 400, until
        assert "Enter the end date as a real date" in response.text
