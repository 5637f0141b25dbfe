"""The "Print our book" page and the print-booklet command."""

from io import BytesIO

from pypdf import PdfReader

from conftest import sign_in


def _url(book):
    return f"/families/{book.family.id}/print"


def test_the_holder_gets_the_form_and_then_the_pdf(client, book):
    sign_in(client, book.holder)
    page = client.get(_url(book))
    assert page.status_code == 200
    assert "Print our book" in page.text and 'name="sections"' in page.text
    assert 'value="ur"' in page.text and 'value="a5"' in page.text

    response = client.post(_url(book), data={
        "language": "en", "size": "a5", "folded": "yes", "large_print": "yes",
        "sections": ["summary", "people", "notes"]})
    assert response.status_code == 200
    assert response.mimetype == "application/pdf"
    disposition = response.headers["Content-Disposition"]
    assert disposition.startswith("attachment;") and ".pdf" in disposition
    pdf = PdfReader(BytesIO(response.data))
    assert len(pdf.pages) % 2 == 0 and pdf.trailer["/Root"]["/Lang"] == "en"
    assert [item.title for item in pdf.outline] == ["Read this first", "Our people",
                                                    "Notes and things to ask"]


def test_a_young_person_can_print_too(client, book):
    sign_in(client, book.young)
    response = client.post(_url(book), data={"language": "ar", "size": "a4",
                                             "sections": ["people"]})
    assert response.status_code == 200 and response.mimetype == "application/pdf"


def test_bad_choices_get_plain_words_not_a_crash(client, book):
    sign_in(client, book.holder)
    cases = [
        ({"language": "xx", "size": "a4", "sections": ["people"]}, "cannot print in that language"),
        ({"language": "en", "size": "b7", "sections": ["people"]}, "Choose A4 or A5"),
        ({"language": "en", "size": "a4"}, "Tick at least one part"),
        ({"language": "en", "size": "a4", "sections": ["people", "<script>"]},
         "Choose the parts of the book"),
    ]
    for data, words in cases:
        response = client.post(_url(book), data=data)
        assert response.status_code == 400, data
        assert response.mimetype == "text/html"
        assert words in response.text and "There is a problem" in response.text
        assert "<script>" not in response.text


def test_the_print_command_writes_a_booklet(app, book, tmp_path):
    out = tmp_path / "book.pdf"
    result = app.test_cli_runner().invoke(args=[
        "print-booklet", "--family", str(book.family.id), "--lang", "ur", "--large-print",
        "--size", "a5", "--folded", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "sheet sides" in result.output
    pdf = PdfReader(str(out))
    assert pdf.trailer["/Root"]["/Lang"] == "ur" and len(pdf.pages) >= 2

    missing = app.test_cli_runner().invoke(args=[
        "print-booklet", "--family", "9999", "-o", str(out)])
    assert missing.exit_code != 0 and "no family 9999" in missing.output
