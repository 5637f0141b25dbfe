"""A very long address gets our plain "too long" page, in the app and through a real gunicorn
started with gunicorn.conf.py (whose own page would say "Request Line is too large")."""

import http.client
import urllib.parse

import pytest
from app_servers import app_servers

from portal.uploads import LONGEST_ADDRESS

TOO_LONG = "That web address is too long"


@pytest.mark.parametrize("path", ["/directory?q=" + "a" * LONGEST_ADDRESS,
                                  "/" + "x" * 5000, "/families/1/story?" + "k=v&" * 2000])
def test_the_app_answers_a_long_address_with_its_own_page(client, path):
    page = client.get(path)
    assert page.status_code == 414
    assert TOO_LONG in page.text and "check it is right" in page.text


def test_an_address_just_within_the_limit_is_answered_as_usual(client):
    path = "/directory?q=" + "a" * (LONGEST_ADDRESS - len("/directory?q="))
    assert client.get(path).status_code == 200


def _get(address: str, path: str) -> tuple[int, str]:
    parts = urllib.parse.urlsplit(address)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
    try:
        connection.request("GET", path)
        answer = connection.getresponse()
        return answer.status, answer.read().decode("utf-8", "replace")
    finally:
        connection.close()


def test_through_gunicorn_an_8_kb_address_gets_our_page(database_url):
    with app_servers(1, database_url, "a secret for the long address test") as (address,):
        for path in ("/directory?q=" + "a" * 8000, "/" + "x" * 8100):
            status, page = _get(address, path)
            assert status == 414, page[:300]
            assert TOO_LONG in page and "Request Line is too large" not in page
        assert _get(address, "/directory?q=" + "a" * 3000)[0] == 200
