"""Passwords after NIST SP 800-63B: 8 characters or more, not a common or easily guessed one,
and no rule about capitals, digits or symbols. Each refusal says in plain words what to do."""

import time

import pytest
from argon2 import Parameters, PasswordHasher, extract_parameters
from argon2.low_level import ARGON2_VERSION
from conftest import PASSWORD, sign_in

from record_book.accounts import accounts
from record_book.accounts.passwords import password_problem

COMMON = ("password", "password123", "12345678", "qwertyuiop", "iloveyou12", "Liverpool1",
          "xxxxxxxxxxxx", "abcdefghij")


def test_eight_characters_of_words_do_with_no_capital_digit_or_symbol():
    for fine in ("blue kettle", "walking dog", "a brand new password", "ہم نے نیا گھر",
                 "kettle on the hob 🎉"):
        assert password_problem(fine) is None, fine


def test_short_only_spaces_and_common_passwords_are_refused():
    assert password_problem("kettle7") == "short"
    assert password_problem(" " * 10) == "spaces"
    assert password_problem("\t \u3000 " * 3) == "spaces"
    for common in COMMON:
        assert password_problem(common) == "guessable", common


def test_the_persons_own_name_is_a_guess():
    assert password_problem("samcarter1", ("sam", "Sam Carter")) == "guessable"
    assert password_problem("samcarter1") is None


@pytest.mark.parametrize("settings", [
    {"time_cost": 1, "memory_cost": 1024, "parallelism": 1},  # the tests' own
    {},  # PasswordHasher()'s, as the portal runs
], ids=["cheap", "portal's"])
def test_an_unknown_username_costs_what_a_real_password_check_costs(monkeypatch, settings):
    """With no such account the password is still verified, against a hash of the hasher's own
    cost settings, so the time taken does not tell whether the account exists."""
    verified = []

    class Watching(PasswordHasher):
        def verify(self, hash, password):
            verified.append(hash)
            return super().verify(hash, password)

    hasher = Watching(**settings)
    monkeypatch.setattr(accounts, "_hasher", hasher)
    assert accounts.password_matches(None, PASSWORD) is False
    [stand_in] = verified
    assert extract_parameters(stand_in) == Parameters(
        type=hasher.type, version=ARGON2_VERSION, salt_len=hasher.salt_len,
        hash_len=hasher.hash_len, time_cost=hasher.time_cost, memory_cost=hasher.memory_cost,
        parallelism=hasher.parallelism)


def test_a_very_long_password_is_judged_quickly():
    started = time.monotonic()
    assert password_problem("kettle " * 2000) is None
    assert password_problem("a brand new password" + "x" * 5000) is None
    assert time.monotonic() - started < 1


@pytest.mark.parametrize("typed,message", [
    ("kettle7", "Make your password at least 8 characters long."),
    (" " * 10, "A password cannot be only spaces."),
    ("password123", "That password is one many people use, or is easy to guess."),
    ("sam carter 9", "That password is one many people use, or is easy to guess."),
])
def test_changing_a_password_refuses_in_plain_words(client, book, typed, message):
    sign_in(client, book.holder)
    page = client.post("/account/password", data={"password": typed, "password_again": typed,
                                                   "current_password": PASSWORD})
    assert page.status_code == 400
    assert message in page.text and "There is a problem" in page.text
    assert client.post("/sign-out").status_code == 302
    assert sign_in(client, book.holder)  # the old password still works
