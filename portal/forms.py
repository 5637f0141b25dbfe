"""What an entry form shows: the values typed so far, and a problem beside each field."""

from dataclasses import dataclass, field

from werkzeug.datastructures import MultiDict

from record_book.book.dates import PartialDate
from record_book.book.kinds import Kind
from record_book.book.text import for_editing
from record_book.book.validation import Problem

# The form names of the fields that say where an entry sits, by their key in a snapshot.
META_FIELDS = {"_category": "category", "_owner_member_id": "owner_member_id",
               "_visibility": "visibility"}


@dataclass
class EntryForm:
    kind: Kind
    values: dict
    problems: dict[str, Problem] = field(default_factory=dict)
    conflicts: dict[str, tuple] = field(default_factory=dict)

    def value(self, name: str) -> str:
        return self.values.get(name, "")


def typed_values(form: MultiDict) -> dict:
    return {key: form.get(key, "") for key in form if key not in ("csrf_token", "form_once")}


def field_inputs(kind: Kind, stored: dict) -> dict:
    """Stored fields as the text boxes that would have produced them."""
    values: dict = {}
    for f in kind.fields:
        value = stored.get(f.name)
        if value is None:
            continue
        if f.type in ("date", "partial_date", "month"):
            when = PartialDate.from_json(value)
            values.update({f"{f.name}-day": str(when.day or ""), f"{f.name}-month": str(when.month),
                           f"{f.name}-year": str(when.year)})
            if when.around:
                values[f"{f.name}-around"] = "yes"
        elif f.type == "rich":
            values[f.name] = for_editing(value)
        else:
            values[f.name] = str(value)
    return values


def entry_inputs(kind: Kind, entry) -> dict:
    return {
        **field_inputs(kind, entry.fields),
        "category": entry.category,
        "owner_member_id": str(entry.owner_member_id or ""),
        "visibility": entry.visibility,
    }


def input_names(kind: Kind, name: str) -> tuple[str, ...]:
    """The form inputs that together make up one field or meta key."""
    if name in META_FIELDS:
        return (META_FIELDS[name],)
    f = kind.field(name)
    if f.type in ("date", "partial_date", "month"):
        return tuple(f"{name}-{part}" for part in ("day", "month", "year", "around"))
    return (name,)
