"""Letters and photos in the booklet: each photo under its entry, at a size that reads on paper
(the frame's width, up to about half a page tall), with its caption; PDFs listed by caption, since
their pages are their own document.

They come with their entries from the reading path (`content.attachments`), so a booklet never
holds a file that its reader could not open on the web.
"""

import hashlib
from io import BytesIO

from reportlab.lib.utils import ImageReader
from reportlab.platypus import Flowable, KeepTogether

from print_templates.content import BookContent
from print_templates.i18n import N_
from print_templates.kit import Kit

# How tall a photo may print, in lines of body text: about half an A5 page at 12 pt.
PHOTO_LINES = 18


class KeptPhoto(ImageReader):
    """A kept photo (always a JPEG, print_templates' input from record_book.book.photos),
    embedded as the JPEG it is. ReportLab names each image by its decoded pixels, which for a
    phone photo is tens of megabytes decoded only to be hashed: here the name is the JPEG's own
    digest (the pixels are still decoded for anything that is not a JPEG)."""

    def __init__(self, content: bytes):
        super().__init__(BytesIO(content))
        self._digest = hashlib.sha256(content).digest()
        self._dataA = None  # no transparency: ReportLab reads it when it names the image

    def getRGBData(self):
        return self._digest if self.jpeg_fh() else super().getRGBData()


class PrintedPhoto(Flowable):
    def __init__(self, content: bytes, width: int, height: int, most_height: float,
                 align: str):
        super().__init__()
        self.content, self.pixels, self.most_height = content, (width, height), most_height
        self.hAlign = align

    def wrap(self, available_width, available_height):
        width, height = self.pixels
        scale = min(available_width / width, self.most_height / height)
        self.width, self.height = width * scale, height * scale
        return self.width, self.height

    def draw(self):
        self.canv.drawImage(KeptPhoto(self.content), 0, 0, self.width, self.height)


def attached(content: BookContent, kit: Kit, entry) -> list[Flowable]:
    """An entry's photos and the captions of its PDFs, to print under it."""
    out: list[Flowable] = []
    for attachment, file in content.attachments.get(entry.id, []):
        if attachment.is_photo and file and attachment.width and attachment.height:
            photo = PrintedPhoto(file, attachment.width, attachment.height,
                                 kit.styles.body.leading * PHOTO_LINES,
                                 "RIGHT" if kit.context.rtl else "LEFT")
            out.append(KeepTogether([photo, kit.family_words(attachment.caption,
                                                             kit.styles.small)]))
        else:
            out.append(kit.labelled(N_("Letter kept in our book"), attachment.caption,
                                    kit.styles.small))
    return out
