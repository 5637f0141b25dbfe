"""Numbers typed or sent by people, read one way everywhere: the digits 0 to 9 and nothing else.

Python's own `int()` and `str.isdigit()` take far more: "²" passes `isdigit()` and then fails
`int()`, and "٣" (an Arabic-Indic three) becomes 3 without anyone meaning it. Every id, version,
count, rating and date part read from a form, an address or a query goes through `whole_number`,
so anything else is simply "not a number" — a field error or "not found", never a crash.
"""

import unicodedata

DIGITS = frozenset("0123456789")
# The largest id or count a person can send: what every database we run on stores in an integer.
LARGEST = 2**31 - 1


def whole_number(text, largest: int = LARGEST) -> int | None:
    """The number in `text`, written with the digits 0 to 9 (spaces around it allowed); None
    for anything else, or for a number above `largest`."""
    if isinstance(text, int) and not isinstance(text, bool):
        return text if 0 <= text <= largest else None
    if not isinstance(text, str):
        return None
    text = text.strip()
    if not text or len(text) > len(str(largest)) or not set(text) <= DIGITS:
        return None
    value = int(text)
    return value if value <= largest else None


def has_other_digits(text: str) -> bool:
    """Whether `text` holds a digit that is not 0 to 9 ("²", "٣", "३"): the person meant a number,
    and should be told to write it with 0 to 9."""
    return any(ch not in DIGITS and unicodedata.category(ch) in ("Nd", "No") for ch in text)
