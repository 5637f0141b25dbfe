from hypothesis import given
from hypothesis import strategies as st

from record_book.book.merge import merge


def test_changes_to_different_fields_are_both_kept():
    result = merge({"a": 1, "b": 1}, {"a": 2, "b": 1}, {"a": 1, "b": 3})
    assert result.clean and result.merged == {"a": 2, "b": 3}


def test_the_same_field_changed_differently_is_a_conflict():
    result = merge({"a": 1}, {"a": 2}, {"a": 3})
    assert result.conflicts == {"a": (2, 3)}


def test_the_same_change_on_both_sides_is_not_a_conflict():
    assert merge({"a": 1}, {"a": 2}, {"a": 2}).clean


def test_a_field_removed_by_one_side_and_untouched_by_the_other_is_removed():
    assert merge({"a": 1, "b": 2}, {"a": 1}, {"a": 1, "b": 2}).merged == {"a": 1}


values = st.one_of(st.none(), st.integers(0, 3), st.sampled_from(["x", "y", "z"]))
records = st.dictionaries(st.sampled_from("abcdef"), values, max_size=6)


@given(records, records, records)
def test_no_change_from_either_side_is_silently_lost(base, theirs, mine):
    result = merge(base, theirs, mine)
    for key in set(base) | set(theirs) | set(mine):
        b, t, m = (side.get(key, "absent") for side in (base, theirs, mine))
        got = result.merged.get(key, "absent")
        if t != b and m != b and t != m:
            assert key in result.conflicts
        elif m != b:
            assert got == m and key not in result.conflicts
        elif t != b:
            assert got == t and key not in result.conflicts
        else:
            assert got == b
