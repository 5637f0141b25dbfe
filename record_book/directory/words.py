"""Words in any script, as the directory compares them."""

import unicodedata


def words_in(text: str) -> list[str]:
    """The words of a text in any script: runs of letters, marks and digits, case folded."""
    words, current = [], []
    for char in unicodedata.normalize("NFKC", text or "").casefold():
        if unicodedata.category(char)[0] in "LMN":
            current.append(char)
        elif current:
            words.append("".join(current))
            current = []
    if current:
        words.append("".join(current))
    return words
