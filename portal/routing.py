"""How addresses are read: an id in a path is the digits 0 to 9, and no bigger than the
database's integers, so any other "number" in an address is simply not found."""

from flask import Flask, url_for
from werkzeug.routing import IntegerConverter

from record_book.book.numbers import LARGEST


class BookId(IntegerConverter):
    # Werkzeug's own takes "\d+", which matches every script's digits ("٣" would be 3).
    regex = r"[0-9]{1,10}"

    def __init__(self, url_map, *args, **kwargs):
        kwargs.setdefault("max", LARGEST)
        super().__init__(url_map, *args, **kwargs)


def links_to(endpoint: str, name: str, **values):
    """A function from an id to the address of `endpoint` with that id as `name`, from one
    url_for: a list of hundreds of links to one page built each link afresh."""
    address = url_for(endpoint, **values, **{name: LARGEST})
    if address.count(str(LARGEST)) != 1:
        return lambda found: url_for(endpoint, **values, **{name: found})
    before, _, after = address.partition(str(LARGEST))
    return lambda found: f"{before}{int(found)}{after}"


def init_app(app: Flask) -> None:
    app.url_map.converters["int"] = BookId
    app.jinja_env.globals["links_to"] = links_to
