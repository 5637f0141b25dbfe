"""PDFs from anywhere, made safe to keep: whatever in a PDF can run, open something or hide a
file is taken out, and so is what it says about who wrote it.

A letter from the council needs its pages and nothing else. JavaScript, actions that run when the
file opens or a page is shown, forms (which can carry scripts and send data), embedded files and
launch actions are removed; so are the document's author and editing history (its info and XMP
metadata), which can name a person or a place.
"""

from dataclasses import dataclass
from io import BytesIO

import pikepdf
from pikepdf import Dictionary, Name

from record_book.i18n import N_

# Anything that acts rather than shows: a key naming an action or a script is removed wherever
# it is found.
ACTING_KEYS = ("/JS", "/JavaScript", "/AA", "/OpenAction", "/AcroForm", "/EmbeddedFiles",
               "/EmbeddedFile", "/XFA", "/Launch", "/RichMedia")
# Annotations that are forms, files or media rather than marks on the page.
ACTING_ANNOTATIONS = ("/Widget", "/FileAttachment", "/Screen", "/Movie", "/Sound", "/RichMedia",
                      "/3D")
# Actions a link may hold; only going to a place in this same document is kept.
KEPT_ACTIONS = ("/GoTo",)


class Refused(Exception):
    def __init__(self, message: str, **params):
        super().__init__(message)
        self.message = message
        self.params = params


@dataclass(frozen=True)
class CleanPdf:
    content: bytes
    pages: int


def _clean_dictionary(value: Dictionary) -> None:
    for key in ACTING_KEYS:
        if key in value:
            del value[key]
    action = value.get("/A")
    if isinstance(action, Dictionary) and action.get("/S") not in KEPT_ACTIONS:
        del value["/A"]


def _clean_pages(pdf: pikepdf.Pdf) -> None:
    for page in pdf.pages:
        annotations = page.obj.get("/Annots")
        if annotations is None:
            continue
        kept = pikepdf.Array([annotation for annotation in annotations
                              if annotation.get("/Subtype") not in ACTING_ANNOTATIONS])
        page.obj[Name.Annots] = kept


def clean_pdf(content: bytes) -> CleanPdf:
    """The PDF without anything that acts; raises Refused with plain words when it cannot be
    opened."""
    try:
        pdf = pikepdf.open(BytesIO(content))
    except pikepdf.PasswordError as locked:
        raise Refused(N_("This PDF is locked with a password. Open it, save a copy without the "
                         "password, and add that instead.")) from locked
    except (pikepdf.PdfError, ValueError, OSError) as broken:
        raise Refused(N_("We could not open this PDF. It may be damaged. Try saving it again, "
                         "or take a photo of the paper instead.")) from broken
    with pdf:
        try:
            root = pdf.Root
            names = root.get("/Names")
            if isinstance(names, Dictionary):
                for key in ("/JavaScript", "/EmbeddedFiles"):
                    if key in names:
                        del names[key]
            for key in ("/Metadata", "/OpenAction", "/AA", "/AcroForm"):
                if key in root:
                    del root[key]
            _clean_pages(pdf)
            for thing in pdf.objects:
                if isinstance(thing, Dictionary):
                    _clean_dictionary(thing)
            if "/Info" in pdf.trailer:
                del pdf.trailer["/Info"]
            pages = len(pdf.pages)
            if pages == 0:
                raise Refused(N_("This PDF has no pages."))
            out = BytesIO()
            pdf.remove_unreferenced_resources()
            # The same PDF cleans to the same bytes, so a book's export is the same each time.
            pdf.save(out, compress_streams=True, deterministic_id=True,
                     object_stream_mode=pikepdf.ObjectStreamMode.generate)
        except (pikepdf.PdfError, ValueError, KeyError, TypeError) as broken:
            raise Refused(N_("We could not open this PDF. It may be damaged. Try saving it "
                             "again, or take a photo of the paper instead.")) from broken
    return CleanPdf(out.getvalue(), pages)
