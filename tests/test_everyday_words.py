"""The directory finds families' own words: "damp" finds housing advice though no listing says
"damp", in English, Urdu, Polish, Arabic and the other languages (everyday_words.toml)."""

import tomllib

from demo import family as demo
from record_book.directory import everyday_words
from record_book.directory.search import Search, search
from record_book.directory.words import words_in

HOUSING, DEBT, FOOD = "Housing advice", "Debt advice drop-in", "Northgate food bank"
CARERS, ABUSE, HUB = "Young carers group", "Domestic abuse support", "The Hub"
ENGLISH, PARENTS, HOMEWORK = "English classes for adults (ESOL)", "Parenting group", "homework club"

# What a family types, and a listing that must be among the first two found.
SEARCHES = [
    ("damp", HOUSING), ("black mould in the bedroom", HOUSING), ("we are being evicted", HOUSING),
    ("behind on rent", DEBT), ("bailiffs", DEBT), ("can't pay the gas bill", DEBT),
    ("no food", FOOD), ("my mum is ill", CARERS), ("can't sleep", HUB),
    ("anxiety", HUB), ("partner hits me", ABUSE), ("learn english", ENGLISH),
    ("toddler tantrums", PARENTS), ("homework", HOMEWORK),
    # Urdu
    ("سیلن", HOUSING), ("دیوار میں نمی", HOUSING), ("بے گھر", HOUSING), ("قرض", DEBT),
    ("بجلی کا بل", DEBT), ("کھانے کو کچھ نہیں", FOOD), ("میری امی بیمار ہیں", CARERS),
    ("نیند نہیں آتی", HUB), ("گھریلو تشدد", ABUSE), ("انگریزی سیکھنا", ENGLISH),
    # Polish
    ("wilgoć w mieszkaniu", HOUSING), ("pleśń", HOUSING), ("eksmisja", HOUSING),
    ("długi", DEBT), ("komornik", DEBT), ("brak jedzenia", FOOD), ("mama jest chora", CARERS),
    ("nie mogę spać", HUB), ("przemoc domowa", ABUSE), ("kurs angielskiego", ENGLISH),
    # Arabic
    ("رطوبة", HOUSING), ("العفن في البيت", HOUSING), ("ديون", DEBT), ("لا يوجد طعام", FOOD),
    ("أمي مريضة", CARERS), ("القلق", HUB), ("العنف المنزلي", ABUSE), ("تعلم الإنجليزية", ENGLISH),
]


def test_forty_families_words_find_the_help_they_mean(session):
    demo.load(session)
    session.commit()
    assert len(SEARCHES) >= 40
    missed = []
    for typed, wanted in SEARCHES:
        first_two = [f.listing.name for f in search(session, Search(words=typed)).found[:2]]
        if not any(wanted in name for name in first_two):
            missed.append((typed, wanted, first_two))
    assert missed == []


def test_a_word_nobody_mapped_still_finds_nothing_rather_than_everything(session):
    demo.load(session)
    session.commit()
    assert search(session, Search(words="zebra crossing")).found == []


def test_every_need_has_words_in_every_language_and_real_areas():
    from record_book.areas import AREAS

    table = tomllib.loads(everyday_words.SOURCE.read_text(encoding="utf-8"))
    codes = {code for code, _label in AREAS}
    for key, need in table.items():
        assert set(need["areas"]) <= codes, key
        for language in everyday_words.LANGUAGES:
            assert need.get(language), (key, language)
            assert all(words_in(phrase) for phrase in need[language]), (key, language)


def test_a_short_word_does_not_match_inside_a_longer_one():
    assert [m.key for m in everyday_words.meanings_in("parents evening")] == []
    assert [m.key for m in everyday_words.meanings_in("rent")] == ["rent"]
