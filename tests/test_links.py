"""links_to: one url_for for a list of links to one page, each the address url_for gives."""

from flask import url_for

from portal.routing import links_to


def test_each_link_is_the_address_url_for_gives(app):
    for root in ("", "/portal"):
        with app.test_request_context("/", base_url=f"http://localhost{root}"):
            entry_link = links_to("book.view_entry", "entry_id", family_id=7)
            home_link = links_to("book.home", "family_id")
            for found in (1, 42, 2**31 - 1):
                assert entry_link(found) == url_for("book.view_entry", family_id=7,
                                                    entry_id=found)
                assert home_link(found) == url_for("book.home", family_id=found)


def test_a_value_that_looks_like_the_mark_falls_back_to_url_for(app):
    with app.test_request_context("/"):
        link = links_to("book.view_entry", "entry_id", family_id=2**31 - 1)
        assert link(5) == url_for("book.view_entry", family_id=2**31 - 1, entry_id=5)
