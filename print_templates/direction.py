"""The Unicode bidirectional algorithm (UAX #9), for one paragraph at a time.

python-bidi's pure-Python algorithm predates isolates and bracket pairs, and its Rust one does
not hand out levels, so the booklet resolves levels here: explicit embeddings, overrides and
isolates (X1-X10), weak types (W1-W7), bracket pairs (BD16, N0), neutrals (N1-N2) and implicit
levels (I1-I2). Lines are reordered only after the paragraph is broken (`line_levels` applies
L1 to one line; `visual_order` in shaping applies L2). The tests check it against ICU.

The family's values are wrapped in FIRST STRONG ISOLATE ... POP DIRECTIONAL ISOLATE (`isolate`),
so "07700 900417" after an Arabic label keeps its groups in order and an English name inside
an Urdu sentence reads left to right. `isolate` is the portal's too (record_book.book.text).
"""

import unicodedata
from functools import lru_cache

from bidi.mirror import MIRRORED

MAX_DEPTH = 125
_INITIATORS = frozenset({"LRI", "RLI", "FSI"})
_ISOLATE_CONTROLS = _INITIATORS | {"PDI"}
_REMOVED = frozenset({"RLE", "LRE", "RLO", "LRO", "PDF", "BN"})
_NEUTRAL = frozenset({"B", "S", "WS", "ON", "FSI", "LRI", "RLI", "PDI"})
_STRONG = frozenset({"L", "R", "AL"})
# Brackets that are canonically the same as another pair (BD16 compares canonical equivalents).
_CANONICAL = {"\u2329": "\u3008", "\u232a": "\u3009"}
_BRACKET_STACK = 63
_CONTROLS = _REMOVED | _ISOLATE_CONTROLS


def bidi_class(char: str) -> str:
    return unicodedata.bidirectional(char) or "L"


# A character's answer is asked for each time it is set: remembered, for the few hundred
# characters a booklet has.
@lru_cache(maxsize=4096)
def is_control(char: str) -> bool:
    """Characters the algorithm uses and that draw nothing (embeddings, isolates, marks)."""
    return bidi_class(char) in _CONTROLS or char in "\u200e\u200f\u061c"


def first_strong(classes: list[str], start: int = 0, end: int | None = None) -> str | None:
    """P2: the first L, R or AL outside any isolate, stopping at an unmatched PDI."""
    return _first_strong_of(classes[start:end])


def _first_strong_of(classes) -> str | None:
    depth = 0
    for kind in classes:
        if kind in _INITIATORS:
            depth += 1
        elif kind == "PDI":
            if depth == 0:
                return None
            depth -= 1
        elif depth == 0 and kind in _STRONG:
            return kind
    return None


def base_is_rtl(text: str, default_rtl: bool) -> bool:
    """P2-P3: a paragraph's direction is its first strong letter's, else the default."""
    kind = _first_strong_of(bidi_class(char) for char in text)  # stops at the first letter
    return default_rtl if kind is None else kind != "L"


def paragraph_levels(text: str, rtl: bool) -> list[int]:
    """The resolved level of each character of one paragraph whose base direction is `rtl`.

    Characters removed by rule X9 take the level of the character before them (or the
    paragraph's), so that every character has a level to draw with."""
    base = 1 if rtl else 0
    if base == 0 and text.isascii():  # no ASCII character is right-to-left or a control
        return [0] * len(text)
    classes = [bidi_class(char) for char in text]
    if base == 0 and not any(kind in ("R", "AL", "AN") or kind in _REMOVED - {"BN"}
                             or kind in ("RLI", "FSI") for kind in classes):
        return [0] * len(text)
    matching = _matching_pdis(classes)
    levels, types = _explicit(classes, matching, base)
    kept = [i for i, kind in enumerate(classes) if kind not in _REMOVED]
    position = {index: n for n, index in enumerate(kept)}
    resolved = list(levels)
    for sequence in _isolating_sequences(kept, levels, classes, matching):
        _resolve_sequence(sequence, text, types, levels, resolved, classes, base, kept,
                          position)
    result, previous = [], base
    for i, kind in enumerate(classes):
        if kind in _REMOVED:
            result.append(previous)
        else:
            previous = resolved[i]
            result.append(previous)
    return result


def line_levels(text: str, levels: list[int], start: int, end: int, rtl: bool) -> list[int]:
    """L1 for the line text[start:end]: separators and the white space (and isolate controls)
    before them or at the line's end go back to the paragraph's level."""
    base = 1 if rtl else 0
    out = levels[start:end]
    line = text[start:end]
    if line.isascii() and line.isprintable():  # no separator or control: only spaces trail
        kept = len(line.rstrip(" "))
        out[kept:] = [base] * (len(line) - kept)
        return out
    trailing = True
    for i in range(end - 1, start - 1, -1):
        kind = bidi_class(text[i])
        if kind in ("S", "B"):
            out[i - start] = base
            trailing = True
        elif trailing and (kind == "WS" or kind in _ISOLATE_CONTROLS or kind in _REMOVED):
            out[i - start] = base
        else:
            trailing = False
    return out


# --- X1-X10 ---------------------------------------------------------------------------------

def _matching_pdis(classes: list[str]) -> dict[int, int]:
    """BD9: each isolate initiator's matching PDI."""
    found, open_ = {}, []
    for i, kind in enumerate(classes):
        if kind in _INITIATORS:
            open_.append(i)
        elif kind == "PDI" and open_:
            found[open_.pop()] = i
    return found


def _explicit(classes: list[str], matching: dict[int, int], base: int):
    levels = [base] * len(classes)
    types = list(classes)
    stack = [(base, None, False)]  # level, override ("L"/"R"/None), isolate
    overflow_isolates = overflow_embeddings = valid_isolates = 0

    def next_level(odd: bool) -> int:
        level = stack[-1][0]
        return level + 1 + (level % 2 == 1) if odd else level + 1 + (level % 2 == 0)

    for i, kind in enumerate(classes):
        if kind in ("RLE", "LRE", "RLO", "LRO"):
            new = next_level(kind[0] == "R")
            levels[i] = stack[-1][0]
            if new <= MAX_DEPTH and overflow_isolates == 0 and overflow_embeddings == 0:
                override = {"RLO": "R", "LRO": "L"}.get(kind)
                stack.append((new, override, False))
            elif overflow_isolates == 0:
                overflow_embeddings += 1
        elif kind in _INITIATORS:
            levels[i] = stack[-1][0]
            if stack[-1][1]:
                types[i] = stack[-1][1]
            odd = kind == "RLI"
            if kind == "FSI":
                inner = first_strong(classes, i + 1, matching.get(i, len(classes)))
                odd = inner in ("R", "AL")
            new = next_level(odd)
            if new <= MAX_DEPTH and overflow_isolates == 0 and overflow_embeddings == 0:
                valid_isolates += 1
                stack.append((new, None, True))
            else:
                overflow_isolates += 1
        elif kind == "PDI":
            if overflow_isolates:
                overflow_isolates -= 1
            elif valid_isolates:
                overflow_embeddings = 0
                while not stack[-1][2]:
                    stack.pop()
                stack.pop()
                valid_isolates -= 1
            levels[i] = stack[-1][0]
            if stack[-1][1]:
                types[i] = stack[-1][1]
        elif kind == "PDF":
            if overflow_isolates:
                pass
            elif overflow_embeddings:
                overflow_embeddings -= 1
            elif not stack[-1][2] and len(stack) >= 2:
                stack.pop()
            levels[i] = stack[-1][0]
        elif kind == "B":
            levels[i] = base
        elif kind == "BN":
            levels[i] = stack[-1][0]
        else:
            levels[i] = stack[-1][0]
            if stack[-1][1]:
                types[i] = stack[-1][1]
    return levels, types


def _isolating_sequences(kept: list[int], levels: list[int], classes: list[str],
                         matching: dict[int, int]) -> list[list[int]]:
    """BD13: level runs joined across isolates, as lists of character indexes."""
    runs: list[list[int]] = []
    for i in kept:
        if runs and levels[runs[-1][-1]] == levels[i]:
            runs[-1].append(i)
        else:
            runs.append([i])
    starting = {run[0]: run for run in runs}
    continued = set(matching.values())
    sequences = []
    for run in runs:
        if classes[run[0]] == "PDI" and run[0] in continued:
            continue
        sequence = list(run)
        while classes[sequence[-1]] in _INITIATORS and sequence[-1] in matching:
            following = starting.get(matching[sequence[-1]])
            if following is None:
                break
            sequence += following
        sequences.append(sequence)
    return sequences


# --- W1-W7, N0-N2, I1-I2 --------------------------------------------------------------------

def _resolve_sequence(sequence, text, types, levels, resolved, classes, base, kept, position):
    level = levels[sequence[0]]
    first, last = position[sequence[0]], position[sequence[-1]]
    before = levels[kept[first - 1]] if first > 0 else base
    if classes[sequence[-1]] in _INITIATORS or last + 1 >= len(kept):
        after = base
    else:
        after = levels[kept[last + 1]]
    sos = "R" if max(level, before) % 2 else "L"
    eos = "R" if max(level, levels[sequence[-1]], after) % 2 else "L"
    t = [types[i] for i in sequence]
    _weak(t, sos)
    _brackets(t, [text[i] for i in sequence], [classes[i] for i in sequence], sos, level)
    _neutrals(t, sos, eos, level)
    for n, i in enumerate(sequence):
        kind = t[n]
        if level % 2 == 0:
            resolved[i] = level + (1 if kind == "R" else 2 if kind in ("AN", "EN") else 0)
        else:
            resolved[i] = level + (1 if kind in ("L", "EN", "AN") else 0)


def _weak(t: list[str], sos: str) -> None:
    previous = sos
    for n, kind in enumerate(t):  # W1
        if kind == "NSM":
            t[n] = "ON" if previous in _ISOLATE_CONTROLS else previous
        previous = t[n]
    strong = sos
    for n, kind in enumerate(t):  # W2, W3
        if kind in _STRONG:
            strong = kind
            if kind == "AL":
                t[n] = "R"
        elif kind == "EN" and strong == "AL":
            t[n] = "AN"
    for n in range(1, len(t) - 1):  # W4
        if t[n] == "ES" and t[n - 1] == "EN" and t[n + 1] == "EN":
            t[n] = "EN"
        elif t[n] == "CS" and t[n - 1] == t[n + 1] and t[n - 1] in ("EN", "AN"):
            t[n] = t[n - 1]
    n = 0
    while n < len(t):  # W5
        if t[n] == "ET":
            end = n
            while end < len(t) and t[end] == "ET":
                end += 1
            if (n > 0 and t[n - 1] == "EN") or (end < len(t) and t[end] == "EN"):
                t[n:end] = ["EN"] * (end - n)
            n = end
        else:
            n += 1
    for n, kind in enumerate(t):  # W6
        if kind in ("ES", "ET", "CS"):
            t[n] = "ON"
    strong = sos
    for n, kind in enumerate(t):  # W7
        if kind in ("L", "R"):
            strong = kind
        elif kind == "EN" and strong == "L":
            t[n] = "L"


def _strong_of(kind: str) -> str | None:
    if kind == "L":
        return "L"
    if kind in ("R", "AN", "EN"):
        return "R"
    return None


def _bracket_pairs(t, chars, classes) -> list[tuple[int, int]]:
    """BD16: opening and closing paired brackets, in order of their openings."""
    stack: list[tuple[str, int]] = []
    pairs = []
    for n, char in enumerate(chars):
        if t[n] != "ON" or classes[n] != "ON":
            continue
        category = unicodedata.category(char)
        if category == "Ps" and char in MIRRORED:
            if len(stack) == _BRACKET_STACK:
                break
            stack.append((_CANONICAL.get(MIRRORED[char], MIRRORED[char]), n))
        elif category == "Pe" and char in MIRRORED:
            wanted = _CANONICAL.get(char, char)
            for depth in range(len(stack) - 1, -1, -1):
                if stack[depth][0] == wanted:
                    pairs.append((stack[depth][1], n))
                    del stack[depth:]
                    break
    return sorted(pairs)


def _brackets(t, chars, classes, sos: str, level: int) -> None:
    """N0: a bracket pair takes the direction of what it holds, else of what comes before."""
    embedding = "R" if level % 2 else "L"
    for opening, closing in _bracket_pairs(t, chars, classes):
        inside = {_strong_of(kind) for kind in t[opening + 1:closing]} - {None}
        if not inside:
            continue
        if embedding in inside:
            direction = embedding
        else:
            context = sos
            for kind in reversed(t[:opening]):
                found = _strong_of(kind)
                if found:
                    context = found
                    break
            direction = context if context != embedding else embedding
        t[opening] = t[closing] = direction


def _neutrals(t, sos: str, eos: str, level: int) -> None:
    embedding = "R" if level % 2 else "L"
    n = 0
    while n < len(t):
        if t[n] not in _NEUTRAL:
            n += 1
            continue
        end = n
        while end < len(t) and t[end] in _NEUTRAL:
            end += 1
        before = sos if n == 0 else _strong_of(t[n - 1]) or embedding
        after = eos if end == len(t) else _strong_of(t[end]) or embedding
        direction = before if before == after else embedding  # N1, N2
        t[n:end] = [direction] * (end - n)
        n = end
