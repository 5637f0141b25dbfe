"""The demo family's letters and photos, drawn at seed time with Pillow (nothing downloaded): a
phone photo of a letter from school and one of the mould in the girls' room."""

from io import BytesIO

from PIL import Image, ImageDraw, ImageFont
from sqlalchemy import select

from record_book.book.attachments import Upload, add_attachment
from record_book.book.model import Entry

LETTER = (
    "Riverside School",
    "",
    "Dear Ms Hollis,",
    "",
    "Thank you for meeting us about Zosia.",
    "We will meet again as a Team Around the",
    "Family, with Rosa from Northgate Family",
    "Support, on Tuesday at 3.30pm.",
    "",
    "Zosia can use the quiet room at lunch",
    "and see Mrs Okafor on Monday mornings.",
    "",
    "Yours sincerely,",
    "Ms Helen Brooks",
)


def _jpeg(image: Image.Image) -> bytes:
    out = BytesIO()
    image.save(out, "JPEG", quality=85)
    return out.getvalue()


def letter_photo() -> bytes:
    """A sheet of paper on a table, taken a little from above, as a phone would."""
    photo = Image.new("RGB", (1200, 1600), (120, 92, 70))
    draw = ImageDraw.Draw(photo)
    draw.rectangle((110, 90, 1090, 1510), fill=(246, 244, 236))
    font = ImageFont.load_default(size=38)
    for line, text in enumerate(LETTER):
        draw.text((170, 170 + line * 62), text, fill=(40, 40, 48), font=font)
    return _jpeg(photo)


def mould_photo() -> bytes:
    photo = Image.new("RGB", (1600, 1200), (226, 222, 210))
    draw = ImageDraw.Draw(photo)
    for spot in range(140):
        x, y = (spot * 397) % 1500, 60 + (spot * 151) % 420
        size = 8 + (spot * 13) % 40
        draw.ellipse((x, y, x + size, y + size * 0.8), fill=(48, 52, 40))
    draw.rectangle((0, 980, 1600, 1200), fill=(150, 120, 90))
    return _jpeg(photo)


def load(session, marta) -> None:
    """The holder adds them the way a family would, so they are cleaned like any upload."""
    for title, caption, content in (
            ("First Team Around the Family meeting", "Letter from Riverside School about the "
             "meeting", letter_photo()),
            ("Reported the mould in the girls' bedroom", "Photo of the mould by Mia's bed",
             mould_photo())):
        entry = session.scalar(select(Entry).where(Entry.family_id == marta.family_id,
                                                   Entry.title == title))
        add_attachment(session, marta, entry, Upload("photo.jpg", content, caption),
                       now=marta.now)
