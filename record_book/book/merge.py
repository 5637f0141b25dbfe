"""Three-way merge of field dictionaries, so that no one's edit is lost.

Given the version both people started from (base), what is saved now (theirs) and what this
person submitted (mine): a field only one side changed takes that side's value; a field both sides
changed to different values is a conflict the person resolves.
"""

from dataclasses import dataclass

_ABSENT = object()


@dataclass(frozen=True)
class MergeResult:
    merged: dict
    conflicts: dict[str, tuple]  # field -> (theirs, mine)
    theirs_changed: frozenset

    @property
    def clean(self) -> bool:
        return not self.conflicts


def merge(base: dict, theirs: dict, mine: dict) -> MergeResult:
    merged: dict = {}
    conflicts: dict[str, tuple] = {}
    theirs_changed = set()
    for key in sorted(set(base) | set(theirs) | set(mine)):
        b, t, m = (d.get(key, _ABSENT) for d in (base, theirs, mine))
        if t != b:
            theirs_changed.add(key)
        if m == b or m == t:
            chosen = t
        elif t == b:
            chosen = m
        else:
            conflicts[key] = (None if t is _ABSENT else t, None if m is _ABSENT else m)
            chosen = m
        if chosen is not _ABSENT:
            merged[key] = chosen
    return MergeResult(merged, conflicts, frozenset(theirs_changed))
