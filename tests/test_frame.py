"""The page's frame is made once per key and kept (portal/frame.py): a kept frame must still
be each page's own where the page differs."""

import re

from conftest import sign_in
from flask import request, url_for
from markupsafe import escape

from portal.language import LANGUAGES


def language_links(page: str) -> set[str]:
    return set(re.findall(r'href="(/language/[a-z]+\?next=[^"]*)"', page))


def easy_read_link(page: str) -> str:
    return re.search(r'href="(/easy-read/[a-z]+\?next=[^"]*)"', page).group(1)


def current_menu_item(page: str) -> str:
    item = re.search(r'govuk-service-navigation__item--active.*?href="([^"]+)"', page, re.DOTALL)
    return item.group(1)


def test_the_kept_language_bar_names_each_page_it_is_on(app, client):
    address = "/directory?q=debt%20%26%20rent&x=%221%22"
    first = client.get("/sign-in").text
    again = client.get(address).text
    assert "/language/cy?next=/sign-in" in language_links(first)
    assert easy_read_link(first) == "/easy-read/on?next=/sign-in"
    # The address with its query, quoted as url_for quotes it in a fresh link.
    with app.test_request_context(address):
        fresh = {url_for("language.choose", code=code, next=request.full_path)
                 for code in LANGUAGES}
    assert language_links(again) == {str(escape(link)) for link in fresh}
    assert easy_read_link(again) == "/easy-read/on?next=/directory"
    assert "__this_page__" not in first + again and "__this_path__" not in first + again


def test_the_kept_frame_follows_the_language_and_easy_read(client):
    english = client.get("/sign-in").text
    client.get("/language/cy?next=/sign-in")
    welsh = client.get("/sign-in").text
    assert "Skip to main content" in english and "Skip to main content" not in welsh
    client.get("/easy-read/on?next=/sign-in")
    assert easy_read_link(client.get("/sign-in").text) == "/easy-read/off?next=/sign-in"


def test_the_kept_menu_marks_the_page_it_is_on_and_fits_the_reader(app, book):
    holder = sign_in(app.test_client(), book.holder)
    family = book.family.id
    assert current_menu_item(holder.get(f"/families/{family}/story").text) == (
        f"/families/{family}/story")
    assert current_menu_item(holder.get(f"/families/{family}/timeline").text) == (
        f"/families/{family}/timeline")
    young = sign_in(app.test_client(), book.young).get(f"/families/{family}/story").text
    holder_page = holder.get(f"/families/{family}/story").text
    assert f"/families/{family}/inbox" in holder_page
    assert f"/families/{family}/inbox" not in young
    other = sign_in(app.test_client(), book.other_holder)
    other_page = other.get(f"/families/{book.other_family.id}/story").text
    assert f"/families/{family}/" not in other_page


def test_forms_in_the_kept_frame_carry_each_page_its_own_one_time_tokens(app, book):
    holder = sign_in(app.test_client(), book.holder)
    pages = [holder.get(f"/families/{book.family.id}/story").text for _ in range(2)]
    tokens = [re.findall(r'name="form_once" value="([^"]+)"', page) for page in pages]
    # The idle warning's "Stay signed in" and the footer's "Sign out", on each page.
    assert all(len(found) >= 2 for found in tokens)
    every = tokens[0] + tokens[1]
    assert len(set(every)) == len(every)
    assert "Signed in as Sam Carter" in pages[0]
    young = sign_in(app.test_client(), book.young).get(f"/families/{book.family.id}/story").text
    assert "Signed in as Jo Carter" in young and "Sam Carter</p>" not in young
