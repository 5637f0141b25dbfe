"""Real files made in the tests: phone photos with GPS, sideways photos, iPhone HEIC, a PDF that
runs JavaScript, a decompression bomb."""

from io import BytesIO

import pikepdf
from pikepdf import Dictionary, Name, String
from PIL import ExifTags, Image

ORIENTATION_TURN_CLOCKWISE = 6  # EXIF: "turn 90° clockwise to show it upright"


def photo(size=(640, 480), colour=(200, 120, 40), fmt="JPEG", exif=None) -> bytes:
    out = BytesIO()
    image = Image.new("RGB", size, colour)
    options = {"exif": exif.tobytes()} if exif is not None else {}
    image.save(out, fmt, **options)
    return out.getvalue()


def gps_exif() -> Image.Exif:
    """What a phone writes: the camera, the time, and where the photo was taken."""
    exif = Image.Exif()
    exif[ExifTags.Base.Make] = "PhoneMaker"
    exif[ExifTags.Base.Model] = "Cheap Phone 3"
    exif[ExifTags.Base.DateTime] = "2026:03:03 10:14:00"
    gps = exif.get_ifd(ExifTags.IFD.GPSInfo)
    gps[ExifTags.GPS.GPSLatitudeRef] = "N"
    gps[ExifTags.GPS.GPSLatitude] = (51.0, 30.0, 26.0)
    gps[ExifTags.GPS.GPSLongitudeRef] = "W"
    gps[ExifTags.GPS.GPSLongitude] = (0.0, 7.0, 39.0)
    return exif


def phone_photo_with_gps() -> bytes:
    return photo(exif=gps_exif())


def sideways_photo() -> bytes:
    """Stored 400×200 with the left half red, and a tag saying "turn clockwise": upright it is
    200×400 with red at the top."""
    image = Image.new("RGB", (400, 200), (0, 0, 255))
    image.paste((255, 0, 0), (0, 0, 200, 200))
    exif = Image.Exif()
    exif[ExifTags.Base.Orientation] = ORIENTATION_TURN_CLOCKWISE
    out = BytesIO()
    image.save(out, "JPEG", exif=exif.tobytes(), quality=95)
    return out.getvalue()


def heic_photo() -> bytes:
    from pillow_heif import register_heif_opener

    register_heif_opener()
    out = BytesIO()
    Image.new("RGB", (300, 200), (10, 160, 90)).save(out, "HEIF", quality=80)
    return out.getvalue()


def decompression_bomb() -> bytes:
    """64 million pixels of nothing: a few kilobytes as a PNG, 190 MB once unpacked as RGB."""
    out = BytesIO()
    Image.new("1", (8000, 8000)).save(out, "PNG", optimize=True)
    return out.getvalue()


SCRIPT = "app.alert('this PDF runs code')"


def pdf_with_javascript() -> bytes:
    """A one-page letter that runs JavaScript when opened, has a form, an embedded file and a
    link that runs a script."""
    pdf = pikepdf.new()
    pdf.add_blank_page(page_size=(595, 842))
    script = pdf.make_indirect(Dictionary(S=Name.JavaScript, JS=String(SCRIPT)))
    pdf.Root.OpenAction = script
    pdf.Root.Names = Dictionary(JavaScript=Dictionary(Names=pikepdf.Array(
        [String("start"), script])))
    pdf.Root.AcroForm = Dictionary(Fields=pikepdf.Array())
    pdf.attachments["hidden.exe"] = pikepdf.AttachedFileSpec(pdf, b"MZ not really a program")
    link = pdf.make_indirect(Dictionary(Type=Name.Annot, Subtype=Name.Link,
                                        Rect=pikepdf.Array([0, 0, 100, 100]), A=script))
    pdf.pages[0].obj.Annots = pikepdf.Array([link])
    pdf.pages[0].obj.AA = Dictionary(O=script)
    pdf.docinfo["/Author"] = "Someone at the refuge"
    out = BytesIO()
    pdf.save(out)
    return out.getvalue()


def plain_pdf(pages=1) -> bytes:
    pdf = pikepdf.new()
    for _ in range(pages):
        pdf.add_blank_page()
    out = BytesIO()
    pdf.save(out)
    return out.getvalue()


def acting_parts(content: bytes) -> list[str]:
    """Everything in a PDF that could run or hide something, wherever it is."""
    found = []
    with pikepdf.open(BytesIO(content)) as pdf:
        for key in ("/OpenAction", "/AA", "/AcroForm"):
            if key in pdf.Root:
                found.append(key)
        if "/Names" in pdf.Root:
            found += [key for key in ("/JavaScript", "/EmbeddedFiles") if key in pdf.Root.Names]
        for thing in pdf.objects:
            if isinstance(thing, Dictionary):
                found += [key for key in ("/JS", "/AA", "/EmbeddedFile") if key in thing]
                if thing.get("/S") == Name.JavaScript:
                    found.append("/S /JavaScript")
        if "/Author" in pdf.docinfo:
            found.append("/Author")
    return found
